/**
 * Calibration: the person sits upright, looks at the screen and holds still
 * for a few seconds; the median of those frames becomes their neutral, with
 * its spread. It also measures the person: their shoulder width and the
 * shoulders' height below the camera, in centimetres, taking the ears to be
 * straight above the shoulders when upright (the one posture assumption the
 * app makes). Refused, with the reason, when nobody or more than one person is
 * in view, the needed points are unclear, or the person moved.
 */
import type { Keypoint, KeypointName } from '../pose';
import { HEAD_POINTS } from './body';
import { DEFAULT_FOV_DEG, intrinsicsFor, toNorm, type Intrinsics, type Vec3 } from './camera';
import { DEFAULT_GEOMETRY_OPTIONS, measureFrame, type FrameGeometry } from './geometry';
import { METRICS } from './metrics/index';
import { METRIC_KEYS, type MetricKey } from './metrics/metric';
import { screenDistanceCm } from './metrics/distance';
import { median } from '../rate';
import type { BodyScale } from './shoulders';
import { SHOULDER_WIDTH_CM } from './body';

export const NEUTRAL_VERSION = 1;

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
  fovDeg: number;
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
}

export interface CalibrationOptions {
  fovDeg: number;
  /** Share of frames that must show a person. */
  minPresentShare: number;
  /** Share of frames with the needed points clear. */
  minClearShare: number;
  /** Share of counted frames with two or more people that refuses. */
  maxCrowdShare: number;
  /** Largest head movement allowed: how far the median head position of any third of the frames is from the overall one, cm. */
  maxMovementCm: number;
  /** Largest head turn or tilt spread allowed, degrees. */
  maxTurnDeg: number;
}

export const DEFAULT_CALIBRATION: Readonly<CalibrationOptions> = Object.freeze({
  fovDeg: DEFAULT_FOV_DEG,
  minPresentShare: 0.6,
  minClearShare: 0.6,
  maxCrowdShare: 0.2,
  maxMovementCm: 1.5,
  maxTurnDeg: 4,
});

const NEEDED: readonly KeypointName[] = [...HEAD_POINTS, 'left_shoulder', 'right_shoulder'];
const MAD_TO_SD = 1.4826;

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

function unclearPoints(frames: readonly CalibrationFrame[], minScore: number): KeypointName[] {
  return NEEDED.filter((name) => {
    const clear = frames.filter((f) =>
      f.keypoints?.some((k) => k.name === name && k.score >= minScore),
    ).length;
    return clear < frames.length * 0.6;
  });
}

function describeUnclear(names: readonly KeypointName[]): string {
  const shoulders = names.some((n) => n.endsWith('shoulder'));
  const face = names.some((n) => !n.endsWith('shoulder'));
  if (shoulders && !face) {
    return 'Your shoulders were not clear enough. Sit back a little or tilt the camera down so both shoulders show, then try again.';
  }
  if (face && !shoulders) {
    return 'Your face was not clear enough. Face the camera with your face lit and your ears uncovered, then try again.';
  }
  return 'Your face and shoulders were not clear enough. Sit facing the camera in good light with your head and both shoulders in view, then try again.';
}

