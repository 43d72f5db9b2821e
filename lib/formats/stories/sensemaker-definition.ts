/**
 * The SenseMaker framework definition (JSON beside the export): which UUID is which signifier,
 * with titles and labels stripped of HTML, anchors in definition order (top, left, right).
 */
import {stripHtml} from "./html.js";
import {StoryFormatError, type SignifierOptionRow, type SignifierRow} from "./rows.js";

export type SmType = "triad" | "dyad" | "list" | "freetext" | "stones";

export interface SmOption {
  id: string;
  label: string;
}

export interface SmSignifier {
  id: string;
  type: SmType;
  title: string;
  shortName: string | null;
  allowNa: boolean;
  required: boolean;
  multiSelect: boolean;
  /** Triad: top, left, right. Dyad: left, right. List: items. Stones: stones. */
  options: SmOption[];
}

export interface SmDefinition {
  name: string | null;
  language: string | null;
  /** Free-text signifiers holding the story text. */
  fragmentIds: string[];
  /** A free-text signifier that holds the story title, if the framework has one. */
  titleId: string | null;
  /** The "Wie vertelt?" list, if the framework has one. */
  tellerId: string | null;
  signifiers: SmSignifier[];
  /** Notes about the definition itself (unknown signifier types). */
  warnings: string[];
}

const LAYOUT_TYPES = new Set(["label", "save", "navigation", "image", "html", "submit", "page", "header", "embedded", "audio"]);
const TELLER_TITLE = /wie\s+(vertelt|deelt|is\s+de\s+verteller)|verteller/i;
const TITLE_TITLE = /\b(titel|title|kop)\b/i;

type Json = Record<string, unknown>;

export function parseSensemakerDefinition(text: string): SmDefinition {
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (error) {
    throw new StoryFormatError(`the definition is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(root) || !Array.isArray(root.signifiers)) {
    throw new StoryFormatError("the definition has no `signifiers` list (is this a SenseMaker framework definition?)");
  }
  const warnings: string[] = [];
  const signifiers: SmSignifier[] = [];
  for (const raw of root.signifiers) {
    const parsed = parseSignifier(raw, warnings);
    if (parsed) signifiers.push(parsed);
  }
  const fragmentIds = asIdList(root.fragment_signifier_id).filter((id) => {
    const known = signifiers.some((s) => s.id === id && s.type === "freetext");
    if (!known) warnings.push(`fragment_signifier_id ${id} is not a free-text signifier of the definition`);
    return known;
  });
  const freetexts = signifiers.filter((s) => s.type === "freetext");
  if (fragmentIds.length === 0) {
    const guess = freetexts.find((s) => !TITLE_TITLE.test(s.title));
    if (guess) {
      fragmentIds.push(guess.id);
      warnings.push(`the definition names no story text column (fragment_signifier_id): using free text "${guess.title}"`);
    }
  }
  const title = freetexts.find((s) => !fragmentIds.includes(s.id) && TITLE_TITLE.test(s.title));
  return {
    name: typeof root.name === "string" ? stripHtml(root.name) : null,
    language: typeof root.language === "string" ? root.language : null,
    fragmentIds,
    titleId: title?.id ?? null,
    tellerId: findTeller(signifiers)?.id ?? null,
    signifiers,
    warnings
  };
}

function parseSignifier(raw: unknown, warnings: string[]): SmSignifier | null {
  if (!isObject(raw) || typeof raw.id !== "string" || typeof raw.type !== "string") {
    warnings.push("a signifier without id or type was skipped");
    return null;
  }
  const type = raw.type.toLowerCase();
  if (LAYOUT_TYPES.has(type)) return null;
  if (!["triad", "dyad", "list", "freetext", "stones"].includes(type)) {
    warnings.push(`signifier ${raw.id} has type "${raw.type}", which is not imported`);
    return null;
  }
  const content = isObject(raw.content) ? raw.content : {};
  const maxResponses = Number(raw.max_responses ?? content.max_responses ?? 1);
  return {
    id: raw.id,
    type: type as SmType,
    title: stripHtml(String(raw.title ?? raw.id)),
    shortName: typeof raw.short_name === "string" ? stripHtml(raw.short_name) : typeof raw.shortName === "string" ? stripHtml(raw.shortName) : null,
    allowNa: raw.allow_na === true,
    required: raw.required === true,
    multiSelect: type === "list" && maxResponses > 1,
    options: optionsOf(type, content)
  };
}

function optionsOf(type: string, content: Json): SmOption[] {
  const list = type === "list" ? content.items : type === "stones" ? content.stones : content.labels;
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((o) => ({
    id: String(o.id),
    label: stripHtml(String(o.text ?? o.title ?? o.label ?? o.id))
  }));
}

function findTeller(signifiers: SmSignifier[]): SmSignifier | undefined {
  const lists = signifiers.filter((s) => s.type === "list" && !s.multiSelect);
  return lists.find((s) => TELLER_TITLE.test(s.title)) ??
    lists.find((s) => s.options.some((o) => roleOf(o.label) === "inwoner") && s.options.some((o) => roleOf(o.label) === "medewerker"));
}

/** The teller role an answer to the "Wie vertelt?" question stands for. */
export function roleOf(label: string): "inwoner" | "medewerker" | "anders" {
  const l = label.toLowerCase();
  if (/medewerker|professional|hulpverlener|consulent|werker|begeleider|staff/.test(l)) return "medewerker";
  if (/inwoner|bewoner|burger|cli[eë]nt|ouder|jongere|mantelzorger|resident/.test(l)) return "inwoner";
  return "anders";
}

/** Rows for the signifiers and signifier_options tables. */
export function definitionRows(def: SmDefinition, sourceFile: string): {signifiers: SignifierRow[]; options: SignifierOptionRow[]} {
  const signifiers = def.signifiers.map((s, position): SignifierRow => ({
    signifier_id: s.id, type: s.type, title: s.title, short_name: s.shortName, allow_na: s.allowNa,
    required: s.required, multi_select: s.multiSelect, position, source_file: sourceFile
  }));
  const options = def.signifiers.flatMap((s) =>
    s.options.map((o, position): SignifierOptionRow => ({signifier_id: s.id, option_id: o.id, position, label: o.label}))
  );
  return {signifiers, options};
}

function asIdList(value: unknown): string[] {
  if (typeof value === "string" && value.trim() !== "") return [value.trim()];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return [];
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
