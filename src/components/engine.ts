/**
 * One DuckDB-WASM engine per page, served from this site's own origin. The wasm and worker files
 * are node imports resolved from node_modules at build time (no CDN). Parquet files are decoded
 * with parquet-wasm into Arrow IPC and registered as tables, because DuckDB-WASM 1.29 would fetch
 * its parquet extension from the internet.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import {parquetToIpc, plainRows} from "./arrow.js";
import {measure} from "./timing.js";

const bundle = {
  mainModule: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
  mainWorker: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js")
};

/** A started engine with an open connection; query results come back as plain row objects. */
export class Engine {
  constructor(readonly db: duckdb.AsyncDuckDB, readonly conn: duckdb.AsyncDuckDBConnection) {}

  static async start(): Promise<Engine> {
    const started = performance.now();
    // Framework bundles the worker as an ES module (node import), so it must start as a module worker.
    const worker = new Worker(bundle.mainWorker, {type: "module"});
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule);
    const engine = new Engine(db, await db.connect());
    measure("wk:engine-start", started);
    return engine;
  }

  /**
   * Registers Parquet bytes as table `name`. Pages pass `FileAttachment(path).arrayBuffer()`, not
   * the attachment itself, so that Framework adds no implicit CDN imports for `.parquet` files.
   */
  async addParquet(name: string, bytes: ArrayBuffer | Promise<ArrayBuffer>): Promise<void> {
    await this.addIpc(name, parquetToIpc(bytes));
  }

  /** Registers an Arrow IPC stream (e.g. from parquetToIpc, decoded while the engine started) as table `name`. */
  async addIpc(name: string, ipc: Uint8Array | Promise<Uint8Array>): Promise<void> {
    await this.conn.insertArrowFromIPCStream(await ipc, {name, create: true});
  }

  /**
   * Runs `sql` and returns plain rows: DATE and TIMESTAMP columns as JS Dates (Arrow gives epoch
   * milliseconds), BIGINT as numbers (counts; cast money to DOUBLE in SQL).
   */
  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    return plainRows<T>(await this.conn.query(sql));
  }

  /** The first column of `sql`'s result as an array (typed for numbers): no row objects. */
  async column(sql: string): Promise<ArrayLike<number>> {
    const table = await this.conn.query(sql);
    return table.numRows === 0 ? [] : (table.getChildAt(0)!.toArray() as ArrayLike<number>);
  }
}
