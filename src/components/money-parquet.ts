/**
 * Reads a small Parquet file into plain rows without starting DuckDB-WASM (whose worker takes
 * seconds to start). For pages that only look rows up.
 */
import {tableFromIPC} from "apache-arrow";
import {parquetToIpc, plainRows} from "./arrow.js";

export async function parquetRows<T = Record<string, unknown>>(bytes: ArrayBuffer | Promise<ArrayBuffer>): Promise<T[]> {
  return plainRows<T>(tableFromIPC(await parquetToIpc(bytes)));
}
