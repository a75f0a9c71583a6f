/**
 * The worker's side of the page-worker contract (src/protocol): one engine,
 * the posture tracker and the posture state behind the calls the page
 * makes. Frames come either one at a time (`processFrame`, the frame
 * transferred and closed here) or as a stream handed over once
 * (`startStream`), whose results go to the one listener given with it. Every
 * result carries the posture read from it, so the page, the analyzer and the
 * tests all get the same numbers from the same code.
 */
import type { PoseFrameResult } from '../../src/core/pose';
import { KNOWN_DISTANCE_RANGE_CM, type Neutral } from '../../src/core/posture/calibration';
import { sameFov } from '../../src/core/posture/fov';
import { PostureTracker, type PostureSample } from '../../src/core/posture/tracker';
import { GUIDED_STEPS } from '../../src/core/posture/guided';
import { PostureState } from '../../src/core/alerts/posture-state';
import { SamplingGovernor } from '../../src/core/sampling/governor';
import type {
  EngineOptions,
  NeutralOffer,
  PoseWorkerProtocol,
  PostureFrameResult,
} from '../../src/protocol/pose-protocol';
import { DEFAULT_ENGINE_OPTIONS, resolveEngineOptions } from './config';
import { FrameStream } from './frame-stream';
import type { PoseEngine } from './pose-engine';

function checkKnownDistance(cm: number | null): number | null {
  if (cm === null) return null;
  const [lo, hi] = KNOWN_DISTANCE_RANGE_CM;
  if (!(Number.isFinite(cm) && cm >= lo && cm <= hi)) {
    throw new Error(`the distance to the screen must be ${lo} to ${hi} cm, got ${cm}`);
  }
  return cm;
}

/** While calibrating, people are counted every 300 ms and the model runs on every frame. */
const CALIBRATION_OPTIONS: Readonly<Partial<EngineOptions>> = {
  countPeopleEveryMs: 300,
  reuseStillMs: 0,
  trackHeadMs: 0,
};

/**
 * How often people are counted while the page says whether it is seen, ms:
 * once a minute while it is (it says how many), every five minutes while it
 * is hidden. A count runs a second, larger model (about 190 ms of a core here).
 */
const COUNT_PEOPLE_EVERY_MS = 60_000;
const COUNT_PEOPLE_HIDDEN_EVERY_MS = 300_000;
/**
 * How long a held pose (head tracker, still picture) may be reused before
 * the model looks again, ms: 10 s while the page is seen, 30 s while it is
 * hidden (an alert needs 30 s of a held posture; nothing is drawn).
 */
const HOLD_POSE_MS = 10_000;
const HOLD_POSE_HIDDEN_MS = 30_000;

/** The engine options that follow the page's visibility. */
function visibilityOptions(hidden: boolean): Partial<EngineOptions> {
  const holdMs = hidden ? HOLD_POSE_HIDDEN_MS : HOLD_POSE_MS;
  return {
    countPeopleEveryMs: hidden ? COUNT_PEOPLE_HIDDEN_EVERY_MS : COUNT_PEOPLE_EVERY_MS,
    trackHeadMs: holdMs,
    reuseStillMs: holdMs,
  };
}

/**
 * The engine's options in layers, the later over the earlier: the page's
 * visibility (once it has told it), those set through the API, calibration's
 * while it runs, and the frame interval the governor chose. A layer that ends
 * leaves the ones below as they were set, whatever was set meanwhile.
 */
export class EngineOptionLayers {
  private visibility: Partial<EngineOptions> = {};
  private base: Partial<EngineOptions> = {};
  private calibrating = false;
  private intervalMs: number | null = null;

  constructor(private readonly engine: PoseEngine) {}

  /** Throws on a bad value, and then changes nothing. */
  set(partial: Partial<EngineOptions>): EngineOptions {
    resolveEngineOptions(this.engine.getOptions(), partial);
    this.base = { ...this.base, ...partial };
    return this.apply();
  }

  setPageHidden(hidden: boolean): void {
    this.visibility = visibilityOptions(hidden);
    this.apply();
  }

  setCalibrating(on: boolean): void {
    if (on === this.calibrating) return;
    this.calibrating = on;
    this.apply();
  }

  /** Streamed frames closer together than this are dropped unseen, in the worker. */
  setFrameInterval(ms: number): void {
    if (ms === this.intervalMs) return;
    this.intervalMs = ms;
    this.apply();
  }

  private apply(): EngineOptions {
    return this.engine.setOptions({
      ...DEFAULT_ENGINE_OPTIONS,
      ...this.visibility,
      ...this.base,
      ...(this.calibrating ? CALIBRATION_OPTIONS : {}),
      ...(this.intervalMs === null ? {} : { minFrameIntervalMs: this.intervalMs }),
    });
  }
}

