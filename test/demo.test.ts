/**
 * The demo delivery, read back from disk the way an analyst would check it in a spreadsheet:
 * parse the files here (papaparse, regular expressions), recompute the figures independently of
 * the generator, and compare them with the case descriptions in shared/domain.md.
 */
import {mkdtemp, readFile, readdir, rm, stat} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import Papa from "papaparse";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {writeDemo, type DemoKey} from "../lib/demo/index.js";
import {isTestBsn, isValidBsn} from "../lib/privacy/bsn.js";
import {run} from "../bin/commands/demo.js";

let dirA: string;
let dirB: string;
let dirC: string;
let key: DemoKey;

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

const text = (file: string) => readFile(join(dirA, file), "utf8");
const rowsOf = (csv: string, delimiter: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), {delimiter, skipEmptyLines: true}).data;
const records = async (file: string, delimiter = ";") => {
  const [header, ...rows] = rowsOf(await text(file), delimiter);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};
const euros = (s: string) => Number(s.replaceAll(".", "").replace(",", "."));
/** Strict dd-mm-jjjj: null for impossible dates. */
const dayOf = (s: string) => {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 ? t / 86_400_000 : null;
};
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

interface Prestatie {
  bsn: string;
  ref: string;
  category: string;
  begin: string;
  cents: number;
}

async function prestaties(): Promise<Prestatie[]> {
  const dir = join(dirA, "tweedelijn", "323");
  const out: Prestatie[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const xml = await readFile(join(dir, name), "utf8");
    for (const client of xml.matchAll(/<(?:\w+:)?Client>([\s\S]*?)<\/(?:\w+:)?Client>/g)) {
      const bsn = /<(?:\w+:)?Bsn>(\d+)</.exec(client[1])![1];
      for (const p of client[1].matchAll(/<(?:\w+:)?Prestatie>([\s\S]*?)<\/(?:\w+:)?Prestatie>/g)) {
        const get = (tag: string) => new RegExp(`<(?:\\w+:)?${tag}>([^<]*)<`).exec(p[1])![1];
        const amount = /<(?:\w+:)?IngediendBedrag>[\s\S]*?<(?:\w+:)?Bedrag>(\d+)<[\s\S]*?<(?:\w+:)?DebetCredit>([DC])</.exec(p[1])!;
        out.push({bsn, ref: get("ReferentieNummer"), category: get("ProductCategorie"), begin: get("Begindatum"), cents: Number(amount[1]) * (amount[2] === "C" ? -1 : 1)});
      }
    }
  }
  return out;
}

async function caseRegister(): Promise<Record<string, string>[]> {
  const utf8 = await text("eerstelijn/casusregister-2024.csv");
  const cp1252 = new TextDecoder("windows-1252").decode(await readFile(join(dirA, "eerstelijn/casusregister-2025.csv")));
  const parse = (csv: string) => {
    const [header, ...rows] = rowsOf(csv, ";");
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  };
  return [...parse(utf8), ...parse(cp1252)];
}

beforeAll(async () => {
  [dirA, dirB, dirC] = await Promise.all([1, 2, 3].map((i) => mkdtemp(join(tmpdir(), `warmkoud-demo-${i}-`))));
  key = await writeDemo({out: dirA, seed: 1});
  await writeDemo({out: dirB, seed: 1});
  await writeDemo({out: dirC, seed: 2});
}, 60_000);

afterAll(async () => {
  await Promise.all([dirA, dirB, dirC].map((d) => rm(d, {recursive: true, force: true})));
});

describe("determinism", () => {
  it("writes byte-identical files for the same seed and scale", async () => {
    const files = (await listFiles(dirA)).map((f) => relative(dirA, f)).sort();
    expect((await listFiles(dirB)).map((f) => relative(dirB, f)).sort()).toEqual(files);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(Buffer.compare(await readFile(join(dirA, f)), await readFile(join(dirB, f))), f).toBe(0);
  });

  it("writes different data for a different seed", async () => {
    for (const f of ["verhalen/sensemaker-export.csv", "eerstelijn/casusregister-2024.csv", "tweedelijn/gmsd-wmo.csv"]) {
      expect(Buffer.compare(await readFile(join(dirA, f)), await readFile(join(dirC, f))), f).not.toBe(0);
    }
  });

  it("refuses a folder that is not empty and holds no earlier demo", async () => {
    await expect(writeDemo({out: join(dirA, "verhalen")})).rejects.toThrow(/not empty/);
    expect(await run(["--out", dirC, "--scale", "huge"])).toBe(2);
  });
});

