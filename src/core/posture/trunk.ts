/**
 * The trunk under the head, in camera space, from the two shoulder points.
 *
 * Two points give four numbers: where the shoulders' midpoint is (two), how
 * far apart they look and at what angle. That is too few for the trunk's
 * depth, its lean and turn, rounding and a shrug all at once, so the solve
 * uses what calibration measured of this person (shoulder width, and where
 * the shoulders sit under the head) and what the head did, in named steps:
 *
 * 1. `spanDepth`: the depth at which the shoulder points are the calibrated
 *    width apart (the span cue). Rounding narrows the span, so on its own it
 *    reads a rounded trunk as further away.
 * 2. `trunkMove`: how far the trunk moved, and how much the shoulders
 *    rounded, from the span and from how far the head moved in depth (the
 *    head's size, measured better than the shoulders'). A span that changed
 *    by no more than the pose model's shoulders follow the head's size is a
 *    trunk that stayed. A narrower span is the trunk moving back as far as
 *    the head did, and the rest rounding: sitting back or moving the chair
 *    takes the head along, rounding and a forward head do not.
 * 3. `placeShoulders`: the shoulders at that depth: their midpoint, their
 *    span in centimetres and the shoulder line's angle (tilt).
 * 4. `lateralFit`: the midpoint against where the head puts it. Leaning
 *    turns the shoulder line and carries the head along, so the midpoint
 *    stays under the head's pivot, turned by the lean. When it does not (by
 *    more than MAX_LATERAL_RESIDUAL_CM), a shoulder point is off (something in
 *    front of it) or one shoulder moved on its own: the shoulder readings are
 *    unknown.
 * 5. `trunkTurn`: the trunk's turn about the spine, a weak cue held near 0.
 * 6. `elevation`: the shoulders raised against where they sat under the head
 *    (the height cue: the camera sees them from above), allowing for how far
 *    this person's head drops as it comes forward.
 *
 * When a cue is missing (a shoulder cut by the frame edge, no calibration)
 * the readings it was needed for are left unknown with the reason, in words
 * a person can act on.
 */
import {
  type Orientation,
  DROP_PER_FORWARD,
  HEAD_TILT_PIVOT_BELOW_EARS_CM,
  ROUNDING_FORWARD_PER_INWARD,
  SHOULDER_WIDTH_CM,
  TURN_AXIS_BEHIND_SHOULDERS_CM,
} from './body';
import type { NormPoint, Vec3 } from './camera';
import type { HeadPose } from './head-pose';
import { REASONS } from './reasons';

export interface ShoulderObservation {
  point: NormPoint;
  /** False when the point is at the left or right edge of the frame (its x cannot be trusted). */
  xReliable: boolean;
  /** False when the point is at the top or bottom edge (a cut-off shoulder: its y cannot be trusted). */
  yReliable: boolean;
  /** The pose model's confidence in the point, 0..1. */
  score: number;
}

/** What calibration measured of the person's trunk. */
export interface BodyScale {
  /** Half the distance between the shoulder points, cm. */
  shoulderHalfWidthCm: number;
  /**
   * Sitting upright: from the head's tilt pivot (HEAD_TILT_PIVOT_BELOW_EARS_CM
   * below the ear line) to the shoulders' midpoint, camera space, cm, and the
   * midpoint's depth and how far that is behind the head centre; null
   * before calibration or when the shoulders' height could not be measured.
   */
  neck: {
    xCm: number;
    yCm: number;
    depthCm: number;
    behindHeadCm: number;
    /** Where the head's pivot was sideways (camera x), cm. */
    pivotXCm: number;
  } | null;
  /** The shoulders' midpoint depth sitting upright, cm; null before calibration or with a shoulder cut at the side. */
  trunkDepthCm: number | null;
  /** The shoulder line's angle sitting upright, radians (+ right shoulder lower). */
  tiltRad: number;
  /** The head's orientation sitting upright (camera frame); null before calibration. */
  head: Orientation | null;
  /** The pose model's median confidence in each shoulder sitting upright; null before calibration. */
  shoulderScores: { right: number; left: number } | null;
  /**
   * How far this person's head drops for each centimetre it comes forward,
   * as measured by the guided calibration (a range); null: not measured, the
   * range of people (DROP_PER_FORWARD) stands.
   */
  dropPerForward: { least: number; most: number } | null;
}

