/**
 * The story tables in the page's one DuckDB-WASM engine, and the filtered views every chart on the
 * page reads. Two ways in: the model's Parquet files (analyst pages) or parsed story tables (an
 * export dropped on /verhalen/eigen-export). Both end in the same table names and columns, so all
 * SQL below serves both.
 *
 * A filter change rewrites one temp table, `filtered` (story_id), and bumps `version`; chart
 * queries join it. A question's rows (one per story, per grouping) are read once and cached: a
 * filter change asks DuckDB only which stories pass (their places in story id order) and picks
 * those rows, so the same row objects come back and what charts derive from them (closed
 * compositions, ilr coordinates) is computed once per page, not on every change.
 */
import {Engine} from "./engine.js";
import {measure} from "./timing.js";
import {parquetToIpc} from "./arrow.js";
import {table, type TableSpec} from "../lib/model/schema.js";
import type {StoryTables} from "../lib/formats/stories/rows.js";
import type {StoryData} from "../lib/methods/patterns.js";
import type {Story} from "./story-reader.js";
import type {DyadRow, TriadRow} from "./chart-text.js";
import {stripHtml} from "../lib/formats/stories/html.js";

/** The story tables a page loads (the `cases` table only serves the domain filter). */
export const STORY_TABLES = [
  "stories", "story_texts", "signifiers", "signifier_options", "triad_answers", "dyad_answers", "choice_answers", "cases"
] as const;
export type StoryTableName = (typeof STORY_TABLES)[number];
/** Each story table as an Arrow IPC stream, still being decoded. */
export type DecodedTables = Record<StoryTableName, Promise<Uint8Array>>;

/** Grouping/colour keys that are not a question: the teller's role and the domain. */
export const ROLE = "teller_role";
export const DOMAIN = "domain";

export interface OptionInfo {
  readonly option_id: string;
  readonly label: string;
  readonly position: number;
}

export interface SignifierInfo {
  readonly signifier_id: string;
  readonly type: string;
  /** Title as plain text (story tools put HTML in titles). */
  readonly title: string;
  readonly multi_select: boolean;
  readonly position: number;
  /** Anchors (triad: top, left, right), poles (dyad: left, right) or items (list), in order. */
  readonly options: readonly OptionInfo[];
}

export interface StoryMeta {
  readonly total: number;
  readonly signifiers: readonly SignifierInfo[];
  readonly roles: readonly string[];
  readonly domains: readonly string[];
  /** First and last collection date (ISO yyyy-mm-dd), null without dates. */
  readonly firstDate: string | null;
  readonly lastDate: string | null;
}

/** What the filter bar (filters.ts) produces; empty lists and nulls mean "no filter". */
export interface FilterState {
  readonly roles: readonly string[];
  readonly domain: string | null;
  /** ISO dates, inclusive. */
  readonly from: string | null;
  readonly to: string | null;
  /** A list question and the options that count (a story matches when it ticked any of them). */
  readonly question: string | null;
  readonly options: readonly string[];
  /** Words that must all occur in the title or text (case-insensitive). */
  readonly search: string;
}

export const NO_FILTER: FilterState = {roles: [], domain: null, from: null, to: null, question: null, options: [], search: ""};

/** The result of applying a filter: counts, and a version that changes with every application. */
export interface FilteredView {
  readonly n: number;
  readonly total: number;
  readonly version: number;
  readonly filter: FilterState;
}

/** SQL string literal. (lib/model/queries/model.ts has one too, but that module is Node-only.) */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** SQL identifier (a column alias such as a question title). */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const sqlList = (values: readonly string[]) => values.map(sqlString).join(", ");

/** The WHERE clause over `story_base` for a filter state (exported for tests). */
export function filterWhere(f: FilterState): string {
  const parts: string[] = [];
  if (f.roles.length) parts.push(`teller_role IN (${sqlList(f.roles)})`);
  if (f.domain) parts.push(`domain = ${sqlString(f.domain)}`);
  if (f.from) parts.push(`collected_on >= ${sqlString(f.from)}::DATE`);
  if (f.to) parts.push(`collected_on <= ${sqlString(f.to)}::DATE`);
  if (f.question && f.options.length) {
    parts.push(`story_id IN (SELECT story_id FROM choice_answers WHERE signifier_id = ${sqlString(f.question)}
      AND status = 'answered' AND option_id IN (${sqlList(f.options)}))`);
  }
  for (const word of searchWords(f.search)) parts.push(`contains(haystack, ${sqlString(word)})`);
  return parts.length ? parts.join(" AND ") : "true";
}

