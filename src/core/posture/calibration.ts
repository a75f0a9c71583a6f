/**
 * Calibration: the person sits upright, looks at the screen and holds still
 * for a few seconds; the median of those frames becomes their neutral, with
 * its spread. It also measures the person: their shoulder width and where
 * their shoulders sit under their head, in centimetres, taking the shoulder
 * joints to be a typical 2 cm behind the ear line when upright (the one
 * posture assumption the app makes).
 *
 * It checks the setup as it goes. Refused, with the reason, when nobody or
 * more than one person is in view, the face is unclear, or the person moved.
 * Accepted with warnings, each saying what will not be measured and how to
 * fix it, when the shoulders are cut by the frame or faint, the camera is
 * level with the shoulders, far off to one side, or tilted. The neutral
 * lists the readings it can give.
 */
import type { FaceLandmarks, Keypoint } from '../pose';
import { detectorPoints } from './face-landmarks';
import type { GuidedResult } from './guided';
import { HEAD_TILT_PIVOT_BELOW_EARS_CM, SHOULDERS_BEHIND_EARS_CM, SHOULDER_WIDTH_CM } from './body';
import { DEFAULT_FOV_DEG, intrinsicsFor, toNorm, type Intrinsics, type NormPoint, type Vec3 } from './camera';
import { HEAD_POINTS, type HeadPointName } from './body';
import { DEFAULT_GEOMETRY_OPTIONS, measureFrame, shoulderObservation, type FrameGeometry } from './geometry';
import type { HeadPose } from './head-pose';
import { METRICS } from './metrics/index';
import { METRIC_KEYS, READING_NAMES, type MetricKey } from './metrics/metric';
import { screenDistanceCm } from './metrics/distance';
import { MAD_TO_SD, median } from '../numbers';
import { REASONS } from './reasons';
import { MIN_HEIGHT_CUE, UNCALIBRATED_SCALE as DEFAULT_SCALE, type BodyScale } from './trunk';

export const NEUTRAL_VERSION = 2;

export interface NeutralValue {
  median: number;
  /** Robust spread (median absolute deviation scaled to a standard deviation). */
  spread: number;
}

export interface CameraIdentity {
  /** The camera's label as the browser reports it; empty when unknown (a file). */
  label: string;
  widthPx: number;
  heightPx: number;
}

export interface Neutral {
  version: typeof NEUTRAL_VERSION;
  createdAtMs: number;
  camera: CameraIdentity;
  /** The camera's diagonal field of view the readings were taken with, degrees. */
  fovDeg: number;
  /**
   * The focal length that field of view gives is scaled by this (1 unless
   * the person told their distance to the screen: then the one that puts
   * their eyes there, so that neither a wrong field of view nor an unusual
   * face width scales the centimetres).
   */
  focalScale: number;
  /** The eyes' distance to the screen the person told, cm; null when they did not. */
  knownEyeDistanceCm: number | null;
  scale: BodyScale;
  /** Null where the metric could not be measured during calibration (e.g. shoulders cut off). */
  values: Record<MetricKey, NeutralValue | null>;
  screenDistanceCm: number;
  /**
   * The head's centre in camera space at calibration, cm; null in a neutral
   * stored before it was kept. It tells the calibrated person from someone
   * passing by.
   */
  headCenterCm: Vec3 | null;
  frames: number;
  /** The readings this calibration can give. */
  readings: MetricKey[];
  /** For each reading it cannot give, why. */
  unavailable: Partial<Record<MetricKey, string>>;
  /** What the setup will not let the app measure, and how to fix it: one sentence each. */
  warnings: string[];
  /** The face points sitting upright (median, normalised image coordinates): where a learnt face depth moves the calibrated head. */
  face: Partial<Record<HeadPointName, NormPoint>>;
  /** The face detector's points sitting upright (median, normalised image coordinates); empty without it. */
  detectorFace: Partial<Record<HeadPointName, NormPoint>>;
  /** What the guided moves after the still part measured (guided.ts); null when there were none. */
  guided: GuidedResult | null;
}

export type CalibrationRefusal = 'nobody' | 'two-people' | 'weak-keypoints' | 'moved';

export type CalibrationOutcome =
  { ok: true; neutral: Neutral } | { ok: false; reason: CalibrationRefusal; message: string };

