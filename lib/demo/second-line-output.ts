/**
 * Writes second-line care as the municipality delivers it: the monitor (GMSD-style) start/stop
 * files, and the declarations as iWmo/iJw 323 XML messages (small) or a flat `;`-CSV export
 * (large, streaming). Meanwhile it tallies what the answer key needs: spend per client, monthly
 * cost per client and category, and trajectory lengths.
 */
import {join} from "node:path";
import {FileSink, writeText} from "./file-sink.js";
import {csvLine, isoDate, nlAmount, nlDate, day, daysInMonth} from "./dutch-text.js";
import type {PlantedRow} from "./key.js";
import type {Rng} from "./random.js";
import {DAYS_PER_MONTH, monthIndex, paidCents, type DeclarationLine, type Provision, type Window} from "./second-line.js";

const GMSD_COLUMNS = [
  "Gemeentecode", "Aanmaakdatum", "BSN", "Toewijzingnummer", "Productcategorie", "Productcode", "AGB-code",
  "Beoogde startdatum", "Beoogde einddatum", "Leveringsvorm", "Datum start ondersteuning", "Datum einde ondersteuning",
  "Omvang", "Eenheid", "Frequentie", "Betaald bedrag", "Reden beëindiging"
];
const GMSD_JEUGD_COLUMNS = [...GMSD_COLUMNS.slice(0, 10), "Verwijzer", ...GMSD_COLUMNS.slice(10)];
const FLAT_COLUMNS = [
  "Declaratienummer", "Regelnummer", "Gemeentecode", "Wet", "BSN", "Toewijzingnummer", "Productcategorie", "Productcode",
  "AGB-code", "Begindatum", "Einddatum", "Geleverd volume", "Eenheid", "Tarief", "Bedrag", "Debet/Credit"
];
const VERWIJZERS = ["01", "01", "01", "02", "02", "03", "04", "06", "08"];

export const NAMESPACES = {
  wmo: "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema",
  jeugd: "http://www.istandaarden.nl/ijw/3_2/jw323/schema"
} as const;

export interface SecondLineTally {
  spendByClient: Map<string, number>;
  /** Net cents per "bsn|categorie|month" (small scale only). */
  clientMonths: Map<string, number> | null;
  /** Trajectory lengths (months) of ended provisions, per categorie. */
  durations: Map<string, number[]>;
  lines: number;
  messages: number;
  provisions: {wmo: number; jeugd: number};
}

export class SecondLineOutput {
  readonly planted: PlantedRow[] = [];
  readonly tally: SecondLineTally;
  private gmsd!: {wmo: FileSink; jeugd: FileSink};
  private flat: FileSink | null = null;
  private readonly messages = new Map<string, DeclarationLine[]>();
  private readonly lineNumbers = new Map<string, number>();
  private brokenDatePlanted = false;

  private constructor(private readonly out: string, private readonly rng: Rng, private readonly mode: "xml" | "csv", private readonly window: Window, private readonly duplicateAt: number) {
    this.tally = {spendByClient: new Map(), clientMonths: mode === "xml" ? new Map() : null, durations: new Map(), lines: 0, messages: 0, provisions: {wmo: 0, jeugd: 0}};
  }

  static async open(out: string, rng: Rng, mode: "xml" | "csv", window: Window, duplicateAt: number): Promise<SecondLineOutput> {
    const o = new SecondLineOutput(out, rng, mode, window, duplicateAt);
    o.gmsd = {
      wmo: await FileSink.open(join(out, "tweedelijn", "gmsd-wmo.csv"), "utf-8"),
      jeugd: await FileSink.open(join(out, "tweedelijn", "gmsd-jeugd.csv"), "utf-8")
    };
    await o.gmsd.wmo.write(csvLine(GMSD_COLUMNS));
    await o.gmsd.jeugd.write(csvLine(GMSD_JEUGD_COLUMNS));
    if (mode === "csv") {
      o.flat = await FileSink.open(join(out, "tweedelijn", "declaratieregels.csv"), "utf-8");
      await o.flat.write(csvLine(FLAT_COLUMNS));
    }
    return o;
  }

