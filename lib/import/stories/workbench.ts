/** Importer for the SenseMaker Workbench export (definition optional). */
import type {Importer} from "../registry.js";
import {looksLikeSensemakerWorkbench, parseSensemakerWorkbench} from "../../formats/stories/sensemaker-workbench.js";
import {parseCsvText} from "../../formats/stories/csv-text.js";
import {findDefinition} from "./definition-file.js";
import {fileReport, parseOrFail, readText, stageStoryTables} from "./stage.js";

export const sensemakerWorkbenchImporter: Importer = {
  format: "sensemaker-workbench",
  detect: (probe) => looksLikeSensemakerWorkbench(probe.header),
  async run(file, ctx) {
    const text = await readText(file);
    const header = parseOrFail(file, () => parseCsvText(text).header);
    const found = await findDefinition(file, header, ctx.options.definition);
    const result = parseOrFail(file, () => parseSensemakerWorkbench(text, found?.definition ?? null, {
      sourceFile: ctx.relative(file),
      definitionFile: ctx.relative(found?.path ?? file)
    }));
    await stageStoryTables(ctx.connection, result.tables);
    return fileReport(ctx.relative(file), this.format, result);
  }
};