export interface CalibrationFrame {
  tMs: number;
  /** Null when nobody was found. */
  keypoints: readonly Keypoint[] | null;
  /** People counted in the frame, when a count was made. */
  people: number | null;
  /** The face detector's find in the frame, when it looked. */
  face?: FaceLandmarks | null;
}

export interface CalibrationOptions {
  fovDeg: number;
  /** Share of frames that must show a person. */
  minPresentShare: number;
  /** Share of frames with the needed points clear. */
  minClearShare: number;
  /** Share of counted frames with two or more people that refuses. */
  maxCrowdShare: number;
  /**
   * Largest head movement allowed: how far the median head position of any
   * third of the frames is from the overall one, cm, or this share of the
   * distance to the camera, whichever is larger (the head's depth is less
   * certain further away).
   */
  maxMovementCm: number;
  maxMovementShare: number;
  /** Largest head turn or tilt spread allowed, degrees. */
  maxTurnDeg: number;
  /** The eyes' distance to the screen as the person measured it, cm; null: not told (the field of view sets the scale). */
  knownEyeDistanceCm: number | null;
}

export const DEFAULT_CALIBRATION: Readonly<CalibrationOptions> = Object.freeze({
  fovDeg: DEFAULT_FOV_DEG,
  minPresentShare: 0.6,
  minClearShare: 0.6,
  maxCrowdShare: 0.2,
  maxMovementCm: 1.5,
  maxMovementShare: 0.03,
  maxTurnDeg: 4,
  knownEyeDistanceCm: null,
});

/** A camera less than this above the least usable height cue still warns: the shoulders' height is barely read there. */
const HEIGHT_CUE_MARGIN = 0.03;
/** Sitting further off the camera's axis than this share of the picture's width: a lean soon leaves the picture. */
const OFF_CENTRE_SHARE = 0.25;
/** Eyes and shoulders both slanting the same way by more than this, degrees: the picture itself is tilted. */
const TILTED_PICTURE_DEG = 8;
/** The held frames are cut into this many parts to see whether the head drifted. */
const DRIFT_PARTS = 3;

function robust(values: readonly number[]): NeutralValue | null {
  const m = median(values);
  if (m == null) return null;
  return { median: m, spread: MAD_TO_SD * (median(values.map((v) => Math.abs(v - m))) ?? 0) };
}

const refuse = (reason: CalibrationRefusal, message: string): CalibrationOutcome => ({
  ok: false,
  reason,
  message,
});

/** Turns the collected frames into a neutral, or says why not. */
export function finishCalibration(
  frames: readonly CalibrationFrame[],
  camera: CameraIdentity,
  nowMs: number,
  options: CalibrationOptions = DEFAULT_CALIBRATION,
): CalibrationOutcome {
  const refused = crowdOrNobody(frames, options);
  if (refused) return refused;
  const present = frames.filter((f) => f.keypoints != null);
  const first = measureNeutral(present, camera, nowMs, options, 1);
  const told = options.knownEyeDistanceCm;
  if (!first.ok || told == null) return first;
  // Every depth follows the focal length: the one that puts the eyes where the person measured them.
  const focalScale = told / first.neutral.screenDistanceCm;
  if (!(focalScale >= MIN_FOCAL_SCALE && focalScale <= 1 / MIN_FOCAL_SCALE)) {
    const warning = `The distance to the screen you gave (${told.toFixed(0)} cm) is far from what the camera sees (about ${first.neutral.screenDistanceCm.toFixed(0)} cm), so it was not used: measure it again from your eyes to the screen, or check the camera's field of view.`;
    return { ok: true, neutral: { ...first.neutral, warnings: [...first.neutral.warnings, warning] } };
  }
  const scaled = measureNeutral(present, camera, nowMs, options, focalScale);
  return scaled.ok ? { ok: true, neutral: { ...scaled.neutral, knownEyeDistanceCm: told } } : first;
}

/** The eyes' distance to the screen a person may tell, cm. */
export const KNOWN_DISTANCE_RANGE_CM = [25, 200] as const;

/** A told distance is used while it is within this share of what the camera sees (or its inverse). */
const MIN_FOCAL_SCALE = 0.6;

