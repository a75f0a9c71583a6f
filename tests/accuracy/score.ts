/**
 * The accuracy bounds, and how a set of cases (the rig's or real footage's)
 * measures up to them. Pure: used by the tests and by `npm run accuracy`.
 *
 * Bounds, for every reading the app gives (an unknown reading is not
 * wrong, but it must say why, and unknowns are counted):
 * - head forward within ±1.5 cm; on cases whose true head forward is 2-8 cm,
 *   within max(1 cm, 20 %);
 * - shoulders rounded within ±4 % (points of the shoulder span);
 * - shoulder tilt and head roll within ±1.5°.
 * A case with a shoulder cut by the frame or too faint to see ("shoulder
 * trouble") may leave the shoulder readings unknown; if it gives them, the
 * same bounds hold. A case with the face at the picture's edge ("head
 * trouble") may leave every reading unknown.
 */

export type BoundedKey = 'headForwardCm' | 'shoulderRoundingPct' | 'shoulderTiltDeg' | 'headRollDeg';

export const BOUNDED: readonly BoundedKey[] = [
  'headForwardCm',
  'shoulderRoundingPct',
  'shoulderTiltDeg',
  'headRollDeg',
];

/** The metric groups of the summary line. */
export const GROUP_OF: Readonly<Record<BoundedKey, string>> = {
  headForwardCm: 'headForward',
  shoulderRoundingPct: 'rounding',
  shoulderTiltDeg: 'tilt',
  headRollDeg: 'tilt',
};

export type Truth = Record<BoundedKey, number>;

/** The largest error allowed for a reading of `key` when the truth is `truth`. */
export function bound(key: BoundedKey, truth: Truth): number {
  if (key === 'headForwardCm') {
    const t = truth.headForwardCm;
    return t >= 2 && t <= 8 ? Math.max(1, 0.2 * t) : 1.5;
  }
  return key === 'shoulderRoundingPct' ? 4 : 1.5;
}

/** One case: its truth, what the app read (null: unknown, with the reason). */
export interface Scored {
  id: string;
  truth: Truth;
  readings: Record<BoundedKey, { value: number | null; reason: string | null }>;
  /** A shoulder cut by the frame, or too faint to see: shoulder readings may be unknown. */
  shoulderTrouble: boolean;
  /** The head at or beyond the picture's edge: every reading may be unknown. */
  headTrouble?: boolean;
  /** Readings shown but not held to their bound in this case (real-truth.ts says why). */
  unbounded?: readonly BoundedKey[];
}

const SHOULDER_KEYS: ReadonlySet<BoundedKey> = new Set([
  'headForwardCm',
  'shoulderRoundingPct',
  'shoulderTiltDeg',
]);

export interface Failure {
  id: string;
  key: BoundedKey;
  /** What went wrong: out of bounds, or unknown without a reason. */
  problem: string;
}

export interface Summary {
  cases: number;
  /** Cases without shoulder trouble. */
  clearCases: number;
  /** Per metric group: the largest error of a known reading, and where. */
  worst: Record<string, { errorAbs: number; case: string | null }>;
  /** Clear cases with at least one bounded reading unknown. */
  unknownCases: number;
  unknownShare: number;
  /** Per metric: clear cases where it is unknown. */
  unknownByMetric: Record<BoundedKey, number>;
  failures: Failure[];
}

export function summarize(rows: readonly Scored[]): Summary {
  const worst: Summary['worst'] = {};
  for (const g of new Set(Object.values(GROUP_OF))) worst[g] = { errorAbs: 0, case: null };
  const unknownByMetric = Object.fromEntries(BOUNDED.map((k) => [k, 0])) as Record<BoundedKey, number>;
  const failures: Failure[] = [];
  let unknownCases = 0;
  const clear = rows.filter((r) => !r.shoulderTrouble && !r.headTrouble);
  for (const r of rows) {
    let anyUnknown = false;
    for (const key of BOUNDED) {
      const { value, reason } = r.readings[key];
      if (value == null) {
        if (!reason) failures.push({ id: r.id, key, problem: 'unknown without a reason' });
        if (!r.headTrouble && !(r.shoulderTrouble && SHOULDER_KEYS.has(key))) {
          anyUnknown = true;
          if (!r.shoulderTrouble && !r.headTrouble) unknownByMetric[key] += 1;
        }
        continue;
      }
      if (r.unbounded?.includes(key)) continue;
      const error = Math.abs(value - r.truth[key]);
      const w = worst[GROUP_OF[key]]!;
      if (error > w.errorAbs) {
        w.errorAbs = error;
        w.case = r.id;
      }
      const limit = bound(key, r.truth);
      if (error > limit) {
        failures.push({
          id: r.id,
          key,
          problem: `read ${value.toFixed(2)} for ${r.truth[key].toFixed(2)} (off by ${error.toFixed(2)}, allowed ${limit.toFixed(2)})`,
        });
      }
    }
    if (anyUnknown && !r.shoulderTrouble && !r.headTrouble) unknownCases += 1;
  }
  return {
    cases: rows.length,
    clearCases: clear.length,
    worst,
    unknownCases,
    unknownShare: clear.length === 0 ? 0 : unknownCases / clear.length,
    unknownByMetric,
    failures,
  };
}

/** At most this share of the clear cases may have a bounded reading unknown. */
export const MAX_UNKNOWN_SHARE = 0.05;
