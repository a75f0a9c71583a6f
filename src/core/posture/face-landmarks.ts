/**
 * A second, independent measurement of the head: the head tracker's face
 * detector (BlazeFace, workers/engine/head-gate.ts) finds eyes, nose and ears of
 * its own on every sample. The generic head of body.ts is fitted to its
 * points as to MoveNet's, and each fit is compared with the same detector's
 * fit at calibration: how much nearer the head came, and how it turned,
 * nodded and rolled, by each detector. The two detectors' errors are
 * largely their own (measured on the real-footage cases: the head's change
 * in depth within 0.68 cm RMS from both against 0.98 cm from MoveNet alone,
 * its roll within 0.70° against 0.95°), so the head is read as the mean of
 * the two changes.
 *
 * Pure.
 */
import type { FaceLandmarks } from '../pose';
import type { HeadPointName, Orientation } from './body';
import { toNorm, type Intrinsics, type NormPoint, type Vec3 } from './camera';
import { solveHeadPose, type HeadObservations, type HeadPose } from './head-pose';

/** The face detector's points, in its order (head-gate.ts FACE_POINTS), as the head model's names; the mouth has none. */
const DETECTOR_POINTS: readonly (HeadPointName | null)[] = [
  'right_eye',
  'left_eye',
  'nose',
  null,
  'right_ear',
  'left_ear',
];

/** The face detector's points in normalised image coordinates, each weighted by its face's score. */
export function detectorObservations(face: FaceLandmarks, k: Intrinsics): HeadObservations {
  const obs: HeadObservations = {};
  DETECTOR_POINTS.forEach((name, i) => {
    const x = face.points[i * 2];
    const y = face.points[i * 2 + 1];
    if (name && Number.isFinite(x) && Number.isFinite(y)) {
      obs[name] = { point: toNorm(k, x!, y!), weight: face.score };
    }
  });
  return obs;
}

/** The face detector's points as normalised image coordinates by name (for a neutral to keep). */
export function detectorPoints(
  face: FaceLandmarks,
  k: Intrinsics,
): Partial<Record<HeadPointName, NormPoint>> {
  const out: Partial<Record<HeadPointName, NormPoint>> = {};
  for (const [name, o] of Object.entries(detectorObservations(face, k))) {
    out[name as HeadPointName] = o.point;
  }
  return out;
}

/** The head fitted to points kept by name (a neutral's median face), or null when fewer than four. */
export function headOfPoints(
  points: Partial<Record<HeadPointName, NormPoint>>,
  depthScale: number,
): HeadPose | null {
  const obs: HeadObservations = {};
  for (const [name, point] of Object.entries(points)) obs[name as HeadPointName] = { point, weight: 1 };
  return Object.keys(obs).length >= 4 ? solveHeadPose(obs, null, depthScale) : null;
}

/** A head pose to compare with: where it was and how it was turned. */
export interface HeadReference {
  center: Vec3;
  orientation: Orientation;
}

const wrap = (a: number): number => Math.atan2(Math.sin(a), Math.cos(a));

/**
 * MoveNet's head and the face detector's, each against its own reference
 * (the same detector's head at calibration), as one head: MoveNet's, moved
 * along its line of sight so that its change in depth is the mean of the
 * two (in proportion), and turned by the mean of the two changes in turn,
 * nod and roll.
 */
export function fuseHeads(
  movenet: HeadPose,
  movenetRef: HeadReference,
  detector: HeadPose,
  detectorRef: HeadReference,
): HeadPose {
  const ratio = Math.sqrt(
    (movenet.center.z / movenetRef.center.z) * (detector.center.z / detectorRef.center.z),
  );
  const k = (movenetRef.center.z * ratio) / movenet.center.z;
  const c = movenet.center;
  const mean = (key: keyof Orientation) =>
    movenet[key] +
    wrap(detector[key] - detectorRef.orientation[key] - (movenet[key] - movenetRef.orientation[key])) / 2;
  return {
    center: { x: c.x * k, y: c.y * k, z: c.z * k },
    yaw: mean('yaw'),
    pitch: mean('pitch'),
    roll: mean('roll'),
    rms: movenet.rms,
  };
}