/** The refusal when nobody or more than one person was in view, or null. */
function crowdOrNobody(
  frames: readonly CalibrationFrame[],
  options: CalibrationOptions,
): CalibrationOutcome | null {
  const present = frames.filter((f) => f.keypoints != null);
  if (frames.length === 0 || present.length < frames.length * options.minPresentShare) {
    return refuse(
      'nobody',
      'Nobody was in view. Sit in front of the camera with your head and shoulders showing, then try again.',
    );
  }
  const counted = frames.filter((f) => f.people != null);
  const crowded = counted.filter((f) => (f.people ?? 0) >= 2);
  if (counted.length > 0 && crowded.length > counted.length * options.maxCrowdShare) {
    return refuse(
      'two-people',
      'More than one person was in view. Calibrate on your own, so that the neutral is yours.',
    );
  }
  return null;
}

/** The refusal when the person moved (their head wandered or turned), or null. */
function movedDuring(heads: readonly HeadPose[], options: CalibrationOptions): CalibrationOutcome | null {
  const centre = medianPoint(heads.map((h) => h.center));
  const movement = drift(heads.map((h) => h.center));
  const turn = Math.max(
    robust(heads.map((h) => h.yaw))?.spread ?? 0,
    robust(heads.map((h) => h.roll))?.spread ?? 0,
  );
  const allowedCm = Math.max(options.maxMovementCm, options.maxMovementShare * centre.z);
  if (movement <= allowedCm && (turn * 180) / Math.PI <= options.maxTurnDeg) return null;
  return refuse(
    'moved',
    `You moved during calibration (about ${movement.toFixed(1)} cm). Sit upright, look at the screen and hold still until the countdown ends.`,
  );
}

/** Each metric's neutral value over the frames, and for each one that could not be measured, why. */
function neutralValues(
  geometries: readonly FrameGeometry[],
  scale: BodyScale,
  options: CalibrationOptions,
): { values: Record<MetricKey, NeutralValue | null>; missing: Partial<Record<MetricKey, string>> } {
  const values = {} as Record<MetricKey, NeutralValue | null>;
  const missing: Partial<Record<MetricKey, string>> = {};
  for (const key of METRIC_KEYS) {
    const reasons = new Map<string, number>();
    const xs = geometries.flatMap((g) => {
      const r = METRICS[key].feature(g, scale);
      if (r.value == null) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
      return r.value == null ? [] : [r.value];
    });
    values[key] = xs.length >= geometries.length * options.minClearShare ? robust(xs) : null;
    if (!values[key]) missing[key] = [...reasons].sort((a, b) => b[1] - a[1])[0]?.[0] ?? REASONS.nobody;
  }
  return { values, missing };
}

/** The neutral from the frames with someone in view, through a camera whose focal length is scaled by `focalScale`. */
function measureNeutral(
  present: readonly CalibrationFrame[],
  camera: CameraIdentity,
  nowMs: number,
  options: CalibrationOptions,
  focalScale: number,
): CalibrationOutcome {
  const k = intrinsicsFor(camera.widthPx, camera.heightPx, options.fovDeg, focalScale);
  const measured = measurePerson(present, k, options);
  const scale = measured.scale;
  // Re-measured with this person's scale.
  let previous = null;
  const geometries: FrameGeometry[] = [];
  for (const f of present) {
    const g = measureFrame(f.keypoints!, k, scale, { previousHead: previous });
    previous = g.head;
    geometries.push(g);
  }
  const heads = geometries.flatMap((g) => (g.head ? [g.head] : []));
  if (heads.length < present.length * options.minClearShare) {
    return refuse(
      'weak-keypoints',
      'Your face was not clear enough. Face the camera with your face lit and your ears uncovered, then try again.',
    );
  }
  const moved = movedDuring(heads, options);
  if (moved) return moved;
  const { values, missing } = neutralValues(geometries, scale, options);
  const distances = geometries.flatMap((g) => {
    const r = screenDistanceCm(g);
    return r.value == null ? [] : [r.value];
  });
  const warnings = [...measured.warnings, ...setupWarnings(heads, geometries, k)];
  for (const [key, reason] of Object.entries(missing) as [MetricKey, string][]) {
    const text = `${READING_NAMES[key]} will not be measured: ${reason}.`;
    if (!warnings.some((w) => w.includes(reason))) warnings.push(text);
  }
  return {
    ok: true,
    neutral: {
      version: NEUTRAL_VERSION,
      createdAtMs: nowMs,
      camera,
      fovDeg: options.fovDeg,
      focalScale,
      knownEyeDistanceCm: null,
      scale,
      values,
      screenDistanceCm: median(distances) ?? 0,
      headCenterCm: medianPoint(heads.map((h) => h.center)),
      frames: present.length,
      readings: METRIC_KEYS.filter((key) => values[key] != null),
      unavailable: missing,
      warnings,
      face: medianFace(present, k),
      detectorFace: medianDetectorFace(present, k),
      guided: null,
    },
  };
}

