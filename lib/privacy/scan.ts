/**
 * The post-build privacy scan (privacy.md, "Two audiences"): walks every file of a built site and
 * fails the public build when it finds story text, a pseudonym, a case or story id, a clear BSN or
 * a planted canary, also inside data files. It decodes rather than greps bytes: Parquet (any
 * compression) through DuckDB, Arrow IPC through apache-arrow, DuckDB database files, gzip and
 * brotli, base64 `data:` URLs and long base64 runs, JSON/JS string escapes and HTML entities.
 * What it cannot decode (zstd or zip archives, compressed Arrow bodies) is itself a finding:
 * a public build must not contain anything the scan cannot read.
 *
 * Matching works on normalised text (letters and digits of any script, lower case, accents
 * removed, every other run of characters one space), so quoting, escaping, line breaks and markup
 * do not hide a fragment. Story text is matched by every window of WINDOW normalised characters; a
 * window shared by more than MAX_SHARED stories counts as a common phrase and is not searched.
 * Reports never print story text or full identifiers (a CI log may be public).
 */
import {brotliDecompressSync, gunzipSync} from "node:zlib";
import {mkdtemp, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {existsSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {tableFromIPC} from "apache-arrow";
import {isValidBsn} from "./bsn.js";
import {tables} from "../model/schema.js";

/** Length of a story-text window (normalised characters): longer than any stock phrase. */
export const WINDOW = 40;
/** A window found in more stories than this is a common phrase, not a fingerprint. */
export const MAX_SHARED = 2;
/** Texts and titles shorter than a window are searched whole from this length; ids from this length. */
export const MIN_TITLE = 24;
export const MIN_ID = 6;
const MAX_FINDINGS_PER_FILE = 20;

export type FindingKind = "story-text" | "story-title" | "pseudonym" | "id" | "bsn" | "canary" | "undecodable";

export interface Finding {
  /** Path relative to the scanned folder, with `#...` for a part inside it. */
  file: string;
  kind: FindingKind;
  /** What was found, without revealing it: a story id, a masked identifier, a canary. */
  found: string;
  /** Line and column, or Parquet/Arrow column and row. */
  where: string;
}

export interface ScanReport {
  files: number;
  findings: Finding[];
  /** Files not scanned because they are byte-identical to a file of an installed package. */
  packageCopies: string[];
}

export interface ScanOptions {
  /**
   * An installed node_modules folder. A file under `_node/` or `_npm/` (where Framework puts
   * libraries as `<package>@<version>/<path>`) that is byte-identical to the same path in this
   * folder is a library file, not data, and is skipped: the engines' wasm files are most of the
   * site's bytes and would dominate the scan time.
   */
  packages?: string;
}

// --- Normalisation ---------------------------------------------------------------------------

const foldCache = new Map<number, string>();

/** One code point folded: letters/digits lower case without accents, anything else a space. */
function fold(cp: number): string {
  if (cp < 128) {
    if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) return String.fromCharCode(cp);
    if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
    return " ";
  }
  let out = foldCache.get(cp);
  if (out === undefined) {
    out = String.fromCodePoint(cp)
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, " ");
    foldCache.set(cp, out);
  }
  return out;
}

const NAMED_ENTITY = /^&([a-zA-Z])(acute|grave|uml|circ|tilde|cedil|ring|slash);/;

/**
 * Decodes the escape at `i` (\uXXXX, \xXX, \n and friends, &#..; and &..; entities, markup tags), returning
 * the code point it stands for (-1 for "a separator") and its length; null when there is none.
 */
