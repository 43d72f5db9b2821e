/** Importer for NarraFirma stories CSV, read with the story-form CSV beside it (or `--definition`). */
import {readdir} from "node:fs/promises";
import {dirname, join} from "node:path";
import type {Importer} from "../registry.js";
import {ImportFileError} from "../types.js";
import {parseCsvText} from "../../formats/stories/csv-text.js";
import {looksLikeNarraFirmaForm, looksLikeNarraFirmaFormText, looksLikeNarraFirmaStories, parseNarraFirmaForm, parseNarraFirmaStories} from "../../formats/stories/narrafirma.js";
import {fileReport, parseOrFail, readText, stageStoryTables} from "./stage.js";

export const narraFirmaImporter: Importer = {
  format: "narrafirma",
  detect: (probe) => looksLikeNarraFirmaStories(probe.header),
  companion: (probe) => looksLikeNarraFirmaFormText(probe.head),
  async run(file, ctx) {
    const text = await readText(file);
    const formFile = ctx.options.definition ?? (await findForm(file));
    if (!formFile) {
      throw new ImportFileError(file, "no NarraFirma story form found: put the story-form CSV next to the stories or pass --definition <file>");
    }
    const formText = await readText(formFile);
    const form = parseOrFail(formFile, () => parseNarraFirmaForm(formText));
    const result = parseOrFail(file, () => parseNarraFirmaStories(text, form, {sourceFile: ctx.relative(file), formFile: ctx.relative(formFile)}));
    await stageStoryTables(ctx.connection, result.tables);
    return fileReport(ctx.relative(file), this.format, result);
  }
};

/** A CSV in the same folder whose header is that of a story form. */
async function findForm(file: string): Promise<string | null> {
  const folder = dirname(file);
  for (const name of (await readdir(folder)).filter((n) => /\.csv$/i.test(n)).sort()) {
    const path = join(folder, name);
    if (path === file) continue;
    try {
      if (looksLikeNarraFirmaForm(parseCsvText(await readText(path), {commentPrefix: ";"}).header)) return path;
    } catch {
      // an unreadable neighbour is not the form
    }
  }
  return null;
}
