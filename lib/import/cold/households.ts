/**
 * The `households` table: each client's latest known household, derived once every case register
 * of a delivery is in `cases` (docs/data-model.md, "Households"). Latest = the case with the
 * latest first contact, then the latest start of help, then the later file and row. A case without
 * a household number says nothing about the household, so it does not override an earlier one; a
 * client with no household number at all gets no row and counts as a household of its own.
 */
import type {DuckDBConnection} from "@duckdb/node-api";

export async function deriveHouseholds(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
    INSERT INTO households (client_key, household_key, source_file, source_row)
    SELECT client_key, household_key, source_file, source_row
    FROM cases
    WHERE client_key IS NOT NULL AND household_key IS NOT NULL
    QUALIFY row_number() OVER (
      PARTITION BY client_key
      ORDER BY first_contact DESC NULLS LAST, help_start DESC NULLS LAST, source_file DESC, source_row DESC) = 1`);
}
