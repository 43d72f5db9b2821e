/**
 * The Framework source root of a build (issue 6, "Two audiences, one source").
 *
 * A build does not run on src/ itself but on a folder of symlinks under
 * `.warmkoud/site/<audience>-<data version>[-<work folder>]/` (in the project, so that node imports
 * resolve from its node_modules):
 * - public: only `openbaar/` (the report's pages and loaders), the shared `components/`, `lib/`,
 *   `assets/` and `style.css`, and the report's cover as `index.md`. No analyst page, loader or
 *   row-level table exists in that root, so none can be built into the public site, whatever a
 *   page links to or imports.
 * - analyst: every entry of src/.
 * Framework keeps loader outputs in `<root>/.observablehq/cache` and treats them as fresh while
 * the loader file itself is unchanged; it does not know which exports a loader read. One root per
 * audience and data version, plus a stamp of lib/ and config/ (the code and settings loaders
 * read), keeps a build from reusing figures computed from another delivery. Framework's bundles of
 * node_modules packages (`_node`, `_npm`) do not depend on the data and are shared by all roots.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Audience} from "./audience.js";
import {folderStamp} from "../workspace.js";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** What the public root holds: the report, and the shared code and style it is built with. */
export const PUBLIC_ENTRIES = ["openbaar", "components", "lib", "assets", "style.css"] as const;
/** The report's cover, served as the public site's home page. */
export const PUBLIC_INDEX = join("openbaar", "index.md");
/** Package bundles Framework caches per root; independent of the data, so shared. */
const SHARED_CACHES = ["_node", "_npm", "_jsr"];

export interface StageOptions {
  audience: Audience;
  dataVersion: string;
  src?: string;
  workDir?: string;
}

/** Creates (or refreshes) the root for an audience and data version; returns its path. */
export function stageRoot({audience, dataVersion, src = join(projectRoot, "src"), workDir = process.env.WARMKOUD_WORKDIR}: StageOptions): string {
  // Always inside the project: Framework resolves node imports from the root's node_modules above
  // it. Another work folder (WARMKOUD_WORKDIR, e.g. a test's) gets roots of its own.
  const sites = join(projectRoot, ".warmkoud", "site");
  const own = workDir ? `-${createHash("sha256").update(resolve(workDir)).digest("hex").slice(0, 8)}` : "";
  const root = join(sites, `${audience}-${dataVersion.slice(0, 16)}${own}`);
  mkdirSync(root, {recursive: true});
  const entries = audience === "public" ? [...PUBLIC_ENTRIES] : readdirSync(src).filter((e) => e !== ".observablehq");
  const wanted = new Set(entries);
  if (audience === "public") wanted.add("index.md");
  // Remove what no longer belongs (an entry deleted from src/, or left from an older layout).
  for (const name of readdirSync(root)) if (name !== ".observablehq" && !wanted.has(name)) rmSync(join(root, name), {recursive: true, force: true});
  for (const name of entries) link(join(src, name), join(root, name));
  if (audience === "public") link(join(src, PUBLIC_INDEX), join(root, "index.md"));
  refreshCache(root, sites);
  return root;
}

function link(target: string, path: string): void {
  if (!existsSync(target)) throw new Error(`${target} is missing: the ${relative(projectRoot, path)} of the site root points to it`);
  rmSync(path, {recursive: true, force: true});
  symlinkSync(relative(dirname(path), target), path);
}

/**
 * Loader outputs are dropped when lib/ or config/ changed since they were made (Framework would
 * call them fresh); the shared package bundles are linked in.
 */
function refreshCache(root: string, sites: string): void {
  const cache = join(root, ".observablehq", "cache");
  const marker = join(root, ".observablehq", "warmkoud-stamp");
  const stamp = ["lib", "config"].map((d) => folderStamp(join(projectRoot, d))).join(" ");
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== stamp) {
    rmSync(cache, {recursive: true, force: true});
    mkdirSync(cache, {recursive: true});
    writeFileSync(marker, stamp);
  }
  for (const name of SHARED_CACHES) {
    const shared = join(sites, "_cache", name);
    mkdirSync(shared, {recursive: true});
    const path = join(cache, name);
    if (!existsSync(path)) symlinkSync(relative(cache, shared), path);
  }
}
