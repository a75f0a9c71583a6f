/**
 * Steadies keypoints before the geometry: a One Euro filter per coordinate,
 * and a guard against single-frame jumps (a shoulder snapping onto a chair
 * back, an ear onto hair). A point that leaps far while the others stay is
 * held at its last position for a few frames; if it stays away, the move was
 * real and the filter follows. After a gap (nobody in view) filters restart.
 */
import { MIN_SCORE, type Keypoint, type KeypointName } from '../pose';
import { median } from '../numbers';
import { OneEuroFilter, type OneEuroOptions } from './one-euro';

export interface SmoothingOptions extends OneEuroOptions {
  /** Keypoints below this score neither feed nor come out of the filter. */
  minScore: number;
  /** A jump larger than this share of the ear-to-ear (or shoulder) distance in one frame is suspect. */
  jumpShare: number;
  /** How many frames a suspect point is held before its move is accepted. */
  holdFrames: number;
  /** A gap longer than this restarts the filters, ms. */
  resetAfterMs: number;
}

export const DEFAULT_SMOOTHING: Readonly<SmoothingOptions> = Object.freeze({
  minCutoffHz: 1.2,
  beta: 0.02,
  derivativeCutoffHz: 1,
  minScore: MIN_SCORE,
  jumpShare: 0.6,
  holdFrames: 4,
  resetAfterMs: 1000,
});

interface Track {
  x: OneEuroFilter;
  y: OneEuroFilter;
  lastX: number;
  lastY: number;
  lastMs: number;
  held: number;
}

export class KeypointSmoother {
  private readonly tracks = new Map<KeypointName, Track>();

  constructor(private readonly options: SmoothingOptions = DEFAULT_SMOOTHING) {}

  /** Returns new keypoints (the input is not changed). */
  smooth(keypoints: readonly Keypoint[], tMs: number): Keypoint[] {
    const o = this.options;
    const scale = referenceSpan(keypoints, o.minScore);
    const jumps = new Map<KeypointName, number>();
    for (const k of keypoints) {
      const t = this.tracks.get(k.name);
      if (t && k.score >= o.minScore && tMs - t.lastMs <= o.resetAfterMs) {
        jumps.set(k.name, Math.hypot(k.xPx - t.lastX, k.yPx - t.lastY));
      }
    }
    const typicalJump = median([...jumps.values()]) ?? 0;
    return keypoints.map((k) => {
      if (k.score < o.minScore) return { ...k };
      let t = this.tracks.get(k.name);
      if (!t || tMs - t.lastMs > o.resetAfterMs) {
        t = {
          x: new OneEuroFilter(o),
          y: new OneEuroFilter(o),
          lastX: k.xPx,
          lastY: k.yPx,
          lastMs: tMs,
          held: 0,
        };
        this.tracks.set(k.name, t);
      }
      const jump = jumps.get(k.name) ?? 0;
      const suspect = scale != null && jump > o.jumpShare * scale && jump > 3 * typicalJump;
      if (suspect && t.held < o.holdFrames) {
        t.held += 1;
        t.lastMs = tMs;
        return withPosition(k, t.lastX, t.lastY);
      }
      if (suspect) {
        t.x.reset();
        t.y.reset();
      }
      t.held = 0;
      t.lastX = t.x.filter(k.xPx, tMs);
      t.lastY = t.y.filter(k.yPx, tMs);
      t.lastMs = tMs;
      return withPosition(k, t.lastX, t.lastY);
    });
  }

  reset(): void {
    this.tracks.clear();
  }
}

function withPosition(k: Keypoint, xPx: number, yPx: number): Keypoint {
  const sx = k.xPx !== 0 ? k.xNorm / k.xPx : 0;
  const sy = k.yPx !== 0 ? k.yNorm / k.yPx : 0;
  return { ...k, xPx, yPx, xNorm: xPx * sx, yNorm: yPx * sy };
}

function referenceSpan(keypoints: readonly Keypoint[], minScore: number): number | null {
  const get = (n: KeypointName) => keypoints.find((k) => k.name === n && k.score >= minScore);
  for (const [a, b] of [
    ['left_ear', 'right_ear'],
    ['left_shoulder', 'right_shoulder'],
    ['left_eye', 'right_eye'],
  ] as const) {
    const pa = get(a);
    const pb = get(b);
    if (pa && pb) return Math.hypot(pa.xPx - pb.xPx, pa.yPx - pb.yPx);
  }
  return null;
}