function escapeAt(text: string, i: number): [number, number] | null {
  const c = text.charCodeAt(i);
  if (c === 92 /* \ */) {
    const next = text[i + 1];
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return [parseInt(text.slice(i + 2, i + 6), 16), 6];
    if (next === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) return [parseInt(text.slice(i + 2, i + 4), 16), 4];
    if (next !== undefined && "nrtbfv".includes(next)) return [-1, 2];
    return null;
  }
  if (c === 60 /* < */) {
    // A markup tag separates words like a space; without this "<br>" would become a word.
    const tag = /^<\/?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]{0,200})?\/?>/.exec(text.slice(i, i + 256));
    return tag ? [-1, tag[0].length] : null;
  }
  if (c === 38 /* & */) {
    const numeric = /^&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});/.exec(text.slice(i, i + 12));
    if (numeric) {
      const v = numeric[1][0] === "x" ? parseInt(numeric[1].slice(1), 16) : parseInt(numeric[1], 10);
      return [v <= 0x10ffff ? v : -1, numeric[0].length];
    }
    const named = NAMED_ENTITY.exec(text.slice(i, i + 10));
    if (named) return [named[1].charCodeAt(0), named[0].length];
    const other = /^&[a-zA-Z]{2,8};/.exec(text.slice(i, i + 10));
    if (other) return [-1, other[0].length];
  }
  return null;
}

export interface Normalised {
  text: string;
  /** Index in the original text of each normalised character. */
  origin: Int32Array;
}

/** ASCII fold table: the lower-case letter or digit, or 32 for a separator. */
const ASCII_FOLD = Uint16Array.from({length: 128}, (_, c) => {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
  if (c >= 65 && c <= 90) return c + 32;
  return 32;
});

/**
 * The normalised form of a text plus where each character came from. Written into typed arrays
 * (not string concatenation): the site holds multi-megabyte engine files that are scanned too.
 */
export function normalise(text: string): Normalised {
  let units = new Uint16Array(text.length + 16);
  let origin = new Int32Array(text.length + 16);
  let length = 0;
  let last = 32; // a leading separator is dropped
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    let folded: string | null = null;
    let unit = 32;
    let step = 1;
    if (c < 128 && c !== 92 && c !== 38 && c !== 60) {
      unit = ASCII_FOLD[c];
    } else {
      const escape = c === 92 || c === 38 || c === 60 ? escapeAt(text, i) : null;
      const cp = escape ? escape[0] : text.codePointAt(i)!;
      step = escape ? escape[1] : cp > 0xffff ? 2 : 1;
      if (cp >= 0) folded = fold(cp);
    }
    if (folded !== null && folded.length !== 1) {
      if (length + folded.length + 1 >= units.length) [units, origin] = [grow(units, new Uint16Array(units.length * 2 + folded.length)), grow(origin, new Int32Array(origin.length * 2 + folded.length))];
      for (let k = 0; k < folded.length; k++) {
        const u = folded.charCodeAt(k);
        if (u === 32 && last === 32) continue;
        units[length] = u;
        origin[length++] = i;
        last = u;
      }
    } else {
      if (folded !== null) unit = folded.charCodeAt(0);
      if (!(unit === 32 && last === 32)) {
        if (length + 1 >= units.length) [units, origin] = [grow(units, new Uint16Array(units.length * 2)), grow(origin, new Int32Array(origin.length * 2))];
        units[length] = unit;
        origin[length++] = i;
        last = unit;
      }
    }
    i += step;
  }
  if (length > 0 && units[length - 1] === 32) length--;
  return {text: new TextDecoder("utf-16le").decode(units.subarray(0, length)), origin: origin.subarray(0, length)};
}

function grow<T extends Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

// --- Needles ---------------------------------------------------------------------------------

export interface StoryInput {
  id: string;
  title?: string | null;
  text?: string | null;
}

export interface NeedleInput {
  stories: StoryInput[];
  /** client_key values. */
  pseudonyms: string[];
  /** Story and case ids. */
  ids: string[];
  canaries: string[];
}

interface NeedleEntry {
  source: number;
  offset: number;
  length: number;
  kind: FindingKind;
  /** Shown in the report instead of the matched text. */
  label: string;
  /** Must begin at a word start / end at a word end (no letter or digit directly before / after). */
  start: boolean;
  end: boolean;
  /** Number of distinct stories sharing this window (story text and titles). */
  shared: number;
}

/** Searchable needles: every entry is `sources[source].slice(offset, offset + length)`. */
export interface Needles {
  sources: string[];
  entries: NeedleEntry[];
  /** Per needle length: rolling hash -> entry indices. */
  byLength: Map<number, LengthIndex>;
  counts: Record<string, number>;
}

