// Stories without their text: who told it, when, and about which domain (first-page overview).
import {emitParquet} from "../../lib/site/emit.ts";

await emitParquet(`
  SELECT s.story_id, s.collected_on, s.teller_role, s.case_ref IS NOT NULL AS linked_to_case
  FROM stories s
  ORDER BY s.collected_on, s.story_id`);