/** Turns the collected frames into a neutral, or says why not. */
export function finishCalibration(
  frames: readonly CalibrationFrame[],
  camera: CameraIdentity,
  nowMs: number,
  options: CalibrationOptions = DEFAULT_CALIBRATION,
): CalibrationOutcome {
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
  const k = intrinsicsFor(camera.widthPx, camera.heightPx, options.fovDeg);
  const minScore = DEFAULT_GEOMETRY_OPTIONS.minKeypointScore;
  const unclear = unclearPoints(present, minScore);
  if (unclear.length > 0) return refuse('weak-keypoints', describeUnclear(unclear));

  // Measure the person: shoulders at the ears' depth.
  const defaultScale: BodyScale = { shoulderHalfWidthCm: SHOULDER_WIDTH_CM / 2, shoulderHeightCm: null };
  const first = present.map((f) => ({ f, g: measureFrame(f.keypoints!, k, defaultScale) }));
  const widths: number[] = [];
  const heights: number[] = [];
  for (const { f, g } of first) {
    if (!g.head) continue;
    const r = shoulderNorm(f.keypoints!, 'right_shoulder', k);
    const l = shoulderNorm(f.keypoints!, 'left_shoulder', k);
    if (!r || !l) continue;
    const z = g.head.center.z;
    if (g.shoulderXReliable)
      widths.push((z * Math.hypot(l.u - r.u, g.shoulderYReliable ? l.v - r.v : 0)) / 2);
    if (g.shoulderYReliable) heights.push((z * (l.v + r.v)) / 2);
  }
  const halfWidth = median(widths);
  if (halfWidth == null || widths.length < present.length * options.minClearShare) {
    return refuse('weak-keypoints', describeUnclear(['left_shoulder']));
  }
  const heightCm = heights.length >= present.length * options.minClearShare ? median(heights) : null;
  const scale: BodyScale = { shoulderHalfWidthCm: halfWidth, shoulderHeightCm: heightCm };

  // Re-measure with this person's scale, and check they held still.
  let previous = null;
  const geometries: FrameGeometry[] = [];
  for (const f of present) {
    const g = measureFrame(f.keypoints!, k, scale, previous);
    previous = g.head;
    geometries.push(g);
  }
  const heads = geometries.flatMap((g) => (g.head ? [g.head] : []));
  const movement = drift(heads.map((h) => h.center));
  const turn = Math.max(
    robust(heads.map((h) => h.yaw))?.spread ?? 0,
    robust(heads.map((h) => h.roll))?.spread ?? 0,
  );
  if (movement > options.maxMovementCm || (turn * 180) / Math.PI > options.maxTurnDeg) {
    return refuse(
      'moved',
      `You moved during calibration (about ${movement.toFixed(1)} cm). Sit upright, look at the screen and hold still until the countdown ends.`,
    );
  }

  const values = {} as Record<MetricKey, NeutralValue | null>;
  for (const key of METRIC_KEYS) {
    const xs = geometries.flatMap((g) => {
      const r = METRICS[key].feature(g, scale);
      return r.value == null ? [] : [r.value];
    });
    values[key] = xs.length >= geometries.length * options.minClearShare ? robust(xs) : null;
  }
  const distances = geometries.flatMap((g) => {
    const r = screenDistanceCm(g);
    return r.value == null ? [] : [r.value];
  });
  return {
    ok: true,
    neutral: {
      version: NEUTRAL_VERSION,
      createdAtMs: nowMs,
      camera,
      fovDeg: options.fovDeg,
      scale,
      values,
      screenDistanceCm: median(distances) ?? 0,
      headCenterCm: medianPoint(heads.map((h) => h.center)),
      frames: present.length,
    },
  };
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
  for (let i = 0; i < 3; i++) {
    const part = centres.slice(Math.floor((i * n) / 3), Math.floor(((i + 1) * n) / 3));
    if (part.length === 0) continue;
    const m = med(part);
    worst = Math.max(worst, Math.hypot(m.x - all.x, m.y - all.y, m.z - all.z));
  }
  return worst;
}

function shoulderNorm(keypoints: readonly Keypoint[], name: KeypointName, k: Intrinsics) {
  const p = keypoints.find((x) => x.name === name && x.score >= DEFAULT_GEOMETRY_OPTIONS.minKeypointScore);
  return p ? toNorm(k, p.xPx, p.yPx) : null;
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
  const s = n.scale;
  if (!s || !finite(s.shoulderHalfWidthCm) || s.shoulderHalfWidthCm <= 0) return null;
  if (s.shoulderHeightCm !== null && !finite(s.shoulderHeightCm)) return null;
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
  return {
    version: NEUTRAL_VERSION,
    createdAtMs: n.createdAtMs,
    camera: { label: c.label, widthPx: c.widthPx, heightPx: c.heightPx },
    fovDeg: n.fovDeg,
    scale: { shoulderHalfWidthCm: s.shoulderHalfWidthCm, shoulderHeightCm: s.shoulderHeightCm ?? null },
    values,
    screenDistanceCm: n.screenDistanceCm,
    headCenterCm:
      n.headCenterCm && finite(n.headCenterCm.x) && finite(n.headCenterCm.y) && finite(n.headCenterCm.z)
        ? { x: n.headCenterCm.x, y: n.headCenterCm.y, z: n.headCenterCm.z }
        : null,
    frames: finite(n.frames) ? n.frames : 0,
  };
}