/** What measurePerson takes from each still frame: the shoulders against the head, their scores and the head's angles. */
interface PersonSamples {
  widths: number[];
  depths: number[];
  neckX: number[];
  neckY: number[];
  pivots: number[];
  scoresR: number[];
  scoresL: number[];
  tilts: number[];
  heights: number[];
  yaws: number[];
  pitches: number[];
  rolls: number[];
  /** Why the shoulders could not be measured, with how many frames said so. */
  troubles: Map<string, number>;
}

function samplePerson(present: readonly CalibrationFrame[], k: Intrinsics): PersonSamples {
  const widths: number[] = [];
  const depths: number[] = [];
  const neckX: number[] = [];
  const neckY: number[] = [];
  const pivots: number[] = [];
  const scoresR: number[] = [];
  const scoresL: number[] = [];
  const tilts: number[] = [];
  const heights: number[] = [];
  const yaws: number[] = [];
  const pitches: number[] = [];
  const rolls: number[] = [];
  const troubles = new Map<string, number>();
  for (const f of present) {
    const g = measureFrame(f.keypoints!, k, DEFAULT_SCALE);
    if (!g.head) continue;
    yaws.push(g.head.yaw);
    pitches.push(g.head.pitch);
    rolls.push(g.head.roll);
    const r = shoulderPoint(f.keypoints!, 'right_shoulder', k);
    const l = shoulderPoint(f.keypoints!, 'left_shoulder', k);
    if (!r || !l || !r.xOk || !l.xOk || !r.yOk || !l.yOk) {
      const why = g.trunkReason ?? shoulderEdgeReason(r, l);
      troubles.set(why, (troubles.get(why) ?? 0) + 1);
    }
    if (!r || !l) continue;
    scoresR.push(r.score);
    scoresL.push(l.score);
    const z = g.head.center.z + SHOULDERS_BEHIND_EARS_CM;
    const yOk = r.yOk && l.yOk;
    if (r.xOk && l.xOk) {
      widths.push((z * Math.hypot(l.p.u - r.p.u, yOk ? l.p.v - r.p.v : 0)) / 2);
      depths.push(z);
    }
    if (yOk) {
      const roll = g.lineRoll ?? g.head.roll;
      const pivotX = g.head.center.x + HEAD_TILT_PIVOT_BELOW_EARS_CM * Math.sin(roll);
      const pivotY = g.head.center.y + HEAD_TILT_PIVOT_BELOW_EARS_CM * Math.cos(roll);
      neckX.push((z * (l.p.u + r.p.u)) / 2 - pivotX);
      neckY.push((z * (l.p.v + r.p.v)) / 2 - pivotY);
      pivots.push(pivotX);
      tilts.push(Math.atan2(r.p.v - l.p.v, l.p.u - r.p.u));
      heights.push((r.p.v + l.p.v) / 2);
    }
  }
  return {
    widths,
    depths,
    neckX,
    neckY,
    pivots,
    scoresR,
    scoresL,
    tilts,
    heights,
    yaws,
    pitches,
    rolls,
    troubles,
  };
}

/**
 * Measures the person sitting upright: the shoulders' width and where they
 * sit under the head, taking the shoulder joints to be SHOULDERS_BEHIND_EARS_CM
 * behind the ear line (the one posture assumption calibration makes).
 */
