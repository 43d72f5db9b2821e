/**
 * The client timelines of /geld/client, split so that the page downloads only what one client
 * needs: a small index (which client opens by default, which client a case belongs to) and one of
 * a fixed number of shards, chosen by the first hex digit of the client's short key. The loader
 * (src/data/geld/tijdlijn.zip.ts) packs them from the model into a zip archive, whose files the
 * page names literally (rows from timelineRows). A shard holds its clients' events as rows of numbers: every text or date
 * is a position in the shard's own list of strings, so repeated labels and months travel once.
 * Packing runs in the loader (Node, DuckDB); unpacking is browser-safe.
 */
import type {EventKind, TimelineRow} from "../model/queries/client-timeline.js";

/** Shard names: the hex digits. A short key is a prefix of a pseudonym, which is hexadecimal. */
export const SHARDS = [..."0123456789abcdef"] as const;
export type ShardName = (typeof SHARDS)[number];

/** One event of a client's timeline, dates as UTC midnight (rows: lib/model/queries/client-timeline.ts). */
export type TimelineEvent = Omit<TimelineRow, "start" | "end"> & {start: Date | null; end: Date | null};

/** The columns of a packed event, in order; all but `amount` are positions in the shard's strings. */
export const EVENT_COLUMNS = ["kind", "start", "end", "law", "productcategorie", "productcode", "provider_agb", "amount", "label", "ref", "detail"] as const;
type Column = (typeof EVENT_COLUMNS)[number];

export interface TimelineIndex {
  /** Short key of the client with the most declared euros (the page's example), null without declarations. */
  default_key: string | null;
  /** Number of clients with a timeline. */
  clients: number;
  /** First-line cases and their client's short key (parallel arrays, case ids sorted). */
  cases: {case_id: string[]; k: string[]};
}

export interface TimelineShard {
  strings: string[];
  /** Short keys of the shard's clients, sorted; `events[i]` belongs to `keys[i]`. */
  keys: string[];
  events: (number | null)[][][];
}

/**
 * The shard of a short key: its first character when that is a hex digit (any case), else the hex
 * digit of its character code modulo 16, so that any text the reader types names a shard.
 */
export function shardOf(shortKey: string): ShardName {
  const first = shortKey.trim().charAt(0).toLowerCase();
  if ((SHARDS as readonly string[]).includes(first)) return first as ShardName;
  return SHARDS[(first.charCodeAt(0) || 0) % SHARDS.length];
}

/**
 * Packs timeline rows (in the order they are given: per client, by date) into the index and the
 * shards. Every shard exists, also an empty one, so the page can always fetch the one it needs.
 */
export function packTimeline(rows: readonly TimelineRow[]): {index: TimelineIndex; shards: Record<ShardName, TimelineShard>} {
  const perShard = new Map<ShardName, {strings: Map<string, number>; clients: Map<string, (number | null)[][]>}>(
    SHARDS.map((s) => [s, {strings: new Map(), clients: new Map()}]));
  const declared = new Map<string, number>();
  const caseClient = new Map<string, string>();
  for (const row of rows) {
    const shard = perShard.get(shardOf(row.k))!;
    const code = (value: string | null) => {
      if (value === null) return null;
      let at = shard.strings.get(value);
      if (at === undefined) shard.strings.set(value, (at = shard.strings.size));
      return at;
    };
    const events = shard.clients.get(row.k) ?? [];
    if (events.length === 0) shard.clients.set(row.k, events);
    events.push(EVENT_COLUMNS.map((c: Column) => (c === "amount" ? row.amount : code(row[c]))));
    if (row.kind === "declaratie" && row.amount !== null) declared.set(row.k, (declared.get(row.k) ?? 0) + row.amount);
    // A case belongs to one client; the first row wins should a source repeat it.
    if (row.kind === "casus" && row.ref !== null && !caseClient.has(row.ref)) caseClient.set(row.ref, row.k);
  }
  // The most declared euros; on a tie the smallest key (the order the page used to find it in).
  let defaultKey: string | null = null;
  for (const [k, total] of [...declared].sort(([a], [b]) => compare(a, b))) {
    if (defaultKey === null || total > declared.get(defaultKey)!) defaultKey = k;
  }
  const caseIds = [...caseClient.keys()].sort(compare);
  const shards = {} as Record<ShardName, TimelineShard>;
  for (const [name, shard] of perShard) {
    const keys = [...shard.clients.keys()].sort(compare);
    shards[name] = {strings: [...shard.strings.keys()], keys, events: keys.map((k) => shard.clients.get(k)!)};
  }
  return {
    index: {default_key: defaultKey, clients: SHARDS.reduce((n, s) => n + shards[s].keys.length, 0), cases: {case_id: caseIds, k: caseIds.map((c) => caseClient.get(c)!)}},
    shards
  };
}

/** Code-point order (not the locale's), so the files are the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The client's short key of a case id, or null. */
export function clientOfCase(index: TimelineIndex, caseId: string): string | null {
  const at = index.cases.case_id.indexOf(caseId);
  return at < 0 ? null : index.cases.k[at];
}

/** One client's events from its shard (none when the key is not there). */
export function clientEvents(shard: TimelineShard, shortKey: string): TimelineEvent[] {
  const at = shard.keys.indexOf(shortKey);
  if (at < 0) return [];
  const text = (i: number | null) => (i === null ? null : shard.strings[i]);
  const date = (i: number | null) => (i === null ? null : new Date(`${shard.strings[i]}T00:00:00Z`));
  return shard.events[at].map((e) => ({
    k: shortKey, kind: text(e[0]) as EventKind, start: date(e[1]), end: date(e[2]), law: text(e[3]), productcategorie: text(e[4]),
    productcode: text(e[5]), provider_agb: text(e[6]), amount: e[7], label: text(e[8]), ref: text(e[9]), detail: text(e[10])
  }));
}
