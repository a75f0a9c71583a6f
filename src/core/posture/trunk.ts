/**
 * The trunk under the head, in camera space, from the two shoulder points.
 *
 * Two points give four numbers: where the shoulders' midpoint is (two), how
 * far apart they look and at what angle. That is too few for the trunk's
 * depth, its lean and turn, rounding and a shrug all at once, so the solve
 * uses what calibration measured of this person (shoulder width, and where
 * the shoulders sit under the head) and a model of how bodies move:
 *
 * - Sinking, sliding, moving the chair and leaning move the head and the
 *   shoulders together, so everything is measured against the head, never
 *   against the camera: where the shoulders are expected is where they sat
 *   under the head at calibration, turned by the lean.
 * - The depth of the shoulders has two cues. The **span cue**: their span
 *   against the calibrated width. Rounding (the span narrows) makes it read
 *   too far. The **height cue**: the camera sees the shoulders from above,
 *   so shoulders nearer the camera look lower. Taking them to sit where
 *   calibration found them under the head gives a depth; a shrug makes it
 *   read too far, and so does the head dropping as it comes forward, by an
 *   amount that depends on how this person's neck bends
 *   (DROP_PER_FORWARD, a range). When the span cue reads nearer than the
 *   height cue allows, nothing narrowed (a shrug, or nothing at all): the
 *   span cue is the depth. When it reads further, the shoulders rounded:
 *   the height cue is the depth, over the range of neck movements, and that
 *   range is carried as the depth's spread.
 * - The trunk turns about the spine and the head stays over it. The
 *   shoulders' midpoint against the head, and the shoulder line's angle
 *   against the lean, give the turn; the turn gives the depth of each
 *   shoulder, so a turned trunk reads as neither tilt nor rounding.
 *
 * When a cue is missing (a shoulder cut by the frame edge, a camera level
 * with the shoulders, no calibration yet) the readings it was needed for
 * are left unknown with the reason, in words a person can act on.
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
    /** The direction from the pivot to the shoulders' midpoint in the picture, radians (atan2 of x over y). */
    angleRad: number;
  } | null;
  /** The shoulders' midpoint depth sitting upright, cm; null before calibration or with a shoulder cut at the side. */
  trunkDepthCm: number | null;
  /** The shoulder line's angle sitting upright, radians (+ right shoulder lower). */
  tiltRad: number;
  /** The head's orientation sitting upright (camera frame); null before calibration. */
  head: Orientation | null;
  /** The pose model's median confidence in each shoulder sitting upright; null before calibration. */
  shoulderScores: { right: number; left: number } | null;
}

/** Before calibration: a typical shoulder width, nothing else known. */
export const UNCALIBRATED_SCALE: Readonly<BodyScale> = Object.freeze({
  shoulderHalfWidthCm: SHOULDER_WIDTH_CM / 2,
  neck: null,
  trunkDepthCm: null,
  tiltRad: 0,
  head: null,
  shoulderScores: null,
});

export interface TrunkPose {
  /** Midpoint between the shoulder points, camera space, cm. */
  mid: Vec3;
  /** Half the measured distance between the shoulder points, cm. */
  halfWidthCm: number;
  /** Shoulder line angle, + right shoulder lower; null when a shoulder is cut at the top or bottom. */
  tiltRad: number | null;
  /** Trunk turned to the person's right (+), radians; null when it cannot be told. */
  twistRad: number | null;
  /** The head centre's sideways offset from the trunk's midline, cm, + towards the person's right. */
  headOffsetCm: number;
  /** Which cue gave the depth. */
  depthCue: 'span' | 'height' | 'both';
  /** Half the range of shoulder depths the evidence allows, cm: 0 when one explanation fits. */
  depthSpreadCm: number;
  /** Shoulders raised against where they sat under the head, cm; null when unknown. */
  elevationCm: number | null;
  /** Half the range of head-forward offsets the evidence allows, cm. */
  forwardSpreadCm: number;
  /** Why rounding cannot be read, or null. */
  roundingReason: string | null;
  /** Why head forward cannot be read, or null. */
  forwardReason: string | null;
  /** Why shoulders raised cannot be read, or null. */
  elevationReason: string | null;
  /** How far sideways the shoulders' midpoint is from where the head and the shoulder line put it, cm. */
  lateralResidualCm: number | null;
}