  /** One provision and its declaration lines; `lines` may be cut short when the line budget runs out. */
  async add(p: Provision, lines: DeclarationLine[]): Promise<void> {
    await this.writeGmsd(p, lines);
    for (const line of lines) {
      const signed = line.credit ? -line.amountCents : line.amountCents;
      this.tally.spendByClient.set(p.bsn, (this.tally.spendByClient.get(p.bsn) ?? 0) + signed);
      if (this.tally.clientMonths) {
        const key = `${p.bsn}|${p.category.code}|${monthIndex(line.periodStart)}`;
        this.tally.clientMonths.set(key, (this.tally.clientMonths.get(key) ?? 0) + signed);
      }
      if (this.mode === "csv") await this.writeFlat(line);
      else {
        const key = `${p.category.law}|${p.agb}|${p.gemeente}|${line.declarationMonth}`;
        const bucket = this.messages.get(key);
        if (bucket) bucket.push(line);
        else this.messages.set(key, [line]);
      }
      this.tally.lines++;
    }
  }

  async close(): Promise<void> {
    await this.gmsd.wmo.close();
    await this.gmsd.jeugd.close();
    if (this.flat) await this.flat.close();
    if (this.mode === "xml") await this.writeMessages();
  }

  private async writeGmsd(p: Provision, lines: readonly DeclarationLine[]): Promise<void> {
    const law = p.category.law;
    this.tally.provisions[law]++;
    const sink = this.gmsd[law];
    const ended = p.end !== null;
    let endText = ended ? nlDate(p.end!) : "";
    // Plant one impossible date: the first Wmo provision that ended in February 2024.
    if (!this.brokenDatePlanted && law === "wmo" && ended && nlDate(p.end!).endsWith("-02-2024")) {
      this.brokenDatePlanted = true;
      endText = "31-02-2024";
      this.planted.push({kind: "impossible-date", file: "tweedelijn/gmsd-wmo.csv", row: sink.lines + 1, line: sink.lines + 1, column: "Datum einde ondersteuning", value: endText, expected: "reject", reason: "impossible date 31-02-2024 (February has no 31st day)"});
    } else if (ended) {
      const durations = this.tally.durations.get(p.category.code) ?? [];
      durations.push((p.end! - p.start) / DAYS_PER_MONTH);
      this.tally.durations.set(p.category.code, durations);
    }
    const perDay = p.category.unit === "14";
    const fields = [
      p.gemeente, nlDate(this.window.last), p.bsn, p.assignment, p.category.code, p.category.productcode, p.agb,
      nlDate(p.plannedStart), nlDate(p.plannedEnd), p.pgb ? "PGB" : "ZIN",
      ...(law === "jeugd" ? [this.rng.pick(VERWIJZERS)] : []),
      nlDate(p.start), endText,
      String(perDay ? 7 : p.monthlyVolume), p.category.unit, perDay ? "2" : "4",
      nlAmount(paidCents(p, lines, this.window)), ended ? p.endReason : ""
    ];
    await sink.write(csvLine(fields));
  }

  private regelnummers = new Map<string, number>();

  private async writeFlat(line: DeclarationLine): Promise<void> {
    const p = line.provision;
    const month = line.declarationMonth;
    const number = `${p.gemeente}${Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, "0")}${p.agb}`;
    const regel = (this.regelnummers.get(number) ?? 0) + 1;
    this.regelnummers.set(number, regel);
    const text = csvLine([
      number, String(regel), p.gemeente, p.category.law === "wmo" ? "Wmo" : "Jeugdwet", p.bsn, p.assignment,
      p.category.code, p.category.productcode, p.agb, nlDate(line.periodStart), nlDate(line.periodEnd),
      String(line.volume), p.category.unit, nlAmount(p.category.tariffCents), nlAmount(line.amountCents), line.credit ? "C" : "D"
    ]);
    await this.flat!.write(text);
    if (this.tally.lines === this.duplicateAt) {
      this.planted.push({kind: "duplicate-declaration", file: "tweedelijn/declaratieregels.csv", row: this.flat!.lines + 1, line: this.flat!.lines + 1, column: "Regelnummer", value: String(regel), expected: "reject", reason: `duplicate declaration line: Declaratienummer ${number} Regelnummer ${regel} already on row ${this.flat!.lines}`});
      await this.flat!.write(text);
    }
  }

  private async writeMessages(): Promise<void> {
    const keys = [...this.messages.keys()].sort();
    let duplicatePlanted = false;
    for (const key of keys) {
      const [law, agb, gemeente, monthText] = key.split("|") as ["wmo" | "jeugd", string, string, string];
      const month = Number(monthText);
      const lines = this.messages.get(key)!;
      const year = Math.floor(month / 12);
      const mm = (month % 12) + 1;
      const name = `${law === "wmo" ? "wmo323" : "jw323"}_${agb}_${year}${String(mm).padStart(2, "0")}.xml`;
      // Plant one duplicate Prestatie in the first message of March 2025 with several lines.
      const plant = !duplicatePlanted && year === 2025 && mm === 3 && lines.length >= 3;
      if (plant) duplicatePlanted = true;
      const text = this.message(law, agb, gemeente, year, mm, lines, plant ? name : null);
      await writeText(join(this.out, "tweedelijn", "323", name), text);
      this.tally.messages++;
    }
  }

