// `warmkoud stats` as a reviewer runs it: a child process on a model folder, JSON on stdout.
// The model is the hand-made one of test/fixtures/model-small; the expected numbers are worked out
// in test/methods-money.test.ts (same rows, same price list) and repeated here rounded to cents.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {execFile} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {buildSmallModel, writeTestPriceList} from "./fixtures/model-small/build.js";

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "warmkoud-stats-cli-"));
const modelDir = join(root, "model");
const priceList = join(root, "prijslijst.json");
const M = 30.4375;

async function warmkoud(...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await run("node", ["bin/warmkoud.js", ...args], {cwd: join(import.meta.dirname, "..")});
    return {code: 0, stdout, stderr};
  } catch (error) {
    const e = error as {code: number; stdout: string; stderr: string};
    return {code: e.code, stdout: e.stdout, stderr: e.stderr};
  }
}

beforeAll(async () => {
  await buildSmallModel(modelDir, {partitioned: true});
  writeTestPriceList(priceList);
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

const cents = (x: number) => Math.round(x * 100) / 100;

describe("warmkoud stats savings --json", () => {
  it("prints investment, scenarios and case counts in euros", async () => {
    const {code, stdout, stderr} = await warmkoud("stats", "savings", modelDir, "--json", "--prices", priceList);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(["investment", "scenarios", "cases", "method"]);
    expect(Object.keys(out.scenarios)).toEqual(["low", "central", "high"]);
    for (const s of Object.values(out.scenarios)) expect(Object.keys(s as object)).toEqual(["gross_avoided", "realised_second_line", "net", "ratio"]);
    expect(out.cases).toEqual({closed: 9, avoided: 5, still_needed: 2});
    expect(out.investment).toBe(36600);
    // central gross = 30000 + 347959 / 30.4375 = 41431.92; net = 41431.92 - 36600; ratio = 1.1320.
    expect(out.scenarios.central).toEqual({gross_avoided: cents(30000 + 347959 / M), realised_second_line: 3230, net: cents(30000 + 347959 / M - 36600), ratio: 1.132});
    expect(out.scenarios.low.gross_avoided).toBe(cents(10000 + 325773 / M));
    expect(out.scenarios.high.gross_avoided).toBe(cents(50000 + 370145 / M));
    expect(out.method.weights.central).toEqual({zeker: 1, waarschijnlijk: 0.6, misschien: 0.3});
    expect(out.method.prices.find((p: {productcategorie: string}) => p.productcategorie === "15").cost_source).toBe("prijslijst");
    expect(out.method.gemeente).toBe("0999");
  });

  it("prints a readable summary without --json", async () => {
    const {code, stdout} = await warmkoud("stats", "savings", modelDir, "--prices", priceList);
    expect(code).toBe(0);
    expect(stdout).toContain("investering eerste lijn: EUR 36.600");
  });
});

describe("warmkoud stats costliest --json", () => {
  it("prints the top decile and its breakdown for the chosen year", async () => {
    const {code, stdout} = await warmkoud("stats", "costliest", modelDir, "--year", "2024", "--json");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    for (const key of ["year", "clients", "total_spend", "top_decile", "by_law", "by_category"]) expect(out).toHaveProperty(key);
    // 11 ranked clients, EUR 16520; top ceil(1.1) = 2 clients, K6 4000 + K4 3840 = 7840, share 0.4746.
    expect([out.year, out.clients, out.total_spend]).toEqual([2024, 11, 16520]);
    expect(out.top_decile).toEqual({clients: 2, spend: 7840, share: 0.4746});
    expect(out.by_law[0]).toEqual({law: "jeugd", spend: 6020, share: 0.7679, clients: 2, total_spend: 8600});
    expect(out.by_category[0]).toMatchObject({productcategorie: "45", spend: 6020});
  });

  it("defaults to the latest complete year (here: none complete, so the latest) and compares with the year before", async () => {
    const out = JSON.parse((await warmkoud("stats", "costliest", modelDir, "--json")).stdout);
    expect(out.year).toBe(2024);
    expect(out.movement).toEqual({previous_year: 2023, stayed: 0, entered: 2, left: 1, left_still_client: 1});
    // 2023 alone: K1 5000, K2 3000, K4 1840 (PGB), K21 200, K3 100 -> top {K1}: 5000 / 10140.
    const y2023 = JSON.parse((await warmkoud("stats", "costliest", modelDir, "--year", "2023", "--json")).stdout);
    expect(y2023.top_decile).toEqual({clients: 1, spend: 5000, share: 0.4931}); // 5000 / 10140 = 0.49310
  });
});

describe("warmkoud stats costliest --per household --json", () => {
  it("ranks households: same shape, unit household, `clients` counting households", async () => {
    const {code, stdout} = await warmkoud("stats", "costliest", modelDir, "--year", "2024", "--per", "household", "--json");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const client = JSON.parse((await warmkoud("stats", "costliest", modelDir, "--year", "2024", "--json")).stdout);
    expect(Object.keys(out)).toEqual(Object.keys(client));
    expect([client.unit, client.household_values]).toEqual(["client", null]);
    // Worked out in test/methods-money.test.ts: 8 households (H1 4100, H2 2530, H3 450 and five
    // clients alone), EUR 16470; top ceil(0.8) = 1: H1 4100 = 0.2489 of it.
    expect([out.unit, out.year, out.clients, out.total_spend]).toEqual(["household", 2024, 8, 16470]);
    expect(out.household_values).toEqual({clients: 12, without_household: 5});
    expect(out.top_decile).toEqual({clients: 1, spend: 4100, share: 0.2489});
    expect(out.by_law[0]).toEqual({law: "wmo", spend: 4100, share: 1, clients: 1, total_spend: 7870});
    expect(out.movement).toEqual({previous_year: 2023, stayed: 1, entered: 0, left: 0, left_still_client: 0});
  });

  it("says so in the readable summary and refuses another unit", async () => {
    const {stdout} = await warmkoud("stats", "costliest", modelDir, "--year", "2024", "--per", "household");
    expect(stdout).toContain("per huishouden");
    expect(stdout).toContain("8 huishoudens");
    expect(stdout).toContain("12 cliënten met kosten, van wie 5 zonder huishouden");
    expect((await warmkoud("stats", "costliest", modelDir, "--per", "gezin")).code).toBe(2);
  });
});

describe("warmkoud stats usage", () => {
  it("refuses an unknown figure and a missing folder", async () => {
    expect((await warmkoud("stats", "nonsense", modelDir)).code).toBe(2);
    const missing = await warmkoud("stats", "savings", join(root, "does-not-exist"), "--json");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("model folder not found");
  });
});
