/**
 * Where the site's data comes from. `WARMKOUD_DATA` names a folder of exports as delivered; without
 * it the demo municipality is generated (once per scale, seed and generator source) and used. The
 * exports are imported into the canonical model once per input state, under `.warmkoud/`, and
 * every data loader reads its tables from there.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const workDir = resolve(process.env.WARMKOUD_WORKDIR ?? join(projectRoot, ".warmkoud"));

export type Scale = "small" | "municipality" | "region";

export interface DataSource {
  /** Folder of exports as delivered. */
  exports: string;
  demo: boolean;
  scale?: Scale;
}

export function dataSource(env: NodeJS.ProcessEnv = process.env): DataSource {
  if (env.WARMKOUD_DATA) return {exports: resolve(env.WARMKOUD_DATA), demo: existsSync(join(env.WARMKOUD_DATA, "demo-sleutel.json"))};
  const scale = (env.WARMKOUD_DEMO_SCALE ?? "small") as Scale;
  if (!["small", "municipality", "region"].includes(scale)) throw new Error(`WARMKOUD_DEMO_SCALE: unknown scale "${scale}"`);
  return {exports: join(workDir, "demo", `${scale}-seed${demoSeed(env)}`), demo: true, scale};
}

function demoSeed(env: NodeJS.ProcessEnv): number {
  return Number(env.WARMKOUD_DEMO_SEED ?? 1);
}

/** A fingerprint of every file below `dir` (path, size, mtime): cheap, and changes with any edit. */
export function folderStamp(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else hash.update(`${relative(dir, path)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  walk(dir);
  return hash.digest("hex").slice(0, 16);
}

/**
 * Runs `make(tmp)` into a temporary sibling and renames it into place, under a simple lock. A
 * marker file beside the target (never inside it: the exports folder must stay as delivered)
 * records `stamp`; a different stamp rebuilds.
 */
async function buildOnce(target: string, stamp: string, make: (tmp: string) => Promise<void>): Promise<string> {
  const marker = `${target}.complete`;
  const done = () => existsSync(marker) && readFileSync(marker, "utf8") === stamp && existsSync(target);
  if (done()) return target;
  mkdirSync(dirname(target), {recursive: true});
  const lock = `${target}.lock`;
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (done()) return target;
      if (waited > 30 * 60_000) throw new Error(`timed out waiting for ${lock} (remove it if no build is running)`);
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
  try {
    if (done()) return target;
    rmSync(marker, {force: true});
    rmSync(target, {recursive: true, force: true});
    const tmp = `${target}.tmp`;
    rmSync(tmp, {recursive: true, force: true});
    await make(tmp);
    renameSync(tmp, target);
    writeFileSync(marker, stamp);
    return target;
  } finally {
    rmSync(lock, {recursive: true, force: true});
  }
}

/** The generator's own source stamp, so a changed generator regenerates the demo. */
function generatorStamp(): string {
  return folderStamp(join(projectRoot, "lib", "demo"));
}

/** Makes sure the exports exist (generating the demo when needed) and returns the folder. */
export async function ensureExports(source = dataSource()): Promise<string> {
  if (!source.demo || !source.scale) {
    if (!existsSync(source.exports)) throw new Error(`WARMKOUD_DATA: folder ${source.exports} does not exist`);
    return source.exports;
  }
  return buildOnce(source.exports, generatorStamp(), async (tmp) => {
    const {writeDemo} = await import("./demo/index.js");
    await writeDemo({out: tmp, seed: demoSeed(process.env), scale: source.scale!});
  });
}

/** Imports the exports into the canonical model (once per input state) and returns its folder. */
export async function ensureModel(source = dataSource()): Promise<string> {
  const exports = await ensureExports(source);
  const name = createHash("sha256").update(exports).digest("hex").slice(0, 12);
  // Re-import when the exports or the code that reads them change (not on every edit of lib/).
  const importCode = ["import", "formats", "model", "privacy"].map((d) => folderStamp(join(projectRoot, "lib", d)));
  const stamp = `${folderStamp(exports)} ${importCode.join(" ")}`;
  return buildOnce(join(workDir, "model", name), stamp, async (tmp) => {
    const {importDelivery} = await import("./import/index.js");
    await importDelivery([exports], {out: tmp, demo: source.demo});
  });
}
