/**
 * Whether the model's input is the same picture as the last time the model
 * ran. A person at a desk is still most of the day; when nothing in the
 * region the model looks at has moved, running the model again would only
 * give back the same pose plus its jitter. The comparison is a 16 x 16 grid
 * of mean brightness over the model's input: cheap (one pass over a few
 * tens of thousands of values), blind to sensor noise (each cell averages
 * dozens of pixels), and sure to see a head or a shoulder move by a pixel
 * of the input (an edge crossing a cell shifts its mean by several levels).
 * A change of posture moves the outline of the head or the shoulders
 * across many cells; a blink or a word changes one or two, so it takes a
 * few cells to count as a change. A change of the whole picture's
 * brightness (the camera's exposure) is taken out before comparing, unless
 * it is large.
 *
 * Pure: pixels and times are passed in.
 */

export interface StillPictureOptions {
  /** Cells across and down. */
  grid: number;
  /** A cell whose mean brightness moved more than this (0..255) has changed. */
  maxCellChange: number;
  /** This many changed cells make a change of the picture. */
  changedCells: number;
  /** The whole picture brighter or darker by more than this is a change too. */
  maxLightChange: number;
}

const DEFAULT_STILL_PICTURE: Readonly<StillPictureOptions> = Object.freeze({
  grid: 16,
  maxCellChange: 5,
  changedCells: 3,
  maxLightChange: 16,
});

/**
 * Mean brightness (BT.601 luma, 0..255) of each cell of a `grid` x `grid`
 * division of a square RGB(A) image, row by row. `sizePx` must be a
 * multiple of `grid`.
 */
export function cellBrightness(
  pixels: ArrayLike<number>,
  sizePx: number,
  channels: number,
  grid: number,
  out: Float32Array = new Float32Array(grid * grid),
): Float32Array {
  if (sizePx % grid !== 0) throw new Error(`cellBrightness: ${sizePx} px does not divide into ${grid} cells`);
  const cellPx = sizePx / grid;
  out.fill(0);
  for (let y = 0; y < sizePx; y++) {
    const row = ((y / cellPx) | 0) * grid;
    let i = y * sizePx * channels;
    for (let x = 0; x < sizePx; x++, i += channels) {
      const luma = 0.299 * (pixels[i] ?? 0) + 0.587 * (pixels[i + 1] ?? 0) + 0.114 * (pixels[i + 2] ?? 0);
      out[row + ((x / cellPx) | 0)]! += luma;
    }
  }
  const n = cellPx * cellPx;
  for (let c = 0; c < out.length; c++) out[c]! /= n;
  return out;
}

/**
 * How far apart two cell grids are, once the common brightness shift is
 * taken out: the `rank`-th largest cell change (1: the largest), and that
 * shift.
 */
export function pictureChange(
  a: Float32Array,
  b: Float32Array,
  rank = 1,
): { cellChange: number; lightChange: number } {
  if (a.length !== b.length) throw new Error('pictureChange: grids of different sizes');
  if (!(rank >= 1 && rank <= a.length)) throw new Error(`pictureChange: rank ${rank} out of 1..${a.length}`);
  let shift = 0;
  for (let c = 0; c < a.length; c++) shift += b[c]! - a[c]!;
  shift /= a.length;
  // The `rank` largest changes so far, largest first.
  const top = new Array<number>(rank).fill(0);
  for (let c = 0; c < a.length; c++) {
    const d = Math.abs(b[c]! - a[c]! - shift);
    if (d <= top[rank - 1]!) continue;
    let i = rank - 1;
    while (i > 0 && top[i - 1]! < d) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = d;
  }
  return { cellChange: top[rank - 1]!, lightChange: shift };
}

/** The crop the model looked at: a picture is only the same if the crop is too. */
export interface CropKey {
  xPx: number;
  yPx: number;
  sizePx: number;
}

/**
 * Keeps the grid of the last picture the model ran on (the key picture) and
 * says whether a new one is the same. The key picture is only replaced when
 * the model runs again, so a slow drift adds up until it counts as a change.
 */
export class StillPicture<T> {
  private key: { cells: Float32Array; crop: CropKey; tMs: number; result: T } | null = null;
  /** The grid of the picture last passed to `reuse`; it and the key's grid trade places when the model runs. */
  private spare: Float32Array;

  constructor(private readonly options: Readonly<StillPictureOptions> = DEFAULT_STILL_PICTURE) {
    this.spare = new Float32Array(options.grid * options.grid);
  }

  /**
   * The result the model gave on the key picture, when `pixels` (the model's
   * input, cut from the frame at `crop`) is the same picture and the key is
   * younger than `maxAgeMs`; otherwise null, and the model must run.
   */
  reuse(
    pixels: ArrayLike<number>,
    sizePx: number,
    channels: number,
    crop: CropKey,
    tMs: number,
    maxAgeMs: number,
  ): T | null {
    const cells = cellBrightness(pixels, sizePx, channels, this.options.grid, this.spare);
    const key = this.key;
    if (!key || maxAgeMs <= 0 || tMs - key.tMs >= maxAgeMs || tMs < key.tMs || !sameCrop(key.crop, crop)) {
      return null;
    }
    const change = pictureChange(key.cells, cells, this.options.changedCells);
    const still =
      change.cellChange <= this.options.maxCellChange &&
      Math.abs(change.lightChange) <= this.options.maxLightChange;
    return still ? key.result : null;
  }

  /** The model ran on the picture last passed to `reuse`: it becomes the key picture. */
  ran(crop: CropKey, tMs: number, result: T): void {
    const previous = this.key?.cells ?? new Float32Array(this.spare.length);
    this.key = { cells: this.spare, crop: { ...crop }, tMs, result };
    this.spare = previous;
  }
}

/** Crops within a hundredth of a pixel are the same crop. */
function sameCrop(a: CropKey, b: CropKey): boolean {
  return (
    Math.abs(a.xPx - b.xPx) < 0.01 && Math.abs(a.yPx - b.yPx) < 0.01 && Math.abs(a.sizePx - b.sizePx) < 0.01
  );
}
