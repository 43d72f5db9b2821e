/**
 * The documented example of the generic story CSV (examples/verhalen-generiek.csv), served by the
 * site itself so the "probeer het voorbeeld" button on /verhalen/eigen-export works offline.
 * Served as .txt: a .csv attachment would make Framework add a CDN import for its CSV parser.
 * Synthetic stories only (privacy.md: no real data in the repository).
 */
import {readFileSync} from "node:fs";

process.stdout.write(readFileSync(new URL("../../../examples/verhalen-generiek.csv", import.meta.url)));
