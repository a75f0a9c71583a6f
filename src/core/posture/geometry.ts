/**
 * One frame's keypoints turned into the head and the trunk in camera space,
 * with the reason whenever a part cannot be measured. Absolute values; the
 * metrics compare them with the calibrated neutral.
 */
import { MIN_SCORE, type FaceLandmarks, type Keypoint, type KeypointName } from '../pose';
import { detectorObservations, fuseHeads, type HeadReference } from './face-landmarks';
import type { HeadPointName, Mat3, Orientation } from './body';
import { applyMat, frontalRoll, HEAD_MODEL, HEAD_POINTS, rotationMatrix, turnSince } from './body';
import { toNorm, type Intrinsics, type Vec3 } from './camera';
import { FACE_DEPTH_SPREAD } from './face-depth';
import { solveHeadPose, type HeadObservations, type HeadPose } from './head-pose';
import { REASONS, type Side } from './reasons';
import {
  AS_IS,
  solveTrunk,
  type BodyScale,
  type ShoulderObservation,
  type Steady,
  type TrunkPose,
} from './trunk';

export interface GeometryOptions {
  /** Keypoints below this confidence are left out. Default MIN_SCORE (0.3). */
  minKeypointScore: number;
  /** A shoulder this close to the left or right edge (share of the width) has an unreliable x. Default 0.02. */
  edgeMarginX: number;
  /** A shoulder this close to the top or bottom edge (share of the height) has an unreliable y. Default 0.03. */
  edgeMarginY: number;
  /** A head fit worse than this (pixels, root mean square) is rejected as a mis-detection. Default 12. */
  maxHeadMisfitPx: number;
}

export const DEFAULT_GEOMETRY_OPTIONS: Readonly<GeometryOptions> = Object.freeze({
  minKeypointScore: MIN_SCORE,
  edgeMarginX: 0.02,
  edgeMarginY: 0.03,
  maxHeadMisfitPx: 12,
});

/** How this person's face is fitted (face-depth.ts): its depth, how sure that is, and where it moves the calibrated head. */
export interface FaceFit {
  depthScale: number;
  spread: number;
  /** How far `depthScale` moves the head fitted to the calibration's face: taken off every head, so readings stay comparable with the neutral. */
  neutralShift: Vec3;
  /** The calibration's head orientation fitted with `depthScale` (null: the calibrated one stands). */
  neutralHead: Orientation | null;
  /** How far the head's turning axis leans in that frame (face-depth.ts axisTilt), radians. */
  axisTiltRad: number;
  /** The face detector's head at calibration fitted with `depthScale` (null: no face detector then). */
  detectorRef: HeadReference | null;
}

export const GENERIC_FACE: Readonly<FaceFit> = Object.freeze({
  depthScale: 1,
  spread: FACE_DEPTH_SPREAD,
  neutralShift: Object.freeze({ x: 0, y: 0, z: 0 }),
  neutralHead: null,
  axisTiltRad: 0,
  detectorRef: null,
});

/** A shoulder found with less confidence than this, within WEAK_EDGE_MARGIN of an edge, is taken as cut off there. */
const WEAK_EDGE_SCORE = 0.47;
const WEAK_EDGE_MARGIN = 0.1;

export interface FrameGeometry {
  head: HeadPose | null;
  /** How far the face's depth may be off, a share (see headDepthDoubt). */
  faceDepthSpread: number;
  /**
   * Head roll from the eye and ear lines in the image (radians, + to the
   * person's right), each line's direction weighted by its points'
   * confidence; null when neither line is clear. Steadier than the head fit's
   * roll, which trades off against turn and nod when a face differs from the
   * generic one.
   */
  lineRoll: number | null;
  headReason: string | null;
  /**
   * The head's turn (yaw), nod (pitch) and roll since calibration, in the
   * calibrated head's own frame (body.ts turnSince), so that a camera above
   * or below the eyes does not turn a turn into a roll; before calibration,
   * the head's own angles in the camera's frame.
   */
  headTurn: Orientation | null;
  trunk: TrunkPose | null;
  trunkReason: string | null;
}

