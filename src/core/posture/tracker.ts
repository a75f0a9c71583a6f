/**
 * The per-frame posture pipeline, shared by the live app (in the worker) and
 * `npm run analyze`: keypoints → smoothing → head and shoulders in camera
 * space → metrics as deviations from the calibrated neutral, plus stillness
 * and the calibration flow. Time is passed in with each frame.
 */
import type { FaceLandmarks, Keypoint } from '../pose';
import { headOfPoints, type HeadReference } from './face-landmarks';
import { DEFAULT_FOV_DEG, deg, intrinsicsFor, type Intrinsics, type Vec3 } from './camera';
import {
  DEFAULT_CALIBRATION,
  finishCalibration,
  type CalibrationFrame,
  type CalibrationOutcome,
  type CameraIdentity,
  type Neutral,
} from './calibration';
import { GENERIC_FACE, headObservations, measureFrame, type FaceFit, type FrameGeometry } from './geometry';
import { solveHeadPose, type HeadObservations, type HeadPose } from './head-pose';
import { FaceDepthLearner } from './face-depth';
import { screenDistanceCm } from './metrics/distance';
import { METRICS } from './metrics/index';
import { METRIC_KEYS, READING_NAMES, type MetricKey } from './metrics/metric';
import { REASONS } from './reasons';
import { TrunkSteadier, UNCALIBRATED_SCALE, type Steady } from './trunk';
import { DEFAULT_GEOMETRY_OPTIONS } from './geometry';
import { DEFAULT_SMOOTHING, KeypointSmoother } from './smoothing';
import { DEFAULT_STILLNESS, StillnessMeter } from './stillness';

export interface PostureInput {
  tMs: number;
  frameWidth: number;
  frameHeight: number;
  /** Null when nobody is in view. */
  keypoints: readonly Keypoint[] | null;
  /** People counted in this frame, when a count was made. */
  people?: number | null;
  /** The head tracker's face detector's find in this frame, when it looked. */
  face?: FaceLandmarks | null;
}

export type CalibrationStatus =
  | { state: 'collecting'; progress: number; remainingMs: number }
  | { state: 'finished'; outcome: CalibrationOutcome };

export interface PostureSample {
  tMs: number;
  present: boolean;
  calibrated: boolean;
  /** Deviations from neutral; null with a reason in `reasons` when unknown. */
  metrics: Record<MetricKey, number | null>;
  reasons: Partial<Record<MetricKey | 'stillness', string>>;
  /** 0..1, 1 = has not moved over the last minutes; null until there are 10 s of data. */
  stillness: number | null;
  /** Absolute distance from the eyes to the screen, cm. */
  screenDistanceCm: number | null;
  /** Set while calibrating, and on the frame it ends. */
  calibration: CalibrationStatus | null;
  /** True when the frame size differs from the one calibrated with. */
  needsRecalibration: boolean;
  /**
   * Where the head is against where it was at calibration, cm (camera
   * space: x to the camera's right, y down, z away); null without a head or
   * a neutral that kept it. A passer-by shows up far from it.
   */
  headOffsetCm: Vec3 | null;
}

export interface TrackerOptions {
  fovDeg: number;
  smoothing: boolean;
}

const DEFAULT_TRACKER: Readonly<TrackerOptions> = Object.freeze({
  fovDeg: DEFAULT_FOV_DEG,
  smoothing: true,
});

interface Collecting {
  startMs: number;
  durationMs: number;
  camera: CameraIdentity | null;
  frames: CalibrationFrame[];
}

const referenceOf = (h: HeadPose | null): HeadReference | null =>
  h ? { center: h.center, orientation: { yaw: h.yaw, pitch: h.pitch, roll: h.roll } } : null;

