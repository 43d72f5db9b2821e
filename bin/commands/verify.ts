/** `warmkoud verify <dir>`: checks a model folder against its manifest.json (verifyModel); exit 1 on any mismatch. */
import {parseArgs} from "node:util";
import {verifyModel} from "../../lib/import/manifest.js";

export async function run(args: string[]): Promise<number> {
  const {positionals, values} = parseArgs({args, allowPositionals: true, options: {help: {type: "boolean", short: "h"}}});
  if (values.help || positionals.length !== 1) {
    console.error("usage: warmkoud verify <model dir>\n\nrecomputes the SHA-256 of every input, output and the report listed in its manifest.json,\nchecks row counts and that the folder holds nothing unlisted");
    return values.help ? 0 : 2;
  }
  const problems = await verifyModel(positionals[0]);
  for (const p of problems) console.error(`${p.file}: ${p.problem}`);
  if (problems.length === 0) console.error(`${positionals[0]}: every input and output matches manifest.json`);
  return problems.length === 0 ? 0 : 1;
}
