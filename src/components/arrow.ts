/**
 * Arrow helpers shared by the DuckDB engine and the engine-free Parquet reader: Parquet bytes are
 * decoded by parquet-wasm (served from this site) into an Arrow IPC stream, and Arrow tables become
 * plain rows with JS Dates for DATE/TIMESTAMP (Arrow gives epoch ms) and numbers for BIGINT.
 */
import {DataType, type Table} from "apache-arrow";
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
    let i = 0;
    for (const v of vector) values[i++] = v;
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