describe("stories (case 1: about 150, a third by residents)", () => {
  let definition: {fragment_signifier_id: string[]; signifiers: {id: string; type: string; title: string; content: {labels?: {id: string; text: string}[]; items?: {id: string; title: string}[]}}[]};
  let header: string[];
  let rows: string[][];
  const column = (name: string) => header.indexOf(name);

  beforeAll(async () => {
    definition = JSON.parse(await text("verhalen/sensemaker-definition.json"));
    [header, ...rows] = rowsOf(await text("verhalen/sensemaker-export.csv"), ",");
  });

  it("is UTF-8 with BOM and every field quoted", async () => {
    const bytes = await readFile(join(dirA, "verhalen/sensemaker-export.csv"));
    expect([...bytes.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x22]);
    expect(new TextDecoder("utf-8").decode(bytes).split("\r\n")[1].startsWith('"')).toBe(true);
  });

  it("holds about 150 stories, a third told by residents", () => {
    const ids = new Set(rows.map((r) => r[column("id")]));
    expect(ids.size).toBeGreaterThanOrEqual(140);
    expect(ids.size).toBeLessThanOrEqual(160);
    const teller = definition.signifiers.find((s) => s.title === "Wie vertelt?")!;
    const resident = teller.content.items!.find((i) => i.title === "inwoner")!.id;
    const unique = rows.filter((r, i) => rows.findIndex((o) => o[0] === r[0]) === i);
    const share = unique.filter((r) => r[column(teller.id)] === resident).length / unique.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.4);
  });

  it("keeps story text in the column the definition names, with the free-text quirks", () => {
    const texts = rows.map((r) => r[column(definition.fragment_signifier_id[0])]);
    expect(texts.every((t) => t.length > 40)).toBe(true);
    expect(texts.some((t) => t.includes("\n"))).toBe(true);
    expect(texts.some((t) => t.includes('"'))).toBe(true);
    expect(texts.some((t) => /<b>|<br>/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith("="))).toBe(true);
    expect(texts.some((t) => t.startsWith("-"))).toBe(true);
  });

  it("has triad proportions that sum to 1, leaning to normalising and socialising with a visible minority", () => {
    const triad = definition.signifiers.find((s) => s.type === "triad")!;
    const [top, left, right] = triad.content.labels!.map((l) => column(`${triad.id}_${l.id}`));
    const outside = new Set(key.planted.filter((p) => p.kind === "triad-outside").map((p) => p.row));
    expect(outside.size).toBeGreaterThanOrEqual(1);
    const answered = rows.filter((r) => r[top] !== "");
    const skippedOrNa = rows.length - answered.length;
    expect(skippedOrNa).toBeGreaterThan(0);
    expect(rows.some((r) => r[column(`${triad.id}_NA`)] === "1")).toBe(true);
    for (const [i, r] of rows.entries()) {
      if (r[top] === "") continue;
      const parts = [r[top], r[left], r[right]].map(Number);
      expect(Math.abs(parts[0] + parts[1] + parts[2] - 1)).toBeLessThan(1e-6);
      if (!outside.has(i + 2)) expect(Math.min(...parts)).toBeGreaterThanOrEqual(0);
      else expect(Math.min(...parts)).toBeLessThan(0);
    }
    const lowTop = answered.filter((r) => Number(r[top]) < 1 / 3).length / answered.length;
    const topCorner = answered.filter((r) => Number(r[top]) >= 0.6).length / answered.length;
    expect(lowTop).toBeGreaterThan(0.6);
    expect(topCorner).toBeGreaterThan(0.05);
    expect(topCorner).toBeLessThan(0.3);
  });

  it("links stories to cases by case number, never by BSN", async () => {
    const caseIds = new Set((await caseRegister()).map((c) => c.Dossiernummer));
    const refs = rows.map((r) => r[column("meta_dossiernummer")]).filter((v) => v !== "");
    expect(refs.length).toBeGreaterThan(30);
    expect(refs.length).toBeLessThan(rows.length);
    for (const ref of refs) {
      expect(caseIds.has(ref)).toBe(true);
      expect(/^\d{8,9}$/.test(ref)).toBe(false);
    }
  });
});

