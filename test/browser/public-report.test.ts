/**
 * The public report end to end (issue 6): builds from a copy of the small demo delivery with
 * planted canaries, then checks
 * (a) the public site contains none of them, also inside data files, while the analyst site built
 *     from the same delivery does contain the planted story text (so the check can fail);
 * (b) the report prints to a sane number of A4 pages with its charts;
 * (c) axe-core finds no WCAG 2.1 A/AA violation on any page of the public build;
 * (d) two public builds from the same inputs, in separate work folders, are byte-identical apart
 *     from the build date;
 * and that every page works under its Content-Security-Policy.
 * Three builds in all, shared by the tests of this file.
 */
import {spawn} from "node:child_process";
import {cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {createRequire} from "node:module";
import Papa from "papaparse";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {completeBsn} from "../../lib/privacy/bsn.js";
import {buildNeedles, loadNeedles, scanDist} from "../../lib/privacy/scan.js";
import {dataSource, ensureExports} from "../../lib/workspace.js";
import {builtPages, cellErrors, openSite, visit, type Site} from "./harness.js";

const STORY_CANARY = "De paarse kanarie van Zwanenburg floot om middernacht het volkslied achterstevoren";
// A valid (elfproef) BSN outside the test range, as a teller might type it into a story.
const BSN_IN_STORY = completeBsn("12345678")!;
const root = mkdtempSync(join(tmpdir(), "warmkoud-public-"));
const exportsDir = join(root, "exports");
const out = {public1: join(root, "public1"), public2: join(root, "public2"), analyst: join(root, "analyst")};
const buildSeconds: Record<string, number> = {};
let knownBsn = "";
let modelDir = "";

/** Copies the demo delivery and plants story text, a BSN in a story, and notes a client's BSN. */
async function plantCanaries(): Promise<void> {
  cpSync(await ensureExports(dataSource({WARMKOUD_DEMO_SCALE: "small", WARMKOUD_DEMO_SEED: "1"})), exportsDir, {recursive: true});
  const storyFile = join(exportsDir, "verhalen", "sensemaker-export.csv");
  const parsed = Papa.parse<string[]>(readFileSync(storyFile, "utf8").replace(/^\uFEFF/, ""), {skipEmptyLines: true});
  const header = parsed.data[0];
  const textColumn = header.indexOf("366d989f-9256-4444-8fde-1deb3e90bace");
  if (textColumn < 0) throw new Error("story text column not found in the demo export");
  parsed.data[1][textColumn] = `${STORY_CANARY}. Mijn BSN is ${BSN_IN_STORY}.`;
  writeFileSync(storyFile, "\uFEFF" + Papa.unparse(parsed.data, {quotes: true}) + "\r\n");
  const register = readFileSync(join(exportsDir, "eerstelijn", "casusregister-2024.csv"), "utf8").split(/\r?\n/);
  knownBsn = register[1].split(";")[1];
}

/**
 * Runs a build in a child process without blocking this worker: a synchronous spawn of several
 * minutes starves vitest's worker RPC ("Timeout calling onTaskUpdate") and fails the run.
 */
async function build(audience: "public" | "analyst", output: string, workDir: string, epoch: string): Promise<void> {
  const started = Date.now();
  const child = spawn(process.execPath, ["scripts/observable.js", "build"], {
    env: {
      ...process.env, WARMKOUD_DATA: exportsDir, WARMKOUD_AUDIENCE: audience, WARMKOUD_OUT: output,
      WARMKOUD_WORKDIR: workDir, SOURCE_DATE_EPOCH: epoch
    },
    stdio: ["ignore", "ignore", "pipe"]
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
  const status = await new Promise<number | null>((ok) => child.on("close", ok));
  buildSeconds[`${audience} ${relative(root, output)}`] = (Date.now() - started) / 1000;
  if (status !== 0) throw new Error(`${audience} build failed (${status}):\n${stderr.slice(-4000)}`);
  const model = /warmkoud: model (\S+)/.exec(stderr);
  if (model) modelDir = model[1];
}

function files(dir: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true}).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

beforeAll(async () => {
  await plantCanaries();
  await build("public", out.public1, join(root, "work1"), "1767225600"); // 2026-01-01
  await build("public", out.public2, join(root, "work2"), "1767312000"); // 2026-01-02
  await build("analyst", out.analyst, join(root, "work1"), "1767225600");
  console.log(`build times (s): ${JSON.stringify(buildSeconds)}`);
}, 25 * 60_000);

afterAll(() => {
  rmSync(root, {recursive: true, force: true});
});

describe("(a) canaries", () => {
  it("the public site holds no story text, pseudonym, id or BSN, also inside data files", async () => {
    const needles = await loadNeedles(modelDir, [STORY_CANARY, BSN_IN_STORY, knownBsn]);
    const report = await scanDist(out.public1, needles);
    expect(report.findings).toEqual([]);
    // Independent of the scan's decoding: the plain strings appear in no file's bytes.
    for (const file of files(out.public1)) {
      const text = readFileSync(join(out.public1, file), "latin1");
      for (const canary of ["paarse kanarie", BSN_IN_STORY, knownBsn]) expect(text.includes(canary), `${canary} in ${file}`).toBe(false);
    }
  });

  it("the public site holds only the report: no analyst page, no row-level table, no engine", () => {
    expect(builtPages(out.public1)).toEqual(["/", "/openbaar", "/openbaar/rapportage", "/openbaar/verantwoording"]);
    const all = files(out.public1);
    expect(all.filter((f) => /\.(parquet|arrow|wasm|duckdb)$/.test(f))).toEqual([]);
    expect(all.filter((f) => /verhalen|geld|data\/model/.test(f))).toEqual([]);
  });

  it("the analyst site from the same delivery does contain the planted story (the check can fail)", async () => {
    // Only the canary as needle: the scan reports at most 20 findings per file, and a file of
    // story texts would fill them with the other stories.
    const canary = buildNeedles({stories: [], pseudonyms: [], ids: [], canaries: [STORY_CANARY]});
    // The canary made it into the model: otherwise the public check above proves nothing.
    const inModel = await scanDist(modelDir, canary);
    expect(inModel.findings.some((f) => f.kind === "canary"), "canary in the imported model").toBe(true);
    const report = await scanDist(out.analyst, canary);
    expect(report.findings.some((f) => f.kind === "canary"), "canary in the analyst site").toBe(true);
  });
});

describe("in the browser", () => {
  // Only the public build is checked with axe-core here (issue 6: "every public page"); the
  // analyst pages are checked in analyst-a11y.test.ts.
  let publicSite: Site;
  const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

  beforeAll(async () => {
    publicSite = await openSite(out.public1);
  });
  afterAll(async () => {
    await publicSite?.close();
  });

  async function axeViolations(site: Site, path: string): Promise<string[]> {
    const v = await visit(site, path);
    const csp: string[] = [];
    v.page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) csp.push(m.text()); });
    await v.page.waitForLoadState("networkidle");
    await v.page.waitForTimeout(500);
    // Evaluated through the debugging protocol, which the page's CSP does not restrict.
    await v.page.evaluate(axeSource);
    const result = await v.page.evaluate(async () => {
      const axe = (window as unknown as {axe: {run(o: unknown): Promise<{violations: {id: string; nodes: {target: string[]}[]}[]}>}}).axe;
      const r = await axe.run({runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
      return r.violations.map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    });
    expect(v.pageErrors, `${path} page errors`).toEqual([]);
    expect(await cellErrors(v.page), `${path} cell errors`).toEqual([]);
    expect(csp, `${path} CSP violations`).toEqual([]);
    await v.page.close();
    return result;
  }

  it("(c) axe-core: no WCAG 2.1 AA violation on any page of the public build", async () => {
    const found: Record<string, string[]> = {};
    for (const path of builtPages(out.public1)) {
      const violations = await axeViolations(publicSite, path);
      if (violations.length > 0) found[path] = violations;
    }
    expect(found).toEqual({});
  });


  it("the report renders every chart under its Content-Security-Policy, with downloads", async () => {
    const v = await visit(publicSite, "/openbaar/rapportage");
    await v.page.waitForLoadState("networkidle");
    const meta = await v.page.$eval("meta[http-equiv='Content-Security-Policy']", (m) => m.getAttribute("content"));
    expect(meta).toMatch(/script-src 'self' 'sha256-/);
    expect(meta).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    const figures = await v.page.$$eval(".wk-figure", (f) => f.map((x) => ({svg: !!x.querySelector("svg"), buttons: x.querySelectorAll(".wk-export button").length})));
    expect(figures.length).toBeGreaterThanOrEqual(5);
    expect(figures.every((f) => f.svg && f.buttons === 3)).toBe(true);
    // The CSV download goes through the formula-safe writer; the SVG download is a standalone file.
    const [csv] = await Promise.all([v.page.waitForEvent("download"), v.page.click(".wk-figure >> nth=1 >> button:has-text('CSV')")]);
    const csvText = readFileSync(await csv.path(), "utf8");
    expect(csvText.startsWith("\uFEFFkwartaal;behoefte;dossiers;weergave")).toBe(true);
    const [svg] = await Promise.all([v.page.waitForEvent("download"), v.page.click(".wk-figure >> nth=0 >> button:has-text('SVG')")]);
    expect(readFileSync(await svg.path(), "utf8")).toMatch(/^<\?xml[\s\S]*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const [png] = await Promise.all([v.page.waitForEvent("download"), v.page.click(".wk-figure >> nth=2 >> button:has-text('PNG')")]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(v.pageErrors).toEqual([]);
    await v.page.close();
  });

  it("(b) prints the report to A4 with its charts", async () => {
    const v = await visit(publicSite, "/openbaar/rapportage");
    await v.page.waitForLoadState("networkidle");
    await v.page.emulateMedia({media: "print"});
    const printed = await v.page.$$eval(".wk-figure svg[class^='plot']", (svgs) =>
      svgs.filter((s) => getComputedStyle(s).display !== "none" && s.getBoundingClientRect().width > 0).length);
    expect(printed).toBeGreaterThanOrEqual(5);
    const hidden = await v.page.$$eval(".wk-export, #observablehq-sidebar", (els) => els.every((e) => getComputedStyle(e).display === "none"));
    expect(hidden).toBe(true);
    const pdf = await v.page.pdf({format: "A4", printBackground: true});
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(20);
    await v.page.close();
  });
});

describe("(d) determinism", () => {
  const withoutDate = (bytes: Buffer) => bytes.toString("latin1").replace(/<time class="wk-build-date" datetime="[^"]*">[^<]*<\/time>/g, "<time>DATE</time>");

  it("two builds from the same inputs are byte-identical apart from the build date", () => {
    const a = files(out.public1);
    expect(files(out.public2)).toEqual(a);
    const differing = a.flatMap((f) => {
      const [x, y] = [out.public1, out.public2].map((d) => withoutDate(readFileSync(join(d, f))).split("\n"));
      const line = x.findIndex((l, i) => l !== y[i]);
      return line < 0 && x.length === y.length ? [] : [`${f}:${line + 1}: ${x[line]?.slice(0, 200)} <> ${y[line]?.slice(0, 200)}`];
    });
    expect(differing).toEqual([]);
    // The dates did differ, and only there.
    const html = (dir: string) => readFileSync(join(dir, "openbaar", "rapportage.html"), "utf8");
    expect(html(out.public1)).toContain('datetime="2026-01-01"');
    expect(html(out.public2)).toContain('datetime="2026-01-02"');
  });
});
