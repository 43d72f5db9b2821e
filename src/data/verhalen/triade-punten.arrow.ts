/** The triad page's first view, before the engine starts: lib/site/triad-points.ts. */
import {emitArrow} from "../../../lib/site/emit.js";
import {triadPoints} from "../../../lib/site/triad-points.js";

await emitArrow(triadPoints);
