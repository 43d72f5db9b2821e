/**
 * SenseMaker Workbench export (processed): `FragmentID`, triad `<id>X`/`<id>Y` (Y already times
 * 0.8660254), anchor proportions in percent, dyad `<id>X` (0-1) and `<id>XR` (0-100), `<id>_Zone`.
 * The definition is optional: without it, triads and dyads are found from their column pattern
 * (titles are then the ids) and list questions cannot be read.
 */
import {StoryCollector, unusedColumnsWarning} from "./collector.js";
import {parseCsvText, recordObject, type CsvTable} from "./csv-text.js";
import {parseStoryDate} from "./dates.js";
import {TRIANGLE_HEIGHT, triadFromUnitSquare} from "./geometry.js";
import {readAnswers, type Cells, type ColumnLayout, type Place} from "./sensemaker-answers.js";
import {definitionRows, type SmDefinition, type SmSignifier} from "./sensemaker-definition.js";
import {StoryFormatError, type StoryParseResult} from "./rows.js";
import {parseNumber} from "./values.js";

const DATE_COLUMNS = /^(entrydate|date|datum|fragmentdate|collection ?date|server_upload_time)$/i;
const TEXT_COLUMNS = /^(fragment|fragmenttext|fragment text|text|story|verhaal)$/i;
const TITLE_COLUMNS = /^(fragmenttitle|fragment title|title|titel)$/i;

export function looksLikeSensemakerWorkbench(header: string[]): boolean {
  return header.some((h) => h.toLowerCase() === "fragmentid") && header.some((h) => /_Zone$/.test(h) || /XR$/.test(h));
}

export interface ParseWorkbenchOptions {
  sourceFile: string;
  /** Lineage of signifier rows: the definition's path, or the export's own when there is none. */
  definitionFile: string;
}

export function parseSensemakerWorkbench(text: string, given: SmDefinition | null, options: ParseWorkbenchOptions): StoryParseResult {
  const table = parseCsvText(text);
  const header = table.header;
  const idColumn = header.find((h) => h.toLowerCase() === "fragmentid");
  if (!idColumn) throw new StoryFormatError('no "FragmentID" column: not a SenseMaker Workbench export');
  const collector = new StoryCollector(options.sourceFile);
  const def = given ?? definitionFromColumns(header);
  if (!given) {
    collector.issues.warn("no framework definition: triads and dyads found from their columns, titles are their ids; list questions are not imported");
  }
  def.warnings.forEach((w) => collector.issues.warn(`definition: ${w}`));
  const rows = definitionRows(def, options.definitionFile);
  collector.tables.signifiers.push(...rows.signifiers);
  collector.tables.signifier_options.push(...rows.options);

  const layout = workbenchLayout(table, def);
  const dateColumn = header.find((h) => DATE_COLUMNS.test(h));
  const textColumns = def.fragmentIds.filter((id) => header.includes(id));
  if (textColumns.length === 0) textColumns.push(...header.filter((h) => TEXT_COLUMNS.test(h)));
  const titleColumn = def.titleId && header.includes(def.titleId) ? def.titleId : header.find((h) => TITLE_COLUMNS.test(h));

  for (const record of table.records) {
    const cellMap = recordObject(header, record.cells);
    const cells: Cells = (c) => cellMap.get(c);
    const id = (cells(idColumn) ?? "").trim();
    if (!collector.begin(record, header, id, idColumn)) continue;
    const place: Place = {collector, row: record.row, storyId: id};
    const teller = readAnswers(place, def, cells, layout.columns);
    const date = parseStoryDate(dateColumn ? cells(dateColumn) : "");
    if (!date.ok) collector.issues.reject(record.row, dateColumn!, `${date.reason}; story kept without a date`);
    collector.accept({
      story_id: id, project: def.name, collected_on: date.ok ? date.date : null, teller_role: teller,
      language: def.language, client_key: null, case_ref: null, source_row: record.row
    });
    const story = textColumns.map((c) => (cells(c) ?? "").trim()).filter((t) => t !== "").join("\n\n");
    const title = titleColumn ? (cells(titleColumn) ?? "").trim() : "";
    collector.text(record.row, id, title || null, story || null);
  }
  const used = new Set([idColumn, ...layout.used, ...textColumns, ...(dateColumn ? [dateColumn] : []), ...(titleColumn ? [titleColumn] : [])]);
  const unused = unusedColumnsWarning(header, used);
  if (unused) collector.issues.warn(unused);
  return collector.result();
}

