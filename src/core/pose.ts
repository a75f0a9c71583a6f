/**
 * The pose as the worker reports it: plain data that crosses postMessage.
 * Pixel coordinates are in the source frame; normalised ones are the pixel
 * ones divided by the frame's width and height (0..1 inside the frame).
 */

/**
 * A score below this (0..1) is taken as not seen: one threshold for every
 * stage, a keypoint drawn, smoothed, measured or cropped to, a pose taken
 * for a person, a person counted.
 */
export const MIN_SCORE = 0.3;

/** The 17 body points every engine reports, in COCO order. */
export const KEYPOINT_NAMES = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;

export type KeypointName = (typeof KEYPOINT_NAMES)[number];

/** The points posture is judged from: face and shoulders. */
export const UPPER_BODY: readonly KeypointName[] = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
];

/** "left" and "right" are the person's own sides, as the models label them. */
export interface Keypoint {
  name: KeypointName;
  xPx: number;
  yPx: number;
  xNorm: number;
  yNorm: number;
  /** Model confidence, 0..1. */
  score: number;
}

export type EngineName =
  'movenet-lightning' | 'movenet-thunder' | 'blazepose-lite' | 'blazepose-full' | 'baseline';
export type BackendName = 'wasm' | 'webgl' | 'cpu';
export type BackendChoice = BackendName | 'auto';

export const ENGINES: readonly { name: EngineName; label: string }[] = [
  { name: 'movenet-lightning', label: 'MoveNet Lightning (fast)' },
  { name: 'movenet-thunder', label: 'MoveNet Thunder (accurate)' },
  { name: 'blazepose-lite', label: 'BlazePose lite' },
  { name: 'blazepose-full', label: 'BlazePose full' },
  { name: 'baseline', label: 'pose-detection MoveNet, full frame (reference)' },
];

export interface PoseTimings {
  /** Cropping and scaling the frame to the model's input. */
  prepMs: number;
  /** Model execution and reading its output back. */
  inferenceMs: number;
  /** From the frame reaching the engine to the result being ready. */
  totalMs: number;
  /** The model did not run: the picture was the same as the last one it ran on, and that pose is reused. */
  reused: boolean;
  /** Why it was reused: the same picture (`still`), or the head where it was (`head`). */
  heldBy?: 'still' | 'head';
}

/** The face detector's six points (the head tracker's), frame pixels. */
export interface FaceLandmarks {
  score: number;
  /** The person's right eye, left eye, nose tip, mouth centre, right ear, left ear: x, y pairs. */
  points: number[];
}

export interface PoseFrameResult {
  timestampMs: number;
  frameWidth: number;
  frameHeight: number;
  /** Null when nobody is in view. */
  pose: { score: number; keypoints: Keypoint[] } | null;
  engine: EngineName;
  backend: BackendName;
  timings: PoseTimings;
  /** People counted in this frame, when a count was made (see countPeopleEveryMs). */
  people: number | null;
  /** The face the head tracker's detector found on this frame; null when it did not look or found none. */
  face: FaceLandmarks | null;
}

/** Looks a keypoint up by name; undefined when the engine did not report it. */
export function keypoint(keypoints: readonly Keypoint[], name: KeypointName): Keypoint | undefined {
  return keypoints.find((k) => k.name === name);
}