type Named = Partial<Record<KeypointName, Keypoint>>;

function byName(keypoints: readonly Keypoint[]): Named {
  const out: Named = {};
  for (const k of keypoints) out[k.name] = k;
  return out;
}

/** What measuring a frame can draw on besides its keypoints; each part may be left out. */
export interface MeasureContext {
  /** The last frame's head, to start the fit from. */
  previousHead: HeadPose | null;
  options: GeometryOptions;
  steady: Steady;
  face: FaceFit;
  /** The face detector's find on this frame (a second measurement of the head). */
  landmarks: FaceLandmarks | null;
  /** MoveNet's head at calibration, to compare the face detector's change with (null: MoveNet alone). */
  reference: HeadReference | null;
}

const NO_CONTEXT: Readonly<MeasureContext> = Object.freeze({
  previousHead: null,
  options: DEFAULT_GEOMETRY_OPTIONS,
  steady: AS_IS,
  face: GENERIC_FACE,
  landmarks: null,
  reference: null,
});

export function measureFrame(
  keypoints: readonly Keypoint[],
  k: Intrinsics,
  scale: BodyScale,
  context: Partial<MeasureContext> = {},
): FrameGeometry {
  const { previousHead, options, steady, face, landmarks, reference } = { ...NO_CONTEXT, ...context };
  const kp = byName(keypoints);

  const obs = headObservations(keypoints, k, options);
  let head: HeadPose | null = null;
  let headReason: string | null = null;
  const seen = Object.keys(obs).length;
  const atEdge = faceAtEdge(keypoints, k, options);
  if (atEdge) {
    headReason = atEdge;
  } else if (seen < MIN_FACE_POINTS) {
    headReason = REASONS.faceUnclear(seen);
  } else {
    const fitted =
      solveHeadPose(obs, previousHead, face.depthScale) ?? solveHeadPose(obs, null, face.depthScale);
    if (!fitted || fitted.rms * k.focalPx > options.maxHeadMisfitPx) {
      headReason = REASONS.faceMisfit;
    } else {
      const c = fitted.center;
      const n = face.neutralShift;
      head = { ...fitted, center: { x: c.x - n.x, y: c.y - n.y, z: c.z - n.z } };
      const second =
        landmarks && reference && face.detectorRef ? detectorHead(landmarks, k, face, options) : null;
      if (second) head = fuseHeads(head, reference!, second, face.detectorRef!);
    }
  }
  const neutralHead = scale.head ? (face.neutralHead ?? scale.head) : null;
  const headTurn = head
    ? neutralHead
      ? turnSince(neutralHead, head, face.axisTiltRad)
      : { yaw: head.yaw, pitch: head.pitch, roll: head.roll }
    : null;
  // The lines' roll in the picture (for where the neck is), and since calibration (the reading).
  const ds = face.depthScale;
  // (A face at the picture's edge has points pinned inside it: no line through them is its roll.)
  const imageRoll = head
    ? headLineRoll(obs, head, rotationMatrix({ yaw: head.yaw, pitch: head.pitch, roll: 0 }), ds)
    : atEdge
      ? null
      : lineRoll(obs);
  const rollNow = head && neutralHead ? frontalRoll(neutralHead, head, face.axisTiltRad) : imageRoll;

  const shoulder = (name: 'left_shoulder' | 'right_shoulder') =>
    shoulderObservation(keypoints, name, k, options);
  const right = shoulder('right_shoulder');
  const left = shoulder('left_shoulder');
  let trunk: TrunkPose | null = null;
  let trunkReason: string | null = null;
  const unsure = right && left ? unsureShoulder(right, left, scale, steady) : null;
  if (!right || !left) {
    trunkReason = faintOrOutside(kp, k, right == null, left == null);
  } else if (!head) {
    trunkReason = headReason;
  } else if (unsure) {
    trunkReason = REASONS.shoulderUnsure(unsure);
  } else {
    const solved = solveTrunk(right, left, head, imageRoll ?? head.roll, scale, steady);
    if ('reason' in solved) trunkReason = solved.reason;
    else trunk = solved;
  }
  return {
    head,
    faceDepthSpread: face.spread,
    lineRoll: rollNow,
    headReason,
    headTurn,
    trunk,
    trunkReason,
  };
}

