/** Importer for the generic story CSV; client references are pseudonymised here, never stored clear. */
import {isTestBsn} from "../../privacy/bsn.js";
import type {Importer} from "../registry.js";
import {looksLikeGenericStoryCsv, parseGenericStoryCsv} from "../../formats/stories/generic.js";
import {fileReport, parseOrFail, readText, stageStoryTables} from "./stage.js";

export const genericStoryImporter: Importer = {
  format: "verhalen-generiek",
  detect: (probe) => looksLikeGenericStoryCsv(probe.header),
  async run(file, ctx) {
    const text = await readText(file);
    const result = parseOrFail(file, () => parseGenericStoryCsv(text, ctx.relative(file)));
    const refs = result.client_refs;
    const pseudonyms = ctx.pseudonymise(new Set(refs.values()));
    for (const story of result.tables.stories) {
      const ref = refs.get(story.story_id);
      if (ref !== undefined) story.client_key = pseudonyms.get(ref) ?? null;
    }
    const testRange = [...refs.values()].filter((r) => isTestBsn(r)).length;
    if (testRange > 0 && !ctx.options.demo) {
      result.warnings.push(`${testRange} client_ref value(s) lie in the BSN test range (999900006-999999990): test data in a production import?`);
    }
    refs.clear();
    await stageStoryTables(ctx.connection, result.tables);
    return fileReport(ctx.relative(file), this.format, result);
  }
};
