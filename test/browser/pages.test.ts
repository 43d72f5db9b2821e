import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {builtPages, cellErrors, openSite, visit, type Site} from "./harness.js";

// Every page of the built site: no request leaves 127.0.0.1, no page or cell error, a chart shows.
let site: Site;
beforeAll(async () => { site = await openSite(); });
afterAll(async () => { await site?.close(); });

const pages = builtPages();

describe("built site", () => {
  it("has pages", () => {
    expect(pages).toContain("/");
  });
  for (const path of pages) {
    it(`renders ${path} offline with a chart and no errors`, async () => {
      // Generous: the engine (a 35 MB wasm) starts on a shared, busy machine; speed is measured by npm run bench.
      const v = await visit(site, path, {timeout: 90_000});
      await v.page.waitForLoadState("networkidle");
      const errors = await cellErrors(v.page);
      expect(v.foreignRequests).toEqual([]);
      expect(v.pageErrors).toEqual([]);
      expect(v.failedResponses).toEqual([]);
      expect(errors).toEqual([]);
      expect(v.firstChartMs, "first chart").not.toBeNull();
      await v.page.close();
    });
  }
});
