/**
 * The accuracy bounds, and how a set of cases (the rig's or real footage's)
 * measures up to them. Pure: used by the tests and by `npm run accuracy`.
 *
 * Bounds, for every reading the app gives:
 * - head forward within ±1.5 cm; on cases whose true head forward is 2-8 cm,
 *   within max(1 cm, 20 %);
 * - shoulders rounded within ±4 % (points of the shoulder span);
 * - shoulder tilt and head roll within ±1.5°;
 * - the change in distance to the screen within 25 % of the true change
 *   (and never closer than ±1.5 cm is asked for).
 *
 * Every reading of every case has one of three outcomes: given and within
 * its bound, given and out of it, or unknown with the app's reason. A
 * reading counts as given only when the app gave it in at least
 * KNOWN_SHARE of the case's held frames; an unknown reading without a
 * reason the app gives (reasons.ts) is a failure, as is one out of bound.
 *
 * A case with a shoulder cut by the frame or too faint to see ("shoulder
 * trouble") may leave the shoulder readings unknown; if it gives them, the
 * same bounds hold. A case with the face at the picture's edge ("head
 * trouble") may leave every reading unknown. The others are "clear": each
 * of their readings is expected to be given and within its bound.
 */
import { isAppReason } from '../../src/core/posture/reasons';

export type BoundedKey =
  'headForwardCm' | 'shoulderRoundingPct' | 'shoulderTiltDeg' | 'headRollDeg' | 'distanceCm';

export const BOUNDED: readonly BoundedKey[] = [
  'headForwardCm',
  'shoulderRoundingPct',
  'shoulderTiltDeg',
  'headRollDeg',
  'distanceCm',
];

/** The metric groups of the summary line. */
export const GROUP_OF: Readonly<Record<BoundedKey, string>> = {
  headForwardCm: 'headForward',
  shoulderRoundingPct: 'rounding',
  shoulderTiltDeg: 'tilt',
  headRollDeg: 'tilt',
  distanceCm: 'distance',
};

export type Truth = Record<BoundedKey, number>;

/** A reading is given only when the app gave it in at least this share of the held frames. */
export const KNOWN_SHARE = 0.8;

/** The largest error allowed for a reading of `key` when the truth is `truth`. */
export function bound(key: BoundedKey, truth: Truth): number {
  switch (key) {
    case 'headForwardCm': {
      const t = truth.headForwardCm;
      return t >= 2 && t <= 8 ? Math.max(1, 0.2 * t) : 1.5;
    }
    case 'distanceCm':
      return Math.max(1.5, 0.25 * Math.abs(truth.distanceCm));
    case 'shoulderRoundingPct':
      return 4;
    default:
      return 1.5;
  }
}

/** What the app read over a case's held frames. */
export interface Reading {
  /** The median of the frames that gave it; null when it was given in fewer than KNOWN_SHARE of them. */
  value: number | null;
  /** Why it is unknown: the reason most of the frames without it gave; null when one gave none. */
  reason: string | null;
  /** The share of the held frames that gave it. */
  knownShare: number;
}

/**
 * A reading over held frames: given (the median) when at least
 * KNOWN_SHARE of them gave it; otherwise unknown with the reason most of
 * the others gave, or null when any of them gave none.
 */
export function readingOver(frames: readonly { value: number | null; reason: string | null }[]): Reading {
  const values = frames.flatMap((f) => (f.value == null ? [] : [f.value]));
  const knownShare = frames.length === 0 ? 0 : values.length / frames.length;
  if (frames.length > 0 && knownShare >= KNOWN_SHARE) {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return { value: s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2, reason: null, knownShare };
  }
  const unknown = frames.filter((f) => f.value == null);
  if (unknown.length === 0 || unknown.some((f) => !f.reason))
    return { value: null, reason: null, knownShare };
  const counts = new Map<string, number>();
  for (const f of unknown) counts.set(f.reason!, (counts.get(f.reason!) ?? 0) + 1);
  const reason = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return { value: null, reason, knownShare };
}

/** One case: its truth, what the app read. */
export interface Scored {
  id: string;
  truth: Truth;
  readings: Record<BoundedKey, Reading>;
  /** A shoulder cut by the frame, or too faint to see: shoulder readings may be unknown. */
  shoulderTrouble: boolean;
  /** The head at or beyond the picture's edge: every reading may be unknown. */
  headTrouble?: boolean;
  /** Readings shown but not held to their bound in this case (real-truth.ts says why). */
  unbounded?: readonly BoundedKey[];
}

/** The readings that rest on the shoulders (head forward is measured against them). */
export const SHOULDER_KEYS: ReadonlySet<BoundedKey> = new Set([
  'headForwardCm',
  'shoulderRoundingPct',
  'shoulderTiltDeg',
]);

export type Outcome = 'within' | 'out' | 'unknown' | 'unbounded';

