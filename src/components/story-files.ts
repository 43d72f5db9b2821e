/**
 * A story export the analyst drops on the page, read in the browser only: the bytes come from the
 * file input (or from the site's own example file), are decoded (UTF-8, else Windows-1252),
 * recognised by their header and parsed by lib/formats/stories into the canonical tables. Nothing
 * is sent anywhere.
 */
import {parseCsvText} from "../lib/formats/stories/csv-text.js";
import {looksLikeGenericStoryCsv, parseGenericStoryCsv} from "../lib/formats/stories/generic.js";
import {
  looksLikeNarraFirmaFormText, looksLikeNarraFirmaStories, parseNarraFirmaForm, parseNarraFirmaStories
} from "../lib/formats/stories/narrafirma.js";
import {parseSensemakerDefinition} from "../lib/formats/stories/sensemaker-definition.js";
import {looksLikeSensemakerRaw, parseSensemakerRaw} from "../lib/formats/stories/sensemaker-raw.js";
import {looksLikeSensemakerWorkbench, parseSensemakerWorkbench} from "../lib/formats/stories/sensemaker-workbench.js";
import type {StoryParseResult} from "../lib/formats/stories/rows.js";

export interface TextFile {
  readonly name: string;
  readonly text: string;
}

export interface ReadExport {
  /** The format in words. */
  readonly format: string;
  /** The file(s) the stories came from. */
  readonly files: readonly string[];
  readonly result: StoryParseResult;
  /** Dropped files that were not used. */
  readonly ignored: readonly string[];
}

/** Strict UTF-8 first; older systems write Windows-1252 (formats.md). */
export function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export async function readFiles(files: Iterable<File>): Promise<TextFile[]> {
  return Promise.all([...files].map(async (f) => ({name: f.name, text: decodeText(await f.arrayBuffer())})));
}

/**
 * Recognises and parses a story export: SenseMaker raw CSV + definition JSON, Workbench CSV (with
 * or without definition), NarraFirma stories CSV + story form CSV, or the generic story CSV.
 * Throws an Error with a Dutch message when the files do not make up one of those.
 */
export function readStoryExport(files: readonly TextFile[]): ReadExport {
  if (files.length === 0) throw new Error("Geen bestand gekozen.");
  const jsons = files.filter((f) => /\.json$/i.test(f.name) || f.text.trimStart().startsWith("{"));
  const csvs = files.filter((f) => !jsons.includes(f));
  const forms = csvs.filter((f) => looksLikeNarraFirmaFormText(f.text.slice(0, 4000)));
  const data = csvs.filter((f) => !forms.includes(f));
  if (data.length === 0) throw new Error("Geen verhalenbestand (CSV) gevonden tussen de gekozen bestanden.");
  const story = data[0];
  const header = parseCsvText(story.text, {commentPrefix: ";"}).header;
  const used = [story.name];
  const definition = () => {
    if (!jsons[0]) return null;
    used.push(jsons[0].name);
    return parseSensemakerDefinition(jsons[0].text);
  };
  let format: string;
  let result: StoryParseResult;
  if (looksLikeSensemakerRaw(header)) {
    const def = definition();
    if (!def) throw new Error("Dit is een SenseMaker-export: kies ook het definitiebestand (JSON) dat erbij hoort.");
    format = "SenseMaker (ruwe export)";
    result = parseSensemakerRaw(story.text, def, {sourceFile: story.name, definitionFile: used[1]});
  } else if (looksLikeSensemakerWorkbench(header)) {
    const def = definition();
    format = "SenseMaker Workbench";
    result = parseSensemakerWorkbench(story.text, def, {sourceFile: story.name, definitionFile: used[1] ?? story.name});
  } else if (looksLikeNarraFirmaStories(header)) {
    if (!forms[0]) throw new Error("Dit is een NarraFirma-export: kies ook het vragenformulier (story form, CSV).");
    used.push(forms[0].name);
    format = "NarraFirma";
    result = parseNarraFirmaStories(story.text, parseNarraFirmaForm(forms[0].text), {sourceFile: story.name, formFile: forms[0].name});
  } else if (looksLikeGenericStoryCsv(header)) {
    format = "algemeen verhalenbestand (CSV)";
    result = parseGenericStoryCsv(story.text, story.name);
  } else {
    throw new Error(`${story.name}: de kolommen passen bij geen bekend formaat (SenseMaker, Workbench, NarraFirma of het algemene verhalenbestand met een kolom verhaal_id).`);
  }
  return {format, files: used, result, ignored: files.map((f) => f.name).filter((n) => !used.includes(n))};
}

export type ExportPicker = HTMLElement & {value: TextFile[] | null};

/**
 * A file input that also takes dropped files, and optionally a button that loads the example
 * (text from the site itself). `value` holds the chosen files as text; `input` fires on a choice.
 */
export function exportPicker({example}: {example?: () => Promise<TextFile>} = {}): ExportPicker {
  const doc = document;
  const root = doc.createElement("div") as unknown as ExportPicker;
  root.className = "wk-export-picker";
  root.style.cssText = "border: 2px dashed #999; border-radius: 6px; padding: 1rem; margin: 0.5rem 0;";
  root.value = null;
  const label = doc.createElement("label");
  label.textContent = "Kies of sleep hier uw export (één of meer bestanden): ";
  const input = doc.createElement("input");
  input.type = "file";
  input.multiple = true;
  input.accept = ".csv,.txt,.json,text/csv,application/json";
  label.append(input);
  const status = doc.createElement("p");
  status.setAttribute("aria-live", "polite");
  const choose = async (files: Promise<TextFile[]>) => {
    status.textContent = "Bezig met lezen…";
    root.value = await files;
    status.textContent = `Gekozen: ${root.value.map((f) => f.name).join(", ")}.`;
    root.dispatchEvent(new Event("input"));
  };
  input.addEventListener("change", (event) => {
    event.stopPropagation();
    if (input.files?.length) void choose(readFiles(input.files));
  });
  input.addEventListener("input", (event) => event.stopPropagation());
  root.addEventListener("dragover", (event) => event.preventDefault());
  root.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer?.files.length) void choose(readFiles(event.dataTransfer.files));
  });
  root.append(label);
  if (example) {
    const button = doc.createElement("button");
    button.type = "button";
    button.textContent = "Probeer het voorbeeld";
    button.addEventListener("click", () => void choose(example().then((f) => [f])));
    root.append(doc.createTextNode(" of "), button);
  }
  root.append(status);
  return root;
}
