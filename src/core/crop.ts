/**
 * Where in the frame the model looks. A square region in frame pixels; it may
 * reach past the frame's edges (the part outside is fed as black padding,
 * which is how the models were trained on non-square images).
 */
import type { Keypoint } from './pose';

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
  minScore: 0.3,
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
  const sure = keypoints.filter((k) => k.score >= options.minScore);
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
