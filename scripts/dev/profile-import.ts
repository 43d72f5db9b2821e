/** Dev aid: times every DuckDB statement of an import slower than 100 ms (usage: tsx scripts/dev/profile-import.ts <file> <outdir>). */
import {DuckDBConnection} from "@duckdb/node-api";
import {importDelivery} from "../../lib/import/index.js";

const proto = DuckDBConnection.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
for (const name of ["run", "runAndReadAll"]) {
  const original = proto[name];
  proto[name] = async function (this: unknown, sql: unknown, ...rest: unknown[]) {
    const start = performance.now();
    try {
      return await original.call(this, sql, ...rest);
    } finally {
      const ms = performance.now() - start;
      if (ms > Number(process.env.MIN_MS ?? 100)) console.error(`${(ms / 1000).toFixed(2)} s  ${String(sql).replace(/\s+/g, " ").slice(0, 220)}`);
    }
  };
}
const start = performance.now();
await importDelivery([process.argv[2]], {out: process.argv[3], demo: true});
console.error(`total ${((performance.now() - start) / 1000).toFixed(2)} s`);