interface LengthIndex {
  table: Map<number, number[]>;
  /** One bit per value of the top FILTER_BITS bits of the first hash: skips most lookups. */
  filter: Uint8Array;
}

const FILTER_BITS = 24;
const filterSlot = (h1: number) => h1 >>> (32 - FILTER_BITS);

const B1 = 1_000_003;

/** Polynomial hash of a substring, modulo 2^32; rolled along a text by `roll`. */
function hashOf(text: string, offset: number, length: number): number {
  let h = 0;
  for (let k = 0; k < length; k++) h = (Math.imul(h, B1) + text.charCodeAt(offset + k)) >>> 0;
  return h;
}

const roll = (h: number, out: number, inc: number, top: number) => (Math.imul((h - Math.imul(out, top)) >>> 0, B1) + inc) >>> 0;

/** Map key: 30 bits, so V8 keeps it a small integer (every hit is verified against the text). */
const keyOf = (h: number) => h & 0x3fffffff;

/** Masks an identifier for a report: enough to find it, not enough to use it. */
export function mask(value: string): string {
  if (value.length <= 6) return `${value[0]}***`;
  return `${value.slice(0, 3)}***${value.slice(-2)}`;
}

export function buildNeedles(input: NeedleInput): Needles {
  const sources: string[] = [];
  const entries: NeedleEntry[] = [];
  const byLength = new Map<number, LengthIndex>();
  const counts = {storyTexts: 0, storyWindows: 0, commonWindows: 0, titles: 0, titlesTooShort: 0, pseudonyms: 0, ids: 0, idsTooShort: 0, canaries: 0};

  const add = (entry: NeedleEntry, h1 = hashOf(sources[entry.source], entry.offset, entry.length)) => {
    const key = keyOf(h1);
    let index = byLength.get(entry.length);
    if (!index) byLength.set(entry.length, (index = {table: new Map(), filter: new Uint8Array(2 ** (FILTER_BITS - 3))}));
    const {table, filter} = index;
    filter[filterSlot(h1) >>> 3] |= 1 << (filterSlot(h1) & 7);
    const bucket = table.get(key);
    if (bucket) {
      // The same needle twice (a shared window, a repeated id): keep one entry, count the stories.
      const same = bucket.find((e) => sameText(entries[e], entry, sources));
      if (same !== undefined) return same;
      bucket.push(entries.length);
    } else {
      table.set(key, [entries.length]);
    }
    entries.push(entry);
    return entries.length - 1;
  };

  // Story index that first had each window entry, to count the distinct stories sharing it.
  const firstStoryOf = new Map<number, number>();
  /**
   * Windows of a story's text or title, each starting at a word start (so "t ik ben ..." cannot
   * turn a stock phrase into a story-specific window); a text shorter than a window is one needle.
   */
  const addWindows = (text: string, storyIndex: number, kind: FindingKind, label: string): boolean => {
    if (text.length < MIN_TITLE) return false;
    const source = sources.push(text) - 1;
    const length = Math.min(WINDOW, text.length);
    const top1 = powMod(B1, length - 1);
    let h1 = hashOf(text, 0, length);
    for (let offset = 0; offset + length <= text.length; offset++) {
      if (offset > 0) {
        // Roll the window one character on (hashes of every offset, windows only at word starts).
        const out = text.charCodeAt(offset - 1);
        const inc = text.charCodeAt(offset + length - 1);
        h1 = roll(h1, out, inc, top1);
        if (text[offset - 1] !== " ") continue;
      }
      const e = add({source, offset, length, kind, label, start: true, end: length < WINDOW, shared: 1}, h1);
      const first = firstStoryOf.get(e);
      if (first === undefined) firstStoryOf.set(e, storyIndex);
      else if (first !== storyIndex) {
        entries[e].shared++;
        firstStoryOf.set(e, storyIndex); // stories come one after another: counts each story once
      }
    }
    return true;
  };
  input.stories.forEach((story, storyIndex) => {
    if (addWindows(normalise(story.text ?? "").text, storyIndex, "story-text", `tekst van verhaal ${story.id}`)) counts.storyTexts++;
    const title = normalise(story.title ?? "").text;
    if (addWindows(title, storyIndex, "story-title", `titel van verhaal ${story.id}`)) counts.titles++;
    else if (title.length > 0) counts.titlesTooShort++;
  });
  for (const e of entries) {
    if (e.kind !== "story-text") continue;
    counts.storyWindows++;
    if (e.shared > MAX_SHARED) counts.commonWindows++;
  }
  const addWhole = (value: string, kind: FindingKind, label: string, whole: boolean, min: number): boolean => {
    const text = normalise(value).text;
    if (text.length < min) return false;
    add({source: sources.push(text) - 1, offset: 0, length: text.length, kind, label, start: whole, end: whole, shared: 1});
    return true;
  };
  for (const p of new Set(input.pseudonyms)) {
    // Not whole-word: a pseudonym is the prefix of the full HMAC digest and may sit inside one.
    if (addWhole(p, "pseudonym", `pseudoniem ${mask(p)}`, false, 16)) counts.pseudonyms++;
  }
  for (const id of new Set(input.ids)) {
    if (addWhole(id, "id", `id ${mask(id)}`, true, MIN_ID)) counts.ids++;
    else counts.idsTooShort++;
  }
  for (const c of new Set(input.canaries)) {
    if (addWhole(c, "canary", `canary "${c}"`, true, 1)) counts.canaries++;
  }
  return {sources, entries, byLength, counts};
}

