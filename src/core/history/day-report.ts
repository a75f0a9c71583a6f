/**
 * What the chart page shows, built from stored minutes by pure functions
 * (the chart library only draws): a day's timeline, its summary, and the
 * trend over past days.
 */
import { PROBLEM_IDS, type ProblemId } from '../alerts/problems';
import { POSTURE_PROBLEMS } from './aggregate';
import { MINUTE_MS, addDays, addMinute, dayBounds, emptyMinute, type MinuteRecord } from './minute';

/** Absent this long between two stretches in view, a break, ms (as the alerts count one). */
const BREAK_MS = 3 * MINUTE_MS;
/** A minute counts as good when at least this share of its judged time was good. */
const GOOD_MINUTE_SHARE = 0.8;
/** And when at least this many of its seconds were judged. */
const JUDGED_MIN_S = 20;

/** The timeline's layers, bottom to top; each bucket's layers add up to the time in view. */
export const LAYERS = ['good', ...POSTURE_PROBLEMS, 'frozen', 'unjudged'] as const;
export type Layer = (typeof LAYERS)[number];

export interface DayChartData {
  day: string;
  bucketMin: number;
  /** Bucket starts, epoch seconds. */
  x: number[];
  /** Minutes of each layer per bucket; null where nobody was in view (a gap). */
  layers: Record<Layer, (number | null)[]>;
  /** Alerts raised, by bucket: a list of problems per bucket with any. */
  alerts: { x: number; problems: ProblemId[] }[];
}

/**
 * The day as a timeline in buckets of `bucketMin` minutes: how much of each
 * bucket was spent in good posture, in each problem, and in view but not
 * judged (no calibration). Time in poor posture is shared among the
 * problems held in proportion to their seconds, so the layers add up.
 */
export function dayChartData(day: string, minutes: readonly MinuteRecord[], bucketMin = 5): DayChartData {
  const { startMs, endMs } = dayBounds(day);
  const size = bucketMin * MINUTE_MS;
  const n = Math.ceil((endMs - startMs) / size);
  const x = Array.from({ length: n }, (_, i) => (startMs + i * size) / 1000);
  const layers = Object.fromEntries(LAYERS.map((l) => [l, new Array<number | null>(n).fill(null)])) as Record<
    Layer,
    (number | null)[]
  >;
  const alerts = new Map<number, ProblemId[]>();
  for (const r of minutes) {
    if (r.day !== day) continue;
    const i = Math.floor((r.t - startMs) / size);
    if (i < 0 || i >= n) continue;
    const raised = PROBLEM_IDS.flatMap((p) => new Array<ProblemId>(r.alerts[p]).fill(p));
    if (raised.length) alerts.set(i, [...(alerts.get(i) ?? []), ...raised]);
    if (r.presentS <= 0) continue;
    const add = (l: Layer, s: number) => (layers[l][i] = (layers[l][i] ?? 0) + s / 60);
    add('good', r.goodS);
    add('unjudged', Math.max(0, r.presentS - r.calibratedS));
    const poor = Math.max(0, r.calibratedS - r.goodS);
    const held = [...POSTURE_PROBLEMS, 'frozen' as const];
    const total = held.reduce((a, p) => a + r.problemS[p], 0);
    for (const p of held) add(p, total > 0 ? (poor * r.problemS[p]) / total : 0);
    // Poor time with no problem named (rounding at the edges of a problem) stays with good.
    if (total === 0) add('good', poor);
  }
  return {
    day,
    bucketMin,
    x,
    layers,
    alerts: [...alerts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([i, problems]) => ({ x: x[i] as number, problems })),
  };
}

/** Running sums of the layers, top layer first (how stacked bars are drawn: each over the one before). */
export function stackLayers(data: DayChartData): { layer: Layer; values: (number | null)[] }[] {
  const sums = new Array<number | null>(data.x.length).fill(null);
  const stacked = LAYERS.map((layer) => {
    const values = data.layers[layer].map((v, i) => {
      if (v === null) return sums[i] ?? null;
      sums[i] = (sums[i] ?? 0) + v;
      return sums[i] ?? null;
    });
    return { layer, values };
  });
  return stacked.reverse();
}