describe("cold data", () => {
  it("writes the 2025 register in Windows-1252 (not valid UTF-8)", async () => {
    const bytes = await readFile(join(dirA, "eerstelijn/casusregister-2025.csv"));
    expect(() => new TextDecoder("utf-8", {fatal: true}).decode(bytes)).toThrow();
    const decoded = new TextDecoder("windows-1252").decode(bytes);
    expect(decoded).toMatch(/Coördinatie|Cliëntondersteuning|Financiële/);
    expect(decoded.split("\r\n")[0]).toBe("Dossiernummer;BSN;Domein;Eerste contact;Start hulp;Einde hulp;Geboden hulp;Gevraagde productcategorie;Gevraagde voorziening;Inschatting kosten;Waarschijnlijkheid;Tweedelijns nodig na hulp;Huishouden");
  });

  it("uses valid BSNs from the test range everywhere except the planted one", async () => {
    const planted = key.planted.find((p) => p.kind === "invalid-bsn")!;
    const bsns = [
      ...(await caseRegister()).map((c) => c.BSN),
      ...(await records("tweedelijn/gmsd-wmo.csv")).map((r) => r.BSN),
      ...(await records("tweedelijn/gmsd-jeugd.csv")).map((r) => r.BSN),
      ...(await prestaties()).map((p) => p.bsn)
    ];
    expect(bsns.length).toBeGreaterThan(1000);
    const invalid = bsns.filter((b) => !isValidBsn(b));
    expect(invalid).toEqual([planted.value]);
    expect(bsns.filter((b) => b !== planted.value).every(isTestBsn)).toBe(true);
  });

  it("finance sends EUR 450.000 over 18 months", async () => {
    const rows = await records("financien/budget-eerstelijn.csv");
    expect(rows.reduce((s, r) => s + euros(r.Bedrag), 0)).toBe(450_000);
    const first = rows.map((r) => r.Begindatum.split("-").map(Number)).sort((a, b) => a[2] - b[2] || a[1] - b[1])[0];
    const last = rows.map((r) => r.Einddatum.split("-").map(Number)).sort((a, b) => b[2] - a[2] || b[1] - a[1])[0];
    expect((last[2] - first[2]) * 12 + (last[1] - first[1]) + 1).toBe(18);
  });

  it("avoids about EUR 1.8M gross and 1.4M net (methods.md, recomputed from the files)", async () => {
    // C_k: median net amount per client-month per productcategorie; duplicates (same reference) counted once.
    const seen = new Set<string>();
    const clientMonth = new Map<string, number>();
    for (const p of await prestaties()) {
      if (seen.has(p.ref)) continue;
      seen.add(p.ref);
      const k = `${p.bsn}|${p.category}|${p.begin.slice(0, 7)}`;
      clientMonth.set(k, (clientMonth.get(k) ?? 0) + p.cents / 100);
    }
    const monthly = new Map<string, number[]>();
    for (const [k, v] of clientMonth) monthly.set(k.split("|")[1], [...(monthly.get(k.split("|")[1]) ?? []), v]);
    // D_k: median length of ended trajectories in months, from both monitor files.
    const lengths = new Map<string, number[]>();
    for (const r of [...(await records("tweedelijn/gmsd-wmo.csv")), ...(await records("tweedelijn/gmsd-jeugd.csv"))]) {
      const start = dayOf(r["Datum start ondersteuning"]);
      const end = dayOf(r["Datum einde ondersteuning"]);
      if (start === null || end === null) continue;
      lengths.set(r.Productcategorie, [...(lengths.get(r.Productcategorie) ?? []), (end - start) / (365.25 / 12)]);
    }
    const weight: Record<string, number> = {"": 1, zeker: 1, waarschijnlijk: 0.6, misschien: 0.3};
    let gross = 0;
    for (const c of await caseRegister()) {
      const k = c["Gevraagde productcategorie"];
      if (c["Tweedelijns nodig na hulp"] !== "geen" || c["Einde hulp"] === "" || k === "") continue;
      gross += weight[c.Waarschijnlijkheid] * median(monthly.get(k)!) * median(lengths.get(k)!);
    }
    const net = gross - 450_000;
    expect(Math.abs(gross - 1_800_000) / 1_800_000).toBeLessThanOrEqual(0.1);
    expect(Math.abs(net - 1_400_000) / 1_400_000).toBeLessThanOrEqual(0.1);
    expect(Math.abs(gross - key.avoided_cost.gross)).toBeLessThan(1);
  });

  it("lets the costliest 10% of clients carry more than half of second-line spend", async () => {
    const seen = new Set<string>();
    const perClient = new Map<string, number>();
    for (const p of await prestaties()) {
      if (seen.has(p.ref)) continue;
      seen.add(p.ref);
      perClient.set(p.bsn, (perClient.get(p.bsn) ?? 0) + p.cents);
    }
    const spend = [...perClient.values()].sort((a, b) => b - a);
    const total = spend.reduce((a, b) => a + b, 0);
    const top = spend.slice(0, Math.ceil(spend.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.5);
    expect(spend.length).toBeGreaterThan(300);
  });

  it("groups clients into households: some of 2-3 (a Wmo parent with Jeugd children), a few left blank", async () => {
    const register = await caseRegister();
    const members = new Map<string, Record<string, string>[]>();
    for (const c of register) if (c.Huishouden !== "") members.set(c.Huishouden, [...(members.get(c.Huishouden) ?? []), c]);
    const several = [...members.values()].filter((m) => m.length > 1);
    expect(members.size).toBe(key.households.households);
    expect(several.length).toBe(key.households.with_several_clients);
    expect(several.length).toBeGreaterThanOrEqual(10);
    expect(new Set(several.map((m) => m.length))).toEqual(new Set([2, 3]));
    for (const m of several) expect(m.map((c) => c.Domein).sort()).toEqual(["Jeugd", ...(m.length === 3 ? ["Jeugd"] : []), "Wmo"]);
    const blank = register.filter((c) => c.Huishouden === "").length;
    expect(blank).toBe(key.households.register_rows_blank);
    expect(blank).toBeGreaterThan(0);
    expect(blank).toBeLessThan(0.1 * register.length);
  });

  it("per household (members' spend summed), the top decile's share is the key's", async () => {
    const householdOf = new Map((await caseRegister()).filter((c) => c.Huishouden !== "").map((c) => [c.BSN, c.Huishouden]));
    const seen = new Set<string>();
    const perClient = new Map<string, number>();
    const perHousehold = new Map<string, number>();
    for (const p of await prestaties()) {
      if (seen.has(p.ref)) continue;
      seen.add(p.ref);
      perClient.set(p.bsn, (perClient.get(p.bsn) ?? 0) + p.cents);
      const unit = householdOf.get(p.bsn) ?? p.bsn; // no household value: its own
      perHousehold.set(unit, (perHousehold.get(unit) ?? 0) + p.cents);
    }
    // Households with two or more members who have second-line spend: why the figures move.
    const spending = new Map<string, number>();
    for (const bsn of perClient.keys()) if (householdOf.has(bsn)) spending.set(householdOf.get(bsn)!, (spending.get(householdOf.get(bsn)!) ?? 0) + 1);
    expect([...spending.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(5);
    const spend = [...perHousehold.values()].sort((a, b) => b - a);
    const total = spend.reduce((a, b) => a + b, 0);
    const top = spend.slice(0, Math.ceil(spend.length / 10)).reduce((a, b) => a + b, 0);
    expect(spend.length).toBeLessThan(perClient.size);
    expect(Math.abs(top / total - key.households.top_decile_share)).toBeLessThanOrEqual(0.00005);
  });

  it("gives cases that keep or start needing care realised second-line provisions under the same BSN", async () => {
    const provided = new Set([...(await records("tweedelijn/gmsd-wmo.csv")), ...(await records("tweedelijn/gmsd-jeugd.csv"))].map((r) => r.BSN));
    const needing = (await caseRegister()).filter((c) => c["Tweedelijns nodig na hulp"] === "blijft" || c["Tweedelijns nodig na hulp"] === "nieuw");
    expect(needing.length).toBeGreaterThan(10);
    for (const c of needing) expect(provided.has(c.BSN)).toBe(true);
  });

  it("writes 323 messages in the iWmo and iJw 3.2 namespaces with eurocents and D/C", async () => {
    const names = await readdir(join(dirA, "tweedelijn/323"));
    const wmo = await readFile(join(dirA, "tweedelijn/323", names.find((n) => n.startsWith("wmo323_"))!), "utf8");
    const jw = await readFile(join(dirA, "tweedelijn/323", names.find((n) => n.startsWith("jw323_"))!), "utf8");
    expect(wmo).toContain('xmlns:wmo323="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"');
    expect(jw).toContain('xmlns="http://www.istandaarden.nl/ijw/3_2/jw323/schema"');
    expect(wmo).toMatch(/<wmo323:Ontvanger>\d{4}<\/wmo323:Ontvanger>/);
    expect(jw).toMatch(/<Afzender>\d{8}<\/Afzender>/);
    expect((await prestaties()).some((p) => p.cents < 0)).toBe(true);
  });
});

describe("benchmark (case 4)", () => {
  async function series(file: string, measure: string): Promise<Map<string, Map<number, number>>> {
    const all = rowsOf(await text(file), ";");
    expect(all.at(-1)).toEqual(["Bron: CBS"]);
    const headerAt = all.findIndex((r) => r[0] === "Regiocode");
    const header = all[headerAt];
    const out = new Map<string, Map<number, number>>();
    for (const r of all.slice(headerAt + 1)) {
      if (!/^GM\d{4} +$/.test(r[0])) continue;
      const code = r[0].trim();
      const value = r[header.indexOf(measure)];
      if (value === ".") continue;
      if (!out.has(code)) out.set(code, new Map());
      out.get(code)!.set(Number(r[2].replace("*", "")), Number(value));
    }
    return out;
  }
  const growth = (s: Map<string, Map<number, number>>, codes: string[]) =>
    codes.reduce((a, c) => a + s.get(c)!.get(2025)!, 0) / codes.reduce((a, c) => a + s.get(c)!.get(2019)!, 0);

  it("shows the region growing ~30% in clients and ~27% in spend, the municipality slightly down and +8%", async () => {
    const clients = await series("benchmark/cbs-wmo-clienten.csv", "Wmo-cliënten met maatwerkvoorziening (aantal)");
    const spend = await series("benchmark/cbs-kosten-sociaal-domein.csv", "Kosten Wmo-maatwerkvoorzieningen (x 1 000 euro)");
    const region = [...clients.keys()];
    expect(region).toHaveLength(5);
    expect(growth(clients, region)).toBeCloseTo(1.3, 1);
    expect(Math.abs(growth(clients, region) - 1.3)).toBeLessThan(0.02);
    expect(Math.abs(growth(spend, region) - 1.27)).toBeLessThan(0.02);
    const own = key.municipality.code;
    expect(growth(clients, [`GM${own}`])).toBeLessThan(1);
    expect(growth(clients, [`GM${own}`])).toBeGreaterThan(0.93);
    expect(Math.abs(growth(spend, [`GM${own}`]) - 1.08)).toBeLessThan(0.01);
  });

  it("marks provisional years, suppressed cells and the youth series break", async () => {
    const youth = await text("benchmark/cbs-jeugdhulp.csv");
    expect(youth).toContain('"2025*"');
    expect(youth).toContain('"."');
    expect(youth).toMatch(/Trendbreuk.*2021/);
  });
});

describe("planted bad rows", () => {
  it("are where the key says", async () => {
    expect(new Set(key.planted.map((p) => p.kind))).toEqual(new Set(["invalid-bsn", "impossible-date", "duplicate-story", "stray-single-select", "duplicate-declaration", "triad-outside"]));
    for (const p of key.planted) {
      const raw = p.file.endsWith("casusregister-2025.csv")
        ? new TextDecoder("windows-1252").decode(await readFile(join(dirA, p.file)))
        : (await text(p.file)).replace(/^\uFEFF/, "");
      const lines = raw.split(/\r?\n/);
      if (p.file.endsWith(".xml")) {
        expect(lines[p.row - 1].trim()).toMatch(/^<(\w+:)?Prestatie>$/);
        expect(lines[p.row]).toContain(`>${p.value}<`);
        expect(raw.split(`>${p.value}<`).length - 1).toBe(2);
        continue;
      }
      const delimiter = p.file.startsWith("verhalen/") ? "," : ";";
      const [header, ...rows] = rowsOf(raw, delimiter);
      const record = rows[p.row - 2];
      expect(record[header.indexOf(p.column)], p.kind).toBe(p.value);
      expect(lines[p.line - 1].startsWith(delimiter === "," ? `"${record[0]}"` : record[0]), p.kind).toBe(true);
      if (p.kind === "invalid-bsn") expect(isValidBsn(p.value)).toBe(false);
      if (p.kind === "impossible-date") expect(dayOf(p.value)).toBeNull();
      if (p.kind === "duplicate-story") expect(rows[p.row - 3]).toEqual(record);
      if (p.kind === "triad-outside") expect(Number(p.value)).toBeLessThan(0);
      if (p.kind === "stray-single-select") {
        const definition = JSON.parse(await text("verhalen/sensemaker-definition.json"));
        const list = definition.signifiers.find((s: {id: string}) => s.id === p.column);
        expect(list.content.items.map((i: {id: string}) => i.id)).not.toContain(p.value);
      }
    }
  });
});