/** The height cue is used only where the shoulders' depth moves their picture by at least this much (normalised units per unit depth). */
export const MIN_HEIGHT_CUE = 0.08;
/** Depths within this of each other (cm) are taken as agreeing: keypoint noise. */
const AGREE_CM = 2;
/** A span cue reading this little beyond the height cue is noise (and the model's own shoulders drift by this much with the head's size). */
const NOISE_CM = 1;
/** The span of an uncalibrated or unmoved trunk may differ by this much (cm of depth) and still count as unmoved. */
const STILL_TRUNK_CM = 1.2;
/** A prior on the trunk's turn (sine): people seldom twist further. */
const TWIST_PRIOR = 0.35;
/** The largest turn solved for (sine): 30 degrees. */
const MAX_TWIST = 0.5;
/** How well the head's place over the trunk is known sideways, cm (posture, not noise). */
const LATERAL_SLACK_CM = 0.4;
/** A trunk read this much further than at calibration may be rounded shoulders instead, cm. */
const NARROWER_CM = 1.5;
/** Shoulders seldom round by more than this share of their span. */
const MAX_PLAUSIBLE_ROUNDING = 0.15;
/** Heads seldom go further back of their upright place than this, cm (a chin tucked in). */
const MAX_PLAUSIBLE_BACK_CM = 4;
/** Heads seldom come further forward of the trunk than this, cm. */
const MAX_PLAUSIBLE_FORWARD_CM = 10;
/** A shoulder-depth spread (cm) beyond which rounding is unknown: about 3 % of the span at 70 cm. */
const MAX_ROUNDING_SPREAD_CM = 2;

interface Solved {
  z: number;
  s: number;
  tilt: number;
}

/**
 * `steady` smooths, over the last frames, how far the span cue reads beyond
 * the height cue (TrunkSteadier); a single frame's choice is left as it is.
 */
