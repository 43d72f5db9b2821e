/** The cold-data importers (case register, declarations, assignments, statistics, budgets), in detection order. */
import type {Importer} from "../registry.ts";
import {profileImporter} from "./profile-importer.ts";

export const coldImporters: Importer[] = [
  profileImporter("casusregister", "cases"),
  profileImporter("gmsd", "assignments")
];
