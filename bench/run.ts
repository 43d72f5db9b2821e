/**
 * npm run bench [-- section ...]: measures the speed and memory targets of the issues on this
 * machine, prints a table and writes BENCHMARKS.md. Sections: import, browser, public. Results of
 * sections not run this time are kept from bench/results.json, so a partial run updates its rows.
 * Ratios are measured within one run (these machines are shared and noisy).
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {cpus, totalmem} from "node:os";
import {join} from "node:path";
import type {Row} from "./rows.js";

const sections: Record<string, () => Promise<Row[]>> = {
  import: async () => (await import("./import.js")).importBench(),
  browser: async () => (await import("./browser.js")).browserBench(),
  public: async () => (await import("./public-build.js")).publicBuildBench()
};

const resultsFile = join(import.meta.dirname, "results.json");

function table(rows: Row[]): string {
  const head = "| section | measure | value | target | verdict |\n|---|---|---|---|---|";
  const body = rows.map((r) => `| ${r.section} | ${r.measure} | ${r.value} | ${r.target ?? ""} | ${r.ok === undefined ? "" : r.ok ? "ok" : "MISSED"} |`);
  return [head, ...body].join("\n");
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const name of wanted) if (!(name in sections)) throw new Error(`unknown section ${name} (${Object.keys(sections).join(", ")})`);
const run = wanted.length ? wanted : Object.keys(sections);
const previous: Record<string, {rows: Row[]; measuredAt: string}> = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : {};

for (const name of run) {
  console.error(`bench: ${name} …`);
  const rows = await sections[name]();
  previous[name] = {rows, measuredAt: new Date().toISOString()};
  console.log(table(rows));
}
writeFileSync(resultsFile, JSON.stringify(previous, null, 2) + "\n");

const all = Object.keys(sections).filter((s) => previous[s]);
const md = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (bench/run.ts). Each section lists when it was measured; targets come",
  "from the issues. The machine is shared: compare ratios measured in the same run, not absolute",
  `times across runs. Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  "",
  ...all.flatMap((s) => [`## ${s} (measured ${previous[s].measuredAt})`, "", table(previous[s].rows), ""])
].join("\n");
writeFileSync(join(import.meta.dirname, "..", "BENCHMARKS.md"), md);
console.error("bench: BENCHMARKS.md written");
