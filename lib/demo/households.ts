/**
 * Households in the demo case register (column `Huishouden`). Most clients are the only client of
 * their household, but some households have two or three: a parent with Wmo support and one or two
 * children with youth care. Families are formed more often among clients who (still) need
 * second-line care, as multi-problem households do, so that counting per household changes the
 * costliest-10% figures visibly. A few register rows leave the household blank.
 *
 * Drawn from a random stream of its own: the other files of the delivery do not change with it.
 */
import type {FirstLineCase} from "./first-line.js";
import type {Rng} from "./random.js";

/** Share of the possible parent-child pairs formed among clients with second-line care, and among the rest. */
const FAMILY_SHARE = {secondLine: 0.5, other: 0.15};
/** Chance that a family has a second child (a household of three). */
const SECOND_CHILD = 0.3;
/** Chance that a client alone in its household has the column left blank. */
const BLANK = 0.05;

export interface Households {
  /** Household number per case (null: left blank in the register). */
  byCase: Map<FirstLineCase, string | null>;
  households: number;
  withSeveralClients: number;
  blank: number;
}

const needsSecondLine = (c: FirstLineCase) => c.need === "blijft" || c.need === "nieuw";

/** `cases` in register order (numbered); households are numbered in the order of their first case. */
export function assignHouseholds(rng: Rng, cases: readonly FirstLineCase[]): Households {
  const pick = (domain: FirstLineCase["domain"], secondLine: boolean) =>
    rng.shuffle(cases.filter((c) => c.domain === domain && needsSecondLine(c) === secondLine));
  const families: FirstLineCase[][] = [];
  const children: FirstLineCase[] = [];
  for (const secondLine of [true, false]) {
    const parents = pick("Wmo", secondLine);
    const kids = pick("Jeugd", secondLine);
    const pairs = Math.round(FAMILY_SHARE[secondLine ? "secondLine" : "other"] * Math.min(parents.length, kids.length));
    for (let i = 0; i < pairs; i++) families.push([parents[i], kids[i]]);
    children.push(...kids.slice(pairs));
  }
  for (const family of families) {
    if (children.length > 0 && rng.chance(SECOND_CHILD)) family.push(children.shift()!);
  }
  const familyOf = new Map<FirstLineCase, FirstLineCase[]>();
  for (const family of families) for (const c of family) familyOf.set(c, family);

  const byCase = new Map<FirstLineCase, string | null>();
  const numbers = new Map<FirstLineCase[], string>();
  let next = 0;
  let blank = 0;
  const newNumber = () => `HH-${String(++next).padStart(5, "0")}`;
  for (const c of cases) {
    const family = familyOf.get(c);
    if (family) {
      if (!numbers.has(family)) numbers.set(family, newNumber());
      byCase.set(c, numbers.get(family)!);
    } else if (rng.chance(BLANK)) {
      byCase.set(c, null);
      blank++;
    } else {
      byCase.set(c, newNumber());
    }
  }
  return {byCase, households: next, withSeveralClients: families.length, blank};
}
