// Dots painted into pixels (src/components/dot-raster.ts): coverage, colour, source-over order,
// clipping at the image's edges. No DOM needed.
import {describe, expect, it} from "vitest";
import {rasterDots, type DotRasterInput} from "../src/components/dot-raster.js";

const W = 20;
const H = 12;
const ORANGE = [230, 159, 0, 1] as const;
const BLUE = [86, 180, 233, 1] as const;

function paint(dots: {x: number; y: number; colour?: number}[], options: Partial<DotRasterInput> = {}) {
  const image = {data: new Uint8ClampedArray(W * H * 4), width: W, height: H};
  rasterDots(image, {
    xs: dots.map((d) => d.x), ys: dots.map((d) => d.y), colourIndex: dots.map((d) => d.colour ?? 0),
    palette: [ORANGE, BLUE], radius: 3, opacity: 1, ...options
  });
  return image.data;
}

const pixel = (data: Uint8ClampedArray, x: number, y: number) => [...data.slice((y * W + x) * 4, (y * W + x) * 4 + 4)];
const alphaSum = (data: Uint8ClampedArray) => data.filter((_, i) => i % 4 === 3).reduce((s, a) => s + a / 255, 0);

describe("rasterDots", () => {
  it("covers a disc of the radius: full colour in the middle, nothing far away, area about pi r^2", () => {
    const data = paint([{x: 10.5, y: 6.5}]);
    expect(pixel(data, 10, 6)).toEqual([230, 159, 0, 255]);
    expect(pixel(data, 10, 1)[3]).toBe(0);
    expect(pixel(data, 16, 6)[3]).toBe(0);
    expect(Math.abs(alphaSum(data) / (Math.PI * 9) - 1)).toBeLessThan(0.03);
  });

  it("applies the opacity, and overlapping dots build up as on a canvas (source-over, later on top)", () => {
    const one = pixel(paint([{x: 10.5, y: 6.5}], {opacity: 0.5}), 10, 6);
    expect(one[3]).toBeCloseTo(128, -1);
    const two = pixel(paint([{x: 10.5, y: 6.5}, {x: 10.5, y: 6.5}], {opacity: 0.5}), 10, 6);
    expect(two[3] / 255).toBeCloseTo(1 - 0.5 * 0.5, 1);
    const mixed = pixel(paint([{x: 10.5, y: 6.5, colour: 0}, {x: 10.5, y: 6.5, colour: 1}], {opacity: 0.8}), 10, 6);
    // 80% blue over 80% orange: blue dominates.
    expect(mixed[2]).toBeGreaterThan(180);
    expect(mixed[0]).toBeLessThan(130);
  });

  it("clips dots at the edges without spilling into the next row, and skips dots not included or not finite", () => {
    const data = paint([{x: 0.5, y: 6.5}, {x: Number.NaN, y: 3}]);
    expect(pixel(data, 0, 6)[3]).toBe(255);
    expect(pixel(data, W - 1, 5)[3]).toBe(0);
    expect(pixel(data, W - 2, 6)[3]).toBe(0);
    expect(alphaSum(paint([{x: 10.5, y: 6.5}], {include: () => false}))).toBe(0);
  });

  it("refuses an image whose data does not match its size", () => {
    expect(() => rasterDots({data: new Uint8ClampedArray(10), width: W, height: H}, {xs: [], ys: [], colourIndex: [], palette: [], radius: 3, opacity: 1}))
      .toThrow(/10 bytes, not 20 x 12 pixels/);
  });
});
