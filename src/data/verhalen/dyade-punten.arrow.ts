/** The dyad page's first view, before the engine starts: lib/site/dyad-points.ts. */
import {emitArrow} from "../../../lib/site/emit.js";
import {dyadPoints} from "../../../lib/site/dyad-points.js";

await emitArrow(dyadPoints);