/** Before calibration: a typical shoulder width, nothing else known. */
export const UNCALIBRATED_SCALE: Readonly<BodyScale> = Object.freeze({
  shoulderHalfWidthCm: SHOULDER_WIDTH_CM / 2,
  neck: null,
  trunkDepthCm: null,
  tiltRad: 0,
  head: null,
  shoulderScores: null,
  dropPerForward: null,
});

export interface TrunkPose {
  /** Midpoint between the shoulder points, camera space, cm. */
  mid: Vec3;
  /** Half the distance between the shoulder points, cm (never wider than calibrated for a trunk that stayed). */
  halfWidthCm: number;
  /** Shoulder line angle, + right shoulder lower; null when a shoulder is cut at the top or bottom. */
  tiltRad: number | null;
  /** Trunk turned to the person's right (+), radians; null when it cannot be told. */
  twistRad: number | null;
  /** The head centre's sideways offset from the trunk's midline, cm, + towards the person's right. */
  headOffsetCm: number;
  /** Shoulders raised against where they sat under the head, cm; null when unknown. */
  elevationCm: number | null;
  /** Why rounding cannot be read, or null. */
  roundingReason: string | null;
  /** Why head forward cannot be read, or null. */
  forwardReason: string | null;
  /** Why shoulders raised cannot be read, or null. */
  elevationReason: string | null;
  /** How far sideways (cm) the shoulders' midpoint is from where the head and the shoulder line put it (step 4); null when not checked. */
  lateralResidualCm: number | null;
}

/** The height cue is used only where the shoulders' depth moves their picture by at least this much (normalised units per unit depth). */
export const MIN_HEIGHT_CUE = 0.08;
/** A pose model's shoulders spread by up to this share of how much nearer the head came (their span follows the head's size). */
const SPAN_FOLLOWS_HEAD = 0.45;
/** The span cue's own noise, a share of the trunk's depth. */
const SPAN_NOISE_SHARE = 0.012;
/** Shoulders seldom round by more than this share of their span: a narrower span the head did not follow is ambiguous. */
const MAX_PLAUSIBLE_ROUNDING = 0.15;
/**
 * The shoulders' midpoint this far (cm) sideways from where the head and the
 * shoulder line put it: the two do not fit one lean (a shoulder point off,
 * or one shoulder moved on its own).
 */
const MAX_LATERAL_RESIDUAL_CM = 1.2;
/** The allowance grows by this much for each centimetre the head's pivot moved sideways since calibration. */
const LATERAL_PER_SIDEWAYS = 0.03;
/** A prior on the trunk's turn (sine): people seldom twist further. */
const TWIST_PRIOR = 0.35;
/** The largest turn solved for (sine): 30 degrees. */
const MAX_TWIST = 0.5;
/** How well the head's place over the trunk is known sideways, cm (posture, not noise). */
const LATERAL_SLACK_CM = 0.4;
/** Shoulders raised can be read while the range of the head's drop explains less than this, cm. */
const MAX_DROP_DOUBT_CM = 1;

/**
 * What a frame's geometry holds steady over the last frames: the median of
 * each named value (each shoulder's confidence, the shoulders' offset from
 * the head) over the last frames (at most `frames` of them within
 * `windowMs`). A held posture keeps its reading while keypoint noise, larger
 * than the difference being judged, comes and goes. Time is passed in.
 */
export type Steady = (key: SteadyKey, value: number) => number;
export type SteadyKey = 'scoreRight' | 'scoreLeft' | 'lateral';

/** No steadying: each frame's value as it is. */
export const AS_IS: Steady = (_key, value) => value;

export class TrunkSteadier {
  private readonly recent = new Map<SteadyKey, { tMs: number; value: number }[]>();

  constructor(
    private readonly frames = 7,
    private readonly windowMs = 6000,
  ) {}

