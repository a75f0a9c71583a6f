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
import { TrunkSteadier, UNCALIBRATED_SCALE, type BodyScale } from './trunk';
import {
  GUIDED_STEPS,
  GuidedCalibration,
  type GuidedResult,
  type GuidedStatus,
  type GuidedStep,
  type GuidedStepId,
  type StepOutcome,
} from './guided';
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
  | { state: 'guided'; guided: GuidedStatus }
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
  /** The eyes' distance to the screen the person measured, cm; null: not told. Used by the next calibration. */
  knownEyeDistanceCm: number | null;
}

const DEFAULT_TRACKER: Readonly<TrackerOptions> = Object.freeze({
  fovDeg: DEFAULT_FOV_DEG,
  smoothing: true,
  knownEyeDistanceCm: null,
});

interface Collecting {
  startMs: number;
  durationMs: number;
  camera: CameraIdentity | null;
  frames: CalibrationFrame[];
  /** The guided moves to ask for after the still part; null: none. */
  guided: readonly GuidedStep[] | null;
}

/** The guided moves measured the face well enough with this many held frames. */
const GUIDED_ENOUGH = 10;

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
  private guided: { run: GuidedCalibration; neutral: Neutral } | null = null;
  private options: TrackerOptions;

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = { ...DEFAULT_TRACKER, ...options };
  }

  setNeutral(neutral: Neutral | null): void {
    this.neutral = neutral;
    this.steadier.reset();
    if (!neutral) this.faceDepth.reset();
    if (neutral?.guided) {
      const g = neutral.guided;
      this.faceDepth.reset();
      // Enough held turns and nods measured the face: glances in passing add nothing to them.
      this.faceDepth.seed(g.faceDepths, g.axisTilts, g.faceDepths.length >= GUIDED_ENOUGH);
    }
    if (neutral) this.options = { ...this.options, fovDeg: neutral.fovDeg };
    this.intrinsics = null;
  }

  getNeutral(): Neutral | null {
    return this.neutral;
  }

  /** Dates the neutral in use (the wall clock's time, which frames' times are not). */
  dateNeutral(createdAtMs: number): Neutral | null {
    if (this.neutral) this.neutral = { ...this.neutral, createdAtMs };
    return this.neutral;
  }

  /** The field of view readings are scaled with now, degrees. */
  get fovDeg(): number {
    return this.options.fovDeg;
  }

  /** The eyes' distance to the screen, measured by the person (null: not known); taken by the next calibration. */
  setKnownEyeDistance(cm: number | null): void {
    this.options = { ...this.options, knownEyeDistanceCm: cm };
  }

  setFov(fovDeg: number): void {
    this.options = { ...this.options, fovDeg };
    this.intrinsics = null;
  }

  /**
   * Starts collecting calibration frames from the next frame on; `camera`
   * null takes the frame size. With `guided` steps, the still part is
   * followed by those moves (guided.ts), and the calibration finishes after
   * them.
   */
  startCalibration(
    durationMs: number,
    camera: CameraIdentity | null = null,
    guided: readonly GuidedStep[] | null = null,
  ): void {
    this.guided = null;
    this.collecting = { startMs: Number.NaN, durationMs, camera, frames: [], guided };
  }

  /** Ends the guided moves now: the calibration finishes on the next frame with what they measured so far. */
  skipGuided(): void {
    this.guided?.run.skip();
  }

  cancelCalibration(): void {
    this.collecting = null;
    this.guided = null;
  }

  /** True from startCalibration until the calibration finishes (the still part and any guided moves). */
  get calibrating(): boolean {
    return this.collecting != null || this.guided != null;
  }

  update(input: PostureInput): PostureSample {
    const k = this.intrinsicsFor(input.frameWidth, input.frameHeight);
    const keypoints =
      input.keypoints && this.options.smoothing
        ? this.smoother.smooth(input.keypoints, input.tMs)
        : input.keypoints;
    if (!input.keypoints) {
      this.previousHead = null;
      this.steadier.reset();
    }
    const collected = this.collect(input, keypoints);
    const context = this.frameContext(input);
    const g: FrameGeometry | null = keypoints
      ? measureFrame(keypoints, k, context.scale, {
          previousHead: this.previousHead,
          steady: (key, value) => this.steadier.next(input.tMs, key, value),
          face: context.face,
          landmarks: input.face ?? null,
          reference: context.reference,
        })
      : null;
    if (g) this.previousHead = g.head;
    const obs = keypoints ? headObservations(keypoints, k) : null;
    const calibration = collected ?? this.guidedStep(input.tMs, g, obs);
    if (obs && g && context.calibrated && !this.calibrating) this.learnFace(input.tMs, obs, g, context);
    if (g?.head) this.stillness.add(input.tMs, g.head.center, deg(g.head.yaw), deg(g.head.roll));
    const { metrics, reasons } = this.readings(g, context);
    const still = this.stillness.stillness(input.tMs);
    if (still == null) reasons.stillness = 'needs 10 s of the head in view';
    const home = context.calibrated?.headCenterCm ?? null;
    const head = g?.head?.center;
    return {
      tMs: input.tMs,
      present: keypoints != null,
      calibrated: context.calibrated != null,
      metrics,
      reasons,
      stillness: still,
      screenDistanceCm: g ? (screenDistanceCm(g).value ?? null) : null,
      calibration,
      needsRecalibration: context.sizeChanged,
      headOffsetCm: home && head ? { x: head.x - home.x, y: head.y - home.y, z: head.z - home.z } : null,
    };
  }

  /** What this frame is measured against: the neutral (when it fits the frame), the body's scale, the face. */
  private frameContext(input: PostureInput): FrameContext {
    const neutral = this.neutral;
    const sizeChanged =
      neutral != null &&
      (neutral.camera.widthPx !== input.frameWidth || neutral.camera.heightPx !== input.frameHeight);
    const calibrated = neutral && !sizeChanged ? neutral : null;
    const face = this.faceFit(calibrated);
    const orientation = face.neutralHead ?? calibrated?.scale.head ?? null;
    return {
      neutral,
      calibrated,
      sizeChanged,
      scale: calibrated ? calibrated.scale : UNCALIBRATED_SCALE,
      face,
      reference:
        calibrated?.headCenterCm && orientation ? { center: calibrated.headCenterCm, orientation } : null,
    };
  }

  /** Every metric of the frame against the neutral, or why it is unknown. */
  private readings(g: FrameGeometry | null, c: FrameContext): Pick<PostureSample, 'metrics' | 'reasons'> {
    const metrics = {} as Record<MetricKey, number | null>;
    const reasons: PostureSample['reasons'] = {};
    for (const key of METRIC_KEYS) {
      metrics[key] = null;
      if (!g) reasons[key] = REASONS.nobody;
      else if (!c.neutral) reasons[key] = REASONS.notCalibrated;
      else if (c.sizeChanged) reasons[key] = REASONS.resolutionChanged;
      else {
        const base = c.neutral.values[key];
        const r = METRICS[key].feature(g, c.scale);
        if (!base) reasons[key] = c.neutral.unavailable[key] ?? REASONS.notAtCalibration(READING_NAMES[key]);
        else if (r.value == null) reasons[key] = r.reason;
        else metrics[key] = METRICS[key].deviation(r.value, base.median);
      }
    }
    return { metrics, reasons };
  }

  /** Glances aside and down while working teach the face's depth (face-depth.ts). */
  private learnFace(tMs: number, obs: HeadObservations, g: FrameGeometry, c: FrameContext): void {
    if (!g.head || !g.headTurn || !c.calibrated) return;
    const h = g.head.center;
    const n = c.face.neutralShift;
    this.faceDepth.observe(
      tMs,
      obs,
      { ...g.head, center: { x: h.x + n.x, y: h.y + n.y, z: h.z + n.z } },
      g.headTurn,
      g.trunk?.mid.z ?? null,
      c.face.neutralHead ?? c.calibrated.scale.head,
    );
  }

  /** The guided moves after the still part (guided.ts): this frame's step, or the finished calibration. */
  private guidedStep(
    tMs: number,
    g: FrameGeometry | null,
    obs: HeadObservations | null,
  ): CalibrationStatus | null {
    const guided = this.guided;
    if (!guided) return null;
    const frame =
      g?.head && g.headTurn && obs
        ? { tMs, obs, head: g.head, turn: g.headTurn, trunkDepthCm: g.trunk?.mid.z ?? null }
        : null;
    const status = guided.run.add(tMs, frame);
    if (status) return { state: 'guided', guided: status };
    this.guided = null;
    const neutral = withGuided(guided.neutral, guided.run.result());
    this.setNeutral(neutral);
    return { state: 'finished', outcome: { ok: true, neutral } };
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
    this.intrinsics = intrinsicsFor(w, h, this.options.fovDeg, this.neutral?.focalScale ?? 1);
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
        knownEyeDistanceCm: this.options.knownEyeDistanceCm,
      },
    );
    if (!outcome.ok) return { state: 'finished', outcome };
    this.setNeutral(outcome.neutral);
    if (!c.guided) return { state: 'finished', outcome };
    // The guided moves are measured from scratch: what was learnt of another sitting does not count.
    this.faceDepth.reset();
    const n = outcome.neutral;
    const face: HeadObservations = {};
    for (const [name, point] of Object.entries(n.face))
      face[name as keyof HeadObservations] = { point, weight: 1 };
    const run = new GuidedCalibration(
      {
        head: n.headCenterCm ?? { x: 0, y: 0, z: 0 },
        orientation: n.scale.head!,
        trunkDepthCm: n.scale.trunkDepthCm,
        face,
      },
      c.guided,
    );
    this.guided = { run, neutral: n };
    return { state: 'guided', guided: run.add(input.tMs, null)! };
  }
}