/** The face detector's head, fitted as MoveNet's is; null when its points do not fit a head. */
function detectorHead(
  landmarks: FaceLandmarks,
  k: Intrinsics,
  face: FaceFit,
  options: GeometryOptions,
): HeadPose | null {
  const fitted = solveHeadPose(detectorObservations(landmarks, k), null, face.depthScale);
  return fitted && fitted.rms * k.focalPx <= options.maxHeadMisfitPx ? fitted : null;
}

/** A shoulder the model finds with less confidence than this is taken as guessed (covered, or lost in the background). */
const SURE_SHOULDER_SCORE = 0.45;
/** A shoulder found with this much less confidence than at calibration has something in front of it. */
const SURE_SHARE_OF_CALIBRATED = 0.8;

/**
 * The shoulder whose point the model guessed rather than saw, or null: one
 * found with little confidence, or with much less than when calibrating
 * (something came in front of it).
 */
function unsureShoulder(
  right: ShoulderObservation,
  left: ShoulderObservation,
  scale: BodyScale,
  steady: Steady,
): Side | null {
  const cal = scale.shoulderScores;
  const sr = steady('scoreRight', right.score);
  const sl = steady('scoreLeft', left.score);
  const unsure = (score: number, calibrated: number | undefined) =>
    score < SURE_SHOULDER_SCORE || (calibrated != null && score < SURE_SHARE_OF_CALIBRATED * calibrated);
  const r = unsure(sr, cal?.right);
  const l = unsure(sl, cal?.left);
  if (r && l) return sr / (cal?.right ?? 1) <= sl / (cal?.left ?? 1) ? 'right' : 'left';
  return r ? 'right' : l ? 'left' : null;
}

/**
 * Why the face cannot be fitted because part of it is at the picture's
 * edge (a point that left the picture is pinned just inside it), or null.
 */
function faceAtEdge(keypoints: readonly Keypoint[], k: Intrinsics, options: GeometryOptions): string | null {
  const m = FACE_EDGE_MARGIN * Math.min(k.widthPx, k.heightPx);
  for (const p of keypoints) {
    if (!HEAD_POINTS.includes(p.name as HeadPointName) || !(p.score >= options.minKeypointScore)) continue;
    if (p.xPx < m) return REASONS.faceAtEdge('left');
    if (p.xPx > k.widthPx - m) return REASONS.faceAtEdge('right');
    if (p.yPx < m) return REASONS.faceAtEdge('top');
  }
  return null;
}

/** A face point this close to the picture's edge (share of its shorter side) may have left it. */
const FACE_EDGE_MARGIN = 0.015;

/**
 * A shoulder point in normalised image coordinates, with whether its x and
 * y can be trusted; null when it is not clear enough.
 */
export function shoulderObservation(
  keypoints: readonly Keypoint[],
  name: 'left_shoulder' | 'right_shoulder',
  k: Intrinsics,
  options: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS,
): ShoulderObservation | null {
  const p = keypoints.find((x) => x.name === name);
  if (!p || !(p.score >= options.minKeypointScore) || !Number.isFinite(p.xPx) || !Number.isFinite(p.yPx)) {
    return null;
  }
  // A pose model never puts a point beyond the picture: a shoulder that left it is pinned a few
  // per cent inside the edge, with little confidence. Near an edge, a weak point is taken as that.
  const weak = p.score < WEAK_EDGE_SCORE;
  const mx = (weak ? WEAK_EDGE_MARGIN : options.edgeMarginX) * k.widthPx;
  const my = (weak ? WEAK_EDGE_MARGIN : options.edgeMarginY) * k.heightPx;
  return {
    point: toNorm(k, p.xPx, p.yPx),
    xReliable: p.xPx > mx && p.xPx < k.widthPx - mx,
    yReliable: p.yPx > my && p.yPx < k.heightPx - my,
    score: p.score,
  };
}