export function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
}

/**
 * For a page where the analyst picks one export after another: one engine, started once, and each
 * export loaded into it after the previous one has finished loading. Two engines starting at once,
 * or two exports loading into the same tables at once, left such a page waiting forever now and then.
 */
export function exportLoader(): (tables: StoryTables) => Promise<StoryEngine> {
  const engine = Engine.start();
  let last: Promise<unknown> = Promise.resolve();
  return (tables) => {
    const next = last.then(() => undefined, () => undefined).then(async () => StoryEngine.fromTables(tables, await engine));
    last = next;
    return next;
  };
}

/** Resolves in a later task (after anything already queued, such as a paint). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A question's rows for every story. `onePerStory`: exactly one row per story, in the order of
 * story_index, so a filter can pick rows by place; not so when an export repeats answers or a
 * grouping question allows several options (then a filtered view is asked of DuckDB).
 */
interface EveryStory {
  readonly rows: readonly Record<string, unknown>[];
  readonly onePerStory: boolean;
}

/**
 * Rows kept in question-and-grouping row sets (each row some 170 bytes: 1.5M rows ~ 250 MB), and
 * at least 8 sets whatever their size. At 100,000 stories that is 15 sets: every question of an
 * overview page, without keeping every grouping a visitor ever tried.
 */
const EVERY_STORY_ROWS_KEPT = 1_500_000;
const EVERY_STORY_SETS_KEPT = 8;

/** 1 at each of `places` (story_index values) among `total` stories. */
function maskOf(places: ArrayLike<number>, total: number): Uint8Array {
  const keep = new Uint8Array(total);
  for (let i = 0; i < places.length; i++) keep[places[i]] = 1;
  return keep;
}

export class StoryEngine {
  private version = 0;
  /** Every story's rows per question and grouping, in story id order, most recently used last (see everyStory). */
  private readonly everyStoryRows = new Map<string, Promise<EveryStory>>();
  /** 1 for each story (by story_index) that passes the current filter; null before any filter (all pass). */
  private passing: Uint8Array | null = null;
  current: FilteredView | null = null;

  private constructor(readonly engine: Engine, readonly meta: StoryMeta) {}

  /** Registers the model's Parquet files (pass `FileAttachment(...).arrayBuffer()` per table). */
  static async fromParquet(files: Record<StoryTableName, ArrayBuffer | Promise<ArrayBuffer>>, engine?: Engine): Promise<StoryEngine> {
    return StoryEngine.fromDecoded(StoryEngine.decode(files), engine);
  }

  /**
   * Starts decoding the model's Parquet files into Arrow IPC (main thread, parquet-wasm), without
   * waiting: the engine starts meanwhile. Decoding blocks the main thread for a while; with
   * `after`, it waits for that promise (e.g. a first view being on screen) first.
   */
  static decode(files: Record<StoryTableName, ArrayBuffer | Promise<ArrayBuffer>>, {after}: {after?: Promise<unknown>} = {}): DecodedTables {
    // One table per task, in the order the engine loads them: the page can paint and respond
    // between two tables (at 100,000 stories one table takes a second).
    let previous: Promise<unknown> = after ?? Promise.resolve();
    const decoded = Object.fromEntries(STORY_TABLES.map((name) => {
      const table = Promise.all([files[name], previous.then(nextTask, nextTask)]).then(([bytes]) => parquetToIpc(bytes));
      previous = table;
      return [name, table];
    })) as DecodedTables;
    for (const p of Object.values(decoded)) p.catch(() => {}); // awaited later; no unhandled rejection meanwhile
    return decoded;
  }

