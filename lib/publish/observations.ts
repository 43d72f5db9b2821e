/**
 * The analyst's own observations in the public report: a Markdown file (config/observaties.md)
 * rendered into the report. Figures are not typed in: the text names them as `{{key}}` and the
 * build fills in the value computed from the data (see `reportValues` for the keys); an unknown
 * key stops the build. HTML comments are left out; other raw HTML in the file is shown as text (markdown-it with html off), so the
 * file cannot add scripts or load anything from elsewhere.
 */
import {existsSync, readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import MarkdownIt from "markdown-it";
import type {ReportFigures} from "./report-figures.js";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const OBSERVATIONS_FILE = join(projectRoot, "config", "observaties.md");

const euro = (n: number) => new Intl.NumberFormat("nl-NL", {style: "currency", currency: "EUR", maximumFractionDigits: 0}).format(n);
const percent = (x: number | null) => (x === null ? "niet te tonen (te weinig personen)" : `${Math.round(x * 100)}%`);
const ratio = (x: number | null) => (x === null ? "niet te tonen" : x.toLocaleString("nl-NL", {minimumFractionDigits: 1, maximumFractionDigits: 1}));

/** Every figure an observation may name, as the text the report shows. */
export function reportValues(f: ReportFigures): Record<string, string> {
  const s = f.savings;
  const values: Record<string, string> = {
    "gemeente": f.gemeente?.name ?? "de gemeente",
    "periode.van": f.period.from ?? "onbekend",
    "periode.tot": f.period.to ?? "onbekend",
    "dossiers.afgesloten": s.cases.closed.display,
    "dossiers.vermeden": s.cases.avoided.display,
    "dossiers.blijft_nodig": s.cases.still_needed.display,
    "dossiers.open": s.cases.open.display,
    "investering": euro(s.investment),
    "behoefte.geen.aandeel": percent(f.need.share_geen),
    "behoefte.totaal": f.need.total.total.display
  };
  for (const [key, name] of [["low", "laag"], ["central", "midden"], ["high", "hoog"]] as const) {
    values[`besparing.bruto.${name}`] = s.scenarios[key].gross.display;
    values[`besparing.netto.${name}`] = s.scenarios[key].net.display;
    values[`besparing.ratio.${name}`] = ratio(s.scenarios[key].ratio);
  }
  if (f.triad) {
    for (const g of f.triad.groups) values[`verhalen.${g.group}`] = g.stories.display;
  }
  if (f.costliest) {
    values["duurste10.jaar"] = String(f.costliest.year);
    values["duurste10.aandeel"] = percent(f.costliest.share);
    values["duurste10.clienten"] = f.costliest.top_clients.display;
  }
  return values;
}

/** Fills in `{{key}}` placeholders; throws naming every unknown key. */
export function fillPlaceholders(markdown: string, values: Record<string, string>): string {
  const unknown = new Set<string>();
  const out = markdown.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => {
    if (!(key in values)) unknown.add(key);
    return values[key] ?? "";
  });
  if (unknown.size > 0) {
    throw new Error(`observaties: onbekende waarde(n) ${[...unknown].map((k) => `{{${k}}}`).join(", ")}; bekend zijn: ${Object.keys(values).sort().join(", ")}`);
  }
  return out;
}

const markdown = new MarkdownIt({html: false, linkify: false, typographer: false});

/** The observations as HTML (empty string without a file). Headings start at level 3. */
export function renderObservations(values: Record<string, string>, file = OBSERVATIONS_FILE): string {
  if (!existsSync(file)) return "";
  // HTML comments are notes for whoever edits the file, not part of the report.
  const source = fillPlaceholders(readFileSync(file, "utf8").replace(/<!--[\s\S]*?-->/g, ""), values);
  // The report's section is an h2; the file's own headings sit below it.
  return markdown.render(source).replace(/<(\/?)h([1-5])>/g, (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + 2)}>`);
}
