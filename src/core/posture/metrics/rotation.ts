/**
 * Rotation, degrees, positive when turned to the person's right.
 *
 * - headYawDeg: from where the nose and eyes sit between the ears, solved
 *   with perspective in the head fit (head-pose.ts);
 * - trunkYawDeg: from where the shoulders sit under the head and the
 *   shoulder line's slant against the lean (trunk.ts). A weak cue: it needs
 *   calibration, both shoulders fully in view and a camera that looks down at
 *   them; held near zero unless the evidence is clear.
 * - headPitchDeg: looking down is positive (reading a phone, the keyboard).
 */
import { deg } from '../camera';
import { known, unknown } from '../reading';
import { REASONS } from '../reasons';
import { difference, type MetricDef } from './metric';

export const headYaw: MetricDef = {
  key: 'headYawDeg',
  feature: (g) => (g.headTurn ? known(deg(g.headTurn.yaw)) : unknown(g.headReason ?? REASONS.nobody)),
  deviation: difference,
};

export const headPitch: MetricDef = {
  key: 'headPitchDeg',
  feature: (g) => (g.headTurn ? known(deg(g.headTurn.pitch)) : unknown(g.headReason ?? REASONS.nobody)),
  deviation: difference,
};

export const trunkYaw: MetricDef = {
  key: 'trunkYawDeg',
  feature(g) {
    if (!g.trunk) return unknown(g.trunkReason ?? REASONS.shouldersOutOfPicture);
    if (g.trunk.twistRad == null) return unknown(REASONS.twistUnseen);
    return known(deg(g.trunk.twistRad));
  },
  deviation: difference,
};
