/**
 * Finding the SenseMaker framework definition of an export: `--definition`, else a JSON file in the
 * same folder whose signifier ids appear in the export's header (so a wrong JSON is never taken).
 */
import {readdir, readFile} from "node:fs/promises";
import {dirname, join} from "node:path";
import {parseSensemakerDefinition, type SmDefinition} from "../../formats/stories/sensemaker-definition.js";
import {ImportFileError} from "../types.js";
import {parseOrFail} from "./stage.js";

export interface FoundDefinition {
  path: string;
  definition: SmDefinition;
}

/** A probe head that looks like a framework definition (read by the export's importer). */
export function looksLikeDefinition(name: string, head: string): boolean {
  return name.toLowerCase().endsWith(".json") && /"signifiers"\s*:/.test(head);
}

export async function findDefinition(file: string, header: string[], given: string | undefined): Promise<FoundDefinition | null> {
  if (given) {
    const text = await readFile(given, "utf8").catch(() => {
      throw new ImportFileError(given, "the definition given with --definition cannot be read");
    });
    return {path: given, definition: parseOrFail(given, () => parseSensemakerDefinition(text))};
  }
  const folder = dirname(file);
  const names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith(".json"));
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const columns = header.join("\u0001");
  for (const name of names) {
    const path = join(folder, name);
    const text = await readFile(path, "utf8");
    if (!/"signifiers"\s*:/.test(text)) continue;
    let definition: SmDefinition;
    try {
      definition = parseSensemakerDefinition(text);
    } catch {
      continue;
    }
    if (definition.signifiers.some((s) => columns.includes(s.id))) return {path, definition};
  }
  return null;
}

/** Names that say "definition" are tried first. */
function rank(name: string): number {
  return /defini|framework/i.test(name) ? 0 : 1;
}
