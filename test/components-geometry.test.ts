// Pure parts of the chart components: triangle geometry, density cells, regions inside the
// triangle, zone and band counts, text summaries, selection helpers, story paging. No DOM needed.
import {describe, expect, it} from "vitest";
import {
  cellOf, densityCounts, gridSegments, nearestPoint, pointsInRect, triangleCells, zoneBoundarySegments,
  ZONE_LABEL_POINTS, colourScale
} from "../src/components/ternary.js";
import {jitterOf} from "../lib/site/jitter.js";
import {
  describeTriad, dyadSummary, publicCount, storyCount, triadComposition, triadSummary, zoneName
} from "../src/components/chart-text.js";
import {formatStoryDate, pageLabel, storyPage, storyValues} from "../src/components/story-reader.js";
import {
  applyZeroPolicy, confidenceRegion, spreadRegion, summariseIlr, toCartesian, type Composition
} from "../lib/methods/compositional.js";
import {TRIAD_ZONES, triadZone} from "../lib/methods/zones.js";
import {ROLES} from "../lib/publish/palette.js";

const H = Math.sqrt(3) / 2;

/** Inside the drawn triangle (0,0), (1,0), (0.5, H), tested on cartesian coordinates. */
function insideTriangle([x, y]: readonly [number, number], eps = 1e-9): boolean {
  return y >= -eps && y <= Math.sqrt(3) * x + eps && y <= Math.sqrt(3) * (1 - x) + eps;
}

/** Seeded uniform generator (mulberry32) so the tests are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform points in the simplex (sorted uniforms), with some exactly on edges and corners. */
function samplePoints(n: number, seed: number): Composition[] {
  const r = rng(seed);
  const out: Composition[] = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.5, 0.5, 0], [0, 0.5, 0.5], [0.6, 0.2, 0.2], [0.2, 0.2, 0.6]];
  while (out.length < n) {
    const [u, v] = [r(), r()].sort((a, b) => a - b);
    out.push([u, v - u, 1 - v]);
  }
  return out;
}

function triangleArea(a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): number {
  return Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
}