/** The neutral with what the guided moves measured, and a warning when the moves the app needs were not all made. */
function withGuided(neutral: Neutral, result: GuidedResult): Neutral {
  const missing = (Object.entries(result.steps) as [GuidedStepId, StepOutcome][]).filter(
    ([id, o]) => o !== 'done' && !GUIDED_STEPS.find((s) => s.id === id)?.optional,
  );
  const warnings = missing.length
    ? [
        ...neutral.warnings,
        `The guided moves were not all made (${missing.map(([id]) => GUIDED_STEP_NAMES[id]).join(', ')}): your face's depth is learnt from your glances as you work instead, and head forward stays unknown while your head is turned or nodded far until then.`,
      ]
    : neutral.warnings;
  return {
    ...neutral,
    guided: result,
    warnings,
    scale: { ...neutral.scale, dropPerForward: result.dropPerForward },
  };
}

/** The guided steps in words (for a calibration's warnings). */
export const GUIDED_STEP_NAMES: Readonly<Record<GuidedStepId, string>> = Object.freeze({
  left: 'looking at the left edge',
  right: 'looking at the right edge',
  down: 'looking at the keyboard',
  chin: 'the chin forward and back',
});

interface FrameContext {
  neutral: Neutral | null;
  /** The neutral when it was taken at this frame's size. */
  calibrated: Neutral | null;
  sizeChanged: boolean;
  scale: BodyScale;
  face: FaceFit;
  reference: HeadReference | null;
}
