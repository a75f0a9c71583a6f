/**
 * Where in the frame the model looks. A square region in frame pixels; it may
 * reach past the frame's edges (the part outside is fed as black padding,
 * which is how the models were trained on non-square images).
 */
import { MIN_SCORE, UPPER_BODY, type Keypoint, type KeypointName } from '../../src/core/pose';

export interface CropRegion {
  xPx: number;
  yPx: number;
  sizePx: number;
}

/** The whole frame, centred in a square. */
export function fullFrameCrop(frameWidth: number, frameHeight: number): CropRegion {
  const sizePx = Math.max(frameWidth, frameHeight);
  return { xPx: (frameWidth - sizePx) / 2, yPx: (frameHeight - sizePx) / 2, sizePx };
}

export interface TrackCropOptions {
  /**
   * The points the crop is drawn around: face and shoulders, what posture is
   * read from. Arms and hips come and go at the frame's bottom edge (a
   * confident guess at an elbow in one frame and not the next would make the
   * crop jump between two sizes).
   */
  points: readonly KeypointName[];
  /** Keypoints below this score are ignored. */
  minScore: number;
  /** Fewer confident keypoints than this: look at the whole frame again. */
  minKeypoints: number;
  /** Side of the square as a multiple of the keypoints' larger extent. */
  margin: number;
  /** Smallest side, as a share of the frame's shorter side. */
  minSizeRatio: number;
}

export const DEFAULT_TRACK_CROP: Readonly<TrackCropOptions> = Object.freeze({
  points: UPPER_BODY,
  minScore: MIN_SCORE,
  minKeypoints: 4,
  margin: 2,
  minSizeRatio: 0.4,
});

/**
 * The region for the next frame, from this frame's keypoints: a square around
 * the confident ones with room to move. Falls back to the whole frame when too
 * few keypoints are confident, and never grows past it.
 */
export function trackCrop(
  keypoints: readonly Keypoint[],
  frameWidth: number,
  frameHeight: number,
  options: Readonly<TrackCropOptions> = DEFAULT_TRACK_CROP,
): CropRegion {
  const full = fullFrameCrop(frameWidth, frameHeight);
  const sure = keypoints.filter((k) => k.score >= options.minScore && options.points.includes(k.name));
  if (sure.length < options.minKeypoints) return full;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const k of sure) {
    minX = Math.min(minX, k.xPx);
    maxX = Math.max(maxX, k.xPx);
    minY = Math.min(minY, k.yPx);
    maxY = Math.max(maxY, k.yPx);
  }
  const extent = Math.max(maxX - minX, maxY - minY);
  const sizePx = Math.min(
    full.sizePx,
    Math.max(extent * options.margin, options.minSizeRatio * Math.min(frameWidth, frameHeight)),
  );
  return { xPx: (minX + maxX) / 2 - sizePx / 2, yPx: (minY + maxY) / 2 - sizePx / 2, sizePx };
}

/** How far the next crop may wander from the current one before the current one is given up. */
export interface KeepCropOptions {
  /** Centre shift, as a share of the current side. */
  maxShift: number;
  /** Change of side, as a share of the current side. */
  maxResize: number;
}

const DEFAULT_KEEP_CROP: Readonly<KeepCropOptions> = Object.freeze({ maxShift: 0.05, maxResize: 0.1 });

/**
 * The crop for the next frame: the current one while the new one is close
 * to it (the margin leaves room for that much), otherwise the new one. A
 * person sitting still then keeps the same crop from frame to frame instead
 * of one that follows the keypoints' jitter, so the model sees the same
 * picture and a still picture can be recognised as such.
 */
export function keepCrop(
  current: CropRegion | null,
  next: CropRegion,
  options: Readonly<KeepCropOptions> = DEFAULT_KEEP_CROP,
): CropRegion {
  if (!current) return next;
  const dx = next.xPx + next.sizePx / 2 - (current.xPx + current.sizePx / 2);
  const dy = next.yPx + next.sizePx / 2 - (current.yPx + current.sizePx / 2);
  const close =
    Math.hypot(dx, dy) <= options.maxShift * current.sizePx &&
    Math.abs(next.sizePx - current.sizePx) <= options.maxResize * current.sizePx;
  return close ? current : next;
}
