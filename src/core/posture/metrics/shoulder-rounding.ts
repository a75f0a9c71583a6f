/**
 * Shoulder rounding and elevation.
 *
 * Rounding, % from neutral: how much narrower the shoulder span is than at
 * calibration, measured in centimetres at the trunk's depth (so moving the
 * chair changes nothing). Telling a narrower span from a trunk further away
 * needs the height cue (trunk.ts), so both shoulders must be fully in view
 * and the camera must look down at them a little.
 *
 * Elevation, cm from neutral: shoulders raised against where they sat under
 * the head (a shrug, or holding the arms up to a high keyboard). Positive is
 * raised.
 */
import { known, unknown } from '../reading';
import { REASONS } from '../reasons';
import { type MetricDef } from './metric';

export const shoulderRounding: MetricDef = {
  key: 'shoulderRoundingPct',
  feature(g) {
    if (!g.trunk) return unknown(g.trunkReason ?? REASONS.shouldersOutOfPicture);
    if (g.trunk.roundingReason) return unknown(g.trunk.roundingReason);
    return known(g.trunk.halfWidthCm);
  },
  deviation: (value, neutral) => (1 - value / neutral) * 100,
};

export const shoulderElevation: MetricDef = {
  key: 'shoulderElevationCm',
  feature(g) {
    if (!g.trunk) return unknown(g.trunkReason ?? REASONS.shouldersOutOfPicture);
    if (g.trunk.elevationCm == null) return unknown(g.trunk.elevationReason ?? REASONS.shouldersOutOfPicture);
    return known(g.trunk.elevationCm);
  },
  deviation: (value, neutral) => value - neutral,
};
