#!/usr/bin/env node
// Entry point of the `warmkoud` command: registers tsx so the TypeScript CLI runs as is.
import {register} from "tsx/esm/api";

register();
const {main} = await import("./cli.js");
process.exitCode = await main(process.argv.slice(2));