  /** The engine over decoded tables; its start (the worker compiles the wasm) overlaps the decoding. */
  static async fromDecoded(decoded: DecodedTables, engine?: Engine): Promise<StoryEngine> {
    const started = performance.now();
    const e = engine ?? (await Engine.start());
    // One connection: register the tables one after the other.
    // A copy goes to the worker (the transfer detaches it): the preview may still read the original.
    for (const name of STORY_TABLES) await e.addIpc(name, decoded[name].then((bytes) => bytes.slice()));
    measure("wk:tables", started);
    const prepared = performance.now();
    const se = await StoryEngine.prepare(e);
    measure("wk:prepare", prepared);
    return se;
  }

  /** Loads parsed story tables (a dropped export) into a fresh engine; no cases, so no domain from case files. */
  static async fromTables(tables: StoryTables, engine?: Engine): Promise<StoryEngine> {
    const e = engine ?? (await Engine.start());
    for (const name of STORY_TABLES) {
      const spec = table(name);
      await e.query(`CREATE OR REPLACE TABLE ${name} (${columnsDdl(spec)})`);
      const rows = name === "cases" ? [] : (tables[name as keyof StoryTables] as unknown as Record<string, unknown>[]);
      await insertRows(e, spec, rows);
    }
    return StoryEngine.prepare(e);
  }

  private static async prepare(e: Engine): Promise<StoryEngine> {
    // One row per story with what the filters need; the domain comes from the case file when the
    // story names one, else from a question titled "domein".
    await e.query(`
      CREATE OR REPLACE TABLE story_base AS
      WITH domain_question AS (
        SELECT signifier_id FROM signifiers WHERE type = 'list' AND lower(trim(title)) LIKE 'domein%'
        ORDER BY position LIMIT 1),
      domain_answer AS (
        SELECT c.story_id, min(lower(o.label)) AS domain FROM choice_answers c
        JOIN domain_question q USING (signifier_id)
        JOIN signifier_options o ON o.signifier_id = c.signifier_id AND o.option_id = c.option_id
        WHERE c.status = 'answered' GROUP BY 1)
      SELECT s.story_id, (row_number() OVER (ORDER BY s.story_id) - 1)::INTEGER AS story_index,
        s.collected_on::DATE AS collected_on, s.teller_role,
        coalesce(lower(k.domain), d.domain) AS domain,
        t.title, t.text, lower(coalesce(t.title, '') || ' ' || coalesce(t.text, '')) AS haystack
      FROM stories s
      LEFT JOIN (SELECT case_id, any_value(domain) AS domain FROM cases GROUP BY 1) k ON k.case_id = s.case_ref
      LEFT JOIN domain_answer d ON d.story_id = s.story_id
      LEFT JOIN (SELECT story_id, any_value(title) AS title, any_value(text) AS text FROM story_texts GROUP BY 1) t
        ON t.story_id = s.story_id`);
    await e.query("CREATE OR REPLACE TEMP TABLE filtered AS SELECT story_id, story_index FROM story_base");
    return new StoryEngine(e, await readMeta(e));
  }

  signifiersOf(type: string): SignifierInfo[] {
    return this.meta.signifiers.filter((s) => s.type === type);
  }

  signifier(id: string): SignifierInfo | undefined {
    return this.meta.signifiers.find((s) => s.signifier_id === id);
  }

  /** Rewrites the `filtered` table; every chart query afterwards sees the new subset. */
  async applyFilter(filter: FilterState): Promise<FilteredView> {
    const start = performance.now();
    await this.engine.query(`CREATE OR REPLACE TEMP TABLE filtered AS SELECT story_id, story_index FROM story_base WHERE ${filterWhere(filter)}`);
    // The places of the stories that pass: their count, and the mask that picks rows, in one round trip.
    const places = await this.engine.column("SELECT story_index FROM filtered");
    this.passing = maskOf(places, this.meta.total);
    this.current = {n: places.length, total: this.meta.total, version: ++this.version, filter};
    measure("wk:apply-filter", start);
    return this.current;
  }

