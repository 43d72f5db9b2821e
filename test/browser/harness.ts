/**
 * Headless Chromium (Debian's package) driven by playwright-core against dist/ served on
 * 127.0.0.1. Records every request to another host, page errors and Framework cell errors, so a
 * test can fail on any of them. Also used by the benchmarks.
 */
import {existsSync, readdirSync, statSync} from "node:fs";
import type {Server} from "node:http";
import {join, relative} from "node:path";
import {chromium, type Browser, type Page} from "playwright-core";
// @ts-expect-error: plain JS module without types
import {serve} from "../../scripts/serve.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"
];

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export const DIST = process.env.WARMKOUD_DIST ?? "dist";

export async function openSite(root = DIST): Promise<Site> {
  if (!existsSync(join(root, "index.html"))) throw new Error(`${root}/index.html missing: run npm run build first`);
  const {server, url} = (await serve(root)) as {server: Server; url: string};
  const browser = await chromium.launch({executablePath: CHROMIUM, args: FLAGS});
  return {url, browser, close: async () => { await browser.close(); server.close(); }};
}

/** Every page of the built site, as paths like "/" or "/verhalen/triaden". */
export function builtPages(root = DIST): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!name.startsWith("_")) walk(path);
      } else if (name.endsWith(".html") && name !== "404.html") {
        const route = "/" + relative(root, path).replace(/\.html$/, "").replace(/(^|\/)index$/, "");
        pages.push(route.replace(/\/$/, "") || "/");
      }
    }
  };
  walk(root);
  return pages.sort();
}

/** A rendered chart: Plot's svg (class plot-…), or any svg a component marks with data-chart. */
export const CHART = "svg[class^='plot-'], svg[data-chart]";

export interface Visit {
  page: Page;
  foreignRequests: string[];
  pageErrors: string[];
  /** Responses with status >= 400 (a missing data file or module is a bug; the favicon is not). */
  failedResponses: string[];
  /**
   * Time from navigation start until the first chart was painted, measured in the page (the frame
   * after it entered the DOM), so the test runner's own polling and load do not count.
   */
  firstChartMs: number | null;
}

// Runs in the page before its own scripts: notes when the first chart enters the DOM and the
// frame after that has been produced. A string, so that no bundler helper ends up in it.
const FIRST_CHART_PROBE = `(() => {
  const selector = ${JSON.stringify(CHART)};
  const done = (t) => { window.__wkFirstChart = t; };
  const seen = () => {
    requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => done(performance.now()); c.port2.postMessage(0); });
  };
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { observer.disconnect(); seen(); }
  });
  observer.observe(document, {childList: true, subtree: true});
})();`;

/** Opens a page, waits for its first chart (or the timeout) and collects what went wrong. */
export async function visit(site: Site, path: string, {timeout = 30_000} = {}): Promise<Visit> {
  const page = await site.browser.newPage();
  const origin = new URL(site.url).host;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.protocol.startsWith("http") && url.host !== origin) foreignRequests.push(req.url());
    if (url.protocol === "ws:" || url.protocol === "wss:") foreignRequests.push(req.url());
  });
  const failedResponses: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("response", (res) => {
    if (res.status() >= 400 && !res.url().endsWith("/favicon.ico")) failedResponses.push(`${res.status()} ${res.url()}`);
  });
  await page.addInitScript(FIRST_CHART_PROBE);
  await page.goto(site.url + path, {waitUntil: "domcontentloaded"});
  let firstChartMs: number | null = null;
  try {
    await page.waitForSelector(CHART, {timeout});
    const painted = await page.waitForFunction(() => (window as unknown as {__wkFirstChart?: number}).__wkFirstChart, undefined, {timeout});
    firstChartMs = Math.round(Number(await painted.jsonValue()));
  } catch {
    // no chart: reported as null, the test decides
  }
  return {page, foreignRequests, pageErrors, failedResponses, firstChartMs};
}

/** Framework renders a failed cell as an element with class observablehq--error. */
export async function cellErrors(page: Page): Promise<string[]> {
  return page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => n.textContent ?? ""));
}
