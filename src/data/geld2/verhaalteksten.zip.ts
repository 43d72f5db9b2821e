/**
 * Texts of the stories linked to a case, for the story readers of /geld/warm-koud and
 * /geld/eigen-trajecten (lib/site/story-answers.ts): index.json (story ids in reading order) and
 * 16 shards of consecutive stories. The pages fetch the index when their reader is opened and a
 * shard when a page of the reader needs it: at region scale the texts alone are many megabytes.
 */
import {emitZip} from "../../../lib/site/emit.js";
import {packLinkedTexts, shardTexts} from "../../../lib/site/story-answers.js";

await emitZip(async (model) => {
  const {index, shards} = shardTexts(await packLinkedTexts(model));
  return [["index.json", JSON.stringify(index)], ...shards.map((s, j) => [`${j}.json`, JSON.stringify(s)] as const)];
});
