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
export const EAR_WIDTH_CM = 14.5;
/** Pupil to pupil. */
export const EYE_WIDTH_CM = 6.3;
/** Eyes in front of the ear line, and above it. */
export const EYE_AHEAD_CM = 8.0;
export const EYE_RISE_CM = 1.0;
/** Nose tip in front of the ear line, and below it. */
export const NOSE_AHEAD_CM = 10.5;
export const NOSE_DROP_CM = 3.5;
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
