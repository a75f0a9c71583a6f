/**
 * What `npm run analyze` prints: one line per second of video, a line for
 * each alert the posture state raised, and a summary.
 * The field names are an interface for other tools: extend, never rename.
 * Each metric is the median over the second's frames of the deviation from
 * the neutral (null when no frame in the second could measure it).
 */
import { METRIC_KEYS, type MetricKey } from '../core/posture/metrics/metric';
import { median, roundTo } from '../core/numbers';
import type { CalibrationOutcome } from '../core/posture/calibration';
import type { PostureSample } from '../core/posture/tracker';
import type { AlertEvent } from '../core/alerts/posture-state';
import type { ProblemId, Side } from '../core/alerts/problems';
import { REASONS } from '../core/posture/reasons';

export type SecondLine = { t: number; present: boolean } & Record<MetricKey, number | null> & {
    stillness: number | null;
    screenDistanceCm: number | null;
    /** For every metric that is null in this second, why (the reason most of its frames gave). */
    reasons: Partial<Record<MetricKey | 'stillness', string>>;
  };

/** An alert the posture state raised: its time in the video, s; the problem; the side; how long it had been held, s. */
export interface AlertLine {
  t: number;
  alert: ProblemId;
  side: Side | null;
  heldS: number;
}

export interface Extremes {
  median: number;
  min: number;
  max: number;
}

export interface Summary {
  summary: true;
  frames: number;
  framesWithPerson: number;
  seconds: number;
  calibration:
    | {
        ok: true;
        frames: number;
        screenDistanceCm: number;
        /** The camera's field of view the readings were taken with, degrees. */
        fovDeg: number;
        /** The readings this calibration can give. */
        readings: MetricKey[];
        /** What the setup will not let the app measure, and how to fix it. */
        warnings: string[];
      }
    | { ok: false; reason: string; message: string }
    | null;
  metrics: Record<MetricKey | 'stillness' | 'screenDistanceCm', Extremes | null>;
  /** How many alerts of each problem were raised. */
  alerts: Partial<Record<ProblemId, number>>;
}

const round = (v: number | null, digits = 2): number | null => (v == null ? null : roundTo(v, digits));

export function secondLines(samples: readonly PostureSample[]): SecondLine[] {
  const bySecond = new Map<number, PostureSample[]>();
  for (const s of samples) {
    const t = Math.floor(s.tMs / 1000);
    const group = bySecond.get(t);
    if (group) group.push(s);
    else bySecond.set(t, [s]);
  }
  return [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, group]) => {
      const line = {
        t,
        present: group.filter((s) => s.present).length * 2 > group.length,
      } as SecondLine;
      for (const key of METRIC_KEYS)
        line[key] = round(median(group.flatMap((s) => (s.metrics[key] == null ? [] : [s.metrics[key]]))));
      line.stillness = round(median(group.flatMap((s) => (s.stillness == null ? [] : [s.stillness]))), 3);
      line.screenDistanceCm = round(
        median(group.flatMap((s) => (s.screenDistanceCm == null ? [] : [s.screenDistanceCm]))),
        1,
      );
      line.reasons = {};
      for (const key of [...METRIC_KEYS, 'stillness'] as const) {
        if (line[key] == null) line.reasons[key] = commonest(group.map((s) => s.reasons[key]));
      }
      return line;
    });
}

/** The reason most samples gave (ties: the first seen); a sample with none counts as nobody in view. */
function commonest(reasons: readonly (string | undefined)[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) {
    const key = r ?? REASONS.nobody;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best = REASONS.nobody as string;
  let n = 0;
  for (const [r, c] of counts)
    if (c > n) {
      best = r;
      n = c;
    }
  return best;
}

export function alertLines(events: readonly AlertEvent[]): AlertLine[] {
  return events.flatMap((e) =>
    e.kind === 'alert'
      ? [{ t: round(e.tMs / 1000, 1)!, alert: e.problem, side: e.side, heldS: Math.round(e.heldMs / 1000) }]
      : [],
  );
}

/** The per-second lines with each alert line after the line of the second it fell in. */
export function interleave(
  lines: readonly SecondLine[],
  alerts: readonly AlertLine[],
): (SecondLine | AlertLine)[] {
  const out: (SecondLine | AlertLine)[] = [];
  let i = 0;
  for (const line of lines) {
    out.push(line);
    while (i < alerts.length && Math.floor(alerts[i]!.t) <= line.t) out.push(alerts[i++]!);
  }
  return out.concat(alerts.slice(i));
}

function countAlerts(alerts: readonly AlertLine[]): Summary['alerts'] {
  const n: Summary['alerts'] = {};
  for (const a of alerts) n[a.alert] = (n[a.alert] ?? 0) + 1;
  return n;
}

function extremes(values: readonly number[]): Extremes | null {
  if (values.length === 0) return null;
  return {
    median: round(median(values))!,
    min: round(Math.min(...values))!,
    max: round(Math.max(...values))!,
  };
}

export function summarize(
  samples: readonly PostureSample[],
  lines: readonly SecondLine[],
  alerts: readonly AlertLine[] = [],
): Summary {
  const outcome: CalibrationOutcome | null =
    samples.flatMap((s) => (s.calibration?.state === 'finished' ? [s.calibration.outcome] : []))[0] ?? null;
  const metrics = {} as Summary['metrics'];
  for (const key of [...METRIC_KEYS, 'stillness', 'screenDistanceCm'] as const) {
    metrics[key] = extremes(
      samples.flatMap((s) => {
        const v =
          key === 'stillness'
            ? s.stillness
            : key === 'screenDistanceCm'
              ? s.screenDistanceCm
              : s.metrics[key];
        return v == null ? [] : [v];
      }),
    );
  }
  return {
    summary: true,
    frames: samples.length,
    framesWithPerson: samples.filter((s) => s.present).length,
    seconds: lines.length,
    calibration:
      outcome == null
        ? null
        : outcome.ok
          ? {
              ok: true,
              frames: outcome.neutral.frames,
              screenDistanceCm: round(outcome.neutral.screenDistanceCm, 1)!,
              fovDeg: round(outcome.neutral.fovDeg, 1)!,
              readings: outcome.neutral.readings,
              warnings: outcome.neutral.warnings,
            }
          : { ok: false, reason: outcome.reason, message: outcome.message },
    metrics,
    alerts: countAlerts(alerts),
  };
}