  /** SQL for a story's group label under `key`: the role, the domain, or the chosen options of a list question. */
  private groupSql(key: string | null): {join: string; column: string} {
    if (key === null) return {join: "", column: "NULL::VARCHAR"};
    if (key === ROLE) return {join: "", column: "b.teller_role"};
    if (key === DOMAIN) return {join: "", column: "b.domain"};
    // Several ticked options of a multi-select question form one combined label.
    return {
      join: `LEFT JOIN (
        SELECT c.story_id, string_agg(o.label, ' + ' ORDER BY o.position) AS label FROM choice_answers c
        JOIN signifier_options o ON o.signifier_id = c.signifier_id AND o.option_id = c.option_id
        WHERE c.signifier_id = ${sqlString(key)} AND c.status = 'answered' GROUP BY 1) g ON g.story_id = b.story_id`,
      column: "g.label"
    };
  }

  /**
   * One row per story (filtered, or all) for a triad: status (a story without an answer row counts
   * as skipped), parts, role and the group label under `groupBy` (in column `as`, default "group",
   * so a chart legend can carry the question's title).
   */
  async triadRows(signifierId: string, {groupBy = ROLE as string | null, filtered = true, as = "group"} = {}): Promise<TriadRow[]> {
    return this.rowsOf("triad", signifierId, groupBy, as, filtered) as Promise<TriadRow[]>;
  }

  async dyadRows(signifierId: string, {groupBy = ROLE as string | null, filtered = true, as = "group"} = {}): Promise<DyadRow[]> {
    return this.rowsOf("dyad", signifierId, groupBy, as, filtered) as Promise<DyadRow[]>;
  }

  /**
   * The unfiltered rows of a question (the faint layer behind the subset). A chart split into
   * groups places these rows by the same `groupBy` under `as`.
   */
  async backgroundRows(kind: "triad" | "dyad", signifierId: string, {groupBy = null as string | null, as = "group"} = {}): Promise<readonly (TriadRow & DyadRow)[]> {
    return this.rowsOf(kind, signifierId, groupBy, as, false) as Promise<(TriadRow & DyadRow)[]>;
  }

  private async rowsOf(kind: "triad" | "dyad", signifierId: string, groupBy: string | null, as: string, filtered: boolean): Promise<Record<string, unknown>[]> {
    const all = await this.everyStory(kind, signifierId, groupBy, as);
    if (!filtered) return [...all.rows];
    if (!all.onePerStory) return this.engine.query(this.answerSql(kind, signifierId, groupBy, as, true));
    const passing = this.passing;
    return passing === null ? [...all.rows] : all.rows.filter((_, i) => passing[i] === 1);
  }

  /**
   * Every story's rows for a question under a grouping, read once (the promise is kept, so charts
   * asking at the same time share one query). Only the most recently used are kept (see
   * EVERY_STORY_ROWS_KEPT).
   */
  private everyStory(kind: "triad" | "dyad", signifierId: string, groupBy: string | null, as: string): Promise<EveryStory> {
    const key = JSON.stringify([kind, signifierId, groupBy, as]);
    let rows = this.everyStoryRows.get(key);
    if (rows === undefined) {
      rows = this.engine.query(this.answerSql(kind, signifierId, groupBy, as, false))
        .then((all) => ({rows: all, onePerStory: all.length === this.meta.total}));
      rows.catch(() => this.everyStoryRows.delete(key)); // a failed query is asked again next time
    }
    this.everyStoryRows.delete(key);
    this.everyStoryRows.set(key, rows);
    const kept = Math.max(EVERY_STORY_SETS_KEPT, Math.floor(EVERY_STORY_ROWS_KEPT / Math.max(1, this.meta.total)));
    if (this.everyStoryRows.size > kept) this.everyStoryRows.delete(this.everyStoryRows.keys().next().value!);
    return rows;
  }

