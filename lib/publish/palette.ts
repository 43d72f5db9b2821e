/**
 * Categorical colours that survive colour blindness: the eight-colour palette published by Masataka
 * Okabe and Kei Ito, "Color Universal Design (CUD): how to make figures and presentations that are
 * friendly to colorblind people" (2002/2008), distinguishable under protanopia, deuteranopia and
 * tritanopia. Browser-safe.
 *
 * Not all eight reach the 3:1 contrast against white that WCAG 2.1 (1.4.11) asks of graphical
 * objects: orange, sky blue and yellow do not. Named roles therefore use only the five that do;
 * the light three are for fills with a dark outline or a direct label. Colour is never the only
 * carrier of meaning: charts label their series as well.
 */
import {AA_GRAPHICS, contrastRatio} from "./contrast.js";

export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7"
} as const;

/**
 * Fixed meanings, the same on every page. Roles that share a colour never meet in one chart:
 * residents/staff (triads), need after help (geen/blijft/nieuw), cost (investment/avoided/realised).
 */
export const ROLES = {
  inwoner: OKABE_ITO.blue,
  medewerker: OKABE_ITO.vermillion,
  /** Second-line need after the help: none, so the cost is avoided. */
  vermeden: OKABE_ITO.bluishGreen,
  /** Second-line need remains. */
  blijftNodig: OKABE_ITO.reddishPurple,
  /** A new second-line need arose. */
  nieuw: OKABE_ITO.black,
  /** First-line cost: the investment. */
  investering: OKABE_ITO.blue,
  /** Realised second-line cost. */
  gerealiseerd: OKABE_ITO.vermillion
} as const;

export type Role = keyof typeof ROLES;

/** The five palette colours with at least 3:1 contrast on white, in the order to assign them. */
export const SAFE_ON_WHITE = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.black] as const;

/** All eight, for up to eight categories: the light ones then need an outline or a label. */
export const ALL_EIGHT = [...SAFE_ON_WHITE, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.yellow] as const;

/**
 * Colours for n unnamed categories. Beyond eight no palette stays distinguishable: group the small
 * categories as "overig" first.
 */
export function categorical(n: number): string[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`categorical: ${n} is not a number of categories`);
  if (n > ALL_EIGHT.length) throw new Error(`categorical: ${n} categories cannot be told apart by colour; group the smallest as "overig" (at most 8)`);
  return (n <= SAFE_ON_WHITE.length ? SAFE_ON_WHITE : ALL_EIGHT).slice(0, n);
}

/** True when a colour needs an outline or label to be seen on the background (below 3:1). */
export function needsOutline(colour: string, background = "#FFFFFF"): boolean {
  return contrastRatio(colour, background) < AA_GRAPHICS;
}
