/**
 * Crops and scales raw video pixels (as VideoFrame.copyTo gives them, in the
 * frame's own format) straight into a model's RGB input, in one pass. This
 * skips the 2D canvas, whose drawImage of a camera frame converts and copies
 * the whole frame (6-8 ms at 640x480 here) before scaling it down.
 *
 * Pure: no DOM, no worker globals. Bilinear on luma and RGB, nearest on
 * subsampled chroma; YUV is converted with BT.601 limited-range coefficients
 * (the colour error for full-range or BT.709 cameras is a few levels, far
 * below what a pose model notices). Outside the image is black.
 */

export type RawPixelFormat = 'I420' | 'I420A' | 'NV12' | 'RGBA' | 'RGBX' | 'BGRA' | 'BGRX';

export const RAW_FORMATS: readonly RawPixelFormat[] = [
  'I420',
  'I420A',
  'NV12',
  'RGBA',
  'RGBX',
  'BGRA',
  'BGRX',
];

export interface RawImage {
  format: RawPixelFormat;
  widthPx: number;
  heightPx: number;
  data: Uint8Array;
  /** Per plane: where it starts in `data` and its row stride in bytes. */
  planes: readonly { offset: number; stride: number }[];
}

/** A rectangle in the raw image's pixels; it may reach outside the image. */
export interface SourceRect {
  xPx: number;
  yPx: number;
  widthPx: number;
  heightPx: number;
}

const clamp255 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
/** A byte by index; indices are in range by construction (the `| 0` keeps V8 on the fast path). */
const at = (data: Uint8Array, i: number): number => data[i]! | 0;

/**
 * Writes `outWidth` x `outHeight` pixels sampled from `rect` of `image` into
 * `out`, `channels` values a pixel (3: RGB; 4: RGBA with alpha 255).
 */
export function resampleToRgb(
  image: RawImage,
  rect: SourceRect,
  outWidth: number,
  outHeight: number,
  out: Int32Array | Uint8ClampedArray,
  channels: 3 | 4,
): void {
  if (out.length < outWidth * outHeight * channels) {
    throw new Error(`output holds ${out.length} values, needs ${outWidth * outHeight * channels}`);
  }
  const { widthPx: w, heightPx: h, format } = image;
  const p0 = image.planes[0];
  if (!p0) throw new Error('raw image has no planes');
  const sx = rect.widthPx / outWidth;
  const sy = rect.heightPx / outHeight;
  // Shrinking by more than 1.5x: average a 2x2 grid of bilinear samples
  // spread over each output pixel's footprint, so detail does not alias.
  const taps = sx > 1.5 || sy > 1.5 ? 2 : 1;
  // Where each sample column and row falls is the same for every row and
  // column: work it out once per call.
  const cols = sampleGrid(rect.xPx, sx, outWidth, taps, w);
  const rows = sampleGrid(rect.yPx, sy, outHeight, taps, h);
  const s: Sampling = { plane: p0, cols, rows, taps, outWidth, outHeight, out, channels };
  if (format === 'I420' || format === 'I420A' || format === 'NV12') resampleYuv(image, s);
  else resamplePacked(image, s);
}

/** What one call samples and where it writes, the same for every output pixel. */
interface Sampling {
  /** The first plane: luma, or the packed pixels. */
  plane: { offset: number; stride: number };
  cols: Grid;
  rows: Grid;
  /** Samples a side per output pixel (1 or 2). */
  taps: number;
  outWidth: number;
  outHeight: number;
  out: Int32Array | Uint8ClampedArray;
  channels: 3 | 4;
}

