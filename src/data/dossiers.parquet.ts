// First-line cases without client key: domain, help period and need for second-line care after it.
import {emitParquet} from "../../lib/site/emit.ts";

await emitParquet(`
  SELECT case_id, domain, help_start, help_end, need_after
  FROM cases
  ORDER BY help_end NULLS LAST, case_id`);