  /** Adds this frame's value of `key` and returns the steady one. */
  next(tMs: number, key: SteadyKey, value: number): number {
    let r = this.recent.get(key);
    if (!r) this.recent.set(key, (r = []));
    r.push({ tMs, value });
    while (r.length > this.frames || (r.length > 0 && r[0]!.tMs < tMs - this.windowMs)) r.shift();
    const sorted = r.map((x) => x.value).sort((a, b) => a - b);
    const n = sorted.length;
    return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  }

  reset(): void {
    this.recent.clear();
  }
}

/** The head's tilt pivot (HEAD_TILT_PIVOT_BELOW_EARS_CM below the ear line, along its roll): the shoulders are placed against it. */
export function headPivot(head: HeadPose, headRollRad: number): { x: number; y: number } {
  return {
    x: head.center.x + HEAD_TILT_PIVOT_BELOW_EARS_CM * Math.sin(headRollRad),
    y: head.center.y + HEAD_TILT_PIVOT_BELOW_EARS_CM * Math.cos(headRollRad),
  };
}

/**
 * Step 1, the span cue: the depth of the shoulders' midpoint at which the
 * two points are 2·halfWidthCm apart in 3D (the line between them taken
 * square to the camera; `useHeight` false leaves their heights out, for
 * points whose height cannot be trusted); null when no depth fits.
 */
export function spanDepth(
  right: NormPoint,
  left: NormPoint,
  halfWidthCm: number,
  useHeight: boolean,
): number | null {
  // With both points at depth z: z²·((uL − uR)² + (vL − vR)²) = (2b)².
  const du = left.u - right.u;
  const dv = useHeight ? left.v - right.v : 0;
  const apart = Math.hypot(du, dv);
  if (!(apart > 0)) return null;
  const z = (2 * halfWidthCm) / apart;
  return z > 5 ? z : null;
}

/** How the trunk moved since calibration, as trunkMove reads it. */
export interface TrunkMove {
  /**
   * The depth of the trunk's shoulder line before any rounding (where the
   * shoulder joints' midpoint was at calibration, moved with the trunk), cm.
   */
  baseDepthCm: number;
  /** The trunk came nearer than the span's noise and drift allow (leaning in): the span is its depth, no rounding read. */
  nearer: boolean;
  /** Why head forward and rounding cannot be read from this move, or null. */
  reason: string | null;
}

/**
 * Step 2: where the trunk is now, from the span cue's depth `spanCm` and how
 * far the head moved in depth since calibration (`headChangeCm`, + further).
 *
 * - A span depth within the model's drift and noise of the calibrated one
 *   (the shoulders spread by up to SPAN_FOLLOWS_HEAD of the head's change
 *   when it comes nearer) is a trunk that stayed.
 * - Nearer than that: the trunk came nearer (leaning in), by the span, but
 *   never further than the head came (leaning in takes the head along);
 *   shoulders that look wider still are not read as wider.
 * - Further (the span narrower): the trunk moved back as far as the head did,
 *   up to the span's whole change; the rest is rounding. A narrowing beyond
 *   what rounding does that the head did not follow cannot be told from the
 *   trunk moving back with the head left where it was: unknown.
 */
export function trunkMove(spanCm: number, calibratedCm: number, headChangeCm: number): TrunkMove {
  const change = spanCm - calibratedCm;
  const noise = SPAN_NOISE_SHARE * calibratedCm;
  const follows = SPAN_FOLLOWS_HEAD * Math.min(0, headChangeCm);
  if (change < follows - noise) {
    // Leaning in takes the head along at least as far: a trunk that came nearer than the head did
    // is shoulders the model sees wider (something in front of one, or its drift).
    const nearest = Math.min(0, headChangeCm) - noise;
    return change >= nearest
      ? { baseDepthCm: spanCm, nearer: true, reason: null }
      : { baseDepthCm: calibratedCm + Math.min(0, nearest + noise), nearer: false, reason: null };
  }
  if (change <= noise) return { baseDepthCm: calibratedCm, nearer: false, reason: null };
  const moved = Math.max(0, Math.min(change, headChangeCm));
  const rounding = (change - moved) / spanCm;
  return {
    baseDepthCm: calibratedCm + moved,
    nearer: false,
    reason: rounding > MAX_PLAUSIBLE_ROUNDING ? REASONS.narrowerShoulders : null,
  };
}