function measurePerson(
  present: readonly CalibrationFrame[],
  k: Intrinsics,
  options: CalibrationOptions,
): { scale: BodyScale; warnings: string[] } {
  const warnings: string[] = [];
  const {
    widths,
    depths,
    neckX,
    neckY,
    pivots,
    scoresR,
    scoresL,
    tilts,
    heights,
    yaws,
    pitches,
    rolls,
    troubles,
  } = samplePerson(present, k);
  const enough = (xs: readonly number[]) => xs.length >= present.length * options.minClearShare;
  const trouble = [...troubles].sort((a, b) => b[1] - a[1])[0]?.[0];
  const halfWidth = enough(widths) ? median(widths) : null;
  const depth = enough(depths) ? median(depths) : null;
  const neckOk = enough(neckX) && depth != null;
  if (!halfWidth || !neckOk) {
    warnings.push(
      `Your shoulders were not fully measured (${trouble ?? REASONS.shouldersOutOfPicture}), so the readings that need them will be missing until you calibrate again.`,
    );
  } else if ((median(heights) ?? 0) < MIN_HEIGHT_CUE + HEIGHT_CUE_MARGIN) {
    warnings.push(`${REASONS.cameraLevelWithShoulders}.`);
  }
  return {
    scale: {
      shoulderHalfWidthCm: halfWidth ?? SHOULDER_WIDTH_CM / 2,
      trunkDepthCm: depth,
      neck:
        neckOk && halfWidth
          ? {
              xCm: median(neckX)!,
              yCm: median(neckY)!,
              depthCm: depth,
              behindHeadCm: SHOULDERS_BEHIND_EARS_CM,
              pivotXCm: median(pivots)!,
            }
          : null,
      tiltRad: median(tilts) ?? 0,
      head: yaws.length > 0 ? { yaw: median(yaws)!, pitch: median(pitches)!, roll: median(rolls)! } : null,
      shoulderScores: scoresR.length > 0 ? { right: median(scoresR)!, left: median(scoresL)! } : null,
      dropPerForward: null,
    },
    warnings,
  };
}

function shoulderEdgeReason(
  r: ReturnType<typeof shoulderPoint>,
  l: ReturnType<typeof shoulderPoint>,
): string {
  if (!r || !l) return REASONS.shouldersFaint(!r && !l ? 'both' : r ? 'left' : 'right');
  if (!r.xOk || !l.xOk) return REASONS.shoulderCutAtSide(r.xOk ? 'left' : 'right');
  return REASONS.shouldersAtEdge(r.p.v < 0 ? 'top' : 'bottom');
}

/** Off-centre and tilted cameras: they do not stop calibration, but the person should know. */
function setupWarnings(
  heads: readonly HeadPose[],
  geometries: readonly FrameGeometry[],
  k: Intrinsics,
): string[] {
  const out: string[] = [];
  const centre = medianPoint(heads.map((h) => h.center));
  const sideways = Math.abs(centre.x / centre.z) * k.focalPx;
  if (sideways > k.widthPx * OFF_CENTRE_SHARE) {
    out.push(
      'You sit far to one side of the camera. Sit in front of it (or turn it towards you), so that leaning keeps you in the picture.',
    );
  }
  const rolls = heads.map((h) => h.roll);
  const tilts = geometries.flatMap((g) => (g.trunk?.tiltRad == null ? [] : [g.trunk.tiltRad]));
  const roll = median(rolls);
  const tilt = median(tilts);
  const limit = (TILTED_PICTURE_DEG * Math.PI) / 180;
  if (roll != null && tilt != null && Math.abs(roll) > limit && Math.abs(tilt) > limit && roll * tilt > 0) {
    out.push(
      'The picture is tilted: your eyes and shoulders both slant the same way. Level the camera (or sit level), then calibrate again.',
    );
  }
  return out;
}

/** Each face point's median place over the frames where it was clear. */
function medianFace(frames: readonly CalibrationFrame[], k: Intrinsics): Neutral['face'] {
  const face: Neutral['face'] = {};
  for (const name of HEAD_POINTS) {
    const points = frames.flatMap((f) => {
      const p = f.keypoints?.find(
        (x) => x.name === name && x.score >= DEFAULT_GEOMETRY_OPTIONS.minKeypointScore,
      );
      return p ? [toNorm(k, p.xPx, p.yPx)] : [];
    });
    if (points.length >= frames.length / 2) {
      face[name] = { u: median(points.map((p) => p.u))!, v: median(points.map((p) => p.v))! };
    }
  }
  return face;
}