export function solveTrunk(
  right: ShoulderObservation,
  left: ShoulderObservation,
  head: HeadPose,
  headRollRad: number,
  scale: BodyScale,
  steady: Steady = AS_IS,
): TrunkPose | { reason: string } {
  const xOk = right.xReliable && left.xReliable;
  const yOk = right.yReliable && left.yReliable;
  const { u: uR, v: vR } = right.point;
  const { u: uL, v: vL } = left.point;
  if (!(uL > uR)) return { reason: REASONS.notFacing };
  if (!xOk && !yOk) return { reason: REASONS.shouldersOutOfPicture };
  const b = scale.shoulderHalfWidthCm;
  const neck = scale.neck;
  // The head's tilt pivot: shoulders are expected relative to it.
  const pivot = {
    x: head.center.x + HEAD_TILT_PIVOT_BELOW_EARS_CM * Math.sin(headRollRad),
    y: head.center.y + HEAD_TILT_PIVOT_BELOW_EARS_CM * Math.cos(headRollRad),
  };
  const vMid = (vR + vL) / 2;

  /** The two shoulders in camera space for a midpoint depth z and a turn (sine) s. */
  const shoulders = (z: number, s: number) => {
    const bs = b * s;
    const pr: Vec3 = { x: (z + bs) * uR, y: (z + bs) * vR, z: z + bs };
    const pl: Vec3 = { x: (z - bs) * uL, y: (z - bs) * vL, z: z - bs };
    return { pr, pl };
  };
  const tiltAt = (z: number, s: number): number => {
    const { pr, pl } = shoulders(z, s);
    return yOk ? Math.atan2(pr.y - pl.y, pl.x - pr.x) : scale.tiltRad;
  };
  /** Where the shoulders' midpoint is expected (x, y), leaning by `tilt`, before any drop of the head. */
  const expected = (tilt: number) => {
    if (!neck) return null;
    const a = tilt - scale.tiltRad;
    const c = Math.cos(a);
    const sn = Math.sin(a);
    return { x: pivot.x + neck.xCm * c + neck.yCm * sn, y: pivot.y - neck.xCm * sn + neck.yCm * c };
  };

  /** The span cue: the depth at which the shoulders are their calibrated width apart. */
  const spanDepth = (s: number): number | null => {
    if (!xOk) return null;
    const bs = b * s;
    const Ax = uL - uR;
    const Ay = yOk ? vL - vR : 0;
    const Bx = uL + uR;
    const By = yOk ? vL + vR : 0;
    const a2 = Ax * Ax + Ay * Ay;
    const ab = Ax * Bx + Ay * By;
    const b2 = Bx * Bx + By * By + 4;
    const disc = (bs * ab) ** 2 - a2 * (bs * bs * b2 - 4 * b * b);
    if (!(disc > 0)) return null;
    const z = (bs * ab + Math.sqrt(disc)) / a2;
    return z > 5 ? z : null;
  };

  /**
   * The height cue: the depth at which the shoulders sit where expected under
   * the head, the head having dropped `drop` cm per cm it came forward.
   */
  const heightCue = (s: number, tilt: number, drop: number): number | null => {
    const e = expected(tilt);
    if (!e || !neck || !yOk) return null;
    const bs = b * s;
    // The shoulders' half span in normalised units: at depth z they are z·width apart (half).
    const width = Math.hypot(uL - uR, vL - vR) / 2;
    const k = ROUNDING_FORWARD_PER_INWARD;
    // z·vMid + bs·(vR - vL)/2 = e.y - c·forward, where the head's forward offset from neutral is
    // forward = z·(1 - k·width) + k·b - head.z - behindHead, and c the drop per forward centimetre.
    const solve = (c: number): number | null => {
      const den = vMid + c * (1 - k * width);
      if (!(den >= MIN_HEIGHT_CUE)) return null;
      const z = (e.y - (bs * (vR - vL)) / 2 - c * (k * b - head.center.z - neck.behindHeadCm)) / den;
      return z > 5 ? z : null;
    };
    // The head moves on an arc about the base of the neck: ahead of its neutral place it drops,
    // behind it it rises, at a rate set by how the neck leans (DROP_PER_FORWARD, both ways).
    return solve(drop);
  };

  /** The turn that puts the trunk's midline under the head at depth z (a weak cue, held near 0 by a prior). */
  const turnAt = (z: number): number => {
    if (!neck || !xOk) return 0;
    const residual = (s: number) => {
      const { pr, pl } = shoulders(z, s);
      const midX = (pr.x + pl.x) / 2;
      const e = expected(tiltAt(z, s))!;
      return midX - (e.x - TURN_AXIS_BEHIND_SHOULDERS_CM * s);
    };
    // The turn that best balances the midline against the prior: (residual/slack)² + (s/prior)²,
    // by a coarse scan and a golden-section search around its best point.
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
  };

  // The depth and lean with no turn: a turn of the trunk barely shows in two shoulder points (see
  // turnAt), so it is read, weakly, but not allowed to move the depth or the tilt.
  const level = yOk ? Math.atan2(vR - vL, uL - uR) : scale.tiltRad;
  const choice = chooseDepth(stillTrunk(spanDepth(0), head.center.z, scale), (d) => heightCue(0, level, d), steady);
  if (!choice) {
    if (!xOk) return { reason: REASONS.shoulderCutAtSide(right.xReliable ? 'left' : 'right') };
    return { reason: REASONS.shouldersOutOfPicture };
  }
  const solved: Solved = { z: choice.z, s: 0, tilt: tiltAt(choice.z, 0) };
  const turn = turnAt(choice.z);
  const { z, s } = solved;
  const { pr, pl } = shoulders(z, s);
  const mid: Vec3 = { x: (pr.x + pl.x) / 2, y: (pr.y + pl.y) / 2, z: (pr.z + pl.z) / 2 };
  const e0 = expected(solved.tilt);
  const lateralResidualCm = e0 && xOk ? mid.x - e0.x : null;

  const measuredSpan = Math.hypot(pl.x - pr.x, yOk ? pl.y - pr.y : 0, pl.z - pr.z);
  // A trunk taken as still whose shoulders look wider follows the head's size: it did not widen.
  const still = scale.trunkDepthCm != null && z === scale.trunkDepthCm;
  const span = still ? Math.min(measuredSpan, 2 * b) : measuredSpan;
  if (lateralResidualCm != null && Math.abs(steady('lateral', lateralResidualCm)) > MAX_LATERAL_RESIDUAL_CM) {
    return { reason: REASONS.shoulderLineOffHead };
  }
  const tiltRad = yOk ? solved.tilt : null;
  const axisX = mid.x + TURN_AXIS_BEHIND_SHOULDERS_CM * s;
  const kFactor = 1 - (ROUNDING_FORWARD_PER_INWARD * span) / 2 / z;

  // What the head-forward offset can be: from the depth's spread, and with no height cue, from not knowing the rounding.
  let forwardReason: string | null = null;
  let roundingReason: string | null = null;
  let elevationReason: string | null = null;
  const forwardSpreadCm = choice.spread * Math.abs(kFactor);
  const heightReason = !yOk
    ? REASONS.shouldersAtEdge(vMid < 0 ? 'top' : 'bottom')
    : !neck
      ? REASONS.notCalibratedShoulders
      : REASONS.cameraLevelWithShoulders;
  if (choice.cue === 'span' && !choice.heightUsable) {
    roundingReason = heightReason;
    elevationReason = heightReason;
    // Without the height cue, rounding and the trunk moving away look alike: head forward
    // is known only while the span says the trunk has not moved.
    if (scale.trunkDepthCm == null || Math.abs(z - scale.trunkDepthCm) > STILL_TRUNK_CM) {
      forwardReason = heightReason;
    }
  } else if (choice.cue === 'height' && !choice.spanUsable) {
    roundingReason = REASONS.shoulderCutAtSide(right.xReliable ? 'left' : 'right');
    forwardReason = roundingReason;
  }
  if (choice.spread > MAX_ROUNDING_SPREAD_CM && !roundingReason) roundingReason = REASONS.forwardOrRounded;
  const forwardNow = z + ROUNDING_FORWARD_PER_INWARD * (b - span / 2) - head.center.z;
  const forwardFromNeutral = neck ? forwardNow - neck.behindHeadCm : 0;
  if (!forwardReason && forwardSpreadCm > Math.max(0.8, 0.15 * Math.abs(forwardFromNeutral))) {
    forwardReason = REASONS.forwardOrRounded;
  }
  // A head that far forward of the trunk is more likely rounded shoulders (which the span cue reads
  // as the trunk further away) with a head that came forward less: when the height cue allows that
  // explanation, which one it is cannot be told.
  const roundedInstead = choice.heightUsable && (heightCue(0, level, DROP_PER_FORWARD.most) ?? z) < z - 1;
  if (!forwardReason && forwardFromNeutral > MAX_PLAUSIBLE_FORWARD_CM && roundedInstead) {
    forwardReason = REASONS.forwardOrRounded;
    roundingReason ??= REASONS.forwardOrRounded;
  }
  // Shoulders that look narrower than at calibration are either a trunk further back (the head then
  // ahead of it) or rounded shoulders on a trunk that stayed, their drop hidden from the height cue
  // by a shrug. When the second is a posture people take (some rounding, a head not pulled far
  // back) and the two would read differently, which one it is cannot be told.
  if (!forwardReason && choice.cue !== 'height' && neck && scale.trunkDepthCm != null) {
    const stayed = scale.trunkDepthCm;
    const widthNorm = span / 2 / z;
    const roundingIfStayed = 1 - (stayed * widthNorm) / b;
    const forwardIfStayed =
      stayed + ROUNDING_FORWARD_PER_INWARD * (b - stayed * widthNorm) - head.center.z - neck.behindHeadCm;
    if (
      z - stayed > NARROWER_CM &&
      roundingIfStayed <= MAX_PLAUSIBLE_ROUNDING &&
      forwardIfStayed >= -MAX_PLAUSIBLE_BACK_CM &&
      Math.abs(forwardFromNeutral - forwardIfStayed) > Math.max(1, 0.15 * Math.abs(forwardFromNeutral))
    ) {
      forwardReason = REASONS.narrowerShoulders;
      roundingReason ??= REASONS.narrowerShoulders;
    }
  }

  // Elevation: where the shoulders are against where they are expected, for the middle of the
  // neck's range of drops; unknown when that range alone spans more than a centimetre.
  let elevationCm: number | null = null;
  const e = expected(solved.tilt);
  if (e && !elevationReason && choice.heightUsable) {
    const dropRange = ((DROP_PER_FORWARD.most - DROP_PER_FORWARD.least) / 2) * Math.abs(forwardFromNeutral);
    if (dropRange > 1) elevationReason = REASONS.forwardOrRaised;
    else {
      const dropMid = ((DROP_PER_FORWARD.most + DROP_PER_FORWARD.least) / 2) * forwardFromNeutral;
      elevationCm = e.y - dropMid - mid.y;
    }
  } else if (!elevationReason) elevationReason = heightReason;

  return {
    mid,
    halfWidthCm: span / 2,
    tiltRad,
    twistRad: neck && xOk && yOk ? Math.asin(turn) : null,
    headOffsetCm: -(head.center.x - axisX),
    depthCue: choice.cue,
    depthSpreadCm: choice.spread,
    elevationCm,
    forwardSpreadCm,
    roundingReason,
    forwardReason,
    elevationReason,
    lateralResidualCm,
  };
}

