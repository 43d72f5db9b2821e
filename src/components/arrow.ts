/**
 * Arrow helpers shared by the DuckDB engine and the engine-free Parquet reader: Parquet bytes are
 * decoded by parquet-wasm (served from this site) into an Arrow IPC stream, and Arrow tables become
 * plain rows with JS Dates for DATE/TIMESTAMP (Arrow gives epoch ms) and numbers for BIGINT.
 */
import {DataType, type Data, type Table, type Utf8} from "apache-arrow";
import initParquet, {readParquet} from "parquet-wasm/esm";
import {measure} from "./timing.js";

// Resolved on first use (Framework rewrites the specifier at build time; tests never decode).
const parquetWasm = () => import.meta.resolve("parquet-wasm/esm/parquet_wasm_bg.wasm");
let parquetReady: Promise<unknown> | undefined;

/** Parquet bytes as an Arrow IPC stream. */
export async function parquetToIpc(bytes: ArrayBuffer | Promise<ArrayBuffer>): Promise<Uint8Array> {
  parquetReady ??= initParquet(parquetWasm());
  const [buffer] = await Promise.all([bytes, parquetReady]);
  const started = performance.now();
  const ipc = readParquet(new Uint8Array(buffer)).intoIPCStream();
  measure("wk:decode", started);
  return ipc;
}

export function plainRows<T = Record<string, unknown>>(table: Table): T[] {
  // Column by column (one pass over each vector), not row proxies' toJSON: several times faster
  // for the 10,000s of rows a filter change brings back.
  const columns = table.schema.fields.map((f) => {
    const vector = table.getChild(f.name)!;
    const values: unknown[] = new Array(table.numRows);
    if (DataType.isUtf8(f.type)) {
      let at = 0;
      for (const chunk of vector.data as Data<Utf8>[]) at = readUtf8(chunk, values, at);
    } else {
      let i = 0;
      for (const v of vector) values[i++] = v;
    }
    const date = DataType.isDate(f.type) || DataType.isTimestamp(f.type);
    const bigint = DataType.isInt(f.type) && f.type.bitWidth === 64;
    if (date) for (let j = 0; j < values.length; j++) values[j] = values[j] == null ? values[j] : new Date(values[j] as number);
    if (bigint) for (let j = 0; j < values.length; j++) values[j] = values[j] == null ? values[j] : Number(values[j]);
    return {name: f.name, values};
  });
  const rows: Record<string, unknown>[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (const c of columns) row[c.name] = c.values[r];
    rows[r] = row;
  }
  return rows as T[];
}

const utf8 = new TextDecoder();

/**
 * Writes a Utf8 chunk's strings into `out` from `at`; returns the next place. Decoding every value
 * on its own (what the vector's iterator does) took a tenth of a filter change at 100,000 stories;
 * a chunk of ASCII text (ids, roles, statuses) is decoded in one call and cut at its offsets (for
 * ASCII, byte and character offsets agree). Other text is decoded value by value.
 */
function readUtf8(chunk: Data<Utf8>, out: unknown[], at: number): number {
  // A sliced chunk's offsets are already sliced (its `offset` only applies to the null bitmap).
  const offsets = chunk.valueOffsets;
  const first = offsets[0];
  const end = offsets[chunk.length];
  const text = utf8.decode(chunk.values.subarray(first, end));
  const ascii = text.length === end - first;
  const nulls = chunk.nullCount > 0;
  for (let i = 0; i < chunk.length; i++) {
    if (nulls && !chunk.getValid(i)) out[at + i] = null;
    else if (ascii) out[at + i] = text.substring(offsets[i] - first, offsets[i + 1] - first);
    else out[at + i] = utf8.decode(chunk.values.subarray(offsets[i], offsets[i + 1]));
  }
  return at + chunk.length;
}
