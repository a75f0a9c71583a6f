/**
 * Shoulder rounding and elevation.
 *
 * Rounding, % from neutral: how much narrower the shoulder span is than at
 * calibration, measured in centimetres at the trunk's depth (so moving the
 * chair changes nothing). It needs the shoulders' height below the camera as
 * the depth cue (shoulders.ts), so both shoulders must be fully in view.
 *
 * Elevation, cm from neutral: shoulders raised (a shrug, or holding the arms
 * up to a high keyboard). Positive is raised.
 */
import { known, unknown } from '../reading';
import { difference, type MetricDef } from './metric';

export const shoulderRounding: MetricDef = {
  key: 'shoulderRoundingPct',
  feature(g) {
    if (!g.shoulders) return unknown(g.shouldersReason ?? 'no shoulders');
    if (!g.shoulders.heightCueUsable) return unknown('both shoulders must be fully in view');
    return known(g.shoulders.halfWidthCm);
  },
  deviation: (value, neutral) => (1 - value / neutral) * 100,
};

export const shoulderElevation: MetricDef = {
  key: 'shoulderElevationCm',
  feature(g) {
    if (!g.shoulders) return unknown(g.shouldersReason ?? 'no shoulders');
    if (g.shoulders.elevationCm == null) return unknown('both shoulders must be fully in view');
    return known(g.shoulders.elevationCm);
  },
  deviation: difference,
};