/**
 * The shoulders' midpoint this far (cm) sideways from where the head and the
 * shoulder line put it: the two do not fit one lean (a shoulder point off,
 * or one shoulder moved on its own).
 */
const MAX_LATERAL_RESIDUAL_CM = 1.2;

/** An angle brought into −π..π. */
const wrap = (a: number): number => Math.atan2(Math.sin(a), Math.cos(a));

/** A pose model's shoulders spread by up to this share of how much nearer the head came (their span follows the head's size). */
const SPAN_FOLLOWS_HEAD = 0.45;
/** The span cue's own noise, a share of the trunk's depth. */
const SPAN_NOISE_SHARE = 0.012;

/**
 * The span cue's depth, or the calibrated one when the trunk has not moved:
 * a span that changed by no more than the model's shoulders follow the
 * head's size (SPAN_FOLLOWS_HEAD of the head's change in depth, either way
 * of nothing) and its noise is a trunk that stayed where it was.
 */
function stillTrunk(span: number | null, headZ: number, scale: BodyScale): number | null {
  const trunk0 = scale.trunkDepthCm;
  if (span == null || trunk0 == null || !scale.neck) return span;
  const headChange = headZ - (trunk0 - scale.neck.behindHeadCm);
  const follows = SPAN_FOLLOWS_HEAD * headChange;
  const noise = SPAN_NOISE_SHARE * trunk0;
  const change = span - trunk0;
  return change >= Math.min(0, follows) - noise && change <= Math.max(0, follows) + noise ? trunk0 : span;
}