describe("triangular density grid", () => {
  it("has k^2 cells that tile the triangle exactly and stay inside it", () => {
    for (const k of [1, 2, 5, 10]) {
      const cells = triangleCells(k);
      expect(cells).toHaveLength(k * k);
      expect(new Set(cells.map((c) => c.key)).size).toBe(k * k);
      let area = 0;
      for (const cell of cells) {
        const pts = cell.vertices.map(toCartesian);
        for (const p of pts) expect(insideTriangle(p)).toBe(true);
        area += triangleArea(pts[0], pts[1], pts[2]);
      }
      // Area of the unit equilateral triangle: sqrt(3)/4.
      expect(area).toBeCloseTo(Math.sqrt(3) / 4, 12);
    }
  });

  it("puts every point in a cell that contains it, and counts every point once", () => {
    const k = 10;
    const cells = new Map(triangleCells(k).map((c) => [c.key, c]));
    const points = samplePoints(2000, 7);
    for (const x of points) {
      const cell = cells.get(cellOf(x, k));
      expect(cell, `no cell for ${x}`).toBeDefined();
      // Containment in barycentric terms: x is a convex combination of the cell's corners, i.e.
      // the three sub-triangles x-edge have the cell's area.
      const [a, b, c] = cell!.vertices.map(toCartesian);
      const p = toCartesian(x);
      const sum = triangleArea(p, b, c) + triangleArea(a, p, c) + triangleArea(a, b, p);
      expect(sum).toBeCloseTo(triangleArea(a, b, c), 12);
    }
    const counts = densityCounts(points, k);
    expect(counts.size).toBe(100);
    expect([...counts.values()].reduce((s, n) => s + n, 0)).toBe(points.length);
  });

  it("counts by hand: the top corner cell of a 2-grid holds the points with top > 1/2", () => {
    // k = 2: cell "1,0,u" has corners (top, right) = (1/2, 0), (1, 0), (1/2, 1/2) -> top >= 1/2.
    const counts = densityCounts([[0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], 2);
    expect(counts.get("1,0,u")).toBe(2);
    expect(counts.get("0,1,u")).toBe(1); // right corner: right >= 1/2
    expect(counts.get("0,0,d")).toBe(1); // centre cell: all parts < 1/2
  });

  it("rejects a grid it cannot draw", () => {
    expect(() => triangleCells(0)).toThrow(RangeError);
    expect(() => triangleCells(2.5)).toThrow(RangeError);
  });
});

describe("grid and zone lines", () => {
  it("grid lines run from edge to edge at the given level", () => {
    const segments = gridSegments([0.2, 0.4, 0.6, 0.8]);
    expect(segments).toHaveLength(12);
    for (const [a, b] of segments) {
      expect(Math.min(...a)).toBe(0);
      expect(Math.min(...b)).toBe(0);
      // One part is the same level along the whole line.
      expect([0, 1, 2].some((i) => a[i] === b[i] && a[i] > 0)).toBe(true);
    }
  });

  it("zone boundaries separate the zones of lib's triadZone", () => {
    // Points just either side of every boundary segment's midpoint fall in different zones.
    for (const [a, b] of zoneBoundarySegments()) {
      const mid: Composition = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
      const fixed = [0, 1, 2].find((i) => a[i] === b[i])!;
      const nudge = (d: number): Composition => {
        const x = [...mid];
        x[fixed] += d;
        const others = [0, 1, 2].filter((i) => i !== fixed);
        for (const i of others) x[i] -= d / 2;
        return [x[0], x[1], x[2]];
      };
      expect(triadZone(nudge(0.01))).not.toBe(triadZone(nudge(-0.01)));
    }
  });

  it("prints each zone's count at a point inside that zone", () => {
    for (const zone of TRIAD_ZONES) expect(triadZone(ZONE_LABEL_POINTS[zone])).toBe(zone);
  });
});

describe("regions stay inside the triangle", () => {
  it("confidence and spread regions of a group near an edge", () => {
    const r = rng(11);
    // A group close to the left-right edge (small top parts), including exact zeros.
    const xs: Composition[] = Array.from({length: 60}, (_, i) => {
      const top = i % 10 === 0 ? 0 : 0.02 * r();
      const left = (1 - top) * r();
      return [top, left, 1 - top - left];
    });
    const summary = summariseIlr(applyZeroPolicy(xs).compositions);
    const regions = [confidenceRegion(summary, 0.95), spreadRegion(summary, 0.5), spreadRegion(summary, 0.9)];
    for (const region of regions) {
      expect(region).not.toBeNull();
      for (const x of region!.simplex) expect(insideTriangle(toCartesian(x))).toBe(true);
    }
  });
});

describe("triad summary", () => {
  const rows = [
    {story_id: "a", teller_role: "inwoner", top: 0.5, left: 0.25, right: 0.25},
    {story_id: "b", teller_role: "inwoner", top: 0.25, left: 0.5, right: 0.25},
    {story_id: "c", teller_role: "inwoner", top: 20, left: 20, right: 60}, // percent: closed on read
    {story_id: "d", teller_role: "medewerker", top: 0.7, left: 0.2, right: 0.1},
    {story_id: "e", teller_role: null, top: 0.1, left: 0.45, right: 0.45},
    {story_id: "f", teller_role: "inwoner", status: "na", top: null, left: null, right: null},
    {story_id: "g", teller_role: "medewerker", status: "skipped"},
    {story_id: "h", teller_role: "medewerker", top: null, left: null, right: null}
  ];

  it("counts answered, N/A and skipped, and the stories per zone", () => {
    const s = triadSummary(rows, {groupBy: "teller_role"});
    expect(s.counts).toEqual({total: 8, answered: 5, na: 1, skipped: 2});
    // Zones by hand: a (50/25/25) and b Centre; c (20/20/60) corner R (right >= 60%);
    // d T (70%), e LR (top 10%, left and right 45%).
    expect(s.zones).toEqual({T: 1, L: 0, R: 1, TL: 0, TR: 0, LR: 1, Centre: 2});
    expect(s.withoutGroup).toBe(1);
  });

  it("matches lib's triadZone on random answers", () => {
    const points = samplePoints(500, 3);
    const s = triadSummary(points.map((x, i) => ({story_id: String(i), top: x[0], left: x[1], right: x[2]})));
    for (const zone of TRIAD_ZONES) expect(s.zones[zone]).toBe(points.filter((x) => triadZone(x) === zone).length);
  });

  it("gives each group its closed geometric mean", () => {
    const s = triadSummary(rows, {groupBy: "teller_role", groupOrder: ["medewerker"]});
    expect(s.groups.map((g) => [g.group, g.n])).toEqual([["medewerker", 1], ["inwoner", 3]]);
    // numpy: g = exp(mean(log(a))), g / g.sum() for a, b, c -> [0.317994, 0.317994, 0.364012].
    const inwoner = s.groups[1].centre!;
    expect(inwoner[0]).toBeCloseTo(0.3179939170523984, 10);
    expect(inwoner[1]).toBeCloseTo(0.3179939170523984, 10);
    expect(inwoner[2]).toBeCloseTo(0.3640121658952032, 10);
  });

  it("describes the chart in words with the counts", () => {
    const s = triadSummary(rows, {groupBy: "teller_role", labels: ["Kwaliteit<br>van leven", "<div>Normaliseren</div>", "Socialiseren"]});
    expect(s.labels).toEqual(["Kwaliteit van leven", "Normaliseren", "Socialiseren"]);
    const text = describeTriad(s);
    expect(text).toContain("In deze driehoek staan 5 verhalen.");
    expect(text).toContain("De meeste verhalen (2) staan in de zone Midden.");
    expect(text).toContain("Niet van toepassing: 1. Overgeslagen: 2.");
    expect(text).toContain("1 verhaal zonder antwoord op de groepsvraag");
    expect(zoneName("TL", s.labels)).toBe("Tussen “Kwaliteit van leven” en “Normaliseren”");
  });

  it("clamps a dot just outside the triangle and refuses rows without numbers", () => {
    expect(triadComposition({story_id: "x", top: -0.01, left: 0.51, right: 0.5})).toEqual([0, 0.51 / 1.01, 0.5 / 1.01]);
    expect(triadComposition({story_id: "x", top: 0, left: 0, right: 0})).toBeNull();
    expect(triadComposition({story_id: "x", top: 0.2, left: Number.NaN, right: 0.3})).toBeNull();
  });
});

describe("dyad summary", () => {
  it("counts bands and takes medians per group", () => {
    const rows = [
      ...[0.1, 0.3, 0.35, 0.9].map((position, i) => ({story_id: `i${i}`, role: "inwoner", position})),
      ...[0.2, 0.5, 0.95].map((position, i) => ({story_id: `m${i}`, role: "medewerker", position})),
      {story_id: "n", role: "medewerker", status: "na", position: null},
      {story_id: "s", role: "medewerker", position: null}
    ];
    const s = dyadSummary(rows, {groupBy: "role", poles: ["Positieve gezondheid", "Medicaliseren"]});
    expect(s.counts).toEqual({total: 9, answered: 7, na: 1, skipped: 1});
    // Bands by hand: 0.1 -> 0-20; 0.2, 0.3, 0.35 -> 20-40; 0.5 -> 40-60; 0.9, 0.95 -> 80-100.
    expect(s.bands).toEqual([1, 3, 1, 0, 2]);
    // numpy.median([0.1, 0.3, 0.35, 0.9]) = 0.325; numpy.median([0.2, 0.5, 0.95]) = 0.5.
    expect(s.groups.map((g) => [g.group, g.median])).toEqual([["inwoner", expect.closeTo(0.325, 12)], ["medewerker", 0.5]]);
    expect(s.groups[1].bands).toEqual([0, 1, 1, 0, 1]);
  });
});

describe("counts in words", () => {
  it("applies the public small-cell rule", () => {
    expect([0, 1, 9, 10, 12, 13, 101].map(publicCount)).toEqual(["0", "< 10", "< 10", "10", "10", "15", "100"]);
    expect(storyCount(1)).toBe("1 verhaal");
    expect(storyCount(1234)).toBe("1.234 verhalen");
  });
});

describe("selection helpers", () => {
  const points = [{id: "a", px: 10, py: 10}, {id: "b", px: 50, py: 50}, {id: "c", px: 52, py: 49}];
  it("selects the points in a rectangle, edges included", () => {
    expect(pointsInRect(points, [[0, 0], [50, 50]])).toEqual(["a", "b"]);
    expect(pointsInRect(points, [[60, 60], [90, 90]])).toEqual([]);
  });
  it("clicks the nearest point within the radius", () => {
    expect(nearestPoint(points, 53, 49, 10)).toBe("c");
    expect(nearestPoint(points, 30, 30, 10)).toBeNull();
  });
  it("keeps colours stable and distinct per category", () => {
    const {domain, colour} = colourScale(["medewerker", "inwoner", "anders", "inwoner", "buurman"], ["inwoner", "medewerker"]);
    expect(domain).toEqual(["inwoner", "medewerker", "anders", "buurman"]);
    // Roles keep their page-wide colour (lib/publish/palette ROLES); others take unused colours.
    expect(colour("inwoner")).toBe(ROLES.inwoner);
    expect(colour("medewerker")).toBe(ROLES.medewerker);
    const colours = domain.map(colour);
    expect(new Set(colours).size).toBe(4);
  });
  it("jitters a dyad dot by its id, always the same and within [-1, 1)", () => {
    const values = Array.from({length: 1000}, (_, i) => jitterOf(`v${i}`));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(jitterOf("v1")).toBe(jitterOf("v1"));
    // Spread over the range, not clumped: both halves used.
    expect(values.filter((v) => v < 0).length).toBeGreaterThan(400);
  });
});

describe("story reader data", () => {
  const stories = Array.from({length: 23}, (_, i) => ({story_id: `s${i}`}));
  it("pages a list and clamps the page", () => {
    const p = storyPage(stories, 2, 10);
    expect(p.items.map((s) => s.story_id)).toEqual(["s20", "s21", "s22"]);
    expect([p.page, p.pages, p.start, p.total]).toEqual([2, 3, 20, 23]);
    expect(storyPage(stories, 9, 10).page).toBe(2);
    expect(storyPage([], 0, 10).pages).toBe(1);
    expect(pageLabel(p)).toBe("verhalen 21-23 van 23 (pagina 3 van 3)");
    expect(() => storyPage(stories, 0, 0)).toThrow(RangeError);
  });
  it("formats dates and signifier values as text", () => {
    expect(formatStoryDate("2025-03-07")).toBe("07-03-2025");
    expect(formatStoryDate(new Date(Date.UTC(2024, 11, 31)))).toBe("31-12-2024");
    expect(formatStoryDate("onbekend")).toBe("onbekend");
    expect(storyValues({story_id: "x", values: {"Rol": "inwoner", "Hulp": ["a", "b"], "Leeg": null}}))
      .toEqual([{label: "Rol", value: "inwoner"}, {label: "Hulp", value: "a, b"}]);
  });
});
