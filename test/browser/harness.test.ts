import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openSite, visit, type Site} from "./harness.js";

// The harness must catch what the page tests promise to fail on: a request to another host, a
// page error, a missing file, and a page without a chart.
let site: Site;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "warmkoud-harness-"));
  writeFileSync(join(root, "index.html"), `<!doctype html><title>ok</title><svg class="plot-x"></svg>`);
  writeFileSync(join(root, "bad.html"), `<!doctype html><title>bad</title>
    <img src="http://example.invalid/pixel.png"><script src="/missing.js"></script>
    <script>throw new Error("boom")</script>`);
  site = await openSite(root);
});
afterAll(async () => { await site?.close(); });

describe("browser harness", () => {
  it("sees a chart on a good page and nothing wrong", async () => {
    const v = await visit(site, "/", {timeout: 5000});
    expect(v.firstChartMs).not.toBeNull();
    expect([...v.foreignRequests, ...v.pageErrors, ...v.failedResponses]).toEqual([]);
    await v.page.close();
  });
  it("records foreign requests, page errors, missing files and a missing chart", async () => {
    const v = await visit(site, "/bad", {timeout: 1500});
    expect(v.foreignRequests.some((u) => u.startsWith("http://example.invalid/"))).toBe(true);
    expect(v.pageErrors.join()).toContain("boom");
    expect(v.failedResponses.some((r) => r.startsWith("404") && r.endsWith("/missing.js"))).toBe(true);
    expect(v.firstChartMs).toBeNull();
    await v.page.close();
  });
});
