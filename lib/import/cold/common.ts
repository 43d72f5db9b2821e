/** Small helpers shared by the cold importers. */
import {TEST_RANGE} from "../../privacy/bsn.js";
import type {ImportContext} from "../registry.js";

let counter = 0;

/** A fresh name for a temporary table in the shared connection. */
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter}`;
}

export function testBsnWarning(count: number): string {
  return `${count} row(s) with a BSN from the test range ${TEST_RANGE.first}-${TEST_RANGE.last} (never a real person): flagged in test_bsn`;
}

/**
 * The test-range flag of a row (Conversion.test) from `sql`: false in demo mode, where every BSN
 * comes from the test range by design (docs/demo.md), so that nothing is flagged there.
 */
export function testFlagSql(ctx: ImportContext, sql: string): string {
  return ctx.options.demo ? "false" : sql;
}
