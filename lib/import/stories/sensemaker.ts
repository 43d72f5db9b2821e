/** Importer for the SenseMaker raw export (with its framework definition). */
import type {Importer} from "../registry.js";
import {ImportFileError} from "../types.js";
import {looksLikeSensemakerRaw, parseSensemakerRaw} from "../../formats/stories/sensemaker-raw.js";
import {findDefinition, looksLikeDefinition} from "./definition-file.js";
import {fileReport, parseOrFail, readText, stageStoryTables} from "./stage.js";
import {parseCsvText} from "../../formats/stories/csv-text.js";

export const sensemakerRawImporter: Importer = {
  format: "sensemaker-raw",
  detect: (probe) => looksLikeSensemakerRaw(probe.header),
  companion: (probe) => looksLikeDefinition(probe.name, probe.head),
  async run(file, ctx) {
    const text = await readText(file);
    const header = parseOrFail(file, () => parseCsvText(text).header);
    if (!looksLikeSensemakerRaw(header)) {
      throw new ImportFileError(file, "not a SenseMaker raw export (expected columns id, server_upload_time and <triad>_percentX)");
    }
    const found = await findDefinition(file, header, ctx.options.definition);
    if (!found) {
      throw new ImportFileError(file, "no framework definition found: put the definition JSON next to the export or pass --definition <file>");
    }
    const result = parseOrFail(file, () => parseSensemakerRaw(text, found.definition, {
      sourceFile: ctx.relative(file),
      definitionFile: ctx.relative(found.path)
    }));
    await stageStoryTables(ctx.connection, result.tables);
    return fileReport(ctx.relative(file), this.format, result);
  }
};
