/** The cold-data importers (case register, declarations, assignments, statistics, budgets), in detection order. */
import type {Importer} from "../registry.js";
import {declarationsCsvImporter} from "./declarations-csv.js";
import {iwmoDeclarationImporter} from "./iwmo-declarations.js";
import {iwmoMessageImporter} from "./iwmo-messages.js";
import {profileImporter} from "./profile-importer.js";
import {statisticsImporter} from "./statistics.js";

export const coldImporters: Importer[] = [
  iwmoDeclarationImporter,
  iwmoMessageImporter,
  declarationsCsvImporter,
  profileImporter("casusregister", "cases"),
  profileImporter("gmsd", "assignments"),
  profileImporter("budget", "budgets"),
  statisticsImporter
];
