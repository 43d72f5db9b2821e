/** The small file finance sends: the first-line budget per budget year (EUR 450.000 over 18 months). */
import {join} from "node:path";
import {csvLine, day, nlAmount, nlDate} from "./dutch-text.js";
import {writeText} from "./file-sink.js";
import {DEMO_MUNICIPALITY} from "./identifiers.js";

export const BUDGET = {amountCents: 45_000_000, months: 18, first: day(2024, 7, 1), last: day(2025, 12, 31)};

export async function writeBudget(out: string): Promise<string> {
  const file = "financien/budget-eerstelijn.csv";
  const rows = [
    ["Gemeentecode", "Kostenplaats", "Omschrijving", "Begindatum", "Einddatum", "Bedrag"],
    [DEMO_MUNICIPALITY.code, "6.1.0100", "Sociaal team - eerstelijns aanpak (tweede helft 2024)", nlDate(BUDGET.first), nlDate(day(2024, 12, 31)), nlAmount(15_000_000, true)],
    [DEMO_MUNICIPALITY.code, "6.1.0100", "Sociaal team - eerstelijns aanpak 2025", nlDate(day(2025, 1, 1)), nlDate(BUDGET.last), nlAmount(30_000_000, true)]
  ];
  await writeText(join(out, file), rows.map((r) => csvLine(r)).join(""));
  return file;
}