  /**
   * One row per story (filtered, or all) for a question: status (a story without an answer row
   * counts as skipped), the parts or position, role and the group label under `groupBy` (in column
   * `as`, default "group", so a chart legend can carry the question's title).
   */
  private answerSql(kind: "triad" | "dyad", signifierId: string, groupBy: string | null, as: string, filtered: boolean): string {
    const g = this.groupSql(groupBy);
    const values = kind === "triad" ? `a.top::DOUBLE AS top, a."left"::DOUBLE AS "left", a."right"::DOUBLE AS "right"` : "a.position::DOUBLE AS position";
    return `
      SELECT b.story_id, b.teller_role, ${g.column} AS ${sqlIdentifier(as)}, coalesce(a.status, 'skipped') AS status, ${values}
      FROM story_base b ${filtered ? "SEMI JOIN filtered f ON f.story_id = b.story_id" : ""}
      LEFT JOIN ${kind}_answers a ON a.story_id = b.story_id AND a.signifier_id = ${sqlString(signifierId)}
      ${g.join}
      ORDER BY b.story_id`;
  }

  /**
   * Filtered stories per option of a list question, split by `groupBy` (null: no split), with
   * their story ids so a bar opens its stories; plus the filtered stories without an answer.
   */
  async choiceCounts(signifierId: string, groupBy: string | null = ROLE): Promise<{counts: ChoiceCount[]; unanswered: number}> {
    const g = this.groupSql(groupBy);
    const counts = await this.engine.query<ChoiceCount & {story_ids: string[] | {toArray(): string[]}}>(`
      SELECT o.option_id, o.label, o.position::INTEGER AS position, ${g.column} AS "group",
        count(*)::INTEGER AS n, list(b.story_id ORDER BY b.story_id) AS story_ids
      FROM choice_answers c
      JOIN signifier_options o ON o.signifier_id = c.signifier_id AND o.option_id = c.option_id
      JOIN story_base b ON b.story_id = c.story_id
      SEMI JOIN filtered f ON f.story_id = b.story_id
      ${g.join}
      WHERE c.signifier_id = ${sqlString(signifierId)} AND c.status = 'answered'
      GROUP BY ALL ORDER BY position, "group"`);
    const [{unanswered}] = await this.engine.query<{unanswered: number}>(`
      SELECT count(*)::INTEGER AS unanswered FROM filtered f
      WHERE f.story_id NOT IN (SELECT story_id FROM choice_answers WHERE signifier_id = ${sqlString(signifierId)} AND status = 'answered')`);
    return {counts: counts.map((c) => ({...c, story_ids: plainList(c.story_ids)})), unanswered};
  }

  /** The stories behind a selection: title, text, date, role and every signifier value, as plain data. */
  async stories(ids: readonly string[]): Promise<Story[]> {
    if (ids.length === 0) return [];
    await this.engine.query("CREATE OR REPLACE TEMP TABLE picked (story_id VARCHAR)");
    for (let i = 0; i < ids.length; i += 1000) {
      await this.engine.query(`INSERT INTO picked VALUES ${ids.slice(i, i + 1000).map((id) => `(${sqlString(id)})`).join(", ")}`);
    }
    const base = await this.engine.query<{story_id: string; title: string | null; text: string | null; collected_on: Date | null; teller_role: string | null}>(`
      SELECT b.story_id, b.title, b.text, b.collected_on, b.teller_role FROM story_base b
      SEMI JOIN picked p ON p.story_id = b.story_id ORDER BY b.collected_on NULLS LAST, b.story_id`);
    const values = await this.engine.query<{story_id: string; signifier_id: string; value: string}>(`
      SELECT a.story_id, a.signifier_id, CASE WHEN a.status = 'answered'
        THEN round(a.top * 100)::INTEGER || '% / ' || round(a."left" * 100)::INTEGER || '% / ' || round(a."right" * 100)::INTEGER || '%'
        ELSE a.status END AS value
      FROM triad_answers a SEMI JOIN picked p ON p.story_id = a.story_id
      UNION ALL
      SELECT a.story_id, a.signifier_id, CASE WHEN a.status = 'answered' THEN round(a.position * 100)::INTEGER || '%' ELSE a.status END
      FROM dyad_answers a SEMI JOIN picked p ON p.story_id = a.story_id
      UNION ALL
      SELECT c.story_id, c.signifier_id, string_agg(coalesce(o.label, c.option_id, c.status), ', ' ORDER BY o.position)
      FROM choice_answers c SEMI JOIN picked p ON p.story_id = c.story_id
      LEFT JOIN signifier_options o ON o.signifier_id = c.signifier_id AND o.option_id = c.option_id
      GROUP BY 1, 2`);
    const order = new Map(this.meta.signifiers.map((s, i) => [s.signifier_id, i]));
    const bySignifier = new Map(this.meta.signifiers.map((s) => [s.signifier_id, s]));
    const byStory = new Map<string, {label: string; value: string; rank: number}[]>();
    for (const v of values) {
      const s = bySignifier.get(v.signifier_id);
      const label = s ? valueLabel(s) : v.signifier_id;
      const value = v.value === "na" ? "niet van toepassing" : v.value === "skipped" ? "overgeslagen" : v.value;
      if (!byStory.has(v.story_id)) byStory.set(v.story_id, []);
      byStory.get(v.story_id)!.push({label, value, rank: order.get(v.signifier_id) ?? 1e9});
    }
    return base.map((s) => ({
      ...s,
      values: (byStory.get(s.story_id) ?? []).sort((a, b) => a.rank - b.rank).map(({label, value}) => ({label, value}))
    }));
  }