/** The face detector's median points over the frames where it found the face (empty when in fewer than half). */
function medianDetectorFace(frames: readonly CalibrationFrame[], k: Intrinsics): Neutral['detectorFace'] {
  const found = frames.flatMap((f) => (f.face ? [detectorPoints(f.face, k)] : []));
  const out: Neutral['detectorFace'] = {};
  if (found.length < frames.length / 2) return out;
  for (const name of HEAD_POINTS) {
    const points = found.flatMap((p) => (p[name] ? [p[name]] : []));
    if (points.length >= found.length / 2) {
      out[name] = { u: median(points.map((p) => p.u))!, v: median(points.map((p) => p.v))! };
    }
  }
  return out;
}

/** The per-axis median of points. */
function medianPoint(points: readonly Vec3[]): Vec3 {
  return {
    x: median(points.map((c) => c.x)) ?? 0,
    y: median(points.map((c) => c.y)) ?? 0,
    z: median(points.map((c) => c.z)) ?? 0,
  };
}

/**
 * How far the head wandered: the largest distance between the median head
 * position of any third of the frames and that of all of them. Medians keep
 * keypoint jitter out; thirds catch both drifting and moving about.
 */
function drift(centres: readonly Vec3[]): number {
  const med = medianPoint;
  const all = med(centres);
  const n = centres.length;
  let worst = 0;
  for (let i = 0; i < DRIFT_PARTS; i++) {
    const part = centres.slice(Math.floor((i * n) / DRIFT_PARTS), Math.floor(((i + 1) * n) / DRIFT_PARTS));
    if (part.length === 0) continue;
    const m = med(part);
    worst = Math.max(worst, Math.hypot(m.x - all.x, m.y - all.y, m.z - all.z));
  }
  return worst;
}

function shoulderPoint(
  keypoints: readonly Keypoint[],
  name: 'left_shoulder' | 'right_shoulder',
  k: Intrinsics,
) {
  const o = shoulderObservation(keypoints, name, k);
  return o ? { p: o.point, xOk: o.xReliable, yOk: o.yReliable, score: o.score } : null;
}

/**
 * A stored neutral read back: returns it when it has this version's shape
 * and sane numbers, null otherwise (an old, foreign or corrupt record means
 * calibrating again, never a wrong verdict).
 */
export function restoreNeutral(raw: unknown): Neutral | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const n = raw as Partial<Neutral>;
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (
    n.version !== NEUTRAL_VERSION ||
    !finite(n.createdAtMs) ||
    !finite(n.fovDeg) ||
    !finite(n.screenDistanceCm)
  )
    return null;
  const c = n.camera;
  if (!c || typeof c.label !== 'string' || !finite(c.widthPx) || !finite(c.heightPx)) return null;
  const scale = restoreScale(n.scale);
  if (!scale) return null;
  if (typeof n.values !== 'object' || n.values === null) return null;
  const values = {} as Record<MetricKey, NeutralValue | null>;
  for (const key of METRIC_KEYS) {
    const v = (n.values as Record<string, unknown>)[key];
    if (v === null || v === undefined) values[key] = null;
    else if (
      typeof v === 'object' &&
      finite((v as NeutralValue).median) &&
      finite((v as NeutralValue).spread)
    ) {
      values[key] = { median: (v as NeutralValue).median, spread: (v as NeutralValue).spread };
    } else return null;
  }
  const strings = (xs: unknown): string[] =>
    Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string') : [];
  const unavailable: Partial<Record<MetricKey, string>> = {};
  if (typeof n.unavailable === 'object' && n.unavailable !== null) {
    for (const key of METRIC_KEYS) {
      const why = (n.unavailable as Record<string, unknown>)[key];
      if (typeof why === 'string') unavailable[key] = why;
    }
  }
  return {
    version: NEUTRAL_VERSION,
    createdAtMs: n.createdAtMs,
    camera: { label: c.label, widthPx: c.widthPx, heightPx: c.heightPx },
    fovDeg: n.fovDeg,
    focalScale: finite(n.focalScale) && n.focalScale > 0 ? n.focalScale : 1,
    knownEyeDistanceCm: finite(n.knownEyeDistanceCm) ? n.knownEyeDistanceCm : null,
    scale,
    values,
    screenDistanceCm: n.screenDistanceCm,
    headCenterCm:
      n.headCenterCm && finite(n.headCenterCm.x) && finite(n.headCenterCm.y) && finite(n.headCenterCm.z)
        ? { x: n.headCenterCm.x, y: n.headCenterCm.y, z: n.headCenterCm.z }
        : null,
    frames: finite(n.frames) ? n.frames : 0,
    // The readings are the ones with a neutral value, whatever was stored.
    readings: METRIC_KEYS.filter((key) => values[key] != null),
    unavailable,
    warnings: strings(n.warnings),
    face: restoreFace(n.face),
    detectorFace: restoreFace(n.detectorFace),
    guided: restoreGuided(n.guided),
  };
}