/** Samples a planar YUV image (I420, I420A, NV12): bilinear luma, nearest chroma, converted to RGB. */
function resampleYuv(image: RawImage, s: Sampling): void {
  const { data, format } = image;
  const { plane: p0, cols, rows, taps, outWidth, outHeight, out, channels } = s;
  const p1 = image.planes[1] ?? p0;
  const p2 = image.planes[2] ?? p1;
  const nv12 = format === 'NV12';
  const inv = 1 / (taps * taps);
  let o = 0;
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++, o += channels) {
      let accR = 0;
      let accG = 0;
      let accB = 0;
      for (let ty = 0; ty < taps; ty++) {
        const ry = oy * taps + ty;
        if (!rows.inside[ry]) continue; // outside adds black
        const y0 = rows.lo[ry]!;
        const y1 = rows.hi[ry]!;
        const wy = rows.weight[ry]!;
        const r0 = p0.offset + y0 * p0.stride;
        const r1 = p0.offset + y1 * p0.stride;
        const uy = rows.nearest[ry]! >> 1;
        for (let tx = 0; tx < taps; tx++) {
          const cx = ox * taps + tx;
          if (!cols.inside[cx]) continue;
          const x0 = cols.lo[cx]!;
          const x1 = cols.hi[cx]!;
          const wx = cols.weight[cx]!;
          const w00 = (1 - wx) * (1 - wy);
          const w01 = wx * (1 - wy);
          const w10 = (1 - wx) * wy;
          const w11 = wx * wy;
          const luma =
            1.164 *
            (at(data, r0 + x0) * w00 +
              at(data, r0 + x1) * w01 +
              at(data, r1 + x0) * w10 +
              at(data, r1 + x1) * w11 -
              16);
          const ux = cols.nearest[cx]! >> 1;
          let u: number;
          let v: number;
          if (nv12) {
            const i = p1.offset + uy * p1.stride + ux * 2;
            u = at(data, i) - 128;
            v = at(data, i + 1) - 128;
          } else {
            u = at(data, p1.offset + uy * p1.stride + ux) - 128;
            v = at(data, p2.offset + uy * p2.stride + ux) - 128;
          }
          accR += luma + 1.596 * v;
          accG += luma - 0.392 * u - 0.813 * v;
          accB += luma + 2.017 * u;
        }
      }
      out[o] = clamp255(Math.round(accR * inv));
      out[o + 1] = clamp255(Math.round(accG * inv));
      out[o + 2] = clamp255(Math.round(accB * inv));
      if (channels === 4) out[o + 3] = 255;
    }
  }
}

/** Samples a packed 4-byte image (RGBA, RGBX, BGRA, BGRX): bilinear on each colour. */
function resamplePacked(image: RawImage, s: Sampling): void {
  const { data, format } = image;
  const { plane: p0, cols, rows, taps, outWidth, outHeight, out, channels } = s;
  const redFirst = format === 'RGBA' || format === 'RGBX';
  const inv = 1 / (taps * taps);
  let o = 0;
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++, o += channels) {
      let accR = 0;
      let accG = 0;
      let accB = 0;
      for (let ty = 0; ty < taps; ty++) {
        const ry = oy * taps + ty;
        if (!rows.inside[ry]) continue; // outside adds black
        const y0 = rows.lo[ry]!;
        const y1 = rows.hi[ry]!;
        const wy = rows.weight[ry]!;
        const r0 = p0.offset + y0 * p0.stride;
        const r1 = p0.offset + y1 * p0.stride;
        for (let tx = 0; tx < taps; tx++) {
          const cx = ox * taps + tx;
          if (!cols.inside[cx]) continue;
          const x0 = cols.lo[cx]! * 4;
          const x1 = cols.hi[cx]! * 4;
          const wx = cols.weight[cx]!;
          const w00 = (1 - wx) * (1 - wy);
          const w01 = wx * (1 - wy);
          const w10 = (1 - wx) * wy;
          const w11 = wx * wy;
          const a = r0 + x0;
          const b = r0 + x1;
          const c = r1 + x0;
          const d = r1 + x1;
          const first = at(data, a) * w00 + at(data, b) * w01 + at(data, c) * w10 + at(data, d) * w11;
          accG +=
            at(data, a + 1) * w00 + at(data, b + 1) * w01 + at(data, c + 1) * w10 + at(data, d + 1) * w11;
          const third =
            at(data, a + 2) * w00 + at(data, b + 2) * w01 + at(data, c + 2) * w10 + at(data, d + 2) * w11;
          accR += redFirst ? first : third;
          accB += redFirst ? third : first;
        }
      }
      out[o] = clamp255(Math.round(accR * inv));
      out[o + 1] = clamp255(Math.round(accG * inv));
      out[o + 2] = clamp255(Math.round(accB * inv));
      if (channels === 4) out[o + 3] = 255;
    }
  }
}

interface Grid {
  inside: Uint8Array;
  lo: Int32Array;
  hi: Int32Array;
  nearest: Int32Array;
  weight: Float32Array;
}

/** Sample positions along one axis: `count` outputs, `taps` samples each, over an image `size` long. */
function sampleGrid(start: number, step: number, count: number, taps: number, size: number): Grid {
  const n = count * taps;
  const grid: Grid = {
    inside: new Uint8Array(n),
    lo: new Int32Array(n),
    hi: new Int32Array(n),
    nearest: new Int32Array(n),
    weight: new Float32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = start + (i + 0.5) * (step / taps) - 0.5;
    if (f <= -1 || f >= size) continue;
    const c = f < 0 ? 0 : f > size - 1 ? size - 1 : f;
    const lo = Math.floor(c);
    grid.inside[i] = 1;
    grid.lo[i] = lo;
    grid.hi[i] = lo + 1 < size ? lo + 1 : lo;
    grid.nearest[i] = Math.round(c);
    grid.weight[i] = c - lo;
  }
  return grid;
}