  /** The filtered story tables as the patterns engine (lib/methods/patterns.ts) takes them. */
  async patternData(): Promise<StoryData> {
    const semi = "SEMI JOIN filtered f ON f.story_id = a.story_id";
    return {
      signifiers: this.meta.signifiers.map(({signifier_id, type, title, multi_select, position}) => ({
        signifier_id, type: type as StoryData["signifiers"][number]["type"], title, short_name: null, multi_select, position
      })),
      options: this.meta.signifiers.flatMap((s) => s.options.map((o) => ({signifier_id: s.signifier_id, ...o}))),
      triads: await this.engine.query(`SELECT a.story_id, a.signifier_id, a.status, a.top::DOUBLE AS top, a."left"::DOUBLE AS "left", a."right"::DOUBLE AS "right" FROM triad_answers a ${semi} ORDER BY ALL`),
      dyads: await this.engine.query(`SELECT a.story_id, a.signifier_id, a.status, a.position::DOUBLE AS position FROM dyad_answers a ${semi} ORDER BY ALL`),
      choices: await this.engine.query(`SELECT a.story_id, a.signifier_id, a.status, a.option_id FROM choice_answers a ${semi} ORDER BY ALL`)
    };
  }
}

export interface ChoiceCount {
  readonly option_id: string;
  readonly label: string;
  readonly position: number;
  readonly group: string | null;
  readonly n: number;
  readonly story_ids: string[];
}

/** How a signifier's value is named in the story reader; a triad names its anchors in order. */
function valueLabel(s: SignifierInfo): string {
  if (s.type === "triad" && s.options.length === 3) return `${s.title} (${s.options.map((o) => o.label).join(" / ")})`;
  if (s.type === "dyad" && s.options.length === 2) return `${s.title} (0% = ${s.options[0].label})`;
  return s.title;
}

function plainList(v: string[] | {toArray(): string[]} | null): string[] {
  if (v === null) return [];
  return Array.isArray(v) ? v : [...v.toArray()];
}

async function readMeta(e: Engine): Promise<StoryMeta> {
  const signifiers = await e.query<{signifier_id: string; type: string; title: string | null; multi_select: boolean | null; position: number}>(
    "SELECT signifier_id, type, title, multi_select, position::INTEGER AS position FROM signifiers ORDER BY position, signifier_id");
  const options = await e.query<{signifier_id: string; option_id: string; label: string | null; position: number}>(
    "SELECT signifier_id, option_id, label, position::INTEGER AS position FROM signifier_options ORDER BY signifier_id, position");
  const [facts] = await e.query<{total: number; first: string | null; last: string | null}>(
    "SELECT count(*)::INTEGER AS total, strftime(min(collected_on), '%Y-%m-%d') AS first, strftime(max(collected_on), '%Y-%m-%d') AS last FROM story_base");
  const roles = await e.query<{v: string}>("SELECT DISTINCT teller_role AS v FROM story_base WHERE teller_role IS NOT NULL ORDER BY 1");
  const domains = await e.query<{v: string}>("SELECT DISTINCT domain AS v FROM story_base WHERE domain IS NOT NULL ORDER BY 1");
  return {
    total: facts.total,
    signifiers: signifiers.map((s) => ({
      signifier_id: s.signifier_id, type: s.type, title: stripHtml(s.title ?? s.signifier_id), multi_select: s.multi_select === true, position: s.position,
      options: options.filter((o) => o.signifier_id === s.signifier_id)
        .map((o) => ({option_id: o.option_id, label: stripHtml(o.label ?? o.option_id), position: o.position}))
    })),
    roles: orderRoles(roles.map((r) => r.v)),
    domains: domains.map((d) => d.v),
    firstDate: facts.first,
    lastDate: facts.last
  };
}

