/**
 * The story importers, in detection order (most specific header first). Parsers live in
 * lib/formats/stories/ (pure, browser-safe); these wrap them with file I/O and DuckDB staging.
 */
import type {Importer} from "../registry.ts";
import {genericStoryImporter} from "./generic.ts";
import {narraFirmaImporter} from "./narrafirma.ts";
import {sensemakerRawImporter} from "./sensemaker.ts";
import {sensemakerWorkbenchImporter} from "./workbench.ts";

export const storyImporters: Importer[] = [
  sensemakerRawImporter,
  sensemakerWorkbenchImporter,
  narraFirmaImporter,
  genericStoryImporter
];