/**
 * The shoulders' half width and depth on a trunk whose shoulder line sits at
 * `baseDepthCm`, seen `halfApart` apart (half their distance in the picture,
 * normalised units): rounding brings each shoulder in by i and forward by
 * ROUNDING_FORWARD_PER_INWARD·i, so nearer shoulders look wider than their
 * width alone. Never wider than calibrated: shoulders that look wider on a
 * trunk that did not come nearer follow the head's size in the pose model.
 */
export function roundedShoulders(
  halfApart: number,
  baseDepthCm: number,
  calibratedHalfWidthCm: number,
): { halfWidthCm: number; depthCm: number } {
  const k = ROUNDING_FORWARD_PER_INWARD;
  const b = calibratedHalfWidthCm;
  // w = halfApart · (baseDepth − k·(b − w)), solved for w.
  const w = Math.min(b, (halfApart * (baseDepthCm - k * b)) / (1 - k * halfApart));
  return { halfWidthCm: w, depthCm: baseDepthCm - k * (b - w) };
}

/** The shoulders in camera space at a depth, as placeShoulders gives them. */
export interface PlacedShoulders {
  right: Vec3;
  left: Vec3;
  mid: Vec3;
  /** Half the 3D distance between them, cm. */
  halfWidthCm: number;
  /** The shoulder line's angle (+ right shoulder lower), radians; null when their heights cannot be trusted. */
  tiltRad: number | null;
}

/**
 * Step 3: the shoulder points at depth `depthCm` for their midpoint, the
 * trunk turned by `turn` (sine: the right shoulder `halfWidthCm·turn`
 * further away, the left as much nearer).
 */
export function placeShoulders(
  right: NormPoint,
  left: NormPoint,
  depthCm: number,
  halfWidthCm: number,
  useHeight: boolean,
  turn = 0,
): PlacedShoulders {
  const bs = halfWidthCm * turn;
  const r: Vec3 = { x: (depthCm + bs) * right.u, y: (depthCm + bs) * right.v, z: depthCm + bs };
  const l: Vec3 = { x: (depthCm - bs) * left.u, y: (depthCm - bs) * left.v, z: depthCm - bs };
  return {
    right: r,
    left: l,
    mid: { x: (r.x + l.x) / 2, y: (r.y + l.y) / 2, z: (r.z + l.z) / 2 },
    halfWidthCm: Math.hypot(l.x - r.x, useHeight ? l.y - r.y : 0, l.z - r.z) / 2,
    tiltRad: useHeight ? Math.atan2(r.y - l.y, l.x - r.x) : null,
  };
}

/** Where the shoulders' midpoint is expected (camera space x, y) under the head's pivot, the trunk leaning by `tiltRad`. */
export function expectedMid(
  pivot: { x: number; y: number },
  neck: NonNullable<BodyScale['neck']>,
  tiltRad: number,
  calibratedTiltRad: number,
): { x: number; y: number } {
  const a = tiltRad - calibratedTiltRad;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return { x: pivot.x + neck.xCm * c + neck.yCm * s, y: pivot.y - neck.xCm * s + neck.yCm * c };
}

/**
 * Step 4: how far sideways (cm) the shoulders' midpoint is from where the
 * head's pivot and the shoulder line's lean put it. A lean turns both
 * together; a shoulder point that is off moves one without the other.
 */
export function lateralResidual(
  mid: Vec3,
  pivot: { x: number; y: number },
  neck: NonNullable<BodyScale['neck']>,
  tiltRad: number,
  calibratedTiltRad: number,
): number {
  return mid.x - expectedMid(pivot, neck, tiltRad, calibratedTiltRad).x;
}

/**
 * Step 5: the trunk's turn (sine) that best puts its midline under the head
 * at depth `depthCm`, against a prior that people seldom twist far: a weak
 * cue, read but never allowed to move the depth or the tilt.
 */