export class PostureTracker {
  private neutral: Neutral | null = null;
  private readonly smoother = new KeypointSmoother(DEFAULT_SMOOTHING);
  private readonly stillness = new StillnessMeter(DEFAULT_STILLNESS);
  private previousHead: HeadPose | null = null;
  private readonly steadier = new TrunkSteadier();
  private readonly faceDepth = new FaceDepthLearner();
  private face: { forScale: number; neutral: Neutral | null; fit: FaceFit } | null = null;
  private intrinsics: Intrinsics | null = null;
  private collecting: Collecting | null = null;
  private options: TrackerOptions;

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = { ...DEFAULT_TRACKER, ...options };
  }

  setNeutral(neutral: Neutral | null): void {
    this.neutral = neutral;
    this.steadier.reset();
    if (!neutral) this.faceDepth.reset();
    if (neutral) this.options = { ...this.options, fovDeg: neutral.fovDeg };
    this.intrinsics = null;
  }

  getNeutral(): Neutral | null {
    return this.neutral;
  }

  setFov(fovDeg: number): void {
    this.options = { ...this.options, fovDeg };
    this.intrinsics = null;
  }

  /** Starts collecting calibration frames from the next frame on; `camera` null takes the frame size. */
  startCalibration(durationMs: number, camera: CameraIdentity | null = null): void {
    this.collecting = { startMs: Number.NaN, durationMs, camera, frames: [] };
  }

  cancelCalibration(): void {
    this.collecting = null;
  }

  get calibrating(): boolean {
    return this.collecting != null;
  }

  update(input: PostureInput): PostureSample {
    const k = this.intrinsicsFor(input.frameWidth, input.frameHeight);
    const keypoints =
      input.keypoints && this.options.smoothing
        ? this.smoother.smooth(input.keypoints, input.tMs)
        : input.keypoints;
    if (!input.keypoints) this.previousHead = null;
    const calibration = this.collect(input, keypoints);

    const neutral = this.neutral;
    const sizeChanged =
      neutral != null &&
      (neutral.camera.widthPx !== input.frameWidth || neutral.camera.heightPx !== input.frameHeight);
    const scale = neutral && !sizeChanged ? neutral.scale : UNCALIBRATED_SCALE;
    if (!input.keypoints) this.steadier.reset();
    const steady: Steady = (key, value) => this.steadier.next(input.tMs, key, value);
    const face = this.faceFit(neutral && !sizeChanged ? neutral : null);
    const calibrated = neutral && !sizeChanged ? neutral : null;
    const reference =
      calibrated?.headCenterCm && (face.neutralHead ?? calibrated.scale.head)
        ? { center: calibrated.headCenterCm, orientation: face.neutralHead ?? calibrated.scale.head! }
        : null;
    const g: FrameGeometry | null = keypoints
      ? measureFrame(keypoints, k, scale, {
          previousHead: this.previousHead,
          steady,
          face,
          landmarks: input.face ?? null,
          reference,
        })
      : null;
    if (g) this.previousHead = g.head;
    if (keypoints && g?.head && g.headTurn && neutral && !sizeChanged && !this.collecting) {
      const c = g.head.center;
      const n = face.neutralShift;
      this.faceDepth.observe(
        input.tMs,
        headObservations(keypoints, k),
        { ...g.head, center: { x: c.x + n.x, y: c.y + n.y, z: c.z + n.z } },
        g.headTurn,
        g.trunk?.mid.z ?? null,
        face.neutralHead ?? neutral.scale.head,
      );
    }
    if (g?.head) this.stillness.add(input.tMs, g.head.center, deg(g.head.yaw), deg(g.head.roll));

    const metrics = {} as Record<MetricKey, number | null>;
    const reasons: PostureSample['reasons'] = {};
    for (const key of METRIC_KEYS) {
      metrics[key] = null;
      if (!g) reasons[key] = REASONS.nobody;
      else if (!neutral) reasons[key] = REASONS.notCalibrated;
      else if (sizeChanged) reasons[key] = REASONS.resolutionChanged;
      else {
        const base = neutral.values[key];
        const r = METRICS[key].feature(g, scale);
        if (!base) reasons[key] = neutral.unavailable[key] ?? REASONS.notAtCalibration(READING_NAMES[key]);
        else if (r.value == null) reasons[key] = r.reason;
        else metrics[key] = METRICS[key].deviation(r.value, base.median);
      }
    }
    const still = this.stillness.stillness(input.tMs);
    if (still == null) reasons.stillness = 'needs 10 s of the head in view';
    const dist = g ? screenDistanceCm(g) : null;
    const home = neutral && !sizeChanged ? neutral.headCenterCm : null;
    const head = g?.head?.center;
    return {
      tMs: input.tMs,
      present: keypoints != null,
      calibrated: neutral != null && !sizeChanged,
      metrics,
      reasons,
      stillness: still,
      screenDistanceCm: dist?.value ?? null,
      calibration,
      needsRecalibration: sizeChanged,
      headOffsetCm: home && head ? { x: head.x - home.x, y: head.y - home.y, z: head.z - home.z } : null,
    };
  }

  reset(): void {
    this.smoother.reset();
    this.stillness.reset();
    this.steadier.reset();
    this.previousHead = null;
  }

  /** What is learnt of this person's face (face-depth.ts), and where it moves the calibrated head. */
  private faceFit(neutral: Neutral | null): FaceFit {
    const scale = this.faceDepth.scale;
    const spread = this.faceDepth.spread;
    const axisTiltRad = this.faceDepth.axisTilt;
    const cached = this.face;
    if (cached && cached.forScale === scale && cached.neutral === neutral) {
      return { ...cached.fit, spread, axisTiltRad };
    }
    const detectorRef = neutral ? referenceOf(headOfPoints(neutral.detectorFace, scale)) : null;
    let fit: FaceFit = {
      ...GENERIC_FACE,
      spread: scale === 1 ? spread : GENERIC_FACE.spread,
      axisTiltRad,
      detectorRef,
    };
    if (neutral && scale !== 1) {
      const obs: HeadObservations = {};
      for (const [name, point] of Object.entries(neutral.face)) {
        obs[name as keyof HeadObservations] = { point, weight: 1 };
      }
      const generic = solveHeadPose(obs, null, 1)?.center;
      const learnt = solveHeadPose(obs, null, scale);
      if (generic && learnt) {
        const c = learnt.center;
        fit = {
          depthScale: scale,
          spread,
          neutralShift: { x: c.x - generic.x, y: c.y - generic.y, z: c.z - generic.z },
          neutralHead: { yaw: learnt.yaw, pitch: learnt.pitch, roll: learnt.roll },
          axisTiltRad,
          detectorRef,
        };
      }
    }
    this.face = { forScale: scale, neutral, fit };
    return fit;
  }

  private intrinsicsFor(w: number, h: number): Intrinsics {
    const k = this.intrinsics;
    if (k && k.widthPx === w && k.heightPx === h) return k;
    this.intrinsics = intrinsicsFor(w, h, this.options.fovDeg);
    return this.intrinsics;
  }

  private collect(input: PostureInput, keypoints: readonly Keypoint[] | null): CalibrationStatus | null {
    const c = this.collecting;
    if (!c) return null;
    if (Number.isNaN(c.startMs)) c.startMs = input.tMs;
    c.frames.push({ tMs: input.tMs, keypoints, people: input.people ?? null, face: input.face ?? null });
    const elapsed = input.tMs - c.startMs;
    if (elapsed < c.durationMs) {
      return { state: 'collecting', progress: elapsed / c.durationMs, remainingMs: c.durationMs - elapsed };
    }
    this.collecting = null;
    const camera = c.camera ?? { label: '', widthPx: input.frameWidth, heightPx: input.frameHeight };
    const outcome = finishCalibration(
      c.frames,
      { ...camera, widthPx: input.frameWidth, heightPx: input.frameHeight },
      input.tMs,
      {
        ...DEFAULT_CALIBRATION,
        fovDeg: this.options.fovDeg,
      },
    );
    if (outcome.ok) this.setNeutral(outcome.neutral);
    return { state: 'finished', outcome };
  }
}
