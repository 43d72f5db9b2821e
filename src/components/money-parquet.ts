/**
 * Reads a small Parquet file into plain rows without starting DuckDB-WASM (whose worker takes
 * seconds to start): parquet-wasm decodes it to Arrow, and apache-arrow gives the rows. Dates
 * become JS Dates and 64-bit integers numbers, as in engine.ts. For pages that only look rows up.
 */
import {DataType, tableFromIPC} from "apache-arrow";
import initParquet, {readParquet} from "parquet-wasm/esm";

const parquetWasm = import.meta.resolve("parquet-wasm/esm/parquet_wasm_bg.wasm");
let ready: Promise<unknown> | undefined;

export async function parquetRows<T = Record<string, unknown>>(bytes: ArrayBuffer | Promise<ArrayBuffer>): Promise<T[]> {
  ready ??= initParquet(parquetWasm);
  const [buffer] = await Promise.all([bytes, ready]);
  const table = tableFromIPC(readParquet(new Uint8Array(buffer)).intoIPCStream());
  const dates = table.schema.fields.filter((f) => DataType.isDate(f.type) || DataType.isTimestamp(f.type)).map((f) => f.name);
  const bigints = table.schema.fields.filter((f) => DataType.isInt(f.type) && f.type.bitWidth === 64).map((f) => f.name);
  return table.toArray().map((row) => {
    const out = row.toJSON() as Record<string, unknown>;
    for (const name of dates) if (out[name] != null) out[name] = new Date(out[name] as number);
    for (const name of bigints) if (out[name] != null) out[name] = Number(out[name]);
    return out as T;
  });
}
