/** The cold-data importers (case register, declarations, assignments, statistics, budgets), in detection order. */
import type {Importer} from "../registry.ts";
import {declarationsCsvImporter} from "./declarations-csv.ts";
import {iwmoDeclarationImporter} from "./iwmo-declarations.ts";
import {profileImporter} from "./profile-importer.ts";
import {statisticsImporter} from "./statistics.ts";

export const coldImporters: Importer[] = [
  iwmoDeclarationImporter,
  declarationsCsvImporter,
  profileImporter("casusregister", "cases"),
  profileImporter("gmsd", "assignments"),
  profileImporter("budget", "budgets"),
  statisticsImporter
];