export function trunkTurn(
  right: NormPoint,
  left: NormPoint,
  depthCm: number,
  halfWidthCm: number,
  pivot: { x: number; y: number },
  scale: BodyScale & { neck: NonNullable<BodyScale['neck']> },
): number {
  const residual = (s: number) => {
    const p = placeShoulders(right, left, depthCm, halfWidthCm, true, s);
    const e = expectedMid(pivot, scale.neck, p.tiltRad!, scale.tiltRad);
    return p.mid.x - (e.x - TURN_AXIS_BEHIND_SHOULDERS_CM * s);
  };
  // (residual/slack)² + (s/prior)², by a coarse scan and a golden-section search around its best point.
  const cost = (s: number) => (residual(s) / LATERAL_SLACK_CM) ** 2 + (s / TWIST_PRIOR) ** 2;
  let best = 0;
  let bestCost = cost(0);
  for (let s = -MAX_TWIST; s <= MAX_TWIST + 1e-9; s += 0.1) {
    const c = cost(s);
    if (c < bestCost) {
      best = s;
      bestCost = c;
    }
  }
  let lo = Math.max(-MAX_TWIST, best - 0.1);
  let hi = Math.min(MAX_TWIST, best + 0.1);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 20; i++) {
    const a = hi - g * (hi - lo);
    const c = lo + g * (hi - lo);
    if (cost(a) < cost(c)) hi = c;
    else lo = a;
  }
  return (lo + hi) / 2;
}

/**
 * Step 6: the shoulders raised (cm, + up) against where they sat under the
 * head, the head having come `forwardCm` forward since calibration and
 * dropped by this person's range of drop per centimetre forward; null with
 * the reason when that range alone explains more than MAX_DROP_DOUBT_CM, or
 * the camera sees the shoulders too nearly level to tell.
 */
export function elevation(
  placed: PlacedShoulders,
  pivot: { x: number; y: number },
  scale: BodyScale & { neck: NonNullable<BodyScale['neck']> },
  forwardCm: number,
): { cm: number; reason: null } | { cm: null; reason: string } {
  const vMid = placed.mid.y / placed.mid.z;
  if (!(vMid >= MIN_HEIGHT_CUE)) return { cm: null, reason: REASONS.cameraLevelWithShoulders };
  const drop = scale.dropPerForward ?? DROP_PER_FORWARD;
  const range = ((drop.most - drop.least) / 2) * Math.abs(forwardCm);
  if (range > MAX_DROP_DOUBT_CM) return { cm: null, reason: REASONS.forwardOrRaised };
  const e = expectedMid(pivot, scale.neck, placed.tiltRad ?? scale.tiltRad, scale.tiltRad);
  const dropMid = ((drop.most + drop.least) / 2) * forwardCm;
  return { cm: e.y - dropMid - placed.mid.y, reason: null };
}

type Calibrated = BodyScale & { neck: NonNullable<BodyScale['neck']>; trunkDepthCm: number };

const isCalibrated = (scale: BodyScale): scale is Calibrated =>
  scale.neck != null && scale.trunkDepthCm != null;

/** Why shoulder readings cannot be given from these two points at all, or null. */
function unseenReason(right: ShoulderObservation, left: ShoulderObservation): string | null {
  if (!(left.point.u > right.point.u)) return REASONS.notFacing;
  if (!right.xReliable && !left.xReliable) return REASONS.shouldersOutOfPicture;
  if (!(right.xReliable && left.xReliable) && !(right.yReliable && left.yReliable)) {
    return REASONS.shouldersOutOfPicture;
  }
  return null;
}

/**
 * Steps 1-2 together: how the trunk moved (null without a span or a
 * calibration) and the shoulders' depth and half width. Rounded on a trunk
 * that did not come nearer; without a span (a shoulder cut at the side),
 * the trunk keeps its place under the head.
 */
function trunkShape(
  right: NormPoint,
  left: NormPoint,
  head: HeadPose,
  scale: BodyScale,
  xOk: boolean,
  yOk: boolean,
): { move: TrunkMove | null; shape: { depthCm: number; halfWidthCm: number } } {
  const b = scale.shoulderHalfWidthCm;
  const span = xOk ? spanDepth(right, left, b, yOk) : null;
  const calibrated = isCalibrated(scale) ? scale : null;
  const headChange = calibrated
    ? head.center.z - (calibrated.trunkDepthCm - calibrated.neck.behindHeadCm)
    : 0;
  const move = span != null && calibrated ? trunkMove(span, calibrated.trunkDepthCm, headChange) : null;
  const halfApart = Math.hypot(left.u - right.u, yOk ? left.v - right.v : 0) / 2;
  const shape =
    move && !move.nearer
      ? roundedShoulders(halfApart, move.baseDepthCm, b)
      : { depthCm: span ?? head.center.z + (calibrated?.neck.behindHeadCm ?? 2), halfWidthCm: b };
  return { move, shape };
}

