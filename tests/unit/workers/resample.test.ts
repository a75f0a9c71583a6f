import { describe, expect, it } from 'vitest';
import { resampleToRgb, type RawImage } from '../../../workers/engine/resample';

/** A BGRX image whose red is x and green is y (blue 7). */
function gradient(w: number, h: number, format: 'BGRX' | 'RGBA' = 'BGRX'): RawImage {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const [r, g, b] = [x, y, 7];
      data[i] = format === 'BGRX' ? b : r;
      data[i + 1] = g;
      data[i + 2] = format === 'BGRX' ? r : b;
      data[i + 3] = 255;
    }
  }
  return { format, widthPx: w, heightPx: h, data, planes: [{ offset: 0, stride: w * 4 }] };
}

/** A solid I420 or NV12 image of one Y, U, V. */
function solidYuv(w: number, h: number, yuv: [number, number, number], format: 'I420' | 'NV12'): RawImage {
  const data = new Uint8Array(w * h * 1.5);
  data.fill(yuv[0], 0, w * h);
  if (format === 'I420') {
    data.fill(yuv[1], w * h, w * h * 1.25);
    data.fill(yuv[2], w * h * 1.25);
  } else {
    for (let i = w * h; i < data.length; i += 2) {
      data[i] = yuv[1];
      data[i + 1] = yuv[2];
    }
  }
  const chroma =
    format === 'I420'
      ? [
          { offset: w * h, stride: w / 2 },
          { offset: w * h * 1.25, stride: w / 2 },
        ]
      : [{ offset: w * h, stride: w }];
  return { format, widthPx: w, heightPx: h, data, planes: [{ offset: 0, stride: w }, ...chroma] };
}

const px = (out: Int32Array | Uint8ClampedArray, w: number, x: number, y: number, ch = 3) =>
  Array.from(out.slice((y * w + x) * ch, (y * w + x) * ch + ch));

describe('resampleToRgb', () => {
  it('copies pixels one to one, swapping BGR into RGB', () => {
    const out = new Int32Array(8 * 6 * 3);
    resampleToRgb(gradient(8, 6), { xPx: 0, yPx: 0, widthPx: 8, heightPx: 6 }, 8, 6, out, 3);
    expect(px(out, 8, 5, 3)).toEqual([5, 3, 7]);
    const rgba = new Uint8ClampedArray(8 * 6 * 4);
    resampleToRgb(gradient(8, 6, 'RGBA'), { xPx: 0, yPx: 0, widthPx: 8, heightPx: 6 }, 8, 6, rgba, 4);
    expect(px(rgba, 8, 2, 4, 4)).toEqual([2, 4, 7, 255]);
  });

  it('crops and scales: each output pixel is the mean of its footprint', () => {
    // 200x200 gradient, the region x 40..140, y 20..120 into 10x10: output
    // pixel (i, j) covers x 40+10i..50+10i, whose mean is 44.5+10i.
    const out = new Int32Array(10 * 10 * 3);
    resampleToRgb(gradient(200, 200), { xPx: 40, yPx: 20, widthPx: 100, heightPx: 100 }, 10, 10, out, 3);
    for (const [i, j] of [
      [0, 0],
      [3, 7],
      [9, 9],
    ] as const) {
      const [r, g] = px(out, 10, i, j);
      expect(Math.abs((r ?? NaN) - (44.5 + 10 * i))).toBeLessThanOrEqual(1);
      expect(Math.abs((g ?? NaN) - (24.5 + 10 * j))).toBeLessThanOrEqual(1);
    }
  });

  it('pads outside the image with black', () => {
    const out = new Int32Array(4 * 4 * 3);
    // The square reaches 100 px above the 100x100 image: the top half is padding.
    resampleToRgb(gradient(100, 100), { xPx: 0, yPx: -100, widthPx: 100, heightPx: 200 }, 4, 4, out, 3);
    expect(px(out, 4, 1, 0)).toEqual([0, 0, 0]);
    expect(px(out, 4, 1, 1)).toEqual([0, 0, 0]);
    expect(px(out, 4, 1, 3)[2]).toBe(7);
  });

  it('converts I420 and NV12 with BT.601 coefficients', () => {
    // Y=81, U=90, V=240 is pure red (255, 0, 0) in BT.601 limited range.
    for (const format of ['I420', 'NV12'] as const) {
      const out = new Int32Array(4 * 4 * 3);
      resampleToRgb(
        solidYuv(16, 16, [81, 90, 240], format),
        { xPx: 0, yPx: 0, widthPx: 16, heightPx: 16 },
        4,
        4,
        out,
        3,
      );
      const [r, g, b] = px(out, 4, 2, 2);
      expect(r).toBeGreaterThanOrEqual(250);
      expect(g).toBeLessThanOrEqual(5);
      expect(b).toBeLessThanOrEqual(5);
    }
  });

  it('refuses an output buffer that is too small', () => {
    expect(() =>
      resampleToRgb(gradient(4, 4), { xPx: 0, yPx: 0, widthPx: 4, heightPx: 4 }, 4, 4, new Int32Array(10), 3),
    ).toThrow(/needs 48/);
  });
});
