/**
 * Client timelines (/geld/client, analyst build only): requests, cases, assignments, monthly
 * declaration sums and linked stories of the clients the money pages list: the top decile of any
 * year and the clients of first-line cases. Clients are named by their short key. In the public
 * build the table is empty.
 */
import {emitParquet, currentModel} from "../../../lib/site/emit.js";
import {defaultGemeente, sqlString} from "../../../lib/model/queries/model.js";
import {costliestByYear} from "../../../lib/model/queries/costliest-years.js";
import {caseClientsSql, shortKeyLength, timelineSql} from "../../../lib/model/queries/client-timeline.js";
import {isPublic} from "../../../lib/publish/audience.js";

const model = await currentModel();
let gemeente: string | null;
let keyLength: number;
let top: string[];
try {
  gemeente = await defaultGemeente(model);
  keyLength = await shortKeyLength(model, gemeente);
  const {results} = await costliestByYear(model, gemeente);
  top = [...new Set(results.flatMap((r) => r.top_clients.map((c) => c.client_key)))];
} finally {
  model.close();
}
const topSql = top.length > 0 ? `SELECT unnest([${top.map(sqlString).join(", ")}]) AS client_key` : "SELECT NULL::VARCHAR AS client_key";
const clientsSql = isPublic() ? "SELECT NULL::VARCHAR AS client_key WHERE false" : `${topSql} UNION ${caseClientsSql(gemeente)}`;
await emitParquet(timelineSql({gemeente, keyLength, clientsSql}));
