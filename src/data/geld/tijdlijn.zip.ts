/**
 * Client timelines (/geld/client, analyst build only): requests, cases, assignments, monthly
 * declaration sums and linked stories of the clients the money pages list: the top decile of any
 * year and the clients of first-line cases. Clients are named by their short key. A zip archive of
 * index.json and one JSON shard per first hex digit of the short key (lib/site/timeline-shards.ts):
 * the page fetches the index and the one shard of the client it shows. In the public build no
 * client has a timeline.
 */
import {emitZip} from "../../../lib/site/emit.js";
import {defaultGemeente, sqlString} from "../../../lib/model/queries/model.js";
import {costliestByYear} from "../../../lib/model/queries/costliest-years.js";
import {caseClientsSql, shortKeyLength, timelineRows} from "../../../lib/model/queries/client-timeline.js";
import {SHARDS, packTimeline} from "../../../lib/site/timeline-shards.js";
import {isPublic} from "../../../lib/publish/audience.js";

await emitZip(async (model) => {
  const gemeente = await defaultGemeente(model);
  const keyLength = await shortKeyLength(model, gemeente);
  const {results} = await costliestByYear(model, gemeente);
  const top = [...new Set(results.flatMap((r) => r.top_clients.map((c) => c.client_key)))];
  const topSql = top.length > 0 ? `SELECT unnest([${top.map(sqlString).join(", ")}]) AS client_key` : "SELECT NULL::VARCHAR AS client_key";
  const clientsSql = isPublic() ? "SELECT NULL::VARCHAR AS client_key WHERE false" : `${topSql} UNION ${caseClientsSql(gemeente)}`;
  const {index, shards} = packTimeline(await timelineRows(model, {gemeente, keyLength, clientsSql}));
  return [["index.json", JSON.stringify(index)], ...SHARDS.map((s) => [`${s}.json`, JSON.stringify(shards[s])] as const)];
});
