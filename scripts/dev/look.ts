// Developer aid: opens a page of the built dist/ in headless chromium, prints what a reader sees
// (text, errors, failed requests) and writes a screenshot to /tmp/shot.png.
// Usage: npx tsx scripts/dev/look.ts [/path] [wait ms] [dist folder]
import {openSite} from "../../test/browser/harness.js";

const [path = "/", wait = "8000", root = "dist"] = process.argv.slice(2);
const site = await openSite(root);
const page = await site.browser.newPage({viewport: {width: 1200, height: 900}});
page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") console.log("console", m.type(), m.text()); });
page.on("pageerror", (e) => console.log("pageerror", e));
page.on("response", (r) => { if (r.status() >= 400) console.log("http", r.status(), r.url()); });
await page.goto(site.url + path);
await page.waitForTimeout(Number(wait));
console.log((await page.$eval("main", (m) => (m as HTMLElement).innerText)).slice(0, 3000));
console.log("cell errors:", await page.$$eval(".observablehq--error", (n) => n.map((x) => x.textContent)));
await page.screenshot({path: "/tmp/shot.png", fullPage: true});
await site.close();
