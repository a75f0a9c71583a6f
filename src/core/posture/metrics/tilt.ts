/**
 * Lateral tilt, three ways, each signed with the person's own sides:
 * positive is towards their right (their right shoulder lower, their right
 * ear nearer their right shoulder, their head further to their right).
 * A mirrored video shows a mirrored person, so the signs flip.
 *
 * - shoulderTiltDeg: the shoulder line's angle, from depth-corrected heights
 *   (a turned trunk's perspective does not read as tilt);
 * - headRollDeg: the eye and ear lines' angle in the image (geometry.ts);
 * - headShiftPct: the head centre's sideways offset from the trunk's
 *   midline, as a share of the shoulder width. Leaning at the hips moves it.
 */
import { deg } from '../camera';
import { known, unknown } from '../reading';
import { REASONS } from '../reasons';
import { difference, type MetricDef } from './metric';

export const shoulderTilt: MetricDef = {
  key: 'shoulderTiltDeg',
  feature(g) {
    if (!g.trunk) return unknown(g.trunkReason ?? REASONS.shouldersOutOfPicture);
    if (g.trunk.tiltRad == null) return unknown(REASONS.shouldersAtEdge('bottom'));
    return known(deg(g.trunk.tiltRad));
  },
  deviation: difference,
};

export const headRoll: MetricDef = {
  key: 'headRollDeg',
  feature: (g) =>
    g.lineRoll != null ? known(deg(g.lineRoll)) : unknown(g.headReason ?? REASONS.eyesAndEarsUnclear),
  deviation: difference,
};

export const headShift: MetricDef = {
  key: 'headShiftPct',
  feature(g, scale) {
    if (!g.trunk) return unknown(g.trunkReason ?? REASONS.shouldersOutOfPicture);
    return known((g.trunk.headOffsetCm / (2 * scale.shoulderHalfWidthCm)) * 100);
  },
  deviation: difference,
};
