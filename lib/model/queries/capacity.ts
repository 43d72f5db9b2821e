/** New first-line cases per year of help start (first contact when no start), domain and first requested productcategorie. */
import {type Model, gemeenteFilter} from "./model.js";
import {FIRST_REQUEST_SQL} from "./need-after.js";
import type {CaseloadRow} from "../../methods/capacity.js";

export async function caseloadRows(model: Model, gemeente: string | null): Promise<CaseloadRow[]> {
  return model.rows<CaseloadRow>(`
    WITH first_request AS (${FIRST_REQUEST_SQL})
    SELECT year(coalesce(c.help_start, c.first_contact))::INTEGER AS year, c.domain, f.productcategorie, count(*)::INTEGER AS cases
    FROM cases c LEFT JOIN first_request f USING (case_id)
    WHERE ${gemeenteFilter(gemeente, "c.gemeente")} AND coalesce(c.help_start, c.first_contact) IS NOT NULL
    GROUP BY ALL ORDER BY ALL`);
}