/** The face points clear enough to fit the head to, in normalised image coordinates, weighted by confidence. */
export function headObservations(
  keypoints: readonly Keypoint[],
  k: Intrinsics,
  options: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS,
): HeadObservations {
  const obs: HeadObservations = {};
  for (const p of keypoints) {
    if (!HEAD_POINTS.includes(p.name as HeadPointName)) continue;
    if (p.score >= options.minKeypointScore && Number.isFinite(p.xPx) && Number.isFinite(p.yPx)) {
      obs[p.name as HeadPointName] = { point: toNorm(k, p.xPx, p.yPx), weight: p.score };
    }
  }
  return obs;
}

/** A shoulder within this share of the picture's size from its edge is pinned there (the model puts one beyond the edge on it). */
const EDGE_SHARE = 0.04;
/** The face points (of eyes, nose and ears) the head pose needs. */
const MIN_FACE_POINTS = 4;

/** Why a shoulder is missing: pinned at the picture's edge (beyond it), or there but faint. */
function faintOrOutside(kp: Named, k: Intrinsics, rightMissing: boolean, leftMissing: boolean): string {
  const atEdge = (name: 'left_shoulder' | 'right_shoulder') => {
    const p = kp[name];
    if (!p) return true;
    const m = EDGE_SHARE;
    return p.yPx > k.heightPx * (1 - m) || p.xPx < k.widthPx * m || p.xPx > k.widthPx * (1 - m);
  };
  const missing = (['right_shoulder', 'left_shoulder'] as const).filter((n, i) =>
    i === 0 ? rightMissing : leftMissing,
  );
  if (missing.every(atEdge)) {
    const sideCut =
      missing.length === 1 && (kp[missing[0]!]?.yPx ?? k.heightPx) < k.heightPx * (1 - EDGE_SHARE);
    return sideCut
      ? REASONS.shoulderCutAtSide(missing[0] === 'right_shoulder' ? 'right' : 'left')
      : REASONS.shouldersOutOfPicture;
  }
  return REASONS.shouldersFaint(
    missing.length === 2 ? 'both' : missing[0] === 'right_shoulder' ? 'right' : 'left',
  );
}

/**
 * The eye and ear lines' roll, less the slant perspective alone gives them
 * for the head's position with the orientation `level` (the fitted turn and
 * nod without roll): a turned head above or below the camera's axis, or seen
 * by a camera that looks down at it, shows slanted lines without any roll.
 */
function headLineRoll(obs: HeadObservations, head: HeadPose, level: Mat3, depthScale: number): number | null {
  const measured = lineRoll(obs);
  if (measured == null) return null;
  const expected: HeadObservations = {};
  for (const name of HEAD_POINTS) {
    const o = obs[name];
    if (!o) continue;
    const m = HEAD_MODEL[name];
    const p = applyMat(level, { x: m.x, y: m.y, z: m.z * depthScale });
    const z = head.center.z + p.z;
    expected[name] = {
      point: { u: (head.center.x + p.x) / z, v: (head.center.y + p.y) / z },
      weight: o.weight,
    };
  }
  return measured - (lineRoll(expected) ?? 0);
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

/**
 * Why the head's distance cannot be trusted at its present turn and nod, or
 * null. The head's size gives its distance once its turn is known, and the
 * turn comes from where the nose and eyes sit between the ears, which
 * depends on how deep the face is for its width (face-depth.ts): the error
 * in distance grows as that uncertainty times the distance and the tangent
 * of the turn squared. Readings that rest on the head's distance stop where that error
 * would pass `toleranceCm`.
 */
export function headDepthDoubt(g: FrameGeometry, toleranceCm: number): string | null {
  if (!g.head || !g.headTurn) return null;
  // The spread is a range either side: a typical error is half of it.
  const doubt = (angle: number) => (g.faceDepthSpread / 2) * g.head!.center.z * Math.tan(angle) ** 2;
  if (doubt(g.headTurn.yaw) > toleranceCm) return REASONS.headTurned;
  if (doubt(g.headTurn.pitch) > toleranceCm) return REASONS.lookingDown;
  return null;
}
