/**
 * The history's unit: one minute of monitoring, as totals that add up.
 * Never a frame or an image: seconds, counts and sums of a few metrics.
 *
 * A minute belongs to the local day it started in, decided when it is first
 * written and stored with it, so a later time-zone change moves no old
 * minute to another day. Minutes start on whole minutes of epoch time, and
 * local midnight is one of them in every time zone.
 */
import { PROBLEM_IDS, type ProblemId } from '../alerts/problems';
import type { MetricKey } from '../posture/metrics/metric';

export { addDays, dayBounds, localDay } from './calendar';

export const MINUTE_MS = 60_000;

/** The metrics whose means are kept per minute. */
export const HISTORY_METRICS = [
  'headForwardCm',
  'shoulderRoundingPct',
  'shoulderTiltDeg',
  'headRollDeg',
  'trunkYawDeg',
  'distanceCm',
  'headPitchDeg',
] as const satisfies readonly MetricKey[];
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

export interface MinuteRecord {
  /** The minute's start, epoch ms (a whole minute). */
  t: number;
  /** The local day it started in, YYYY-MM-DD. */
  day: string;
  /** Seconds the app was watching (not paused). */
  monitoredS: number;
  /** Seconds the calibrated person was in view. */
  presentS: number;
  /** Seconds in view with a neutral to judge against. */
  calibratedS: number;
  /** Seconds in view, judged, with no posture problem. */
  goodS: number;
  /** Seconds in each problem (building towards or holding an alert). */
  problemS: Record<ProblemId, number>;
  /** Seconds leaning (tilt) and turned (twist) to each side, the person's own. */
  tiltLeftS: number;
  tiltRightS: number;
  twistLeftS: number;
  twistRightS: number;
  /** Alerts raised, by problem. */
  alerts: Record<ProblemId, number>;
  /** Sums and counts of each metric over the samples in view (means are sum / count). */
  sums: Record<HistoryMetric, number>;
  counts: Record<HistoryMetric, number>;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function emptyMinute(t: number, day: string): MinuteRecord {
  return {
    t,
    day,
    monitoredS: 0,
    presentS: 0,
    calibratedS: 0,
    goodS: 0,
    problemS: zeros(PROBLEM_IDS),
    tiltLeftS: 0,
    tiltRightS: 0,
    twistLeftS: 0,
    twistRightS: 0,
    alerts: zeros(PROBLEM_IDS),
    sums: zeros(HISTORY_METRICS),
    counts: zeros(HISTORY_METRICS),
  };
}

const SECONDS = ['monitoredS', 'presentS', 'calibratedS', 'goodS'] as const;
const SIDES = ['tiltLeftS', 'tiltRightS', 'twistLeftS', 'twistRightS'] as const;

/** Adds `b`'s totals to `a` (in place) and returns `a`; `a` keeps its day, and the earlier start. */
export function addMinute(a: MinuteRecord, b: MinuteRecord): MinuteRecord {
  a.t = Math.min(a.t, b.t);
  for (const k of SECONDS) a[k] += b[k];
  for (const k of SIDES) a[k] += b[k];
  for (const p of PROBLEM_IDS) {
    a.problemS[p] += b.problemS[p];
    a.alerts[p] += b.alerts[p];
  }
  for (const m of HISTORY_METRICS) {
    a.sums[m] += b.sums[m];
    a.counts[m] += b.counts[m];
  }
  return a;
}

/** The stored form: nested totals keep only their non-zero entries (restore fills the rest). */
export function compactMinute(r: MinuteRecord): Record<string, unknown> {
  const nonZero = (o: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));
  return {
    ...r,
    problemS: nonZero(r.problemS),
    alerts: nonZero(r.alerts),
    sums: nonZero(r.sums),
    counts: nonZero(r.counts),
  };
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** The most seconds a minute (or a day) can hold, with room for rounding. */
const limit = (perDay: boolean) => (perDay ? 86_400 * 1.05 : 61);

/**
 * A stored minute (or day total, `perDay`) made whole: missing totals are
 * zero. Garbage (not an object, no valid start or day, a negative or
 * impossible total, a non-number where a number belongs) gives null with
 * the reason, so the caller can skip it and say so.
 */
export function restoreMinute(raw: unknown, perDay = false): { record: MinuteRecord } | { error: string } {
  if (typeof raw !== 'object' || raw === null) return { error: 'not an object' };
  const o = raw as Record<string, unknown>;
  if (typeof o.t !== 'number' || !Number.isSafeInteger(o.t) || o.t < 0 || (!perDay && o.t % MINUTE_MS !== 0))
    return { error: `bad start ${String(o.t)}` };
  if (typeof o.day !== 'string' || !DAY_RE.test(o.day)) return { error: `bad day ${String(o.day)}` };
  const r = emptyMinute(o.t, o.day);
  const max = limit(perDay);
  for (const k of [...SECONDS, ...SIDES]) {
    const v = o[k] ?? 0;
    if (!isCount(v) || v > max) return { error: `bad ${k} ${String(v)}` };
    r[k] = v;
  }
  const nested = (
    key: 'problemS' | 'alerts' | 'sums' | 'counts',
    keys: readonly string[],
    signed: boolean,
  ) => {
    const src = o[key] ?? {};
    if (typeof src !== 'object' || src === null) return `bad ${key}`;
    const into = r[key] as Record<string, number>;
    for (const k of keys) {
      const v = (src as Record<string, unknown>)[k] ?? 0;
      const ok = signed ? typeof v === 'number' && Number.isFinite(v) : isCount(v);
      if (!ok || (key === 'problemS' && (v as number) > max)) return `bad ${key}.${k} ${String(v)}`;
      into[k] = v as number;
    }
    return null;
  };
  const error =
    nested('problemS', PROBLEM_IDS, false) ??
    nested('alerts', PROBLEM_IDS, false) ??
    nested('sums', HISTORY_METRICS, true) ??
    nested('counts', HISTORY_METRICS, false);
  if (error) return { error };
  if (r.presentS > r.monitoredS + 1 || r.goodS > r.calibratedS + 1 || r.calibratedS > r.presentS + 1)
    return { error: 'totals do not fit inside each other' };
  return { record: r };
}

/** A metric's mean over a record, or null when it was never read. */
export const meanOf = (r: MinuteRecord, m: HistoryMetric): number | null =>
  r.counts[m] > 0 ? r.sums[m] / r.counts[m] : null;
