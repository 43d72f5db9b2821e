/**
 * Closed first-line cases counted by month of closing, domain, first requested productcategorie and
 * need after help (input of lib/methods/need-after.ts). "First" = first request row of the case in
 * source order that names a productcategorie.
 */
import {type Model, gemeenteFilter} from "./model.js";
import type {NeedAfterRow} from "../../methods/need-after.js";

/** Per case the productcategorie of its first request that names one (source order). */
export const FIRST_REQUEST_SQL = `
  SELECT case_id, arg_min(productcategorie, (source_file, source_row)) AS productcategorie
  FROM requests WHERE case_id IS NOT NULL AND productcategorie IS NOT NULL GROUP BY case_id`;

export async function needAfterRows(model: Model, gemeente: string | null): Promise<NeedAfterRow[]> {
  return model.rows<NeedAfterRow>(`
    WITH first_request AS (${FIRST_REQUEST_SQL})
    SELECT strftime(c.help_end, '%Y-%m') AS month, c.domain, f.productcategorie, lower(trim(c.need_after)) AS need_after, count(*)::INTEGER AS cases
    FROM cases c LEFT JOIN first_request f USING (case_id)
    WHERE ${gemeenteFilter(gemeente, "c.gemeente")} AND c.help_end IS NOT NULL
    GROUP BY ALL ORDER BY ALL`);
}
