/**
 * A generic adult head and shoulders, in centimetres: the ruler that turns
 * pixels into distances. Values are typical adult measures (averages of
 * men and women); a real person differs by a few percent, which scales the
 * centimetre readings by the same few percent but does not move a reading
 * of "no change from neutral".
 *
 * Head frame: origin midway between the ear points (tragion, where pose
 * models put "ear"), x towards the person's left, y down, z towards the back
 * of the head, so a person facing the camera has their face towards -z.
 */
import type { Vec3 } from './camera';

/** Ear point to ear point (bitragion breadth). */
const EAR_WIDTH_CM = 14.5;
/** Pupil to pupil. */
const EYE_WIDTH_CM = 6.3;
/** Eyes in front of the ear line, and above it. */
export const EYE_AHEAD_CM = 8.0;
const EYE_RISE_CM = 1.0;
/** Nose tip in front of the ear line, and below it. */
const NOSE_AHEAD_CM = 10.5;
const NOSE_DROP_CM = 3.5;
/** Shoulder point to shoulder point, used until calibration measures the person. */
export const SHOULDER_WIDTH_CM = 38;

export type HeadPointName = 'nose' | 'left_eye' | 'right_eye' | 'left_ear' | 'right_ear';

export const HEAD_MODEL: Readonly<Record<HeadPointName, Vec3>> = Object.freeze({
  nose: { x: 0, y: NOSE_DROP_CM, z: -NOSE_AHEAD_CM },
  left_eye: { x: EYE_WIDTH_CM / 2, y: -EYE_RISE_CM, z: -EYE_AHEAD_CM },
  right_eye: { x: -EYE_WIDTH_CM / 2, y: -EYE_RISE_CM, z: -EYE_AHEAD_CM },
  left_ear: { x: EAR_WIDTH_CM / 2, y: 0, z: 0 },
  right_ear: { x: -EAR_WIDTH_CM / 2, y: 0, z: 0 },
});

export const HEAD_POINTS = Object.keys(HEAD_MODEL) as HeadPointName[];

/**
 * Head orientation, in radians, with the person's own sides:
 * - yaw > 0: turned to their right (nose towards their right shoulder);
 * - pitch > 0: looking down;
 * - roll > 0: tilted to their right (right ear towards right shoulder).
 * With the camera looking at the person, their right is the image's left
 * (x < 0), unless the video is mirrored.
 */
export interface Orientation {
  yaw: number;
  pitch: number;
  roll: number;
}

/** Rotates a head-frame point into camera axes: pitch, then yaw, then roll. */
export function rotate(p: Vec3, o: Orientation): Vec3 {
  // Pitch about x: looking down moves the nose (z < 0) down (y grows).
  const cp = Math.cos(o.pitch);
  const sp = Math.sin(o.pitch);
  const y1 = cp * p.y - sp * p.z;
  const z1 = sp * p.y + cp * p.z;
  // Yaw about y: turning right moves the nose towards -x.
  const cy = Math.cos(o.yaw);
  const sy = Math.sin(o.yaw);
  const x2 = cy * p.x + sy * z1;
  const z2 = -sy * p.x + cy * z1;
  // Roll about z: tilting right moves the right ear (x < 0) down.
  const cr = Math.cos(o.roll);
  const sr = Math.sin(o.roll);
  return { x: cr * x2 + sr * y1, y: -sr * x2 + cr * y1, z: z2 };
}

/**
 * The trunk below the head, as far as a front camera needs it. Typical
 * adult values; what calibration cannot measure of a person is taken from
 * here, and the readings say how far they can be off because of it.
 */
/** Sitting upright, the shoulder joints are about this far behind the ear line. */
export const SHOULDERS_BEHIND_EARS_CM = 2;
/** The trunk turns about the spine, about this far behind the line between the shoulder joints. */
export const TURN_AXIS_BEHIND_SHOULDERS_CM = 1.5;
/** The head tilts sideways about the middle of the neck, this far below the ear line. */
export const HEAD_TILT_PIVOT_BELOW_EARS_CM = 7;
/**
 * How far the head drops for each centimetre it comes forward, from a neck
 * that slides the head forward (protraction) to one that bends at its base.
 * People differ; both ends are kept as possible.
 */
export const DROP_PER_FORWARD = Object.freeze({ least: 0.05, most: 0.7 });
/** Rounded shoulders come forward about as much as they come in (the shoulder blades glide round the ribs). */
export const ROUNDING_FORWARD_PER_INWARD = 1;

/** A 3x3 rotation matrix, rows first. */
export type Mat3 = readonly [Vec3, Vec3, Vec3];