/** The parts behind the API; `now` is the wall clock, which dates a new neutral. */
export interface PoseApiParts {
  tracker?: PostureTracker;
  state?: PostureState;
  governor?: SamplingGovernor;
  now?: () => number;
}

/** The API the worker exposes: it satisfies the page's contract. */
export function createPoseApi(engine: PoseEngine, parts: PoseApiParts = {}) {
  const {
    tracker = new PostureTracker(),
    state = new PostureState(),
    governor = new SamplingGovernor(),
  } = parts;
  const now = parts.now ?? (() => Date.now());
  const options = new EngineOptionLayers(engine);
  let stream: FrameStream | null = null;

  async function stopStream(): Promise<void> {
    const s = stream;
    stream = null;
    await s?.stop();
  }

  function withPosture(result: PoseFrameResult): PostureFrameResult {
    const posture = datedNeutral(
      tracker.update({
        tMs: result.timestampMs,
        frameWidth: result.frameWidth,
        frameHeight: result.frameHeight,
        keypoints: result.pose?.keypoints ?? null,
        people: result.people,
        face: result.face,
      }),
    );
    if (posture.calibration?.state === 'finished') options.setCalibrating(false);
    const alerts = state.update(posture);
    const sampling = governor.next(posture, alerts, tracker.calibrating);
    options.setFrameInterval(sampling.intervalMs);
    return { ...result, posture, alerts, sampling };
  }

  /** A calibration that ended well: its neutral dated by the wall clock, here and in the result the page stores. */
  function datedNeutral(posture: PostureSample): PostureSample {
    const c = posture.calibration;
    if (c?.state !== 'finished' || !c.outcome.ok) return posture;
    const neutral = tracker.dateNeutral(now()) ?? c.outcome.neutral;
    return { ...posture, calibration: { ...c, outcome: { ...c.outcome, neutral } } };
  }

  return {
    init: (config) => engine.init(config),
    async processFrame(frame, timestampMs) {
      const r = await engine.processFrame(frame, timestampMs);
      return r && withPosture(r);
    },
    setEngineOptions: (partial) => options.set(partial),
    setPageHidden(hidden) {
      options.setPageHidden(hidden);
      governor.setPageHidden(hidden);
    },
    async startStream(readable, listener) {
      await stopStream();
      stream = new FrameStream(
        engine,
        readable,
        (r) => listener.onResult(withPosture(r)),
        (m) => listener.onError(m),
      );
    },
    stopStream,
    ...neutralCalls(tracker, options),
    setKnownEyeDistance: (cm) => tracker.setKnownEyeDistance(checkKnownDistance(cm)),
    setAlertSettings: (partial) => state.setSettings(partial),
    snooze: (durationMs) => state.snooze(durationMs),
    pause: () => state.pause(),
    resume: () => state.resume(),
    setSampling: (partial) => governor.setOptions(partial),
    setOnBattery: (onBattery) => governor.setOnBattery(onBattery),
    stats: () => engine.stats(),
    async dispose() {
      await stopStream();
      engine.dispose();
    },
  } satisfies PoseWorkerProtocol;
}

type NeutralCalls = Pick<
  PoseWorkerProtocol,
  'offerNeutral' | 'forgetNeutral' | 'startCalibration' | 'skipGuided' | 'cancelCalibration' | 'setFov'
>;

/** The calls around the neutral and the field of view, both of which the tracker holds. */
function neutralCalls(tracker: PostureTracker, options: EngineOptionLayers): NeutralCalls {
  return {
    offerNeutral(neutral: Neutral, cameraLabel: string): NeutralOffer {
      if (neutral.camera.label && cameraLabel && neutral.camera.label !== cameraLabel) {
        tracker.setNeutral(null);
        return { used: false, why: 'other-camera' };
      }
      if (!sameFov(neutral.fovDeg, tracker.fovDeg)) {
        tracker.setNeutral(null);
        return { used: false, why: 'fov-changed' };
      }
      tracker.setNeutral(neutral);
      return { used: true };
    },
    forgetNeutral: () => tracker.setNeutral(null),
    startCalibration(durationMs, camera = null, guided = false) {
      // People are counted meanwhile, and the model runs on every frame: the neutral is the mean of real estimates.
      options.setCalibrating(true);
      tracker.startCalibration(durationMs, camera, guided ? GUIDED_STEPS : null);
    },
    skipGuided: () => tracker.skipGuided(),
    cancelCalibration() {
      options.setCalibrating(false);
      tracker.cancelCalibration();
    },
    setFov(fovDeg) {
      tracker.setFov(fovDeg);
      const neutral = tracker.getNeutral();
      const neutralDropped = neutral !== null && !sameFov(neutral.fovDeg, fovDeg);
      if (neutralDropped) tracker.setNeutral(null);
      return { fovDeg, neutralDropped };
    },
  };
}