/**
 * The trunk from two shoulder observations, the head (fitted, in camera
 * space), the head's roll in the picture and what calibration measured
 * (module comment: the steps).
 */
export function solveTrunk(
  right: ShoulderObservation,
  left: ShoulderObservation,
  head: HeadPose,
  headRollRad: number,
  scale: BodyScale,
  steady: Steady = AS_IS,
): TrunkPose | { reason: string } {
  const unseen = unseenReason(right, left);
  if (unseen) return { reason: unseen };
  const xOk = right.xReliable && left.xReliable;
  const yOk = right.yReliable && left.yReliable;
  const b = scale.shoulderHalfWidthCm;
  const pivot = headPivot(head, headRollRad);
  const cutReason = xOk ? null : REASONS.shoulderCutAtSide(right.xReliable ? 'left' : 'right');
  const edgeReason = yOk
    ? null
    : REASONS.shouldersAtEdge(right.point.v + left.point.v < 0 ? 'top' : 'bottom');

  // 1-2: the trunk's depth, from the span and the head's move.
  const calibrated = isCalibrated(scale) ? scale : null;
  const { move, shape } = trunkShape(right.point, left.point, head, scale, xOk, yOk);
  const depth = shape.depthCm;

  // 3: the shoulders there.
  const placed = placeShoulders(right.point, left.point, depth, b, yOk);
  const halfWidthCm = move && !move.nearer ? shape.halfWidthCm : placed.halfWidthCm;

  // 4: does the shoulder line sit under the head?
  const lateral =
    calibrated && xOk && yOk
      ? steady('lateral', lateralResidual(placed.mid, pivot, calibrated.neck, placed.tiltRad!, scale.tiltRad))
      : null;
  // The fit's own error grows with how far the head moved sideways (perspective, and the neck's bend).
  const sideways = calibrated ? Math.abs(pivot.x - calibrated.neck.pivotXCm) : 0;
  const allowed = MAX_LATERAL_RESIDUAL_CM + LATERAL_PER_SIDEWAYS * sideways;
  if (lateral != null && Math.abs(lateral) > allowed) return { reason: REASONS.shoulderLineOffHead };

  // 5: the trunk's turn, weakly.
  const turn = calibrated && xOk && yOk ? trunkTurn(right.point, left.point, depth, b, pivot, calibrated) : 0;
  const axisX = placed.mid.x + TURN_AXIS_BEHIND_SHOULDERS_CM * turn;

  // Head forward and rounding need the trunk's depth from a trusted span.
  const noCalibration = calibrated ? null : REASONS.notCalibratedShoulders;
  const moveReason = cutReason ?? edgeReason ?? noCalibration ?? move?.reason ?? null;

  // 6: shoulders raised.
  const forwardCm =
    depth +
    ROUNDING_FORWARD_PER_INWARD * (b - halfWidthCm) -
    head.center.z -
    (calibrated?.neck.behindHeadCm ?? 0);
  const raised =
    calibrated && yOk && xOk && !move?.reason
      ? elevation({ ...placed, halfWidthCm }, pivot, calibrated, forwardCm)
      : {
          cm: null,
          reason: cutReason ?? edgeReason ?? noCalibration ?? move?.reason ?? REASONS.shouldersOutOfPicture,
        };

  return {
    mid: placed.mid,
    halfWidthCm,
    tiltRad: placed.tiltRad,
    twistRad: calibrated && xOk && yOk ? Math.asin(turn) : null,
    headOffsetCm: -(head.center.x - axisX),
    elevationCm: raised.cm,
    roundingReason: moveReason,
    forwardReason: moveReason,
    elevationReason: raised.reason,
    lateralResidualCm: lateral,
  };
}
