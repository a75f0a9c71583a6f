/**
 * One average person in front of one plain webcam: the rig's simplest
 * scene, for tests that need a few frames of a known posture rather than
 * the whole set of cases. The camera is 640x480 with a 65° diagonal field
 * of view, level, 5 cm above the eyes and 65 cm from them.
 */
import type { Keypoint } from '../../src/core/pose';
import { AVERAGE_BUILD, NO_MOVE, pose, type Build, type Moves } from './person';
import { detect, type Camera, type Detector } from './scene';
import { add, Draw, mid, type V3 } from './space';

export const SEAT: V3 = [0, 0, 0];
const eyes = (() => {
  const b = pose(AVERAGE_BUILD, NO_MOVE, SEAT);
  return mid(b.true.left_eye, b.true.right_eye);
})();

export const PLAIN_CAMERA: Camera = {
  widthPx: 640,
  heightPx: 480,
  fovDeg: 65,
  position: add(eyes, [0, -5, -65]),
  pitchDeg: 0,
};

/** The eyes' distance from PLAIN_CAMERA, sitting upright, cm. */
export const EYE_DISTANCE_CM = 65;

export interface SeatedOptions {
  build: Build;
  camera: Camera;
  /** Keypoint jitter as a share of the shoulder span (scene.ts); 0 for exact points. */
  noiseShare: number;
  draw: Draw;
}

/** The seven posture points of the average person making `moves`. */
export function seatedKeypoints(
  moves: Partial<Moves> = {},
  options: Partial<SeatedOptions> = {},
): Keypoint[] {
  const detector: Detector = {
    noiseShare: options.noiseShare ?? 0,
    outlierShare: 0,
    faceScore: 0.9,
    shoulderScore: 0.9,
  };
  return detect(
    pose(options.build ?? AVERAGE_BUILD, { ...NO_MOVE, ...moves }, SEAT),
    options.camera ?? PLAIN_CAMERA,
    detector,
    options.draw ?? new Draw(1),
  );
}

export { Draw };
