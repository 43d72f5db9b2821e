/**
 * Arrow helpers shared by the DuckDB engine and the engine-free Parquet reader: Parquet bytes are
 * decoded by parquet-wasm (served from this site) into an Arrow IPC stream, and Arrow tables become
 * plain rows with JS Dates for DATE/TIMESTAMP (Arrow gives epoch ms) and numbers for BIGINT.
 */
import {DataType, type Table} from "apache-arrow";
import initParquet, {readParquet} from "parquet-wasm/esm";

// Resolved on first use (Framework rewrites the specifier at build time; tests never decode).
const parquetWasm = () => import.meta.resolve("parquet-wasm/esm/parquet_wasm_bg.wasm");
let parquetReady: Promise<unknown> | undefined;

/** Parquet bytes as an Arrow IPC stream. */
export async function parquetToIpc(bytes: ArrayBuffer | Promise<ArrayBuffer>): Promise<Uint8Array> {
  parquetReady ??= initParquet(parquetWasm());
  const [buffer] = await Promise.all([bytes, parquetReady]);
  return readParquet(new Uint8Array(buffer)).intoIPCStream();
}

export function plainRows<T = Record<string, unknown>>(table: Table): T[] {
  const dates = table.schema.fields.filter((f) => DataType.isDate(f.type) || DataType.isTimestamp(f.type)).map((f) => f.name);
  const bigints = table.schema.fields.filter((f) => DataType.isInt(f.type) && f.type.bitWidth === 64).map((f) => f.name);
  return table.toArray().map((row) => {
    const out = row.toJSON() as Record<string, unknown>;
    for (const name of dates) if (out[name] != null) out[name] = new Date(out[name] as number);
    for (const name of bigints) if (out[name] != null) out[name] = Number(out[name]);
    return out as T;
  });
}
