import {createHash} from "node:crypto";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {applyCsp, cspPolicy, inlineScriptHashes, SCRIPT_HASHES} from "../lib/publish/csp.js";
import {buildDate, dataVersion, footerHtml} from "../lib/publish/provenance.js";
import {cumulativeSteps} from "../lib/publish/report-figures.js";
import {fillPlaceholders, renderObservations} from "../lib/publish/observations.js";
import type {CaseResult, CumulativePoint} from "../lib/methods/savings.js";

describe("CSP", () => {
  it("hashes each inline script and leaves scripts with src alone", () => {
    const html = `<meta content="script-src 'self' ${SCRIPT_HASHES}"><script type="module">let a = 1;</script><script src="/x.js"></script>`;
    // Reference hash computed independently: printf 'let a = 1;' | openssl dgst -sha256 -binary | base64
    const expected = createHash("sha256").update("let a = 1;").digest("base64");
    expect(inlineScriptHashes(html)).toEqual([`'sha256-${expected}'`]);
    expect(applyCsp(html)).toContain(`script-src 'self' 'sha256-${expected}'`);
    expect(applyCsp(html)).not.toContain(SCRIPT_HASHES);
  });

  it("without inline scripts the placeholder disappears instead of allowing anything", () => {
    expect(applyCsp(`<meta content="script-src 'self' ${SCRIPT_HASHES}; style-src 'self'">`)).toBe(`<meta content="script-src 'self'; style-src 'self'">`);
  });

  it("allows wasm and workers only for the analyst workspace, never unsafe-eval or inline scripts", () => {
    expect(cspPolicy("analyst")).toMatch(/'wasm-unsafe-eval'/);
    expect(cspPolicy("analyst")).toMatch(/worker-src 'self' blob:/);
    expect(cspPolicy("public")).not.toMatch(/wasm-unsafe-eval/);
    for (const a of ["analyst", "public"] as const) {
      expect(cspPolicy(a)).not.toMatch(/'unsafe-eval'/);
      expect(cspPolicy(a).split("; ").find((d) => d.startsWith("script-src"))).not.toMatch(/unsafe-inline/);
    }
  });
});

describe("provenance", () => {
  it("the data version ignores the folder the inputs came from, not their hashes", () => {
    const dir = (manifest: object) => {
      const d = mkdtempSync(join(tmpdir(), "wk-prov-"));
      writeFileSync(join(d, "manifest.json"), JSON.stringify(manifest));
      return d;
    };
    const base = {warmkoud_version: "0.1.0", settings: {demo: true}, inputs: [{file: "a.csv", sha256: "aa"}], outputs: []};
    const v1 = dataVersion(dir({...base, input_root: "/home/analist/a"}));
    expect(dataVersion(dir({...base, input_root: "/tmp/elders"}))).toBe(v1);
    expect(dataVersion(dir({...base, input_root: "/home/analist/a", inputs: [{file: "a.csv", sha256: "ab"}]}))).not.toBe(v1);
  });

  it("the build date follows SOURCE_DATE_EPOCH, and the footer shows it once", () => {
    expect(buildDate({SOURCE_DATE_EPOCH: "1767225600"})).toBe("2026-01-01");
    expect(buildDate({}, new Date("2025-03-04T23:59:00Z"))).toBe("2025-03-04");
    expect(() => buildDate({SOURCE_DATE_EPOCH: "gisteren"})).toThrow(/SOURCE_DATE_EPOCH/);
    const html = footerHtml({dataVersion: "0123456789abcdef", buildDate: "2026-01-01", version: "0.1.0", contact: "Mail <ons>"});
    expect(html.match(/2026-01-01/g)).toHaveLength(2); // datetime attribute and text of one <time>
    expect(html).toContain("0123456789ab");
    expect(html).toContain("Mail &#60;ons&#62;");
  });
});

describe("cumulative avoided cost in steps of at least 10 cases", () => {
  const point = (date: string, central: number): CumulativePoint => ({
    date, closed: 0, gross_avoided: {low: central / 2, central, high: central * 2}, realised_second_line: 0, investment: 0
  });
  const avoidedCase = (date: string): CaseResult => ({
    case_id: date, client_key: null, domain: null, help_end: date, need_after: "geen", closed: true,
    avoided: {low: 500, central: 1000, high: 2000}, realised_second_line: 0, requests: []
  });

  it("publishes a point only after 10 more avoided cases, and merges a short tail into the last step", () => {
    // 25 cases on 25 days: steps after case 10 and 20; the 5 after that are merged into the second step.
    const dates = Array.from({length: 25}, (_, i) => `2025-01-${String(i + 1).padStart(2, "0")}`);
    const steps = cumulativeSteps({per_case: dates.map(avoidedCase), cumulative: dates.map((d, i) => point(d, (i + 1) * 1000))});
    expect(steps.map((s) => s.date)).toEqual(["2025-01-10", "2025-01-25"]);
    expect(steps.map((s) => s.central)).toEqual([10_000, 25_000]);
    expect(steps[1].avoided_cases.display).toBe("25");
  });

  it("publishes nothing with fewer than 10 avoided cases", () => {
    const dates = ["2025-01-01", "2025-01-02"];
    expect(cumulativeSteps({per_case: dates.map(avoidedCase), cumulative: dates.map((d) => point(d, 1000))})).toEqual([]);
  });
});

describe("observations", () => {
  it("fills in figures and refuses unknown keys", () => {
    expect(fillPlaceholders("Bij {{ a.b }} dossiers", {"a.b": "345"})).toBe("Bij 345 dossiers");
    expect(() => fillPlaceholders("{{nope}} en {{a}}", {a: "1"})).toThrow(/\{\{nope\}\}/);
  });

  it("renders Markdown without raw HTML, headings below the report's section, comments left out", () => {
    const file = join(mkdtempSync(join(tmpdir(), "wk-obs-")), "observaties.md");
    writeFileSync(file, "<!-- notitie -->\n# Kop\n\nTekst met <script>alert(1)</script> en {{x}}.\n");
    const html = renderObservations({x: "42"}, file);
    expect(html).toContain("<h3>Kop</h3>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("notitie");
    expect(html).toContain("42");
  });
});
