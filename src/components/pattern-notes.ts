/**
 * The analyst's notes on patterns: "remarkable" marks and written observations, kept in the
 * browser (localStorage) per pattern id, exportable as JSON (to import again) or Markdown (to read),
 * and importable from such a JSON file. Nothing leaves the browser except through the analyst's own
 * download.
 */
import {download as downloadBlob} from "./export.js";

export interface PatternNote {
  remarkable: boolean;
  observation: string;
  /** The pair in words, so an exported note still says what it was about. */
  label: string;
  updated: string;
}

export interface NotesFile {
  format: "warmkoud-patroonnotities";
  version: 1;
  notes: Record<string, PatternNote>;
}

export const NOTES_KEY = "warmkoud:patronen:notities";

export class PatternNotes extends EventTarget {
  private notes: Record<string, PatternNote>;

  constructor(private readonly storage: Storage | null = globalThis.localStorage ?? null, private readonly key = NOTES_KEY) {
    super();
    this.notes = readNotes(storage?.getItem(key) ?? null);
  }

  get(id: string): PatternNote | undefined {
    return this.notes[id];
  }

  all(): Record<string, PatternNote> {
    return {...this.notes};
  }

  /** Stores a note; an empty, unmarked note is removed. */
  set(id: string, note: Omit<PatternNote, "updated">): void {
    if (!note.remarkable && note.observation.trim() === "") delete this.notes[id];
    else this.notes[id] = {...note, updated: new Date().toISOString()};
    this.save();
  }

  /** Adds the notes of an exported file (a note in the file wins over the one here). Returns how many. */
  import(text: string): number {
    const incoming = parseNotesFile(text);
    Object.assign(this.notes, incoming);
    this.save();
    return Object.keys(incoming).length;
  }

  toJson(): string {
    const file: NotesFile = {format: "warmkoud-patroonnotities", version: 1, notes: this.notes};
    return JSON.stringify(file, null, 2);
  }

  toMarkdown(): string {
    const lines = ["# Notities bij patronen", ""];
    const entries = Object.entries(this.notes).sort(([, a], [, b]) => Number(b.remarkable) - Number(a.remarkable) || a.label.localeCompare(b.label, "nl"));
    if (entries.length === 0) lines.push("Nog geen notities.");
    for (const [id, n] of entries) {
      lines.push(`## ${n.label}`, "", `- patroon: \`${id}\``, `- opmerkelijk: ${n.remarkable ? "ja" : "nee"}`, `- bijgewerkt: ${n.updated}`, "");
      if (n.observation.trim()) lines.push(n.observation.trim(), "");
    }
    return lines.join("\n");
  }

  private save(): void {
    this.storage?.setItem(this.key, JSON.stringify(this.notes));
    this.dispatchEvent(new Event("change"));
  }
}

function readNotes(text: string | null): Record<string, PatternNote> {
  if (!text) return {};
  try {
    return cleanNotes(JSON.parse(text));
  } catch {
    return {};
  }
}

/** Notes from an exported file; throws with a Dutch message when it is not one. */
export function parseNotesFile(text: string): Record<string, PatternNote> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("Dit bestand is geen JSON.");
  }
  const file = parsed as Partial<NotesFile>;
  if (file?.format !== "warmkoud-patroonnotities" || typeof file.notes !== "object" || file.notes === null) {
    throw new Error("Dit is geen bestand met patroonnotities van warmkoud.");
  }
  return cleanNotes(file.notes);
}

function cleanNotes(value: unknown): Record<string, PatternNote> {
  const out: Record<string, PatternNote> = {};
  if (typeof value !== "object" || value === null) return out;
  for (const [id, n] of Object.entries(value as Record<string, Partial<PatternNote>>)) {
    if (typeof n !== "object" || n === null) continue;
    out[id] = {
      remarkable: n.remarkable === true,
      observation: typeof n.observation === "string" ? n.observation : "",
      label: typeof n.label === "string" ? n.label : id,
      updated: typeof n.updated === "string" ? n.updated : ""
    };
  }
  return out;
}

/** Offers text as a file download (the site's one download, components/export.ts). */
export function download(text: string, filename: string, type: string, doc: Document = document): void {
  downloadBlob(new Blob([text], {type}), filename, doc);
}

/** Checkbox and text field for one pattern's note, saved as the analyst types. */
export function noteEditor(notes: PatternNotes, id: string, label: string, doc: Document = document): HTMLElement {
  const current = notes.get(id);
  const root = doc.createElement("div");
  root.className = "wk-note";
  const checkLabel = doc.createElement("label");
  const check = doc.createElement("input");
  check.type = "checkbox";
  check.checked = current?.remarkable ?? false;
  checkLabel.append(check, doc.createTextNode(" Opmerkelijk patroon"));
  const areaLabel = doc.createElement("label");
  areaLabel.textContent = "Uw observatie";
  areaLabel.style.display = "block";
  const area = doc.createElement("textarea");
  area.rows = 4;
  area.style.width = "100%";
  area.style.maxWidth = "60ch";
  area.value = current?.observation ?? "";
  areaLabel.append(doc.createElement("br"), area);
  const status = doc.createElement("p");
  status.className = "wk-chart-counts";
  status.setAttribute("aria-live", "polite");
  const save = () => {
    notes.set(id, {remarkable: check.checked, observation: area.value, label});
    status.textContent = "Opgeslagen in deze browser.";
  };
  check.addEventListener("change", save);
  area.addEventListener("input", save);
  root.append(checkLabel, areaLabel, status);
  return root;
}