/** The matrix of `rotate` for an orientation: roll · yaw · pitch. */
export function rotationMatrix(o: Orientation): Mat3 {
  const col = (p: Vec3) => rotate(p, o);
  const x = col({ x: 1, y: 0, z: 0 });
  const y = col({ x: 0, y: 1, z: 0 });
  const z = col({ x: 0, y: 0, z: 1 });
  return [
    { x: x.x, y: y.x, z: z.x },
    { x: x.y, y: y.y, z: z.y },
    { x: x.z, y: y.z, z: z.z },
  ];
}

const row = (m: Mat3, i: 0 | 1 | 2): Vec3 => m[i];
const dot = (a: Vec3, b: Vec3) => a.x * b.x + a.y * b.y + a.z * b.z;

/** aᵀ · b. */
function transposeTimes(a: Mat3, b: Mat3): Mat3 {
  const colA = (j: 'x' | 'y' | 'z'): Vec3 => ({ x: a[0][j], y: a[1][j], z: a[2][j] });
  const colB = (j: 'x' | 'y' | 'z'): Vec3 => ({ x: b[0][j], y: b[1][j], z: b[2][j] });
  const r = (i: 'x' | 'y' | 'z'): Vec3 => ({
    x: dot(colA(i), colB('x')),
    y: dot(colA(i), colB('y')),
    z: dot(colA(i), colB('z')),
  });
  return [r('x'), r('y'), r('z')];
}

/**
 * How the head has turned since `neutral`, in the neutral head's own frame:
 * yaw about its upright axis, then pitch about its (turned) ear-to-ear axis,
 * then roll about its (turned and pitched) line of sight. A camera looking
 * down or up at the person then makes no difference: a head turned about
 * its upright axis reads as turn only, where angles taken in the camera's
 * frame would show it as turn and roll.
 */
export function turnSince(neutral: Orientation, now: Orientation, axisTiltRad = 0): Orientation {
  const m = untilt(transposeTimes(rotationMatrix(neutral), rotationMatrix(now)), axisTiltRad);
  const r0 = row(m, 0);
  const r1 = row(m, 1);
  const r2 = row(m, 2);
  // m = Ry(yaw)·Rx(pitch)·Rz(roll) in rotate()'s sign conventions.
  return {
    yaw: Math.atan2(r0.z, r2.z),
    pitch: Math.asin(Math.max(-1, Math.min(1, -r1.z))),
    roll: Math.atan2(-r1.x, r1.y),
  };
}

/**
 * A turn taken in a frame whose upright axis leans forward by `tilt` about
 * the ear-to-ear axis, brought back to the calibrated head's frame. A face that differs from the generic one is fitted a
 * few degrees nodded; its turns then happen about an axis that leans in the
 * fitted frame, and read as turn and roll unless taken about that axis.
 */
function untilt(m: Mat3, tilt: number): Mat3 {
  if (tilt === 0) return m;
  const t = rotationMatrix({ yaw: 0, pitch: tilt, roll: 0 });
  return transposeTimes(t, times(m, t));
}

/**
 * The lean of the axis a relative rotation turns about, in the calibrated
 * head's frame (the `tilt` of untilt), and how much of the rotation is a
 * turn: for learning the axis from glances aside.
 */
export function turnAxisTilt(neutral: Orientation, now: Orientation): { tilt: number; turn: number } {
  const m = transposeTimes(rotationMatrix(neutral), rotationMatrix(now));
  const ax = m[2].y - m[1].z;
  const ay = m[0].z - m[2].x;
  const az = m[1].x - m[0].y;
  const sign = ay >= 0 ? 1 : -1;
  const len = Math.hypot(ax, ay, az);
  return { tilt: Math.atan2(sign * az, sign * ay), turn: len === 0 ? 0 : Math.abs(ay) / len };
}

function times(a: Mat3, b: Mat3): Mat3 {
  const col = (j: 'x' | 'y' | 'z'): Vec3 => ({ x: b[0][j], y: b[1][j], z: b[2][j] });
  const r = (i: 0 | 1 | 2): Vec3 => ({
    x: dot(a[i], col('x')),
    y: dot(a[i], col('y')),
    z: dot(a[i], col('z')),
  });
  return [r(0), r(1), r(2)];
}

export function applyMat(m: Mat3, p: Vec3): Vec3 {
  return { x: dot(m[0], p), y: dot(m[1], p), z: dot(m[2], p) };
}

/**
 * The roll of the head seen from in front: the angle of its ear-to-ear axis
 * in the calibrated head's frontal plane (after the turning axis's lean,
 * see untilt), + with the right ear lower. A turned head keeps the roll it
 * had, and a camera looking down at it adds none.
 */
export function frontalRoll(neutral: Orientation, now: Orientation, axisTiltRad = 0): number {
  const m = untilt(transposeTimes(rotationMatrix(neutral), rotationMatrix(now)), axisTiltRad);
  // The ear axis (x) of the head now, in the neutral frame: m's first column.
  const ex = m[0].x;
  const ey = m[1].x;
  return Math.atan2(-ey, ex);
}
