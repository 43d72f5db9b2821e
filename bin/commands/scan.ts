/**
 * `warmkoud scan <dist> --model <modelDir> [--canary FILE]`: the post-build privacy scan. Exits 1
 * when the built site contains story text, a pseudonym, a case or story id, a clear BSN, a canary
 * or a file the scan cannot read; 0 when it is clean; 2 on a usage error.
 */
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {formatReport, loadNeedles, readCanaries, scanDist} from "../../lib/privacy/scan.js";

const HELP = `usage: warmkoud scan <dist> --model <modelDir> [--canary FILE]

Scans every file of a built site (also inside Parquet, Arrow, JSON, source maps and compressed
files) for story texts, titles, pseudonyms, story and case ids of the model, clear BSNs and the
canary strings in FILE (one a line). Exits 1 on any finding.`;

export async function run(args: string[]): Promise<number> {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {model: {type: "string"}, canary: {type: "string", multiple: true}, help: {type: "boolean", short: "h"}}
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1 || !values.model) {
    console.error(HELP);
    return 2;
  }
  const canaries = (await Promise.all((values.canary ?? []).map(readCanaries))).flat();
  const needles = await loadNeedles(values.model, canaries);
  const c = needles.counts;
  console.log(
    `privacy-scan: zoekt naar ${c.storyTexts} verhaalteksten (${c.storyWindows - c.commonWindows} vensters), ${c.titles} titels, ` +
      `${c.pseudonyms} pseudoniemen, ${c.ids} ids, ${c.canaries} canaries en BSN's` +
      (c.idsTooShort > 0 ? ` (${c.idsTooShort} ids korter dan 6 tekens niet doorzocht)` : "")
  );
  // Unchanged copies of installed library files (the engines' wasm) are recognised, not scanned.
  const packages = fileURLToPath(new URL("../../node_modules", import.meta.url));
  const report = await scanDist(positionals[0], needles, existsSync(packages) ? {packages} : {});
  const text = formatReport(report);
  if (report.findings.length > 0) {
    console.error(text);
    return 1;
  }
  console.log(text);
  return 0;
}
