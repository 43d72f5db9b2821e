/**
 * The sociaal team's case register, one file per year of first contact: 2024 from the current
 * system (UTF-8), 2025 from an older one (Windows-1252). `;`-CSV, dd-mm-jjjj, decimal commas.
 */
import {join} from "node:path";
import {FileSink} from "./file-sink.js";
import {calendar, csvLine, nlAmount, nlDate} from "./dutch-text.js";
import type {FirstLineCase} from "./first-line.js";
import {breakElfproef} from "./identifiers.js";
import type {PlantedRow} from "./key.js";

export const CASE_COLUMNS = [
  "Dossiernummer", "BSN", "Domein", "Eerste contact", "Start hulp", "Einde hulp", "Geboden hulp",
  "Gevraagde productcategorie", "Gevraagde voorziening", "Inschatting kosten", "Waarschijnlijkheid", "Tweedelijns nodig na hulp",
  "Huishouden"
];

function caseFields(c: FirstLineCase, household: string | null): string[] {
  return [
    c.id, c.bsn, c.domain, nlDate(c.firstContact), nlDate(c.start), c.end === null ? "" : nlDate(c.end), c.help,
    c.category?.code ?? "", c.category?.request ?? "",
    c.estimateCents === null ? "" : nlAmount(c.estimateCents, true),
    c.likelihood ?? "", c.need ?? "", household ?? ""
  ];
}

/**
 * Writes both registers; the case `invalidBsnCase` gets a BSN that fails the elfproef.
 * `households`: the household number of each case (lib/demo/households.ts). Returns the planted row.
 */
export async function writeCaseRegisters(out: string, cases: readonly FirstLineCase[], invalidBsnCase: FirstLineCase, households: ReadonlyMap<FirstLineCase, string | null>): Promise<PlantedRow[]> {
  const planted: PlantedRow[] = [];
  for (const [year, encoding] of [[2024, "utf-8"], [2025, "windows-1252"]] as const) {
    const file = `eerstelijn/casusregister-${year}.csv`;
    const sink = await FileSink.open(join(out, file), encoding);
    await sink.write(csvLine(CASE_COLUMNS));
    for (const c of cases) {
      if (calendar(c.firstContact).year !== year) continue;
      const fields = caseFields(c, households.get(c) ?? null);
      if (c === invalidBsnCase) {
        fields[1] = breakElfproef(c.bsn);
        planted.push({kind: "invalid-bsn", file, row: sink.lines + 1, line: sink.lines + 1, column: "BSN", value: fields[1], expected: "reject", reason: `BSN ${fields[1]} fails the elfproef`});
      }
      await sink.write(csvLine(fields));
    }
    await sink.close();
  }
  return planted;
}
