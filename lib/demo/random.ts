/**
 * The demo's only source of randomness: d3-random's linear congruential generator, seeded, with
 * d3-random distributions drawn from it. Same seed, same sequence, on every machine.
 */
import {randomLcg, randomLogNormal, randomNormal} from "d3-random";

export class Rng {
  readonly uniform: () => number;
  private readonly standardNormal: () => number;
  private readonly standardLogNormal: () => number;

  constructor(seed: number) {
    this.uniform = randomLcg(seed);
    this.standardNormal = randomNormal.source(this.uniform)(0, 1);
    this.standardLogNormal = randomLogNormal.source(this.uniform)(0, 1);
  }

  /** An independent stream for one part of the delivery, so that adding stories does not shift declarations. */
  fork(): Rng {
    return new Rng(Math.floor(this.uniform() * 2 ** 31));
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Integer in [low, high). */
  int(low: number, high: number): number {
    return Math.floor(this.between(low, high));
  }

  chance(p: number): boolean {
    return this.uniform() < p;
  }

  normal(mean: number, sd: number): number {
    return mean + sd * this.standardNormal();
  }

  /** Log-normal with the given median and log-scale spread. */
  logNormal(median: number, sigma: number): number {
    return median * this.standardLogNormal() ** sigma;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)];
  }

  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((s, [, w]) => s + w, 0);
    let r = this.uniform() * total;
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    return options[options.length - 1][0];
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A version-4-shaped UUID (as SenseMaker keys its columns). */
  uuid(): string {
    const hex = (n: number) => Math.floor(this.uniform() * 16 ** n).toString(16).padStart(n, "0");
    const variant = "89ab"[Math.floor(this.uniform() * 4)];
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
  }
}
