/**
 * The accuracy bounds, and how the rig's results measure up to them.
 */
import type { MetricKey } from '../../src/core/posture/metrics/metric';
import type { RigResult } from './run';
import type { Truth } from './truth';

export type BoundedKey = 'headForwardCm' | 'shoulderRoundingPct' | 'shoulderTiltDeg' | 'headRollDeg';

export const BOUNDED: readonly BoundedKey[] = [
  'headForwardCm',
  'shoulderRoundingPct',
  'shoulderTiltDeg',
  'headRollDeg',
];

/** The largest error allowed for a reading against its truth. */
export function bound(key: BoundedKey, truth: Truth): number {
  if (key === 'headForwardCm') {
    const t = truth.headForwardCm;
    return t >= 2 && t <= 8 ? Math.max(1, 0.2 * t) : 1.5;
  }
  return key === 'shoulderRoundingPct' ? 4 : 1.5;
}

/** The metrics that need the shoulders. */
export const NEEDS_SHOULDERS: ReadonlySet<MetricKey> = new Set([
  'headForwardCm',
  'shoulderRoundingPct',
  'shoulderTiltDeg',
  'shoulderElevationCm',
  'headShiftPct',
  'trunkYawDeg',
]);

export interface MetricScore {
  key: BoundedKey;
  /** Cases with a reading. */
  known: number;
  unknown: number;
  /** Largest |reading - truth| over the cases with a reading. */
  worstError: number;
  worstCase: string | null;
  /** Cases whose reading is out of bounds. */
  outOfBounds: string[];
}

export function scoreResults(results: readonly RigResult[]): MetricScore[] {
  return BOUNDED.map((key) => {
    const s: MetricScore = { key, known: 0, unknown: 0, worstError: 0, worstCase: null, outOfBounds: [] };
    for (const r of results) {
      const reading = r.readings[key];
      if (reading.value == null) {
        s.unknown += 1;
        continue;
      }
      s.known += 1;
      const err = Math.abs(reading.value - r.truth[key]);
      if (err > s.worstError) {
        s.worstError = err;
        s.worstCase = r.case.id;
      }
      if (err > bound(key, r.truth)) s.outOfBounds.push(r.case.id);
    }
    return s;
  });
}
