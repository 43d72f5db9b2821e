/** The cold-data importers (case register, declarations, assignments, statistics, budgets), in detection order. */
import type {Importer} from "../registry.ts";

export const coldImporters: Importer[] = [];
