/**
 * One frame's keypoints turned into the head and the trunk in camera space,
 * with the reason whenever a part cannot be measured. Absolute values; the
 * metrics compare them with the calibrated neutral.
 */
import type { Keypoint, KeypointName } from '../pose';
import type { HeadPointName } from './body';
import { HEAD_MODEL, HEAD_POINTS, rotate } from './body';
import { toNorm, type Intrinsics } from './camera';
import { solveHeadPose, type HeadObservations, type HeadPose } from './head-pose';
import { REASONS } from './reasons';
import { solveTrunk, type BodyScale, type ShoulderObservation, type TrunkPose } from './trunk';

export interface GeometryOptions {
  /** Keypoints below this confidence are left out. Default 0.3. */
  minKeypointScore: number;
  /** A shoulder this close to the left or right edge (share of the width) has an unreliable x. Default 0.02. */
  edgeMarginX: number;
  /** A shoulder this close to the top or bottom edge (share of the height) has an unreliable y. Default 0.03. */
  edgeMarginY: number;
  /** A head fit worse than this (pixels, root mean square) is rejected as a mis-detection. Default 12. */
  maxHeadMisfitPx: number;
}

export const DEFAULT_GEOMETRY_OPTIONS: Readonly<GeometryOptions> = Object.freeze({
  minKeypointScore: 0.3,
  edgeMarginX: 0.02,
  edgeMarginY: 0.03,
  maxHeadMisfitPx: 12,
});

export interface FrameGeometry {
  head: HeadPose | null;
  /**
   * Head roll from the eye and ear lines in the image (radians, + to the
   * person's right), each line's direction weighted by its points'
   * confidence; null when neither line is clear. Steadier than the head fit's
   * roll, which trades off against turn and nod when a face differs from the
   * generic one.
   */
  lineRoll: number | null;
  headReason: string | null;
  trunk: TrunkPose | null;
  trunkReason: string | null;
}

type Named = Partial<Record<KeypointName, Keypoint>>;

function byName(keypoints: readonly Keypoint[]): Named {
  const out: Named = {};
  for (const k of keypoints) out[k.name] = k;
  return out;
}

export function measureFrame(
  keypoints: readonly Keypoint[],
  k: Intrinsics,
  scale: BodyScale,
  previousHead: HeadPose | null = null,
  options: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS,
): FrameGeometry {
  const kp = byName(keypoints);
  const strong = (name: KeypointName): Keypoint | null => {
    const p = kp[name];
    return p && p.score >= options.minKeypointScore && Number.isFinite(p.xPx) && Number.isFinite(p.yPx)
      ? p
      : null;
  };

  const obs: HeadObservations = {};
  for (const name of HEAD_POINTS) {
    const p = strong(name as HeadPointName);
    if (p) obs[name] = { point: toNorm(k, p.xPx, p.yPx), weight: p.score };
  }
  let head: HeadPose | null = null;
  let headReason: string | null = null;
  const seen = Object.keys(obs).length;
  if (seen < 4) {
    headReason = REASONS.faceUnclear(seen);
  } else {
    head = solveHeadPose(obs, previousHead) ?? solveHeadPose(obs);
    if (!head || head.rms * k.focalPx > options.maxHeadMisfitPx) {
      headReason = REASONS.faceMisfit;
      head = null;
    }
  }
  const lineRoll = headLineRoll(obs, head);

  const shoulder = (name: 'left_shoulder' | 'right_shoulder'): ShoulderObservation | null => {
    const p = strong(name);
    if (!p) return null;
    const mx = options.edgeMarginX * k.widthPx;
    const my = options.edgeMarginY * k.heightPx;
    return {
      point: toNorm(k, p.xPx, p.yPx),
      xReliable: p.xPx > mx && p.xPx < k.widthPx - mx,
      yReliable: p.yPx > my && p.yPx < k.heightPx - my,
    };
  };
  const right = shoulder('right_shoulder');
  const left = shoulder('left_shoulder');
  let trunk: TrunkPose | null = null;
  let trunkReason: string | null = null;
  if (!right || !left) {
    trunkReason = faintOrOutside(kp, k, right == null, left == null);
  } else if (!head) {
    trunkReason = headReason;
  } else {
    const solved = solveTrunk(right, left, head, lineRoll ?? head.roll, scale);
    if ('reason' in solved) trunkReason = solved.reason;
    else trunk = solved;
  }
  return { head, lineRoll, headReason, trunk, trunkReason };
}

/** Why a shoulder is missing: pinned at the picture's edge (beyond it), or there but faint. */
function faintOrOutside(kp: Named, k: Intrinsics, rightMissing: boolean, leftMissing: boolean): string {
  const atEdge = (name: 'left_shoulder' | 'right_shoulder') => {
    const p = kp[name];
    if (!p) return true;
    const m = 0.04;
    return p.yPx > k.heightPx * (1 - m) || p.xPx < k.widthPx * m || p.xPx > k.widthPx * (1 - m);
  };
  const missing = (['right_shoulder', 'left_shoulder'] as const).filter((n, i) =>
    i === 0 ? rightMissing : leftMissing,
  );
  if (missing.every(atEdge)) {
    const sideCut = missing.length === 1 && (kp[missing[0]!]?.yPx ?? k.heightPx) < k.heightPx * 0.96;
    return sideCut
      ? REASONS.shoulderCutAtSide(missing[0] === 'right_shoulder' ? 'right' : 'left')
      : REASONS.shouldersOutOfPicture;
  }
  return REASONS.shouldersFaint(missing.length === 2 ? 'both' : missing[0] === 'right_shoulder' ? 'right' : 'left');
}

/**
 * The eye and ear lines' roll, less the slant perspective alone gives them
 * for the fitted head position, turn and nod (a turned head above or below
 * the camera's axis shows slanted lines without any roll).
 */
function headLineRoll(obs: HeadObservations, head: HeadPose | null): number | null {
  const measured = lineRoll(obs);
  if (measured == null || !head) return measured;
  const level: HeadObservations = {};
  for (const name of HEAD_POINTS) {
    const o = obs[name];
    if (!o) continue;
    const p = rotate(HEAD_MODEL[name], { yaw: head.yaw, pitch: head.pitch, roll: 0 });
    const z = head.center.z + p.z;
    level[name] = { point: { u: (head.center.x + p.x) / z, v: (head.center.y + p.y) / z }, weight: o.weight };
  }
  const slant = lineRoll(level) ?? 0;
  return measured - slant;
}

function lineRoll(obs: HeadObservations): number | null {
  let sx = 0;
  let sy = 0;
  for (const [l, r] of [
    ['left_eye', 'right_eye'],
    ['left_ear', 'right_ear'],
  ] as const) {
    const a = obs[l];
    const b = obs[r];
    if (!a || !b) continue;
    const dx = a.point.u - b.point.u;
    const dy = a.point.v - b.point.v;
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    // The right point lower (larger v) is a tilt to the right: the angle of (dx, -dy).
    const w = Math.min(a.weight, b.weight);
    sx += (w * dx) / len;
    sy -= (w * dy) / len;
  }
  return sx === 0 && sy === 0 ? null : Math.atan2(sy, sx);
}