export interface DaySummary {
  day: string;
  monitoredS: number;
  presentS: number;
  judgedS: number;
  /** Share of judged time in good posture, 0..1; null when nothing was judged. */
  goodShare: number | null;
  /** The longest run of good minutes in view, ms, and when it started. */
  longestGoodMs: number;
  longestGoodFromMs: number | null;
  /** The problem held longest, with its seconds; null when none. */
  topProblem: { id: ProblemId; seconds: number } | null;
  /** Breaks: stretches of BREAK_MS or more away between two stretches in view. */
  breaks: number;
  alerts: number;
  /** Seconds leaning or twisted to each side. */
  leftS: number;
  rightS: number;
  problemS: Record<ProblemId, number>;
}

const isGoodMinute = (r: MinuteRecord) =>
  r.calibratedS >= JUDGED_MIN_S && r.goodS >= GOOD_MINUTE_SHARE * r.calibratedS;
const isPresentMinute = (r: MinuteRecord) => r.presentS >= 5;

export function daySummary(day: string, minutes: readonly MinuteRecord[]): DaySummary {
  const mine = minutes.filter((r) => r.day === day).sort((a, b) => a.t - b.t);
  const total = mine.reduce((a, r) => addMinute(a, r), emptyMinute(dayBounds(day).startMs, day));
  let longest = 0;
  let longestFrom: number | null = null;
  let runFrom: number | null = null;
  let runEnd = 0;
  let breaks = 0;
  let lastPresentEnd: number | null = null;
  for (const r of mine) {
    if (isGoodMinute(r)) {
      if (runFrom === null || r.t !== runEnd) runFrom = r.t;
      runEnd = r.t + MINUTE_MS;
      if (runEnd - runFrom > longest) {
        longest = runEnd - runFrom;
        longestFrom = runFrom;
      }
    } else {
      runFrom = null;
    }
    if (isPresentMinute(r)) {
      if (lastPresentEnd !== null && r.t - lastPresentEnd >= BREAK_MS) breaks += 1;
      lastPresentEnd = r.t + MINUTE_MS;
    }
  }
  let top: DaySummary['topProblem'] = null;
  for (const id of PROBLEM_IDS) {
    const seconds = total.problemS[id];
    if (id !== 'sittingTooLong' && seconds > 0 && (!top || seconds > top.seconds)) top = { id, seconds };
  }
  return {
    day,
    monitoredS: total.monitoredS,
    presentS: total.presentS,
    judgedS: total.calibratedS,
    goodShare: total.calibratedS > 0 ? total.goodS / total.calibratedS : null,
    longestGoodMs: longest,
    longestGoodFromMs: longestFrom,
    topProblem: top,
    breaks,
    alerts: PROBLEM_IDS.reduce((a, p) => a + total.alerts[p], 0),
    leftS: total.tiltLeftS + total.twistLeftS,
    rightS: total.tiltRightS + total.twistRightS,
    problemS: total.problemS,
  };
}

/** One side's share of one-sided time, and whether it is lopsided enough to mention. */
export function oneSided(s: Pick<DaySummary, 'leftS' | 'rightS'>): {
  leftShare: number | null;
  side: 'left' | 'right' | null;
} {
  const sum = s.leftS + s.rightS;
  if (sum < 60) return { leftShare: sum > 0 ? s.leftS / sum : null, side: null };
  const leftShare = s.leftS / sum;
  return { leftShare, side: leftShare >= 0.65 ? 'left' : leftShare <= 0.35 ? 'right' : null };
}

export interface TrendData {
  days: string[];
  /** Day starts, epoch seconds. */
  x: number[];
  /** Hours in view and judged good / in poor posture per day (null on days without data). */
  goodH: (number | null)[];
  poorH: (number | null)[];
  /** Share of judged time in good posture, %. */
  goodPct: (number | null)[];
}

/** The `count` days up to and including `lastDay`, from per-day totals (records keyed by day). */
export function trendData(lastDay: string, count: number, dayTotals: readonly MinuteRecord[]): TrendData {
  const byDay = new Map(dayTotals.map((r) => [r.day, r]));
  const days = Array.from({ length: count }, (_, i) => addDays(lastDay, i - count + 1));
  const rows = days.map((d) => byDay.get(d));
  return {
    days,
    x: days.map((d) => dayBounds(d).startMs / 1000),
    goodH: rows.map((r) => (r ? r.goodS / 3600 : null)),
    poorH: rows.map((r) => (r ? Math.max(0, r.calibratedS - r.goodS) / 3600 : null)),
    goodPct: rows.map((r) => (r && r.calibratedS > 0 ? (100 * r.goodS) / r.calibratedS : null)),
  };
}
