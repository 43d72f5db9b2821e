#!/usr/bin/env node
// Runs Observable Framework (build or preview) with telemetry off, after making sure the data the
// loaders read exists (the demo exports when WARMKOUD_DATA is not set).
import {spawn} from "node:child_process";
import {createRequire} from "node:module";
import {register} from "tsx/esm/api";

const [command = "build", ...rest] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const cli = require.resolve("@observablehq/framework/dist/bin/observable.js");
const env = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"};

// Import once before Framework starts its loaders (they run concurrently and would race).
register();
const {ensureModel} = await import("../lib/workspace.ts");
console.error(`warmkoud: model ${await ensureModel()}`);

const child = spawn(process.execPath, [cli, command, ...rest], {stdio: "inherit", env});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
