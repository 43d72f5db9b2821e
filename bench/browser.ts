/**
 * Issue 4 and 5 targets, in headless Chromium on localhost: the first chart of each page after
 * navigation (engine start included) at `municipality` and `region` scale, the data each page
 * downloads (issue 5: at most 20 MB at region scale), and the median time of 20 filter changes.
 */
import {execFileSync} from "node:child_process";
import {join} from "node:path";
import {builtPages, openSite, visit, type Site} from "../test/browser/harness.js";
import {OUT} from "./demo.js";
import {median, megabytes, seconds, type Row} from "./rows.js";

type Scale = "municipality" | "region";

const firstChartTarget: Record<Scale, {story: number; money: number}> = {
  municipality: {story: 2000, money: 3000},
  region: {story: 4000, money: 5000}
};
const filterTarget: Record<Scale, {story: number; money: number}> = {
  municipality: {story: 150, money: 200},
  region: {story: 500, money: 500}
};

/** Builds the analyst site on the demo of `scale` into bench/out/dist-<scale>. */
export function buildSite(scale: Scale, audience = "analyst"): {dist: string; ms: number} {
  const dist = join(OUT, `dist-${scale}-${audience}`);
  const start = performance.now();
  execFileSync(process.execPath, ["scripts/observable.js", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {...process.env, WARMKOUD_DEMO_SCALE: scale, WARMKOUD_OUT: dist, WARMKOUD_AUDIENCE: audience}
  });
  return {dist, ms: performance.now() - start};
}

/** Data bytes a page fetched: FileAttachments live under /_file/. */
async function pageVisit(site: Site, path: string) {
  const v = await visit(site, path, {timeout: 60_000});
  let dataBytes = 0;
  v.page.on("response", async (res) => {
    if (new URL(res.url()).pathname.startsWith("/_file/")) dataBytes += (await res.body().catch(() => Buffer.alloc(0))).length;
  });
  await v.page.reload({waitUntil: "networkidle"});
  return {v, dataBytes};
}

/**
 * Median of 20 filter changes: pages mark a finished re-render by incrementing
 * document.body.dataset.renderCount; the bench flips the first checkbox of the filter bar.
 */
async function filterChangeMs(site: Site, path: string): Promise<number | null> {
  const page = await site.browser.newPage();
  await page.goto(site.url + path, {waitUntil: "networkidle"});
  const toggle = page.locator("[data-filter] input[type=checkbox]").first();
  if ((await toggle.count()) === 0) return null;
  // The first full render (the engine may still be starting when the network is idle).
  await page.waitForFunction(() => document.body.dataset.renderCount !== undefined, null, {timeout: 90_000}).catch(() => {});
  if ((await page.evaluate(() => document.body.dataset.renderCount)) === undefined) return null;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const before = Number(await page.evaluate(() => document.body.dataset.renderCount));
    const start = Date.now();
    await toggle.click();
    await page.waitForFunction((n) => Number(document.body.dataset.renderCount) > n, before, {timeout: 30_000});
    times.push(Date.now() - start);
  }
  await page.close();
  return median(times);
}

/** Scales to measure: BENCH_SCALES=municipality limits a run to one (both by default). */
const scales = (): Scale[] => (process.env.BENCH_SCALES?.split(",") as Scale[] | undefined) ?? ["municipality", "region"];

export async function browserBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const scale of scales()) {
    const {dist, ms} = buildSite(scale);
    rows.push({section: "browser", measure: `${scale}: analyst build (import included)`, value: seconds(ms)});
    rows.push(...(await measureSite(scale, dist)));
  }
  return rows;
}

/** The page measurements of one built analyst site. */
export async function measureSite(scale: Scale, dist: string): Promise<Row[]> {
  const rows: Row[] = [];
  {
    const site = await openSite(dist);
    try {
      for (const path of builtPages(dist)) {
        // Issue 4 sets its targets for the triad page, issue 5 for every money page; the other
        // pages are measured without a target.
        const kind = path.startsWith("/geld") ? "money" : path === "/verhalen/triaden" ? "story" : null;
        const {v, dataBytes} = await pageVisit(site, path);
        const first = v.firstChartMs;
        const target = kind && firstChartTarget[scale][kind];
        const verdict = target ? {target: `< ${seconds(target)}`, ok: first !== null && first < target} : {};
        rows.push({section: "browser", measure: `${scale} ${path}: first chart`, value: first === null ? "no chart" : seconds(first), ...verdict});
        rows.push({section: "browser", measure: `${scale} ${path}: data downloaded`, value: megabytes(dataBytes), ...(scale === "region" ? {target: "<= 20 MB", ok: dataBytes <= 20 * 2 ** 20} : {})});
        await v.page.close();
        const filter = await filterChangeMs(site, path);
        if (filter !== null) {
          const t = kind && filterTarget[scale][kind];
          rows.push({section: "browser", measure: `${scale} ${path}: filter change (median of 20)`, value: `${filter} ms`, ...(t ? {target: `< ${t} ms`, ok: filter < t} : {})});
        }
      }
    } finally {
      await site.close();
    }
  }
  return rows;
}
