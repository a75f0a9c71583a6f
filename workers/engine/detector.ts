import type { BackendName, EngineName, FaceLandmarks, Keypoint } from '../../src/core/pose';
import type { EngineConfig, EngineOptions, FrameLike } from '../../src/protocol/pose-protocol';

export function frameSize(frame: FrameLike): { width: number; height: number } {
  return 'displayWidth' in frame
    ? { width: frame.displayWidth, height: frame.displayHeight }
    : { width: frame.width, height: frame.height };
}

export interface DetectedPose {
  keypoints: Keypoint[];
}

export interface Estimate {
  /** Null when the model found no pose at all. */
  pose: DetectedPose | null;
  prepMs: number;
  inferenceMs: number;
  /** True when the model did not run: the picture was the same as last time, and its pose is reused. */
  reused?: boolean;
  /** Why the pose was reused: the same picture (`still`), or the head where it was (`head`). */
  heldBy?: 'still' | 'head';
  /** What the face detector found on this frame, when it looked (MoveNet's head tracker). */
  face?: FaceLandmarks | null;
}

/**
 * One loaded model on one backend. `estimate` does not close the frame; the
 * engine does. `dispose` frees the model's weights.
 */
export interface Detector {
  readonly engine: EngineName;
  readonly backend: BackendName;
  /** The model's input, pixels square, where the engine has one size (MoveNet). */
  readonly inputPx?: number;
  /** `tMs`: the frame's time (the camera's clock), for how long a pose may be reused. */
  estimate(frame: FrameLike, options: Readonly<EngineOptions>, tMs: number): Promise<Estimate>;
  /** Forget anything carried between frames (crop, tracking). */
  reset(): void;
  dispose(): void;
}

export type DetectorFactory = (config: Readonly<EngineConfig>) => Promise<Detector>;

/** What the engine asks of the tensor runtime beneath the detectors. */
export interface RuntimeProbe {
  /** Live tensors, for leak checks. */
  tensors(): number;
  /** Threads the current backend computes on. */
  threads(): number;
  /** Whether the WebGL backend's context has been lost (GPU reset, driver update, too many contexts). */
  webglLost?(): boolean;
  /** Drops the lost WebGL backend, so that choosing WebGL again starts a fresh context. */
  resetWebgl?(): void;
}

/** Counts the people in a frame (a second model, run now and then). */
export interface PeopleCounter {
  count(frame: FrameLike): Promise<number>;
  dispose(): void;
}

export type CounterFactory = (modelBaseUrl: string) => Promise<PeopleCounter>;