function sameText(a: NeedleEntry, b: NeedleEntry, sources: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = sources[a.source];
  const y = sources[b.source];
  for (let k = 0; k < a.length; k++) if (x.charCodeAt(a.offset + k) !== y.charCodeAt(b.offset + k)) return false;
  return true;
}

/** Reads needles from a model folder (`<table>.parquet`, as the importer writes them). */
export async function loadNeedles(modelDir: string, canaries: string[] = []): Promise<Needles> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const file = (name: string) => join(modelDir, `${name}.parquet`);
    const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
    const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;
    if (!existsSync(file("story_texts")) && !existsSync(file("stories"))) {
      throw new Error(`${modelDir}: no story_texts.parquet or stories.parquet; --model must be the imported model folder`);
    }
    const stories: StoryInput[] = existsSync(file("story_texts"))
      ? ((await rows(`SELECT story_id AS id, title, text FROM read_parquet(${quote(file("story_texts"))}) ORDER BY story_id`)) as unknown as StoryInput[])
      : [];
    const pseudonyms: string[] = [];
    const ids: string[] = [];
    for (const spec of tables.filter((t) => t.personal && existsSync(file(t.name)))) {
      // The file's own columns: a model written before a column existed lacks it.
      const columns = (await rows(`DESCRIBE SELECT * FROM read_parquet(${quote(file(spec.name))})`)).map((r) => String(r.column_name));
      for (const keyColumn of ["client_key", "household_key"].filter((c) => columns.includes(c))) pseudonyms.push(...(await distinct(conn, file(spec.name), keyColumn)));
      for (const idColumn of ["story_id", "case_id", "case_ref"].filter((c) => columns.includes(c))) ids.push(...(await distinct(conn, file(spec.name), idColumn)));
    }
    return buildNeedles({stories, pseudonyms, ids, canaries});
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function distinct(conn: DuckDBConnection, path: string, column: string): Promise<string[]> {
  const reader = await conn.runAndReadAll(`SELECT DISTINCT CAST("${column}" AS VARCHAR) AS v FROM read_parquet('${path.replaceAll("'", "''")}') WHERE "${column}" IS NOT NULL`);
  return reader.getRowObjectsJS().map((r) => String(r.v));
}

/** Canary strings from a file: one a line; blank lines and lines starting with # are ignored. */
export async function readCanaries(path: string): Promise<string[]> {
  return (await readFile(path, "utf8"))
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith("#"));
}

// --- Matching --------------------------------------------------------------------------------