/** How one reading of a case came out. */
export function outcomeOf(r: Scored, key: BoundedKey): Outcome {
  const { value } = r.readings[key];
  if (value == null) return 'unknown';
  if (r.unbounded?.includes(key)) return 'unbounded';
  return Math.abs(value - r.truth[key]) > bound(key, r.truth) ? 'out' : 'within';
}

/** Whether a case's reading may be unknown (its setup hides what it needs). */
export function mayBeUnknown(r: Scored, key: BoundedKey): boolean {
  return r.headTrouble === true || (r.shoulderTrouble && SHOULDER_KEYS.has(key));
}

export const isClear = (r: Scored): boolean => !r.shoulderTrouble && !r.headTrouble;

export interface Failure {
  id: string;
  key: BoundedKey;
  /** What went wrong: out of bounds, or unknown without a reason. */
  problem: string;
}

/** How many readings came out each way. */
export interface Outcomes {
  within: number;
  out: number;
  unknown: number;
}

export interface Summary {
  cases: number;
  /** Cases without shoulder or head trouble. */
  clearCases: number;
  /** Clear cases whose every bounded reading was given and within its bound. */
  clearAllWithin: number;
  clearAllWithinShare: number;
  /** Per metric group: the largest error of a given reading, and where. */
  worst: Record<string, { errorAbs: number; case: string | null }>;
  /** Clear cases with at least one bounded reading unknown. */
  unknownCases: number;
  unknownShare: number;
  /** Per metric: clear cases where it is unknown. */
  unknownByMetric: Record<BoundedKey, number>;
  /** Every bounded reading of every case (readings not held to a bound left out). */
  outcomes: Outcomes;
  /** The same, over the clear cases. */
  clearOutcomes: Outcomes;
  /** Share of all the readings counted in `outcomes` that are unknown. */
  unknownReadingShare: number;
  failures: Failure[];
}

function noteFailure(r: Scored, key: BoundedKey, failures: Failure[]): void {
  const { value, reason } = r.readings[key];
  if (value == null) {
    if (!reason) failures.push({ id: r.id, key, problem: 'unknown without a reason' });
    else if (!isAppReason(reason)) failures.push({ id: r.id, key, problem: `unknown for "${reason}"` });
    return;
  }
  if (outcomeOf(r, key) !== 'out') return;
  const error = Math.abs(value - r.truth[key]);
  failures.push({
    id: r.id,
    key,
    problem: `read ${value.toFixed(2)} for ${r.truth[key].toFixed(2)} (off by ${error.toFixed(2)}, allowed ${bound(key, r.truth).toFixed(2)})`,
  });
}

export function summarize(rows: readonly Scored[]): Summary {
  const worst: Summary['worst'] = {};
  for (const g of new Set(Object.values(GROUP_OF))) worst[g] = { errorAbs: 0, case: null };
  const unknownByMetric = Object.fromEntries(BOUNDED.map((k) => [k, 0])) as Record<BoundedKey, number>;
  const failures: Failure[] = [];
  const outcomes: Outcomes = { within: 0, out: 0, unknown: 0 };
  const clearOutcomes: Outcomes = { within: 0, out: 0, unknown: 0 };
  let unknownCases = 0;
  let clearAllWithin = 0;
  const clear = rows.filter(isClear);
  for (const r of rows) {
    let anyUnknown = false;
    let allWithin = true;
    for (const key of BOUNDED) {
      noteFailure(r, key, failures);
      const outcome = outcomeOf(r, key);
      if (outcome !== 'within' && outcome !== 'unbounded') allWithin = false;
      if (outcome === 'unbounded') continue;
      outcomes[outcome] += 1;
      if (isClear(r)) clearOutcomes[outcome] += 1;
      if (outcome === 'unknown') {
        if (isClear(r)) {
          anyUnknown = true;
          unknownByMetric[key] += 1;
        }
        continue;
      }
      const error = Math.abs(r.readings[key].value! - r.truth[key]);
      const w = worst[GROUP_OF[key]]!;
      if (error > w.errorAbs) {
        w.errorAbs = error;
        w.case = r.id;
      }
    }
    if (anyUnknown) unknownCases += 1;
    if (allWithin && isClear(r)) clearAllWithin += 1;
  }
  const counted = outcomes.within + outcomes.out + outcomes.unknown;
  return {
    cases: rows.length,
    clearCases: clear.length,
    clearAllWithin,
    clearAllWithinShare: clear.length === 0 ? 0 : clearAllWithin / clear.length,
    worst,
    unknownCases,
    unknownShare: clear.length === 0 ? 0 : unknownCases / clear.length,
    unknownByMetric,
    outcomes,
    clearOutcomes,
    unknownReadingShare: counted === 0 ? 0 : outcomes.unknown / counted,
    failures,
  };
}

/** At most this share of the clear cases may have a bounded reading unknown (the rig). */
export const MAX_UNKNOWN_SHARE = 0.05;
