import type { PoseFrameResult } from '../../src/core/pose';
import {
  KNOWN_DISTANCE_RANGE_CM,
  type CameraIdentity,
  type Neutral,
} from '../../src/core/posture/calibration';
import { PostureTracker, type PostureSample } from '../../src/core/posture/tracker';
import { GUIDED_STEPS } from '../../src/core/posture/guided';
import { PostureState, type AlertSnapshot } from '../../src/core/alerts/posture-state';
import type { AlertSettings } from '../../src/core/alerts/settings';
import {
  SamplingGovernor,
  type SamplingDecision,
  type SamplingOptions,
} from '../../src/core/sampling/governor';
import type { EngineConfig, EngineOptions } from './config';
import type { FrameLike } from './detector';
import { FrameStream } from './frame-stream';
import type { EngineInfo, EngineStats, PoseEngine } from './pose-engine';

/** A pose result with the posture read from it, and what the posture state made of it. */
export interface PostureFrameResult extends PoseFrameResult {
  posture: PostureSample;
  alerts: AlertSnapshot;
  /** The frame rate chosen for the frames after this one, and why. */
  sampling: SamplingDecision;
}

export interface StreamListener {
  onResult(result: PostureFrameResult): void;
  onError(message: string): void;
}

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
 * The worker's API: a handful of calls around one engine and the posture
 * tracker and posture state. Frames come either one at a time (`processFrame`, the frame
 * transferred and closed here) or as a stream handed over once
 * (`startStream`), whose results go to the one listener given with it. Every
 * result carries the posture read from it, so the page, the analyzer and the
 * tests all get the same numbers from the same code.
 */
export function createPoseApi(
  engine: PoseEngine,
  tracker: PostureTracker = new PostureTracker(),
  state: PostureState = new PostureState(),
  governor: SamplingGovernor = new SamplingGovernor(),
) {
  let stream: FrameStream | null = null;
  /** The options calibration changes, as they were before it. */
  let beforeCalibration: Partial<EngineOptions> = {};

  async function stopStream(): Promise<void> {
    const s = stream;
    stream = null;
    await s?.stop();
  }

  function withPosture(result: PoseFrameResult): PostureFrameResult {
    const posture = tracker.update({
      tMs: result.timestampMs,
      frameWidth: result.frameWidth,
      frameHeight: result.frameHeight,
      keypoints: result.pose?.keypoints ?? null,
      people: result.people,
      face: result.face,
    });
    if (posture.calibration?.state === 'finished') {
      engine.setOptions(beforeCalibration);
    }
    const alerts = state.update(posture);
    const sampling = governor.next(posture, alerts, tracker.calibrating);
    // Streamed frames closer together than this are dropped unseen, in the worker.
    if (sampling.intervalMs !== engine.getOptions().minFrameIntervalMs) {
      engine.setOptions({ minFrameIntervalMs: sampling.intervalMs });
    }
    return { ...result, posture, alerts, sampling };
  }

  return {
    init: (config: Partial<EngineConfig> = {}): Promise<EngineInfo> => engine.init(config),
    async processFrame(frame: FrameLike, timestampMs: number): Promise<PostureFrameResult | null> {
      const r = await engine.processFrame(frame, timestampMs);
      return r && withPosture(r);
    },
    setOptions: (partial: Partial<EngineOptions>): EngineOptions => engine.setOptions(partial),
    async startStream(readable: ReadableStream<VideoFrame>, listener: StreamListener): Promise<void> {
      await stopStream();
      stream = new FrameStream(
        engine,
        readable,
        (r) => listener.onResult(withPosture(r)),
        (m) => listener.onError(m),
      );
    },
    stopStream,
    /** Uses `neutral` from now on (null forgets it). */
    setNeutral(neutral: Neutral | null): void {
      tracker.setNeutral(neutral);
    },
    /**
     * Collects the next `durationMs` of frames as the neutral posture; the
     * outcome arrives in the result of the frame that ends it
     * (`posture.calibration`). People are counted meanwhile, and the model
     * runs on every frame (no pose is reused from a still picture: the
     * neutral posture is the mean of real estimates). `guided`: the still
     * part is followed by the guided moves (core/posture/guided.ts), and
     * the outcome arrives after them.
     */
    startCalibration(durationMs: number, camera: CameraIdentity | null = null, guided = false): void {
      if (!tracker.calibrating) {
        const { countPeopleEveryMs, reuseStillMs, trackHeadMs } = engine.getOptions();
        beforeCalibration = { countPeopleEveryMs, reuseStillMs, trackHeadMs };
      }
      engine.setOptions(CALIBRATION_OPTIONS);
      tracker.startCalibration(durationMs, camera, guided ? GUIDED_STEPS : null);
    },
    /** Ends the guided moves of a calibration now; it finishes with what they measured so far. */
    skipGuided(): void {
      tracker.skipGuided();
    },
    cancelCalibration(): void {
      if (tracker.calibrating) engine.setOptions(beforeCalibration);
      tracker.cancelCalibration();
    },
    /** The camera's diagonal field of view, degrees (it scales every centimetre reading). */
    setFov(fovDeg: number): void {
      tracker.setFov(fovDeg);
    },
    /**
     * The eyes' distance to the screen as the person measured it, cm (null:
     * not known): the next calibration takes its scale from it. Throws
     * outside KNOWN_DISTANCE_RANGE_CM.
     */
    setKnownEyeDistance(cm: number | null): void {
      tracker.setKnownEyeDistance(checkKnownDistance(cm));
    },
    /** Alert settings from the next frame on (merged over the current ones); throws on a bad value. */
    setAlertSettings: (partial: Partial<AlertSettings>): AlertSettings => state.setSettings(partial),
    /** Holds alerts for `durationMs` (0 ends the snooze); returns the frame time it ends at. */
    snooze: (durationMs: number): number | null => state.snooze(durationMs),
    /** Stops judging posture until resume(). */
    pause: (): void => state.pause(),
    resume: (): void => state.resume(),
    /** How the frame rate adapts (see core/sampling/governor.ts); throws on a bad value. */
    setSampling: (partial: Partial<SamplingOptions>): SamplingOptions => governor.setOptions(partial),
    /** On battery, rates are scaled down. */
    setOnBattery: (onBattery: boolean): void => governor.setOnBattery(onBattery),
    stats: (): EngineStats => engine.stats(),
    async dispose(): Promise<void> {
      await stopStream();
      engine.dispose();
    },
  };
}

export type PoseApi = ReturnType<typeof createPoseApi>;
