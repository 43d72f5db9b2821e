/**
 * What the Verantwoording page lists (issue 6, "Provenance"): the inputs with their hashes, row
 * counts and rejection counts (no rejected values), the model's tables, and the settings every
 * figure of the report was computed with.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {provenance} from "../../../lib/publish/provenance.js";
import {reportSettings} from "../../../lib/publish/report-settings.js";

await emitJson(async (model) => ({provenance: provenance(model.dir), settings: reportSettings()}));
