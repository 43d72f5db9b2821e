/**
 * The statistics, label cleaning and colours the chart components use, re-exported from lib/ (one
 * implementation for pages, command line and tests), through the `src/lib -> ../lib` link because
 * Framework 1.13 refuses imports outside its root.
 *
 * Caveat: Framework transpiles a module imported as `*.js` from its `.ts` file, but leaves a `.ts`
 * specifier inside it as is and does not copy that file, so lib modules that import siblings as
 * `./x.ts` fail in the browser (404). Either lib uses `./x.js` specifiers (tsc, tsx and vitest
 * resolve them to the .ts file), or the build bundles this file into a sibling `methods.js`, which
 * Framework picks before `methods.ts`.
 */
export {
  DEFAULT_ZERO_POLICY, applyZeroPolicy, clampAndClose, close, confidenceRegion, describeZeroPolicy,
  spreadRegion, summariseIlr, toCartesian,
  type Composition, type IlrSummary, type Region, type ZeroPolicy
} from "../lib/methods/compositional.js";
export {DYAD_BANDS, TRIAD_ZONES, dyadBandIndex, triadZone, type TriadZone} from "../lib/methods/zones.js";
export {stripHtml} from "../lib/formats/stories/html.js";
export {answerComposition, type TriadAnswer} from "../lib/methods/triad-summary.js";
export {memoPerList, memoPerObject} from "../lib/memo.js";
export {ALL_EIGHT, ROLES} from "../lib/publish/palette.js";
