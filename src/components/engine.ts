/**
 * One DuckDB-WASM engine per page, served from this site's own origin. The wasm and worker files
 * are node imports resolved from node_modules at build time (no CDN). Parquet files are decoded
 * with parquet-wasm into Arrow IPC and registered as tables, because DuckDB-WASM 1.29 would fetch
 * its parquet extension from the internet.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import {DataType} from "apache-arrow";
import initParquet, {readParquet} from "parquet-wasm/esm";

const bundle = {
  mainModule: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
  mainWorker: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js")
};
const parquetWasm = import.meta.resolve("parquet-wasm/esm/parquet_wasm_bg.wasm");

let parquetReady: Promise<unknown> | undefined;

/** A started engine with an open connection; query results come back as plain row objects. */
export class Engine {
  constructor(readonly db: duckdb.AsyncDuckDB, readonly conn: duckdb.AsyncDuckDBConnection) {}

  static async start(): Promise<Engine> {
    // Framework bundles the worker as an ES module (node import), so it must start as a module worker.
    const worker = new Worker(bundle.mainWorker, {type: "module"});
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule);
    return new Engine(db, await db.connect());
  }

  /**
   * Registers Parquet bytes as table `name`. Pages pass `FileAttachment(path).arrayBuffer()`, not
   * the attachment itself, so that Framework adds no implicit CDN imports for `.parquet` files.
   */
  async addParquet(name: string, bytes: ArrayBuffer | Promise<ArrayBuffer>): Promise<void> {
    parquetReady ??= initParquet(parquetWasm);
    const [buffer] = await Promise.all([bytes, parquetReady]);
    const ipc = readParquet(new Uint8Array(buffer)).intoIPCStream();
    await this.conn.insertArrowFromIPCStream(ipc, {name, create: true});
  }

  /**
   * Runs `sql` and returns plain rows: DATE and TIMESTAMP columns as JS Dates (Arrow gives epoch
   * milliseconds), BIGINT as numbers (counts; cast money to DOUBLE in SQL).
   */
  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const table = await this.conn.query(sql);
    const dates = table.schema.fields.filter((f) => DataType.isDate(f.type) || DataType.isTimestamp(f.type)).map((f) => f.name);
    const bigints = table.schema.fields.filter((f) => DataType.isInt(f.type) && f.type.bitWidth === 64).map((f) => f.name);
    return table.toArray().map((row) => {
      const out = row.toJSON() as Record<string, unknown>;
      for (const name of dates) if (out[name] != null) out[name] = new Date(out[name] as number);
      for (const name of bigints) if (out[name] != null) out[name] = Number(out[name]);
      return out as T;
    });
  }
}
