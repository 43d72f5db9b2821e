/**
 * Synthetic identifiers: BSNs that pass the elfproef, AGB codes of fictional providers, and the
 * gemeentecodes of a fictional five-municipality region. See docs/demo.md for the ranges and why.
 */
import {completeBsn, TEST_RANGE} from "../privacy/bsn.js";
import type {Rng} from "./random.js";

export interface Municipality {
  code: string;
  name: string;
}

/** The demo municipality first; the other four complete the region (fictional names). */
export const REGION: readonly Municipality[] = [
  {code: "0397", name: "Lindewaard"},
  {code: "0412", name: "Veenhoven"},
  {code: "0436", name: "Haarsloot"},
  {code: "0461", name: "Bremmerdijk"},
  {code: "0478", name: "Ommerwolde"}
];

export const DEMO_MUNICIPALITY = REGION[0];

/**
 * Beyond the test range (about 9,000 valid numbers) the region scale continues in the block just
 * below it. Numbers there are structurally valid; docs/demo.md says why they stay synthetic.
 */
export const EXTENDED_RANGE = {first: 999_000_000, last: TEST_RANGE.first - 1} as const;

/** Hands out unique valid BSNs in a seeded random order: the test range first, then the extension. */
export class BsnPool {
  private prefixes: Int32Array;
  private index = 0;
  private extended = false;
  issued = 0;

  constructor(private readonly rng: Rng) {
    this.prefixes = this.shuffledPrefixes(Math.floor(TEST_RANGE.first / 10), Math.floor(TEST_RANGE.last / 10));
  }

  next(): string {
    for (;;) {
      if (this.index >= this.prefixes.length) this.extend();
      const prefix = String(this.prefixes[this.index++]);
      const bsn = completeBsn(prefix);
      if (bsn === null) continue;
      const n = Number(bsn);
      const range = this.extended ? EXTENDED_RANGE : TEST_RANGE;
      if (n < range.first || n > range.last) continue;
      this.issued++;
      return bsn;
    }
  }

  /** True once numbers outside the official test range have been handed out. */
  get usedExtendedRange(): boolean {
    return this.extended;
  }

  private extend(): void {
    if (this.extended) throw new Error("demo BSN ranges exhausted");
    this.extended = true;
    this.prefixes = this.shuffledPrefixes(Math.floor(EXTENDED_RANGE.first / 10), Math.floor(EXTENDED_RANGE.last / 10));
    this.index = 0;
  }

  private shuffledPrefixes(first: number, last: number): Int32Array {
    const prefixes = new Int32Array(last - first + 1);
    for (let i = 0; i < prefixes.length; i++) prefixes[i] = first + i;
    for (let i = prefixes.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng.uniform() * (i + 1));
      const t = prefixes[i];
      prefixes[i] = prefixes[j];
      prefixes[j] = t;
    }
    return prefixes;
  }
}

/** A BSN that fails the elfproef: a valid one with its check digit shifted. */
export function breakElfproef(bsn: string): string {
  return bsn.slice(0, 8) + String((Number(bsn[8]) + 1) % 10);
}
