/**
 * The statistics, label cleaning and colours the chart components use, re-exported from lib/ (one
 * implementation for pages, command line and tests).
 *
 * Framework 1.13 refuses local imports outside its root (`src/`) and does not transpile `.ts`
 * import specifiers, so the site build must bundle this file into a sibling `methods.js`
 * (gitignored, generated before `observable build`/`preview`), which Framework finds before this
 * file; TypeScript and vitest resolve `./methods.js` to this file.
 */
export {
  DEFAULT_ZERO_POLICY, applyZeroPolicy, clampAndClose, close, confidenceRegion, describeZeroPolicy,
  spreadRegion, summariseIlr, toCartesian,
  type Composition, type IlrSummary, type Region, type ZeroPolicy
} from "../../lib/methods/compositional.ts";
export {DYAD_BANDS, TRIAD_ZONES, dyadBandIndex, triadZone, type TriadZone} from "../../lib/methods/zones.ts";
export {stripHtml} from "../../lib/formats/stories/html.ts";
export {ALL_EIGHT, ROLES} from "../../lib/publish/palette.ts";