interface DepthChoice {
  z: number;
  spread: number;
  cue: TrunkPose['depthCue'];
  spanUsable: boolean;
  heightUsable: boolean;
}

/**
 * Picks the shoulders' depth from the span cue and the height cue (a
 * function of the drop per forward centimetre), as the module comment says.
 */
function chooseDepth(
  span: number | null,
  height: (drop: number) => number | null,
  steady: Steady,
): DepthChoice | null {
  const least = height(DROP_PER_FORWARD.least);
  const most = height(DROP_PER_FORWARD.most);
  const heightUsable = least != null && most != null;
  if (span == null) {
    if (!heightUsable) return null;
    // No span: assume no shrug; the drop's range is the spread.
    return {
      z: (least + most) / 2,
      spread: Math.abs(least - most) / 2,
      cue: 'height',
      spanUsable: false,
      heightUsable: true,
    };
  }
  if (!heightUsable) return { z: span, spread: 0, cue: 'span', spanUsable: true, heightUsable: false };
  const far = Math.max(least, most);
  const near = Math.min(least, most);
  // How far the span cue reads beyond every no-rounding explanation (held steady over the last
  // few frames, so that keypoint noise does not flip the choice), blended over what noise remains.
  const w = Math.max(0, Math.min(1, (steady('excess', span - far) - NOISE_CM) / AGREE_CM));
  const middle = (near + far) / 2;
  return {
    z: span - w * (span - middle),
    spread: (w * (far - near)) / 2,
    cue: w === 0 ? 'span' : w === 1 ? 'height' : 'both',
    spanUsable: true,
    heightUsable: true,
  };
}

/**
 * What a frame's geometry holds steady over the last frames: the median of
 * each named value (how far the span cue read beyond the height cue, each
 * shoulder's confidence, the shoulders' offset from the head) over the last
 * frames (at most `frames` of them within `windowMs`). A held posture keeps
 * its reading while keypoint noise, larger than the difference being
 * judged, comes and goes. Time is passed in.
 */
export type Steady = (key: SteadyKey, value: number) => number;
export type SteadyKey = 'excess' | 'scoreRight' | 'scoreLeft' | 'lateral';

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
