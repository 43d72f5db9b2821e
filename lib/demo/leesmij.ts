/** LEESMIJ.txt: tells whoever opens the folder that the data are synthetic and how they were made. */
import {nlAmount} from "./dutch-text.js";
import type {DemoKey} from "./key.js";

// Formatted by hand, not toLocaleString: output must not depend on the ICU data of the Node build.
const euro = (n: number) => `EUR ${nlAmount(Math.round(n) * 100, true).slice(0, -3)}`;

export function leesmij(key: DemoKey): string {
  return [
    "DEMOGEMEENTE - SYNTHETISCHE GEGEVENS",
    "",
    `Deze map is gemaakt met \`warmkoud demo --seed ${key.seed} --scale ${key.scale}\`.`,
    "Alle gegevens zijn verzonnen. Er staan geen echte personen, verhalen of bedragen in.",
    `De gemeente ${key.municipality.name} (${key.municipality.code}) en haar regio bestaan niet.`,
    "",
    "Hoe de gegevens zijn gemaakt",
    "- Met een vaste startwaarde (seed) voor de toevalsgenerator: dezelfde seed en schaal geven",
    "  precies dezelfde bestanden.",
    "- BSN's voldoen aan de elfproef en komen uit de officiële testreeks (999900006-999999990);",
    "  op de schaal 'region' ook uit de reeks daar direct onder (zie docs/demo.md).",
    `- Peildatum ("vandaag"): ${key.today}.`,
    `- Verhalen: ${key.counts.stories}, waarvan ${key.counts.stories_by_residents} van inwoners.`,
    `- Casussen eerste lijn: ${key.counts.cases}. Declaratieregels: ${key.counts.declaration_lines}.`,
    `- Budget eerste lijn: ${euro(key.budget.amount)} voor ${key.budget.months} maanden.`,
    key.avoided_cost.calibrated
      ? `- Voorkomen kosten tweede lijn (bruto): ${euro(key.avoided_cost.gross)}; netto: ${euro(key.avoided_cost.net)}.`
      : "- Op deze schaal zijn de voorkomen kosten niet gekalibreerd (alleen de schaal 'small').",
    "",
    "Inhoud",
    "- verhalen/        SenseMaker-export en framework-definitie",
    "- eerstelijn/      casusregister van het sociaal team (2024: UTF-8, 2025: Windows-1252)",
    "- tweedelijn/      declaraties (323-berichten of een platte export) en monitorbestanden (GMSD)",
    "- benchmark/       CBS-tabellen van de vijf gemeenten in de regio",
    "- financien/       budget van de eerste lijn",
    "- demo-sleutel.json  de antwoorden: totalen, kalibratie en de bewust foute regels",
    "",
    "Er zitten bewust een paar foute regels in (zie demo-sleutel.json, onderdeel \"planted\").",
    "Importeurs slaan dit bestand en demo-sleutel.json over.",
    ""
  ].join("\r\n");
}
