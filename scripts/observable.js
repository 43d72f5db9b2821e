#!/usr/bin/env node
// Runs Observable Framework (build or preview) with telemetry off, after making sure the data the
// loaders read exists (the demo exports when WARMKOUD_DATA is not set).
//
// WARMKOUD_AUDIENCE=analyst (default) builds every page; =public builds only the report, from a
// source root that holds nothing else (lib/publish/site-root.ts). After a build the pages get
// their Content-Security-Policy hashes (lib/publish/csp.ts); a public build is then scanned for
// story text, pseudonyms, ids and BSNs (lib/privacy/scan.ts) and removed when anything is found.
import {spawn} from "node:child_process";
import {rmSync} from "node:fs";
import {resolve, sep} from "node:path";
import {createRequire} from "node:module";
import {fileURLToPath} from "node:url";
import {register} from "tsx/esm/api";

const [command = "build", ...rest] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const cli = require.resolve("@observablehq/framework/dist/bin/observable.js");

// Import once before Framework starts its loaders (they run concurrently and would race).
register();
const {ensureModel} = await import("../lib/workspace.js");
const {audience} = await import("../lib/publish/audience.js");
const {dataVersion} = await import("../lib/publish/provenance.js");
const {stageRoot} = await import("../lib/publish/site-root.js");

const who = audience();
const model = await ensureModel();
const version = dataVersion(model);
console.error(`warmkoud: model ${model} (gegevensversie ${version.slice(0, 12)}), publiek: ${who}`);
// The preview of the analyst workspace runs on src/ itself, so edits reload as before.
const root = command === "preview" && who === "analyst" ? "src" : stageRoot({audience: who, dataVersion: version});
const out = process.env.WARMKOUD_OUT ?? "dist";
const env = {
  ...process.env,
  OBSERVABLE_TELEMETRY_DISABLE: "true",
  WARMKOUD_AUDIENCE: who,
  WARMKOUD_MODEL: model,
  WARMKOUD_ROOT: root,
  ...(command === "build" ? {WARMKOUD_CSP: "1"} : {})
};

// Framework clears its output folder only inside the project; elsewhere (WARMKOUD_OUT=/tmp/...) a
// previous build's files would make it stop with "file conflict".
if (command === "build" && !resolve(out).startsWith(resolve(".") + sep)) rmSync(out, {recursive: true, force: true});

const started = Date.now();
const code = await new Promise((ok) => {
  const child = spawn(process.execPath, [cli, command, ...rest], {stdio: "inherit", env});
  child.on("exit", (c, signal) => ok(c ?? (signal ? 1 : 0)));
});
if (code !== 0 || command !== "build") process.exit(code);

const {applyCspToSite} = await import("../lib/publish/csp.js");
console.error(`warmkoud: Content-Security-Policy in ${await applyCspToSite(out)} pagina's`);
if (who === "public") {
  const {formatReport, loadNeedles, scanDist} = await import("../lib/privacy/scan.js");
  const packages = fileURLToPath(new URL("../node_modules", import.meta.url));
  const report = await scanDist(out, await loadNeedles(model), {packages});
  if (report.findings.length > 0) {
    console.error(formatReport(report));
    rmSync(out, {recursive: true, force: true});
    console.error(`warmkoud: ${out}/ verwijderd: deze build mag niet gepubliceerd worden`);
    process.exit(1);
  }
  console.error(formatReport(report));
}
console.error(`warmkoud: build ${who} klaar in ${((Date.now() - started) / 1000).toFixed(1)} s`);
