/**
 * SenseMaker platform export (raw): one row per story, UUID-keyed columns, read with the framework
 * definition (formats.md, "SenseMaker platform export (raw)").
 */
import {StoryCollector, unusedColumnsWarning} from "./collector.js";
import {parseCsvText, recordObject} from "./csv-text.js";
import {parseStoryDate} from "./dates.js";
import {triadFromUnitSquare} from "./geometry.js";
import {readAnswers, type Cells, type ColumnLayout, type DyadColumns, type Place, type TriadColumns} from "./sensemaker-answers.js";
import {definitionRows, type SmDefinition, type SmSignifier} from "./sensemaker-definition.js";
import {StoryFormatError, type StoryParseResult} from "./rows.js";

const METADATA = ["id", "project_id", "version", "language", "server_upload_time", "responder_id", "meta_dossiernummer"];

/** True when a CSV header looks like a raw SenseMaker export. */
export function looksLikeSensemakerRaw(header: string[]): boolean {
  const names = new Set(header.map((h) => h.toLowerCase()));
  return names.has("id") && names.has("server_upload_time") && header.some((h) => /_percentX$/.test(h));
}

export interface ParseSensemakerOptions {
  /** Path of the export relative to the delivery (lineage of story rows). */
  sourceFile: string;
  /** Path of the definition (lineage of signifier rows). */
  definitionFile: string;
}

export function parseSensemakerRaw(text: string, def: SmDefinition, options: ParseSensemakerOptions): StoryParseResult {
  const table = parseCsvText(text);
  const header = table.header;
  if (!header.includes("id")) throw new StoryFormatError('no "id" column: not a SenseMaker raw export');
  const columns = expectedColumns(def);
  const matched = [...columns].filter((c) => header.includes(c)).length;
  if (def.signifiers.length > 0 && matched === 0) {
    throw new StoryFormatError("none of the columns belongs to the definition: is it the definition of this export?");
  }

  const collector = new StoryCollector(options.sourceFile);
  const rows = definitionRows(def, options.definitionFile);
  collector.tables.signifiers.push(...rows.signifiers);
  collector.tables.signifier_options.push(...rows.options);
  def.warnings.forEach((w) => collector.issues.warn(`definition: ${w}`));
  warnUnimported(def, collector);

  for (const record of table.records) {
    const cellMap = recordObject(header, record.cells);
    const cells: Cells = (c) => cellMap.get(c);
    const id = (cells("id") ?? "").trim();
    if (!collector.begin(record, header, id, "id")) continue;
    const place: Place = {collector, row: record.row, storyId: id};
    const teller = readAnswers(place, def, cells, rawLayout);
    const date = parseStoryDate(cells("server_upload_time"));
    if (!date.ok) collector.issues.reject(record.row, "server_upload_time", `${date.reason}; story kept without a date`);
    collector.accept({
      story_id: id,
      project: nonBlank(cells("project_id")) ?? def.name,
      collected_on: date.ok ? date.date : null,
      teller_role: teller,
      language: nonBlank(cells("language")) ?? def.language,
      client_key: null,
      case_ref: nonBlank(cells("meta_dossiernummer")),
      source_row: record.row
    });
    collector.text(record.row, id, def.titleId ? nonBlank(cells(def.titleId)) : null, storyText(def, cells));
  }
  const unused = unusedColumnsWarning(header, new Set([...columns, ...METADATA]));
  if (unused) collector.issues.warn(unused);
  return collector.result();
}

/** Column naming of the raw export. */
export const rawLayout: ColumnLayout = {
  triad: triadColumns,
  dyad: dyadColumns,
  single: (sig) => sig.id,
  multi: (sig, item) => `${sig.id}_${item}`,
  labelsAllowed: false
};

function triadColumns(sig: SmSignifier): TriadColumns {
  return {
    anchors: sig.options.map((o) => `${sig.id}_${o.id}`),
    anchorTotal: 1,
    point: {x: `${sig.id}_percentX`, y: `${sig.id}_percentY`, toTriad: triadFromUnitSquare},
    na: `${sig.id}_NA`
  };
}

function dyadColumns(sig: SmSignifier): DyadColumns {
  const right = sig.options[1];
  return {
    x: `${sig.id}_percentX`,
    check: right ? {column: `${sig.id}_${right.id}`, scale: 1} : undefined,
    na: `${sig.id}_NA`
  };
}

/** Every column the definition explains. */
function expectedColumns(def: SmDefinition): Set<string> {
  const out = new Set<string>();
  for (const sig of def.signifiers) {
    if (sig.type === "triad") {
      const c = triadColumns(sig);
      [...c.anchors, c.point!.x, c.point!.y, c.na].forEach((x) => out.add(x));
    } else if (sig.type === "dyad") {
      [`${sig.id}_percentX`, `${sig.id}_NA`, ...sig.options.map((o) => `${sig.id}_${o.id}`)].forEach((x) => out.add(x));
    } else if (sig.type === "list" && sig.multiSelect) {
      sig.options.forEach((o) => out.add(`${sig.id}_${o.id}`));
    } else if (sig.type === "stones") {
      sig.options.forEach((o) => [`${sig.id}_${o.id}_percentX`, `${sig.id}_${o.id}_percentY`].forEach((x) => out.add(x)));
    } else {
      out.add(sig.id);
    }
  }
  return out;
}

/** Signifiers whose answers have no canonical table get one warning each, never silence. */
function warnUnimported(def: SmDefinition, collector: StoryCollector): void {
  for (const sig of def.signifiers) {
    if (sig.type === "stones") collector.issues.warn(`stones "${sig.title}": stone positions are not imported (no canonical table)`);
    if (sig.type === "freetext" && !def.fragmentIds.includes(sig.id) && sig.id !== def.titleId) {
      collector.issues.warn(`free text "${sig.title}" is not imported (only the story title and text are)`);
    }
  }
}

function storyText(def: SmDefinition, cells: Cells): string | null {
  const parts = def.fragmentIds.map((id) => nonBlank(cells(id))).filter((t): t is string => t !== null);
  return parts.length > 0 ? parts.join("\n\n") : null;
}

function nonBlank(cell: string | undefined): string | null {
  const t = (cell ?? "").trim();
  return t === "" ? null : t;
}