/** Triads (`<id>X`, `<id>Y`, `<id>_Zone`) and dyads (`<id>X`, `<id>XR`) found from the header alone. */
function definitionFromColumns(header: string[]): SmDefinition {
  const has = new Set(header);
  const signifiers: SmSignifier[] = [];
  const base = {shortName: null, allowNa: false, required: false, multiSelect: false, options: []};
  for (const h of header) {
    const zone = /^(.+)_Zone$/.exec(h);
    if (zone && has.has(`${zone[1]}X`) && has.has(`${zone[1]}Y`)) signifiers.push({...base, id: zone[1], type: "triad", title: zone[1]});
    const dyad = /^(.+)XR$/.exec(h);
    if (dyad && has.has(`${dyad[1]}X`)) signifiers.push({...base, id: dyad[1], type: "dyad", title: dyad[1]});
  }
  return {name: null, language: null, fragmentIds: [], titleId: null, tellerId: null, signifiers, warnings: []};
}

/** Column naming of the Workbench, with the point scale (0-1 or percent) decided per column. */
function workbenchLayout(table: CsvTable, def: SmDefinition): {columns: ColumnLayout; used: string[]} {
  const used: string[] = [];
  const scaleOf = (column: string) => columnScale(table, column);
  const columns: ColumnLayout = {
    labelsAllowed: true,
    triad(sig) {
      const anchors = sig.options.map((o) => `${sig.id}_${o.id}`);
      const present = anchors.every((a) => table.header.includes(a));
      const x = `${sig.id}X`;
      const y = `${sig.id}Y`;
      const sx = scaleOf(x);
      const sy = scaleOf(y);
      used.push(x, y, `${sig.id}_Zone`, `${sig.id}_NA`, ...(present ? anchors : []));
      return {
        anchors: present ? anchors : [],
        anchorTotal: 100,
        point: {x, y, toTriad: (px, py) => triadFromUnitSquare(px / sx, py / sy / TRIANGLE_HEIGHT)},
        na: `${sig.id}_NA`
      };
    },
    dyad(sig) {
      used.push(`${sig.id}X`, `${sig.id}XR`, `${sig.id}_NA`);
      return {x: `${sig.id}X`, check: {column: `${sig.id}XR`, scale: 100}, na: `${sig.id}_NA`};
    },
    single(sig) {
      used.push(sig.id);
      return sig.id;
    },
    multi(sig, item) {
      used.push(`${sig.id}_${item}`);
      return `${sig.id}_${item}`;
    }
  };
  // Register the columns once, so unused-column warnings are right even for an empty file.
  for (const sig of def.signifiers) {
    if (sig.type === "triad") columns.triad(sig);
    else if (sig.type === "dyad") columns.dyad(sig);
    else if (sig.type === "list" && !sig.multiSelect) columns.single(sig);
    else if (sig.type === "list") sig.options.forEach((o) => columns.multi(sig, o.id));
  }
  return {columns, used};
}

/** 100 when a column holds values above 1.5 (percent), else 1: decided per column, never per cell. */
function columnScale(table: CsvTable, column: string): number {
  const index = table.header.indexOf(column);
  if (index < 0) return 1;
  return table.records.some((r) => (parseNumber(r.cells[index]) ?? 0) > 1.5) ? 100 : 1;
}
