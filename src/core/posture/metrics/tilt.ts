/**
 * Lateral tilt, three ways, each signed with the person's own sides:
 * positive is towards their right (their right shoulder lower, their right
 * ear nearer their right shoulder, their head further to their right).
 * A mirrored video shows a mirrored person, so the signs flip.
 *
 * - shoulderTiltDeg: the shoulder line's angle, from depth-corrected heights
 *   (a twisted trunk's perspective does not read as tilt);
 * - headRollDeg: the eye and ear lines' angle in the image (geometry.ts);
 * - headShiftPct: the head centre's sideways offset from the middle of the
 *   shoulders, as a share of the shoulder width. Leaning at the hips moves
 *   it; so does a twisted trunk, a little, through perspective (about 5% at
 *   20 degrees of twist).
 */
import { deg } from '../camera';
import { known, unknown } from '../reading';
import { difference, type MetricDef } from './metric';

export const shoulderTilt: MetricDef = {
  key: 'shoulderTiltDeg',
  feature(g) {
    if (!g.shoulders) return unknown(g.shouldersReason ?? 'no shoulders');
    if (g.shoulders.tiltRad == null) return unknown('a shoulder is cut off by the frame edge');
    return known(deg(g.shoulders.tiltRad));
  },
  deviation: difference,
};

export const headRoll: MetricDef = {
  key: 'headRollDeg',
  feature: (g) =>
    g.lineRoll != null ? known(deg(g.lineRoll)) : unknown('neither the eyes nor the ears are clear'),
  deviation: difference,
};

export const headShift: MetricDef = {
  key: 'headShiftPct',
  feature(g, scale) {
    if (!g.shoulders) return unknown(g.shouldersReason ?? 'no shoulders');
    return known((g.shoulders.headOffsetCm / (2 * scale.shoulderHalfWidthCm)) * 100);
  },
  deviation: difference,
};
