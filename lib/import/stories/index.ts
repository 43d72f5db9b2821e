/**
 * The story importers, in detection order (most specific header first). Parsers live in
 * lib/formats/stories/ (pure, browser-safe); these wrap them with file I/O and DuckDB staging.
 */
import type {Importer} from "../registry.js";
import {genericStoryImporter} from "./generic.js";
import {narraFirmaImporter} from "./narrafirma.js";
import {sensemakerRawImporter} from "./sensemaker.js";
import {sensemakerWorkbenchImporter} from "./workbench.js";

export const storyImporters: Importer[] = [
  sensemakerRawImporter,
  sensemakerWorkbenchImporter,
  narraFirmaImporter,
  genericStoryImporter
];
