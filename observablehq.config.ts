// Observable Framework configuration of the warmkoud workspace. Everything is served from this
// site's own origin: no web fonts, no CDN (libraries are node imports from node_modules), no telemetry.
//
// Two audiences from one source (lib/publish/audience.ts, WARMKOUD_AUDIENCE): `analyst` (default)
// builds every page; `public` builds only the report. scripts/observable.js chooses the source
// root (lib/publish/site-root.ts) and passes it with the model folder in the environment.
import {existsSync} from "node:fs";
import {audience as currentAudience} from "./lib/publish/audience.ts";
import {loadBrand, type Brand} from "./lib/publish/brand.ts";
import {cspMeta} from "./lib/publish/csp.ts";
import {buildDate, dataVersion, footerHtml} from "./lib/publish/provenance.ts";
import {brandHeader, brandStyle} from "./lib/publish/brand-html.ts";
import {version} from "./lib/version.ts";

const audience = currentAudience();
const brand: Brand = loadBrand();
const modelDir = process.env.WARMKOUD_MODEL;
const facts = {dataVersion: modelDir ? dataVersion(modelDir) : "onbekend", buildDate: buildDate(), version};
const isReport = (path: string) => audience === "public" || path.startsWith("/openbaar/");

const report = [
  {name: "Rapportage", path: "/openbaar/rapportage"},
  {name: "Verantwoording", path: "/openbaar/verantwoording"}
];

const analystPages = [
  {
    name: "Verhalen",
    open: true,
    pages: [
      {name: "Triaden", path: "/verhalen/triaden"},
      {name: "Dyaden en vragen", path: "/verhalen/dyaden"},
      {name: "Patronen", path: "/verhalen/patronen"},
      {name: "Eigen export", path: "/verhalen/eigen-export"}
    ]
  },
  {
    name: "Geld",
    open: true,
    pages: [
      {name: "Tweedelijnsbehoefte", path: "/geld/behoefte"},
      {name: "Vermeden kosten", path: "/geld/besparing"},
      {name: "Duurste 10%", path: "/geld/duurste-10"},
      {name: "Warm en koud", path: "/geld/warm-koud"},
      {name: "Eigen trajecten", path: "/geld/eigen-trajecten"},
      {name: "Capaciteit", path: "/geld/capaciteit"},
      {name: "Vergelijking", path: "/geld/vergelijking"}
    ]
  },
  {name: "Rapport (openbaar)", open: true, pages: report}
];

type NavItem = {name: string; path?: string; open?: boolean; pages?: NavItem[]};

/** Leaves out planned pages whose file does not exist yet (Framework refuses to build them). */
function onlyExisting(items: NavItem[]): NavItem[] {
  const root = process.env.WARMKOUD_ROOT ?? "src";
  const exists = (path: string) => existsSync(`${root}${path}.md`);
  return items.flatMap((item) => {
    if (item.pages) {
      const pages = onlyExisting(item.pages);
      return pages.length ? [{...item, pages}] : [];
    }
    return item.path && exists(item.path) ? [item] : [];
  });
}

export default {
  title: audience === "public" ? brand.name : "warmkoud",
  root: process.env.WARMKOUD_ROOT ?? "src",
  lang: "nl",
  pages: audience === "public" ? report : onlyExisting(analystPages),
  // Each developer or benchmark may build into its own folder.
  output: process.env.WARMKOUD_OUT ?? "dist",
  // The default theme links a web font on a third-party host; our own stylesheet replaces it. The
  // Inputs stylesheet is Framework's own (built locally); as node imports, Inputs do not add it.
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  style: "style.css",
  // Framework's built-in DuckDB would download extensions at build time; the pages use their own engine.
  duckdb: {extensions: {json: null, parquet: null}},
  search: false,
  // TypeScript loaders run with this Node and tsx from node_modules (no reliance on PATH).
  interpreters: {".ts": [process.execPath, "--import", "tsx"]},
  // The policy's script hashes are filled in after the build (lib/publish/csp.ts); the preview
  // server injects its own live-reload script, so it runs without a policy.
  head: ({path}: {path: string}) =>
    (process.env.WARMKOUD_CSP === "1" ? cspMeta(audience) : "") + (isReport(path) ? brandStyle(brand) : ""),
  header: ({path}: {path: string}) => (isReport(path) ? brandHeader(brand, audience === "public" ? "/" : "/openbaar/") : ""),
  footer: ({path}: {path: string}) => footerHtml({...facts, contact: isReport(path) ? brand.contact : null})
};
