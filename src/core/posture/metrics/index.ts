import { distance } from './distance';
import { headForward } from './head-forward';
import type { MetricDef, MetricKey } from './metric';
import { headPitch, headYaw, trunkYaw } from './rotation';
import { shoulderElevation, shoulderRounding } from './shoulder-rounding';
import { headRoll, headShift, shoulderTilt } from './tilt';

export const METRICS: Readonly<Record<MetricKey, MetricDef>> = Object.freeze({
  headForwardCm: headForward,
  shoulderRoundingPct: shoulderRounding,
  shoulderElevationCm: shoulderElevation,
  shoulderTiltDeg: shoulderTilt,
  headRollDeg: headRoll,
  headShiftPct: headShift,
  headYawDeg: headYaw,
  headPitchDeg: headPitch,
  trunkYawDeg: trunkYaw,
  distanceCm: distance,
});
