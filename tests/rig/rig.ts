/**
 * A synthetic head-and-shoulders figure in front of a pinhole camera: the
 * ground truth for the posture geometry. It is built here on its own (its
 * own anatomy, pivots and projection) so that the metrics are checked against
 * an independent description of the movements, not against their own maths.
 *
 * Camera space: x right in the image, y down, z away from the camera, cm.
 * The person faces the camera, so their right side is at x < 0.
 */
import type { Keypoint, KeypointName } from '../../src/core/pose';

export interface Person {
  earWidthCm: number;
  eyeWidthCm: number;
  eyeAheadCm: number;
  eyeRiseCm: number;
  noseAheadCm: number;
  noseDropCm: number;
  shoulderWidthCm: number;
  /** Ear line above the shoulder line. */
  neckHeightCm: number;
  /** Hip pivot of a sideways lean, below the shoulder line. */
  leanPivotBelowShouldersCm: number;
  /** Head tilt pivot (upper neck), below the ear line. */
  headTiltPivotBelowEarsCm: number;
}

export const TYPICAL_PERSON: Person = {
  earWidthCm: 14.5,
  eyeWidthCm: 6.3,
  eyeAheadCm: 8,
  eyeRiseCm: 1,
  noseAheadCm: 10.5,
  noseDropCm: 3.5,
  shoulderWidthCm: 38,
  neckHeightCm: 17,
  leanPivotBelowShouldersCm: 45,
  headTiltPivotBelowEarsCm: 3,
};

export interface Posture {
  /** Depth of the ear line and the shoulder line when upright. */
  distanceCm: number;
  /** Ear line height relative to the camera (cm, + below the camera). */
  earsBelowCameraCm: number;
  /** Sideways position of the body (cm, + to the image's right). */
  sidewaysCm: number;
  /** Head carried forward by bending the neck at its base, cm. */
  headForwardCm: number;
  /** Each shoulder point drawn in and forward by this much (shoulder blades gliding round the ribs), cm. */
  protractionCm: number;
  /** Shoulders raised, cm. */
  shrugCm: number;
  /** Whole upper body bent sideways at the hips, degrees, + to the person's right. */
  leanDeg: number;
  /** Head tilted at the upper neck, degrees, + to the person's right. */
  headTiltDeg: number;
  /** Head turned, degrees, + to the person's right. */
  headTurnDeg: number;
  /** Trunk turned about the spine with the head still facing the camera, degrees, + to the person's right. */
  trunkTurnDeg: number;
}

export const UPRIGHT: Posture = {
  distanceCm: 65,
  earsBelowCameraCm: -4,
  sidewaysCm: 0,
  headForwardCm: 0,
  protractionCm: 0,
  shrugCm: 0,
  leanDeg: 0,
  headTiltDeg: 0,
  headTurnDeg: 0,
  trunkTurnDeg: 0,
};

type P3 = [number, number, number];
const r = (d: number) => (d * Math.PI) / 180;

/** Rotation in the image plane about `pivot`; + moves the top of the figure to the person's right (-x). */
function frontal(p: P3, pivot: P3, degrees: number): P3 {
  const c = Math.cos(r(degrees));
  const s = Math.sin(r(degrees));
  const x = p[0] - pivot[0];
  const y = p[1] - pivot[1];
  return [pivot[0] + x * c + y * s, pivot[1] - x * s + y * c, p[2]];
}

/** Rotation about a vertical axis through `pivot`; + turns the front of the figure to the person's right. */
function turn(p: P3, pivot: P3, degrees: number): P3 {
  const c = Math.cos(r(degrees));
  const s = Math.sin(r(degrees));
  const x = p[0] - pivot[0];
  const z = p[2] - pivot[2];
  return [pivot[0] + x * c + z * s, p[1], pivot[2] - x * s + z * c];
}

/** The seven posture points in camera space. */
export function figure(person: Person, posture: Posture): Record<string, P3> {
  const D = posture.distanceCm;
  const earsY = posture.earsBelowCameraCm;
  const shouldersY = earsY + person.neckHeightCm;
  const x0 = posture.sidewaysCm;
  const neckBase: P3 = [x0, shouldersY, D];

  // Head, built around the ear midpoint, facing -z.
  const hw = person.earWidthCm / 2;
  const ew = person.eyeWidthCm / 2;
  let head: Record<string, P3> = {
    left_ear: [x0 + hw, earsY, D],
    right_ear: [x0 - hw, earsY, D],
    left_eye: [x0 + ew, earsY - person.eyeRiseCm, D - person.eyeAheadCm],
    right_eye: [x0 - ew, earsY - person.eyeRiseCm, D - person.eyeAheadCm],
    nose: [x0, earsY + person.noseDropCm, D - person.noseAheadCm],
  };
  const each = (f: (p: P3) => P3) => {
    head = Object.fromEntries(Object.entries(head).map(([k, p]) => [k, f(p)]));
  };
  const earMid: P3 = [x0, earsY, D];
  each((p) => turn(p, earMid, posture.headTurnDeg));
  each((p) => frontal(p, [x0, earsY + person.headTiltPivotBelowEarsCm, D], posture.headTiltDeg));
  // Forward head: the neck bends at its base; the gaze stays on the screen (no pitch).
  const L = person.neckHeightCm;
  const d = Math.min(posture.headForwardCm, L * 0.95);
  const drop = L - Math.sqrt(L * L - d * d);
  each((p) => [p[0], p[1] + drop, p[2] - d]);

  const sw = person.shoulderWidthCm / 2 - posture.protractionCm;
  const sy = shouldersY - posture.shrugCm;
  const sz = D - posture.protractionCm;
  let shoulders: Record<string, P3> = {
    left_shoulder: [x0 + sw, sy, sz],
    right_shoulder: [x0 - sw, sy, sz],
  };
  shoulders = Object.fromEntries(
    Object.entries(shoulders).map(([k, p]) => [k, turn(p, neckBase, posture.trunkTurnDeg)]),
  );

  const all = { ...head, ...shoulders };
  const pivot: P3 = [x0, shouldersY + person.leanPivotBelowShouldersCm, D];
  return Object.fromEntries(Object.entries(all).map(([k, p]) => [k, frontal(p, pivot, posture.leanDeg)]));
}

export interface Camera {
  widthPx: number;
  heightPx: number;
  focalPx: number;
}

/** A 640x480 webcam with a 65-degree diagonal field of view. */
export const WEBCAM_640: Camera = { widthPx: 640, heightPx: 480, focalPx: 400 / Math.tan(r(32.5)) };

/** Deterministic normal noise (mulberry32 + Box-Muller). */
export function noise(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** Projects the figure to keypoints as a pose model would report them, with `noisePx` of jitter. */
export function keypoints(
  person: Person,
  posture: Posture,
  camera: Camera = WEBCAM_640,
  noisePx = 1.5,
  rand: () => number = noise(1),
): Keypoint[] {
  return Object.entries(figure(person, posture)).map(([name, [x, y, z]]) => {
    const xPx = camera.widthPx / 2 + (camera.focalPx * x) / z + noisePx * rand();
    const yPx = camera.heightPx / 2 + (camera.focalPx * y) / z + noisePx * rand();
    return {
      name: name as KeypointName,
      xPx,
      yPx,
      xNorm: xPx / camera.widthPx,
      yNorm: yPx / camera.heightPx,
      score: 0.9,
    };
  });
}
