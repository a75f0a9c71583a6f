/**
 * The contract between the page and the pose worker, imported by both
 * sides: what the page may ask of the worker (`PoseWorkerProtocol`, which
 * the worker's API satisfies), and the plain data that comes back. It is
 * versioned by its types alone: the page and the worker are built together
 * from this one file, so a change here that one side does not follow fails
 * the type check.
 *
 * Who owns what: the worker owns the engine's options, the neutral posture
 * and the camera's field of view. The page sends intents (a setting, a
 * stored neutral offered for this camera, the page hidden or shown) and
 * renders what comes back; what it keeps for the next visit it takes from
 * the worker's answers and results.
 */
import type { BackendChoice, BackendName, EngineName, PoseFrameResult } from '../core/pose';
import type { PostureSample } from '../core/posture/tracker';
import type { CameraIdentity, Neutral } from '../core/posture/calibration';
import type { AlertSnapshot } from '../core/alerts/posture-state';
import type { AlertSettings } from '../core/alerts/settings';
import type { SamplingDecision, SamplingOptions } from '../core/sampling/governor';

/** What a frame can be: both close() after use and cross postMessage as transferables. */
export type FrameLike = VideoFrame | ImageBitmap;

export interface EngineConfig {
  /** Which model runs. Default `movenet-lightning`. */
  engine: EngineName;
  /** `auto` picks WebGL on a real GPU and wasm otherwise. Default `auto`. */
  backend: BackendChoice;
  /** Where the model files are served. Default `<base>/models/`. */
  modelBaseUrl: string;
  /**
   * MoveNet's input, pixels square (a multiple of 32); null: the engine's own
   * default (160 for Lightning, 256 for Thunder). Other engines ignore it.
   */
  inputPx: number | null;
}

export interface EngineOptions {
  /** Mean score of face and shoulder points below which nobody is in view. Default MIN_SCORE (0.3). */
  minPoseScore: number;
  /** Crop to the person's region found in the previous frame. Default true. */
  trackCrop: boolean;
  /** Stream mode: frames closer together than this are dropped unseen. Default 0. */
  minFrameIntervalMs: number;
  /** Count the people in view at most this often, ms (a second, slower model); 0 never. Default 0. */
  countPeopleEveryMs: number;
  /**
   * When the model's input is the same picture as the last time it ran
   * (nothing in view moved), reuse that pose instead of running the model,
   * for up to this long, ms; 0 always runs it. MoveNet only. Default 10 000.
   */
  reuseStillMs: number;
  /**
   * When the head is where it was the last time the model ran (a small face
   * detector looks on every frame), reuse that pose for up to this long, ms;
   * 0 always runs the model. MoveNet only. Default 10 000.
   */
  trackHeadMs: number;
  /**
   * Run MoveNet a second time on the mirrored crop and average the two poses
   * (left and right swapped back): the two runs' errors are partly their
   * own, so the points are steadier (on the real-footage accuracy cases,
   * 70 % of the clear cases read within every bound against 61 % from one
   * run), at twice the model's cost on the frames it runs on (the head
   * tracker holds most). MoveNet only. Default true.
   */
  flipAverage: boolean;
}

export interface EngineInfo {
  engine: EngineName;
  backend: BackendName;
  threads: number;
  loadMs: number;
  /** MoveNet's input size, pixels square; null for engines that choose their own. */
  inputPx: number | null;
}

export interface EngineStats {
  framesProcessed: number;
  framesDropped: number;
  /** Frames whose pose was reused because the picture had not changed (the model did not run). */
  framesReused: number;
  tensors: number;
}

/** A pose result with the posture read from it, and what the posture state made of it. */
export interface PostureFrameResult extends PoseFrameResult {
  posture: PostureSample;
  alerts: AlertSnapshot;
  /** The frame rate chosen for the frames after this one, and why. */
  sampling: SamplingDecision;
}

/** Where a stream's results go: one listener for the stream's life (no proxy per frame). */
export interface StreamListener {
  onResult(result: PostureFrameResult): void;
  onError(message: string): void;
}

/**
 * What became of a stored neutral offered for a source: used, or not and
 * why (taken with another camera, or with another field of view than the
 * one the worker has now: then it is of no further use).
 */
export type NeutralOffer = { used: true } | { used: false; why: 'other-camera' | 'fov-changed' };

/** The worker's answer to a new field of view: whether the neutral in use was dropped (taken with another one). */
export interface FovAnswer {
  fovDeg: number;
  neutralDropped: boolean;
}

/**
 * The calls the page makes into the worker. Methods that return a value
 * synchronously here arrive as promises on the page (comlink); every one
 * may reject, and the page shows why.
 */
export interface PoseWorkerProtocol {
  /** Loads an engine (it replaces the one running once it has loaded; on failure the old one stays). */
  init(config?: Partial<EngineConfig>): Promise<EngineInfo>;
  /** One frame, transferred and closed in the worker; null when it was dropped (another was in flight). */
  processFrame(frame: FrameLike, timestampMs: number): Promise<PostureFrameResult | null>;
  /**
   * The engine's options, merged over the ones set before; returns those in
   * force. Calibration and the frame-rate governor lay their own over them
   * while they need to, and never overwrite what was set here.
   */
  setEngineOptions(partial: Partial<EngineOptions>): EngineOptions;
  /**
   * The page was hidden or shown: while hidden, steady monitoring samples
   * every 5 s, a held pose is reused for up to 30 s, and people are counted
   * every five minutes (every 2 s, 10 s and one minute while seen).
   */
  setPageHidden(hidden: boolean): void;
  /** Frames from a stream handed over once; its results go to `listener`. Ends any stream before it. */
  startStream(readable: ReadableStream<VideoFrame>, listener: StreamListener): Promise<void>;
  stopStream(): Promise<void>;
  /**
   * A neutral the page stored, for a source whose camera is `cameraLabel`
   * (empty: a file): used when it was taken with this camera and the field
   * of view the worker has now.
   */
  offerNeutral(neutral: Neutral, cameraLabel: string): NeutralOffer;
  /** Judges nothing against a neutral until the next calibration. */
  forgetNeutral(): void;
  /**
   * Collects the next `durationMs` of frames as the neutral posture; the
   * outcome arrives in the result of the frame that ends it
   * (`posture.calibration`), its neutral dated by the wall clock. `guided`:
   * the still part is followed by the guided moves.
   */
  startCalibration(durationMs: number, camera?: CameraIdentity | null, guided?: boolean): void;
  /** Ends the guided moves of a calibration now; it finishes with what they measured so far. */
  skipGuided(): void;
  cancelCalibration(): void;
  /** The camera's diagonal field of view, degrees (it scales every centimetre reading). */
  setFov(fovDeg: number): FovAnswer;
  /** The eyes' distance to the screen as the person measured it, cm (null: not known); throws out of range. */
  setKnownEyeDistance(cm: number | null): void;
  /** Alert settings from the next frame on (merged over the current ones); throws on a bad value. */
  setAlertSettings(partial: Partial<AlertSettings>): AlertSettings;
  /** Holds alerts for `durationMs` (0 ends the snooze); returns the frame time it ends at. */
  snooze(durationMs: number): number | null;
  /** Stops judging posture until resume(). */
  pause(): void;
  resume(): void;
  /** How the frame rate adapts; throws on a bad value. */
  setSampling(partial: Partial<SamplingOptions>): SamplingOptions;
  /** On battery, rates are scaled down. */
  setOnBattery(onBattery: boolean): void;
  stats(): EngineStats;
  dispose(): Promise<void>;
}