  /** One 323 message; Wmo with a namespace prefix, Jeugd with a default namespace (both occur). */
  private message(law: "wmo" | "jeugd", agb: string, gemeente: string, year: number, month: number, lines: DeclarationLine[], plantIn: string | null): string {
    const px = law === "wmo" ? "wmo323:" : "";
    const nsAttr = law === "wmo" ? `xmlns:wmo323="${NAMESPACES.wmo}"` : `xmlns="${NAMESPACES.jeugd}"`;
    const el = (indent: number, name: string, value: string) => `${"  ".repeat(indent)}<${px}${name}>${value}</${px}${name}>`;
    const first = day(year, month, 1);
    const last = first + daysInMonth(year, month) - 1;
    const net = lines.reduce((s, l) => s + (l.credit ? -l.amountCents : l.amountCents), 0);
    const out: string[] = [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<${px}Bericht ${nsAttr}>`,
      `  <${px}Header>`,
      el(2, "BerichtVersie", "3"), el(2, "BerichtSubversie", "2"),
      el(2, "Afzender", agb), el(2, "Ontvanger", gemeente),
      el(2, "IdentificatieBericht", `${agb}${year}${String(month).padStart(2, "0")}`),
      el(2, "DagtekeningBericht", isoDate(Math.min(last + 6, this.window.last))),
      el(2, "DeclaratieFactuurNummer", `F${year}${String(month).padStart(2, "0")}-${agb}`),
      `    <${px}DeclaratieFactuurPeriode>`, el(3, "Begindatum", isoDate(first)), el(3, "Einddatum", isoDate(last)), `    </${px}DeclaratieFactuurPeriode>`,
      `    <${px}TotaalBedrag>`, el(3, "Bedrag", String(Math.abs(net))), el(3, "DebetCredit", net < 0 ? "C" : "D"), `    </${px}TotaalBedrag>`,
      `  </${px}Header>`
    ];
    const byClient = new Map<string, DeclarationLine[]>();
    for (const l of lines) {
      const bucket = byClient.get(l.provision.bsn);
      if (bucket) bucket.push(l);
      else byClient.set(l.provision.bsn, [l]);
    }
    let planted = plantIn === null;
    for (const [bsn, clientLines] of byClient) {
      out.push(`  <${px}Client>`, el(2, "Bsn", bsn), `    <${px}Prestaties>`);
      for (const l of clientLines) {
        const prestatie = this.prestatie(l, px, el);
        out.push(...prestatie);
        if (!planted && !l.credit) {
          planted = true;
          this.planted.push({kind: "duplicate-declaration", file: `tweedelijn/323/${plantIn}`, row: out.length + 1, line: out.length + 1, column: "Client/Prestaties/Prestatie/ReferentieNummer", value: l.reference, expected: "reject", reason: `duplicate declaration line: ReferentieNummer ${l.reference} already declared in the Prestatie on line ${out.length - prestatie.length + 1}`});
          out.push(...prestatie);
        }
      }
      out.push(`    </${px}Prestaties>`, `  </${px}Client>`);
    }
    out.push(`</${px}Bericht>`);
    return out.join("\n") + "\n";
  }

  private prestatie(l: DeclarationLine, px: string, el: (indent: number, name: string, value: string) => string): string[] {
    const p = l.provision;
    return [
      `      <${px}Prestatie>`,
      el(4, "ReferentieNummer", l.reference),
      ...(l.cancels ? [el(4, "VorigReferentieNummer", l.cancels)] : []),
      el(4, "ToewijzingNummer", p.assignment),
      el(4, "ProductCategorie", p.category.code),
      el(4, "ProductCode", p.category.productcode),
      `        <${px}ProductPeriode>`, el(5, "Begindatum", isoDate(l.periodStart)), el(5, "Einddatum", isoDate(l.periodEnd)), `        </${px}ProductPeriode>`,
      el(4, "GeleverdVolume", String(l.volume)),
      el(4, "Eenheid", p.category.unit),
      el(4, "ProductTarief", String(p.category.tariffCents)),
      `        <${px}IngediendBedrag>`, el(5, "Bedrag", String(l.amountCents)), el(5, "DebetCredit", l.credit ? "C" : "D"), `        </${px}IngediendBedrag>`,
      `      </${px}Prestatie>`
    ];
  }
}
