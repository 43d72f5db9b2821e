/**
 * `warmkoud import <files or folders...> --out <dir> [--format F] [--definition D] [--profile P]
 * [--key-file K] [--demo]`: the canonical model, import-report.json and manifest.json.
 * Exit codes: 0 ok, 1 some rows rejected (outputs written), 2 a file could not be read at all.
 */
import {parseArgs} from "node:util";
import {importDelivery, type ImportResult} from "../../lib/import/index.js";
import {ImportFileError} from "../../lib/import/types.js";
import {KeyError} from "../../lib/privacy/pseudonym.js";

const HELP = `usage: warmkoud import <files or folders...> --out <dir> [options]

  --out <dir>         folder for the Parquet model, import-report.json and manifest.json
  --format <name>     force one importer for every file (skips detection)
  --definition <file> SenseMaker definition JSON or NarraFirma story form
  --profile <p>       case-register column-mapping profile (name in profiles/ or a JSON file)
  --key-file <file>   pseudonymisation key (hex, >= 32 bytes); default: env WARMKOUD_KEY
  --demo              use the public demo key (automatic when demo-sleutel.json is present)

exit codes: 0 ok, 1 some rows rejected, 2 a file could not be read`;

export async function run(args: string[]): Promise<number> {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: {type: "string"}, format: {type: "string"}, definition: {type: "string"}, profile: {type: "string"},
      "key-file": {type: "string"}, demo: {type: "boolean"}, help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.out || positionals.length === 0) {
    console.error(HELP);
    return 2;
  }
  try {
    const result = await importDelivery(positionals, {
      out: values.out, format: values.format, definition: values.definition, profile: values.profile,
      keyFile: values["key-file"], demo: values.demo
    });
    console.error(summary(result));
    return result.rejected > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof KeyError) {
      console.error(`warmkoud import: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/**
 * The readable stderr summary: files with rejections or notes one by one (rejections grouped by
 * reason, values elided), clean files counted per format (a delivery may hold hundreds of messages).
 */
export function summary(result: ImportResult): string {
  const lines: string[] = [];
  const clean = new Map<string, {files: number; rows: number}>();
  for (const f of result.files) {
    if (f.rows_rejected === 0 && f.rejects.length === 0 && f.warnings.length === 0) {
      const c = clean.get(f.format) ?? {files: 0, rows: 0};
      clean.set(f.format, {files: c.files + 1, rows: c.rows + f.rows_read});
      continue;
    }
    lines.push(`${f.file} (${f.format}): ${f.rows_read} read, ${f.rows_accepted} accepted, ${f.rows_rejected} rejected`);
    const byReason = new Map<string, number[]>();
    for (const r of f.rejects) {
      const key = `${r.column}: ${r.reason.replace(/"[^"]*"/g, '"…"')}`;
      byReason.set(key, [...(byReason.get(key) ?? []), r.row]);
    }
    for (const [reason, rows] of byReason) {
      const shown = rows.slice(0, 5).join(", ") + (rows.length > 5 ? `, … (${rows.length} rows)` : "");
      lines.push(`  rejected ${reason} (row ${shown})`);
    }
    for (const w of f.warnings) lines.push(`  note: ${w}`);
  }
  for (const [format, c] of clean) lines.push(`${c.files} file(s) ${format}: ${c.rows} read, all accepted`);
  for (const s of result.skipped) lines.push(`${s.file}: skipped, ${s.reason}`);
  lines.push(`model written to ${result.out}: ${result.outputs.filter((o) => o.rows > 0).map((o) => `${o.table} ${o.rows}`).join(", ")}${result.demo ? " (demo key)" : ""}`);
  return lines.join("\n");
}
