import type { FrameGeometry } from '../geometry';
import type { BodyScale } from '../trunk';
import type { Reading } from '../reading';

/**
 * The names every consumer sees (the page, `npm run analyze`, history). They
 * are an interface: extend, never rename.
 */
export const METRIC_KEYS = [
  'headForwardCm',
  'shoulderRoundingPct',
  'shoulderElevationCm',
  'shoulderTiltDeg',
  'headRollDeg',
  'headShiftPct',
  'headYawDeg',
  'headPitchDeg',
  'trunkYawDeg',
  'distanceCm',
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];

/** What readings are called in words (a calibration's warnings, the reasons). */
export const READING_NAMES: Readonly<Record<MetricKey, string>> = Object.freeze({
  headForwardCm: 'Head forward',
  shoulderRoundingPct: 'Shoulder rounding',
  shoulderElevationCm: 'Raised shoulders',
  shoulderTiltDeg: 'Shoulder tilt',
  headRollDeg: 'Head tilt',
  headShiftPct: 'Head shift',
  headYawDeg: 'Head turn',
  headPitchDeg: 'Looking down',
  trunkYawDeg: 'Trunk twist',
  distanceCm: 'Distance to the screen',
});

/**
 * One posture metric: an absolute feature of a frame, and how a value of it
 * compares with the person's calibrated neutral.
 */
export interface MetricDef {
  key: MetricKey;
  /** The absolute quantity in this frame (camera space), or why it cannot be measured. */
  feature(g: FrameGeometry, scale: BodyScale): Reading;
  /** The deviation from neutral, in the metric's unit. */
  deviation(value: number, neutral: number): number;
}

export const difference = (value: number, neutral: number): number => value - neutral;
