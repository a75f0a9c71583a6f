/**
 * Per-minute totals from the stream of posture results. Pure: the wall
 * clock is passed in with each sample.
 *
 * Each interval between two samples is credited with the state of the
 * first (held until the next sample came), split at minute boundaries, so
 * a session across midnight lands on both days. A gap longer than
 * MAX_GAP_MS (the tab frozen, the computer asleep, the worker restarting)
 * is credited to nothing, and a clock that goes backwards starts afresh.
 */
import type { AlertSnapshot } from '../alerts/posture-state';
import { PROBLEM_IDS, type ProblemId, type Side } from '../alerts/problems';
import type { PostureSample } from '../posture/tracker';
import {
  HISTORY_METRICS,
  MINUTE_MS,
  addMinute,
  emptyMinute,
  localDay,
  type HistoryMetric,
  type MinuteRecord,
} from './minute';

/** The longest wait between two samples still counted as watched, ms (the slowest rate is one every 4 s). */
export const MAX_GAP_MS = 10_000;

/** The postures counted against good posture while they build or hold. */
export const POSTURE_PROBLEMS = ['forwardHead', 'roundedShoulders', 'tilt', 'twist', 'tooClose'] as const;

export interface HistorySample {
  /** Wall clock, epoch ms. */
  wallMs: number;
  /** The app is watching (not paused). */
  monitoring: boolean;
  /** The calibrated person is in view. */
  present: boolean;
  /** There is a neutral to judge against. */
  calibrated: boolean;
  /** Problems in force on this sample, with their side where they have one. */
  problems: Partial<Record<ProblemId, Side | null>>;
  metrics: Partial<Record<HistoryMetric, number>>;
  /** Alerts raised on this sample. */
  alerts: ProblemId[];
}

/** What history keeps of one result of the pose worker. */
export function historySample(
  alerts: AlertSnapshot,
  posture: Pick<PostureSample, 'present' | 'metrics'>,
  wallMs: number,
): HistorySample {
  const present = alerts.status === 'monitoring' && posture.present;
  const problems: Partial<Record<ProblemId, Side | null>> = {};
  for (const id of PROBLEM_IDS) {
    const p = alerts.problems[id];
    const counts = (POSTURE_PROBLEMS as readonly ProblemId[]).includes(id)
      ? p.phase !== 'idle'
      : p.phase === 'active';
    if (counts && present) problems[id] = p.side;
  }
  const metrics: Partial<Record<HistoryMetric, number>> = {};
  if (present)
    for (const m of HISTORY_METRICS) {
      const v = posture.metrics[m];
      if (v != null && Number.isFinite(v)) metrics[m] = v;
    }
  return {
    wallMs,
    monitoring: alerts.status !== 'paused',
    present,
    calibrated: alerts.calibrated,
    problems,
    metrics,
    alerts: alerts.events.flatMap((e) => (e.kind === 'alert' ? [e.problem] : [])),
  };
}

export class MinuteAggregator {
  private last: HistorySample | null = null;
  /** Totals added since the last drain, by minute start. */
  private pending = new Map<number, MinuteRecord>();

  /** `dayOf` names the local day of an instant (the machine's time zone unless a test says otherwise). */
  constructor(private readonly dayOf: (ms: number) => string = localDay) {}

  add(s: HistorySample): void {
    const last = this.last;
    if (last && s.wallMs >= last.wallMs && s.wallMs - last.wallMs <= MAX_GAP_MS)
      this.credit(last, last.wallMs, s.wallMs);
    const here = this.minute(s.wallMs);
    for (const p of s.alerts) here.alerts[p] += 1;
    for (const m of HISTORY_METRICS) {
      const v = s.metrics[m];
      if (v === undefined) continue;
      here.sums[m] += v;
      here.counts[m] += 1;
    }
    this.last = s;
  }

  /** The totals gathered since the last call, one record per minute touched, oldest first. */
  drain(): MinuteRecord[] {
    const out = [...this.pending.values()]
      .filter((r) => r.monitoredS > 0 || PROBLEM_IDS.some((p) => r.alerts[p] > 0))
      .sort((a, b) => a.t - b.t);
    this.pending = new Map();
    return out;
  }

  /** Puts drained totals back (a write failed), to be tried again with the next ones. */
  restore(records: MinuteRecord[]): void {
    for (const r of records) {
      const have = this.pending.get(r.t);
      if (have) addMinute(have, r);
      else this.pending.set(r.t, r);
    }
  }

  private minute(ms: number): MinuteRecord {
    const t = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
    let r = this.pending.get(t);
    if (!r) {
      r = emptyMinute(t, this.dayOf(t));
      this.pending.set(t, r);
    }
    return r;
  }

  /** Credits [fromMs, toMs) with the state `s`, minute by minute. */
  private credit(s: HistorySample, fromMs: number, toMs: number): void {
    let a = fromMs;
    while (a < toMs) {
      const r = this.minute(a);
      const b = Math.min(toMs, r.t + MINUTE_MS);
      const sec = (b - a) / 1000;
      a = b;
      if (!s.monitoring) continue;
      r.monitoredS += sec;
      if (!s.present) continue;
      r.presentS += sec;
      for (const [id, side] of Object.entries(s.problems) as [ProblemId, Side | null][]) {
        r.problemS[id] += sec;
        if (id === 'tilt' && side) r[side === 'left' ? 'tiltLeftS' : 'tiltRightS'] += sec;
        if (id === 'twist' && side) r[side === 'left' ? 'twistLeftS' : 'twistRightS'] += sec;
      }
      if (!s.calibrated) continue;
      r.calibratedS += sec;
      const poor = POSTURE_PROBLEMS.some((p) => p in s.problems) || 'frozen' in s.problems;
      if (!poor) r.goodS += sec;
    }
  }
}