export interface TextHit {
  /** Offset in the original text. */
  at: number;
  kind: FindingKind;
  found: string;
}

const isWordChar = (s: string, i: number) => i >= 0 && i < s.length && s[i] !== " ";

/**
 * Every needle in a text, and (unless `bsn` is false) every clear BSN: nine digits standing
 * alone (no letter, digit, or decimal point or comma around them, which rules out hex strings,
 * VAT numbers and decimals) that pass the elfproef.
 */
export function findInText(text: string, needles: Needles, {bsn = true}: {bsn?: boolean} = {}): TextHit[] {
  const hits: TextHit[] = [];
  const {text: norm, origin} = normalise(text);
  for (const [length, {table, filter}] of needles.byLength) {
    if (norm.length < length) continue;
    let h1 = hashOf(norm, 0, length);
    const top1 = powMod(B1, length - 1);
    for (let pos = 0; ; pos++) {
      const slot = filterSlot(h1);
      const bucket = filter[slot >>> 3] & (1 << (slot & 7)) ? table.get(keyOf(h1)) : undefined;
      if (bucket) {
        for (const e of bucket) {
          const entry = needles.entries[e];
          if (entry.shared > MAX_SHARED) continue;
          const source = needles.sources[entry.source];
          if (!norm.startsWith(source.slice(entry.offset, entry.offset + length), pos)) continue;
          if ((entry.start && isWordChar(norm, pos - 1)) || (entry.end && isWordChar(norm, pos + length))) continue;
          hits.push({at: origin[pos], kind: entry.kind, found: entry.label});
        }
      }
      if (pos + length >= norm.length) break;
      const out = norm.charCodeAt(pos);
      const inc = norm.charCodeAt(pos + length);
      h1 = roll(h1, out, inc, top1);
    }
  }
  if (!bsn) return hits.sort((a, b) => a.at - b.at);
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_.,])\d{9}(?![\p{L}\p{N}_]|[.,]\d)/gu)) {
    if (isValidBsn(m[0])) hits.push({at: m.index, kind: "bsn", found: `BSN-achtig nummer ${mask(m[0])} (elfproef geldig)`});
  }
  return hits.sort((a, b) => a.at - b.at);
}

function powMod(base: number, exp: number): number {
  let r = 1;
  for (let k = 0; k < exp; k++) r = Math.imul(r, base) >>> 0;
  return r;
}

function lineAndColumn(text: string, at: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `regel ${line}, kolom ${at - lineStart + 1}`;
}

// --- Files -----------------------------------------------------------------------------------

interface ScanContext {
  needles: Needles;
  conn: DuckDBConnection;
  tempDir: string;
  findings: Finding[];
}

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const PARQUET = [0x50, 0x41, 0x52, 0x31]; // PAR1
const ARROW_FILE = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // ARROW1
const ARROW_STREAM = [0xff, 0xff, 0xff, 0xff];
const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const DUCKDB = [0x44, 0x55, 0x43, 0x4b]; // "DUCK" at offset 8

/** Scans one file's bytes, dispatching on content (not on the name alone). */
async function scanBytes(name: string, bytes: Uint8Array, ctx: ScanContext, depth = 0): Promise<void> {
  if (depth > 4) return undecodable(ctx, name, "te diep genest (gecodeerd in gecodeerd)");
  if (startsWith(bytes, PARQUET)) {
    await scanTable(name, bytes, ctx, "parquet");
  } else if (startsWith(bytes, DUCKDB, 8)) {
    await scanTable(name, bytes, ctx, "duckdb");
  } else if (startsWith(bytes, ARROW_FILE) || (startsWith(bytes, ARROW_STREAM) && /\.(arrows?|feather|ipc)$/i.test(name))) {
    scanArrow(name, bytes, ctx);
  } else if (startsWith(bytes, GZIP)) {
    return scanBytes(`${name}#gunzip`, gunzipSync(bytes), ctx, depth + 1);
  } else if (/\.br$/i.test(name)) {
    let inflated: Uint8Array;
    try {
      inflated = brotliDecompressSync(bytes);
    } catch {
      return undecodable(ctx, name, "brotli-bestand dat niet te decoderen is");
    }
    return scanBytes(`${name}#brotli`, inflated, ctx, depth + 1);
  } else if (startsWith(bytes, ZSTD)) {
    return undecodable(ctx, name, "zstd-gecomprimeerd bestand: de scan kan het niet lezen");
  } else if (startsWith(bytes, ZIP)) {
    return undecodable(ctx, name, "zip-archief: de scan kan het niet lezen");
  }
  // Every file is also read as text: raw bytes of binaries (wasm, images, Parquet footers) included.
  const utf8 = decodeUtf8(bytes);
  // Nine-digit runs in binary bytes and numeric constants in library code pass the elfproef one
  // time in eleven: the BSN check covers the site's own text and every decoded data value.
  const bsn = utf8 !== null && !isLibraryPath(name);
  await scanText(name, utf8 ?? new TextDecoder("latin1").decode(bytes), ctx, depth, bsn);
}

