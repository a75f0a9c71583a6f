/**
 * Rotation, degrees, positive when turned to the person's right.
 *
 * - headYawDeg: from where the nose and eyes sit between the ears, solved
 *   with perspective in the head fit (head-pose.ts);
 * - trunkYawDeg: from the shoulders' lopsidedness about the trunk's midline
 *   (shoulders.ts): the nearer shoulder looks further out. It is a weak,
 *   perspective-only cue (about 2 cm of shift at 30 degrees), so it is noisy;
 *   a head slid sideways over still shoulders reads as twist.
 * - headPitchDeg: looking down is positive (reading a phone, the keyboard).
 */
import { deg } from '../camera';
import { known, unknown } from '../reading';
import { difference, type MetricDef } from './metric';

export const headYaw: MetricDef = {
  key: 'headYawDeg',
  feature: (g) => (g.head ? known(deg(g.head.yaw)) : unknown(g.headReason ?? 'no head')),
  deviation: difference,
};

export const headPitch: MetricDef = {
  key: 'headPitchDeg',
  feature: (g) => (g.head ? known(deg(g.head.pitch)) : unknown(g.headReason ?? 'no head')),
  deviation: difference,
};

export const trunkYaw: MetricDef = {
  key: 'trunkYawDeg',
  feature(g) {
    if (!g.shoulders) return unknown(g.shouldersReason ?? 'no shoulders');
    if (!g.shoulderXReliable) return unknown('a shoulder is cut off at the side of the frame');
    return known(deg(g.shoulders.twistRad));
  },
  deviation: difference,
};