/** Residents first, then staff, then the rest: the order every chart uses. */
export const ROLE_ORDER = ["inwoner", "medewerker", "anders"];

function orderRoles(roles: string[]): string[] {
  const rank = (r: string) => (ROLE_ORDER.includes(r) ? ROLE_ORDER.indexOf(r) : ROLE_ORDER.length);
  return roles.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "nl"));
}

// ---------------------------------------------------------------------------------------------
// Loading parsed rows (a dropped export): typed tables from the schema, rows as SQL literals, so
// no JSON or CSV reader (and no extension download) is involved.

function columnsDdl(spec: TableSpec): string {
  return Object.entries(spec.columns).map(([c, t]) => `"${c}" ${t}`).join(", ");
}

/** A JS value as a SQL literal of the column's type. */
export function sqlLiteral(value: unknown, type: string): string {
  if (value === null || value === undefined) return "NULL";
  if (type === "BOOLEAN") return value ? "true" : "false";
  if (type === "DOUBLE" || type === "INTEGER" || type === "SMALLINT" || type.startsWith("DECIMAL")) {
    const n = Number(value);
    return Number.isFinite(n) ? String(n) : "NULL";
  }
  if (type === "DATE") return `${sqlString(value instanceof Date ? value.toISOString().slice(0, 10) : String(value))}::DATE`;
  return sqlString(String(value));
}

async function insertRows(e: Engine, spec: TableSpec, rows: readonly Record<string, unknown>[]): Promise<void> {
  const columns = Object.entries(spec.columns);
  const names = columns.map(([c]) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r) => `(${columns.map(([c, t]) => sqlLiteral(r[c], t)).join(", ")})`);
    await e.query(`INSERT INTO ${spec.name} (${names}) VALUES ${values.join(", ")}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Selection: the last brush, click or button press on any chart of the page

export interface Selection {
  readonly ids: readonly string[];
  /** Which chart or bar the selection came from, in words. */
  readonly source: string | null;
}

export interface SelectionHub {
  /** Shows what is selected; `view()` it to get the Selection. */
  readonly element: HTMLElement & {value: Selection};
  /** Follows a chart's selection (its `value` of story ids and `input` events). */
  attach<T extends HTMLElement & {value: readonly string[]}>(figure: T, source: string): T;
  set(ids: readonly string[], source: string | null): void;
}

/** One per page, created once (not in a cell that reruns on filter changes). */
export function selectionHub(doc: Document = document): SelectionHub {
  const element = doc.createElement("p") as unknown as SelectionHub["element"];
  element.className = "wk-selection-source";
  element.setAttribute("aria-live", "polite");
  const set = (ids: readonly string[], source: string | null) => {
    element.value = {ids: [...ids], source: ids.length ? source : null};
    element.textContent = ids.length ? `Gekozen: ${ids.length} ${ids.length === 1 ? "verhaal" : "verhalen"} (${source}).` : "Nog niets gekozen: sleep over stippen of klik op een stip, vak of staaf.";
    element.dispatchEvent(new Event("input"));
  };
  set([], null);
  return {
    element,
    set,
    attach(figure, source) {
      figure.addEventListener("input", (event) => {
        if (event.target !== figure) return;
        set(figure.value, source);
      });
      return figure;
    }
  };
}