/** A stored guided result, or null when absent or not sane. */
function restoreGuided(raw: unknown): GuidedResult | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const g = raw as Partial<GuidedResult>;
  const numbers = (xs: unknown): number[] | null =>
    Array.isArray(xs) && xs.every((x) => typeof x === 'number' && Number.isFinite(x))
      ? (xs as number[])
      : null;
  const faceDepths = numbers(g.faceDepths);
  const axisTilts = numbers(g.axisTilts);
  if (!faceDepths || !axisTilts || typeof g.steps !== 'object' || g.steps === null) return null;
  const steps = {} as GuidedResult['steps'];
  for (const id of ['left', 'right', 'down', 'chin'] as const) {
    const o = (g.steps as Record<string, unknown>)[id];
    steps[id] = o === 'done' || o === 'missed' ? o : 'skipped';
  }
  const d = g.dropPerForward;
  const drop =
    d && Number.isFinite(d.least) && Number.isFinite(d.most) && d.least <= d.most
      ? { least: d.least, most: d.most }
      : null;
  return { faceDepths, axisTilts, dropPerForward: drop, steps };
}

function restoreFace(raw: unknown): Neutral['face'] {
  const face: Neutral['face'] = {};
  if (typeof raw !== 'object' || raw === null) return face;
  for (const name of HEAD_POINTS) {
    const p = (raw as Record<string, unknown>)[name] as Partial<NormPoint> | undefined;
    if (p && Number.isFinite(p.u) && Number.isFinite(p.v)) face[name] = { u: p.u!, v: p.v! };
  }
  return face;
}

function restoreScale(raw: unknown): BodyScale | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Partial<BodyScale>;
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!finite(s.shoulderHalfWidthCm) || s.shoulderHalfWidthCm <= 0 || !finite(s.tiltRad)) return null;
  if (s.trunkDepthCm != null && !(finite(s.trunkDepthCm) && s.trunkDepthCm > 0)) return null;
  let neck: BodyScale['neck'] = null;
  if (s.neck != null) {
    const k = s.neck;
    if (!finite(k.xCm) || !finite(k.yCm) || !finite(k.depthCm) || !finite(k.behindHeadCm)) return null;
    // A neutral stored before the pivot's place was kept: it is taken where the neck vector says.
    const pivotXCm = finite(k.pivotXCm) ? k.pivotXCm : 0;
    neck = { xCm: k.xCm, yCm: k.yCm, depthCm: k.depthCm, behindHeadCm: k.behindHeadCm, pivotXCm };
  }
  const h = s.head;
  if (h != null && !(finite(h.yaw) && finite(h.pitch) && finite(h.roll))) return null;
  const sc = s.shoulderScores;
  const d = s.dropPerForward;
  return {
    dropPerForward:
      d && Number.isFinite(d.least) && Number.isFinite(d.most) && d.least <= d.most
        ? { least: d.least, most: d.most }
        : null,
    shoulderHalfWidthCm: s.shoulderHalfWidthCm,
    neck,
    trunkDepthCm: s.trunkDepthCm ?? null,
    tiltRad: s.tiltRad,
    head: h ? { yaw: h.yaw, pitch: h.pitch, roll: h.roll } : null,
    shoulderScores: sc && finite(sc.right) && finite(sc.left) ? { right: sc.right, left: sc.left } : null,
  };
}
