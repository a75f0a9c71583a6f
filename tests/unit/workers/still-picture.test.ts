import { describe, expect, it } from 'vitest';
import { cellBrightness, pictureChange, StillPicture } from '../../../workers/engine/still-picture';

const SIZE = 32;

/** A square RGB picture: a bright disc ("a head") on a mid-grey ground, with seeded noise. */
function picture({ headX = 16, headY = 14, light = 0, noise = 0, seed = 1 } = {}): Int32Array {
  const px = new Int32Array(SIZE * SIZE * 3);
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      // Edges drawn with coverage, so that a fraction of a pixel moves them a little.
      const inHead = Math.min(1, Math.max(0, 7.5 - Math.hypot(x + 0.5 - headX, y + 0.5 - headY)));
      const v = 90 + 110 * inHead + light;
      for (let c = 0; c < 3; c++) px[(y * SIZE + x) * 3 + c] = Math.round(v + noise * rand());
    }
  }
  return px;
}

const options = { grid: 4, maxCellChange: 4, changedCells: 1, maxLightChange: 16 };
const crop = { xPx: 0, yPx: -80, sizePx: 640 };

describe('cellBrightness', () => {
  it('averages the luma of each cell, row by row', () => {
    const px = new Uint8Array(4 * 4 * 4);
    // Top-left 2x2 cell pure red, bottom-right pure white, the rest black (RGBA).
    for (const [x, y] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const)
      px[(y * 4 + x) * 4] = 255;
    for (const [x, y] of [
      [2, 2],
      [3, 2],
      [2, 3],
      [3, 3],
    ] as const)
      px.fill(255, (y * 4 + x) * 4, (y * 4 + x) * 4 + 3);
    const cells = cellBrightness(px, 4, 4, 2);
    expect(cells[0]).toBeCloseTo(0.299 * 255, 3);
    expect(cells[1]).toBe(0);
    expect(cells[2]).toBe(0);
    expect(cells[3]).toBeCloseTo(255, 3);
  });

  it('refuses a size that does not divide into the grid', () => {
    expect(() => cellBrightness(new Uint8Array(30 * 30 * 3), 30, 3, 16)).toThrow(/does not divide/);
  });
});

describe('pictureChange', () => {
  it('takes a change of the whole picture’s brightness out of the cells', () => {
    const a = cellBrightness(picture(), SIZE, 3, 4);
    const b = cellBrightness(picture({ light: 10 }), SIZE, 3, 4);
    const change = pictureChange(a, b);
    expect(change.lightChange).toBeCloseTo(10, 3);
    expect(change.cellChange).toBeLessThan(0.01);
  });

  it('gives the change of the cell of the rank asked for', () => {
    const a = new Float32Array(8);
    const b = Float32Array.from([0, 30, 0, 20, 0, 10, 0, 0]);
    // The mean shift, 7.5, is taken out first: changes 7.5, 22.5, 7.5, 12.5, 7.5, 2.5, 7.5, 7.5.
    expect(pictureChange(a, b, 1).cellChange).toBeCloseTo(22.5, 5);
    expect(pictureChange(a, b, 2).cellChange).toBeCloseTo(12.5, 5);
    expect(pictureChange(a, b, 3).cellChange).toBeCloseTo(7.5, 5);
    expect(() => pictureChange(a, b, 9)).toThrow(/rank/);
  });

  it('sees a head moved by one pixel', () => {
    const a = cellBrightness(picture(), SIZE, 3, 4);
    const b = cellBrightness(picture({ headX: 17 }), SIZE, 3, 4);
    expect(pictureChange(a, b).cellChange).toBeGreaterThan(options.maxCellChange);
  });
});

describe('StillPicture', () => {
  it('gives back the last result for the same picture under fresh sensor noise, within the age allowed', () => {
    const still = new StillPicture<string>(options);
    expect(still.reuse(picture({ noise: 6, seed: 1 }), SIZE, 3, crop, 0, 10_000)).toBeNull();
    still.ran(crop, 0, 'pose A');
    expect(still.reuse(picture({ noise: 6, seed: 2 }), SIZE, 3, crop, 2000, 10_000)).toBe('pose A');
    expect(still.reuse(picture({ noise: 6, seed: 3, light: 5 }), SIZE, 3, crop, 4000, 10_000)).toBe('pose A');
  });

  it('runs the model again when the person moves, the light changes a lot, the crop differs or the result is old', () => {
    const still = new StillPicture<string>(options);
    still.reuse(picture(), SIZE, 3, crop, 0, 10_000);
    still.ran(crop, 0, 'pose A');
    expect(still.reuse(picture({ headY: 15 }), SIZE, 3, crop, 1000, 10_000)).toBeNull();
    expect(still.reuse(picture({ light: 30 }), SIZE, 3, crop, 1000, 10_000)).toBeNull();
    expect(still.reuse(picture(), SIZE, 3, { ...crop, xPx: 3 }, 1000, 10_000)).toBeNull();
    expect(still.reuse(picture(), SIZE, 3, crop, 10_000, 10_000)).toBeNull();
    expect(still.reuse(picture(), SIZE, 3, crop, 1000, 0)).toBeNull();
    expect(still.reuse(picture(), SIZE, 3, crop, 1000, 10_000)).toBe('pose A');
  });

  it('compares with the picture the model last ran on, so a slow drift adds up to a change', () => {
    const still = new StillPicture<string>({ ...options, maxCellChange: 6 });
    still.reuse(picture({ headX: 16 }), SIZE, 3, crop, 0, 60_000);
    still.ran(crop, 0, 'upright');
    // Each step alone is within the limit of the one before it; their sum is not within the key's.
    const steps = [16.3, 16.6, 16.9, 17.2, 17.5, 17.8, 18.1].map((headX, i) =>
      still.reuse(picture({ headX }), SIZE, 3, crop, (i + 1) * 2000, 60_000),
    );
    expect(steps[0]).toBe('upright');
    expect(steps.at(-1)).toBeNull();
    still.ran(crop, 14_000, 'leaning');
    expect(still.reuse(picture({ headX: 18.1 }), SIZE, 3, crop, 16_000, 60_000)).toBe('leaning');
  });

  it('lets a change in one or two cells pass (a blink, a word) when told to count three', () => {
    const still = new StillPicture<string>({ ...options, grid: 8, changedCells: 3 });
    const blink = (dark: number) => {
      const px = picture();
      // A small dark patch inside one 4x4 cell of the face.
      for (let y = 12; y < 14; y++)
        for (let x = 16; x < 19; x++) px.fill(200 - dark, (y * SIZE + x) * 3, (y * SIZE + x) * 3 + 3);
      return px;
    };
    still.reuse(blink(0), SIZE, 3, crop, 0, 10_000);
    still.ran(crop, 0, 'eyes open');
    expect(still.reuse(blink(120), SIZE, 3, crop, 1000, 10_000)).toBe('eyes open');
    expect(still.reuse(picture({ headX: 17.5 }), SIZE, 3, crop, 1000, 10_000)).toBeNull();
  });
});
