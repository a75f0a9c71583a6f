/**
 * The truth of a posture, read off the rig's body in world space against
 * the same person sitting upright. These are the rig's own definitions of
 * what each reading means:
 *
 * - head forward: how much further in front of the base of the neck (C7)
 *   the ear line is, level (as gravity pulls on it), in cm. Rounding the
 *   shoulders does not move C7, so it does not change this; leaning the
 *   whole trunk forward with the neck in line does (the head's weight then
 *   hangs further in front of it), and reclining does the opposite.
 * - shoulders rounded: how much shorter the line from one shoulder joint to
 *   the other is, % of its upright length.
 * - shoulder tilt, head roll: the angle of the shoulder line and of the ear
 *   line, seen from straight in front (the frontal plane), degrees, positive
 *   when the person's right side is lower.
 * - distance: how much nearer the camera the eyes are, cm (negative is nearer).
 * - shoulders raised: how much higher the shoulder joints are against C7, cm.
 */
import type { Body } from './person';
import type { Camera } from './scene';
import { toCamera } from './scene';
import { deg, mid, norm, sub } from './space';

export interface Truth {
  headForwardCm: number;
  shoulderRoundingPct: number;
  shoulderTiltDeg: number;
  headRollDeg: number;
  distanceCm: number;
  shoulderElevationCm: number;
}

const ears = (b: Body) => mid(b.true.left_ear, b.true.right_ear);
const shoulders = (b: Body) => mid(b.true.left_shoulder, b.true.right_shoulder);

/** Angle of the line from the person's left point to their right point, seen from the front: + when the right one is lower. */
function frontalAngle(left: readonly number[], right: readonly number[]): number {
  return deg(Math.atan2(right[1]! - left[1]!, left[0]! - right[0]!));
}

export function truthOf(upright: Body, moved: Body, camera: Camera): Truth {
  const forward = (b: Body) => b.true.shoulder_base[2] - ears(b)[2];
  const span = (b: Body) => norm(sub(b.true.left_shoulder, b.true.right_shoulder));
  const tilt = (b: Body) => frontalAngle(b.true.left_shoulder, b.true.right_shoulder);
  const roll = (b: Body) => frontalAngle(b.true.left_ear, b.true.right_ear);
  const eyeDepth = (b: Body) => toCamera(camera, mid(b.true.left_eye, b.true.right_eye))[2];
  const raised = (b: Body) => b.true.c7[1] - shoulders(b)[1];
  return {
    headForwardCm: forward(moved) - forward(upright),
    shoulderRoundingPct: (1 - span(moved) / span(upright)) * 100,
    shoulderTiltDeg: tilt(moved) - tilt(upright),
    headRollDeg: roll(moved) - roll(upright),
    distanceCm: eyeDepth(moved) - eyeDepth(upright),
    shoulderElevationCm: raised(moved) - raised(upright),
  };
}