/** Framework's folders of third-party and runtime code. */
export function isLibraryPath(relativePath: string): boolean {
  return /^_(node|npm|observablehq)[\\/]/.test(relativePath);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(bytes);
  } catch {
    return null;
  }
}

async function scanText(name: string, text: string, ctx: ScanContext, depth: number, bsn: boolean): Promise<void> {
  for (const hit of findInText(text, ctx.needles, {bsn})) record(ctx, {file: name, kind: hit.kind, found: hit.found, where: lineAndColumn(text, hit.at)});
  // Embedded files: data: URLs (inline source maps, attachments) and long base64 runs.
  for (const m of text.matchAll(/[A-Za-z0-9+/]{100,}={0,2}/g)) {
    const decoded = Buffer.from(m[0], "base64");
    if (!looksDecodable(decoded)) continue;
    await scanBytes(`${name}#base64@${lineAndColumn(text, m.index)}`, decoded, ctx, depth + 1);
  }
}

/** A known container, or text: worth scanning. Random bytes decoded from base64-looking code are not. */
function looksDecodable(bytes: Uint8Array): boolean {
  if ([PARQUET, ARROW_FILE, GZIP, ZSTD, ZIP].some((m) => startsWith(bytes, m)) || startsWith(bytes, DUCKDB, 8)) return true;
  return decodeUtf8(bytes) !== null;
}

function record(ctx: ScanContext, finding: Finding): void {
  const perFile = ctx.findings.filter((f) => f.file === finding.file);
  if (perFile.some((f) => f.kind === finding.kind && f.found === finding.found)) return;
  if (perFile.length >= MAX_FINDINGS_PER_FILE) return;
  ctx.findings.push(finding);
}

function undecodable(ctx: ScanContext, file: string, why: string): void {
  record(ctx, {file, kind: "undecodable", found: why, where: "heel bestand"});
}

/** Parquet or DuckDB files: every value of every column, cast to text, through DuckDB. */
async function scanTable(name: string, bytes: Uint8Array, ctx: ScanContext, format: "parquet" | "duckdb"): Promise<void> {
  const path = join(ctx.tempDir, `part-${ctx.findings.length}-${Math.random().toString(36).slice(2)}.${format}`);
  await writeFile(path, bytes);
  const quoted = `'${path.replaceAll("'", "''")}'`;
  try {
    if (format === "parquet") {
      await scanQuery(name, `SELECT * FROM read_parquet(${quoted})`, ctx);
      await scanQuery(`${name}#metadata`, `SELECT key::VARCHAR AS key, value::VARCHAR AS value FROM parquet_kv_metadata(${quoted})`, ctx);
    } else {
      await ctx.conn.run(`ATTACH ${quoted} AS scanned (READ_ONLY)`);
      try {
        const list = (await ctx.conn.runAndReadAll(`SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'scanned'`)).getRowObjectsJS();
        for (const {schema_name, table_name} of list) {
          await scanQuery(`${name}#${schema_name}.${table_name}`, `SELECT * FROM scanned."${String(schema_name)}"."${String(table_name)}"`, ctx);
        }
      } finally {
        await ctx.conn.run("DETACH scanned");
      }
    }
  } catch (error) {
    undecodable(ctx, name, `${format} niet te lezen: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  } finally {
    await rm(path, {force: true});
  }
}

async function scanQuery(name: string, sql: string, ctx: ScanContext): Promise<void> {
  const result = await ctx.conn.stream(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (${sql})`);
  const columns = result.columnNames();
  let rowBase = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const values = chunk.getColumns() as (string | null)[][];
    values.forEach((column, c) => scanColumn(name, columns[c], column, rowBase, ctx));
    rowBase += chunk.rowCount;
  }
}

/** One column's values joined by line breaks, so a hit maps back to its row. */
function scanColumn(name: string, column: string, values: (string | null)[], rowBase: number, ctx: ScanContext): void {
  const starts: number[] = [];
  let text = "";
  for (const v of values) {
    starts.push(text.length);
    text += (v ?? "") + "\n";
  }
  for (const hit of findInText(text, ctx.needles)) {
    let row = 0;
    while (row + 1 < starts.length && starts[row + 1] <= hit.at) row++;
    record(ctx, {file: name, kind: hit.kind, found: hit.found, where: `kolom "${column}", rij ${rowBase + row + 1}`});
  }
}

function scanArrow(name: string, bytes: Uint8Array, ctx: ScanContext): void {
  try {
    const table = tableFromIPC(bytes);
    for (const field of table.schema.fields) {
      const vector = table.getChild(field.name)!;
      const values: (string | null)[] = [];
      for (let i = 0; i < vector.length; i++) {
        const v: unknown = vector.get(i);
        values.push(v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v, (_, x) => (typeof x === "bigint" ? String(x) : x)) : String(v));
      }
      scanColumn(name, field.name, values, 0, ctx);
    }
  } catch (error) {
    undecodable(ctx, name, `Arrow niet te lezen: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The node_modules path of a library file in the site, or null. */
export function packagePath(relativePath: string): string | null {
  const m = /^_(?:node|npm)\/((?:@[^/]+\/)?[^/@]+)@[^/]+\/(.+)$/.exec(relativePath.split("\\").join("/"));
  return m ? `${m[1]}/${m[2]}` : null;
}

async function isPackageCopy(relativePath: string, bytes: Uint8Array, packages: string | undefined): Promise<boolean> {
  const inPackage = packages ? packagePath(relativePath) : null;
  if (!inPackage || !existsSync(join(packages!, inPackage))) return false;
  const original = await readFile(join(packages!, inPackage));
  return original.length === bytes.length && original.equals(bytes);
}

/** Scans every file below `dir`. */
export async function scanDist(dir: string, needles: Needles, options: ScanOptions = {}): Promise<ScanReport> {
  if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const tempDir = await mkdtemp(join(tmpdir(), "warmkoud-scan-"));
  const ctx: ScanContext = {needles, conn, tempDir, findings: []};
  const packageCopies: string[] = [];
  try {
    const files = await listFiles(dir);
    for (const path of files) {
      const name = relative(dir, path);
      const bytes = new Uint8Array(await readFile(path));
      if (await isPackageCopy(name, bytes, options.packages)) packageCopies.push(name);
      else await scanBytes(name, bytes, ctx);
    }
    return {files: files.length, findings: ctx.findings, packageCopies};
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(tempDir, {recursive: true, force: true});
  }
}

/** The report as the CLI prints it. */
export function formatReport(report: ScanReport): string {
  const copies = report.packageCopies.length > 0 ? ` (${report.packageCopies.length} ongewijzigde bibliotheekbestanden overgeslagen)` : "";
  if (report.findings.length === 0) return `privacy-scan: ${report.files} bestanden${copies}, niets gevonden`;
  const lines = report.findings.map((f) => `  ${f.file}: ${f.kind}: ${f.found} (${f.where})`);
  return [`privacy-scan: ${report.findings.length} vondst(en) in ${report.files} bestanden; deze build mag niet gepubliceerd worden:`, ...lines].join("\n");
}
