/**
 * The posture state: turns the stream of posture samples into alerts, the
 * same way in the live app (in the worker) and in `npm run analyze`.
 *
 * - Each posture problem has a timer (problem-timer.ts): it must be held for
 *   the onset delay before it alerts, clears with hysteresis, and a short
 *   moment sitting up does not restart it.
 * - Glances: looking down (head pitched by GLANCE_PITCH_DEG or more) for
 *   less than `glanceSec` does not count for the problems looking down
 *   resembles (head forward, rounded shoulders, too close); a longer look
 *   down, at a phone say, counts.
 * - An alert fires when its problem becomes active, then again every
 *   `cooldownMin` while it is still held; one that comes back within the
 *   cooldown waits for it. Snoozing holds every alert until it ends (the
 *   timers keep running, so a posture still held then alerts at once).
 *   Pausing stops everything until resumed, and starts afresh (cooldowns
 *   included).
 * - Only the calibrated person counts: a sample whose head is far from where
 *   it was at calibration (SAME_PERSON_*) is someone else, and is treated
 *   like nobody in view. After `absenceSec` without the person, monitoring
 *   is away: every problem is cleared and nothing builds. After `breakMin`
 *   away, the sitting timer starts again.
 * - Frozen (stillness) and sitting too long need no calibration; the rest
 *   wait for it.
 *
 * Time is passed in with each sample (its `tMs`); nothing reads a clock.
 */
import type { PostureSample } from '../posture/tracker';
import { levelsOf, type ProblemLevel } from './levels';
import { ProblemTimer, type Level, type Phase, type TimerParams } from './problem-timer';
import { PROBLEM_IDS, PROBLEMS, type ProblemId, type Side } from './problems';
import { DEFAULT_ALERT_SETTINGS, resolveAlertSettings, thresholdsOf, type AlertSettings } from './settings';

/** Looking down at least this far (degrees from neutral) is a glance at the keyboard or a phone. */
const GLANCE_PITCH_DEG = 18;
/** A moment of sitting up shorter than this does not restart a building problem, ms. */
const GRACE_MS = 5000;
/** Good posture must last this long to clear an active problem, ms. */
export const CLEAR_MS = 5000;
/** Frozen is a slow measure: its moments of movement must last longer to count, ms. */
const FROZEN_GRACE_MS = 30_000;
/** A sample stands for at most this much time (frames may be sparse or stall), ms. */
const MAX_STEP_MS = 5000;
/** The calibrated person's head stays within this of its calibrated place, sideways and up or down, cm. */
const SAME_PERSON_LATERAL_CM = 30;
/** ... and within this nearer or farther, cm. */
const SAME_PERSON_DEPTH_CM = 35;

const GLANCE_PROBLEMS: ReadonlySet<ProblemId> = new Set(['forwardHead', 'roundedShoulders', 'tooClose']);

export type MonitorStatus = 'monitoring' | 'away' | 'paused';
export type ClearReason = 'recovered' | 'away' | 'break' | 'paused' | 'disabled';

export type AlertEvent =
  | { kind: 'alert'; problem: ProblemId; side: Side | null; tMs: number; heldMs: number; repeat: boolean }
  | { kind: 'clear'; problem: ProblemId; tMs: number; reason: ClearReason };

export interface ProblemStatus {
  phase: Phase;
  side: Side | null;
  /** How long it has been held (since its first bad sample), ms; 0 when idle. */
  heldMs: number;
  /** Time past the threshold counted towards the onset, ms. */
  badMs: number;
  /** How close to the threshold the latest sample was (1 = at it); null when unknown. */
  share: number | null;
}

export interface AlertSnapshot {
  tMs: number;
  status: MonitorStatus;
  calibrated: boolean;
  /** Sample time until which alerts are held; null when not snoozed. */
  snoozedUntilMs: number | null;
  problems: Record<ProblemId, ProblemStatus>;
  /** Time seated since the last break, ms; null when nobody is there. */
  sittingMs: number | null;
  /** What happened on this sample: alerts raised and cleared. */
  events: AlertEvent[];
}

export type StateSample = Pick<
  PostureSample,
  'tMs' | 'present' | 'calibrated' | 'metrics' | 'stillness' | 'headOffsetCm'
>;

/** Whether the sample shows the calibrated person (not nobody, not someone else). */
function isCalibratedPerson(s: Pick<StateSample, 'present' | 'headOffsetCm'>): boolean {
  if (!s.present) return false;
  const o = s.headOffsetCm;
  if (!o) return true;
  return Math.hypot(o.x, o.y) <= SAME_PERSON_LATERAL_CM && Math.abs(o.z) <= SAME_PERSON_DEPTH_CM;
}

export class PostureState {
  private settings: AlertSettings;
  private readonly timers = new Map<ProblemId, ProblemTimer>();
  private readonly lastFiredMs = new Map<ProblemId, number>();
  private readonly shares = new Map<ProblemId, number | null>();
  private pending: AlertEvent[] = [];
  private lastTMs: number | null = null;
  private lastSeenMs: number | null = null;
  private sittingSinceMs: number | null = null;
  private glanceSinceMs: number | null = null;
  private snoozedUntilMs: number | null = null;
  private paused = false;
  private away = false;

  constructor(settings: Partial<AlertSettings> = DEFAULT_ALERT_SETTINGS) {
    this.settings = resolveAlertSettings(settings);
    for (const id of PROBLEM_IDS) this.timers.set(id, new ProblemTimer());
  }

  getSettings(): AlertSettings {
    return this.settings;
  }

  /** New settings from the next sample on; a problem switched off clears. */
  setSettings(partial: Partial<AlertSettings>): AlertSettings {
    this.settings = resolveAlertSettings(partial, this.settings);
    for (const id of PROBLEM_IDS) {
      if (!this.settings.enabled[id]) this.clear(id, this.lastTMs ?? 0, 'disabled');
    }
    if (!this.settings.enabled.sittingTooLong) this.sittingSinceMs = null;
    return this.settings;
  }

  /** Holds alerts for `durationMs` from the latest sample; 0 ends a snooze. */
  snooze(durationMs: number): number | null {
    this.snoozedUntilMs = durationMs > 0 ? (this.lastTMs ?? 0) + durationMs : null;
    return this.snoozedUntilMs;
  }

  /** Stops monitoring until resume(): every problem clears and the sitting timer stops. */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.resetAll(this.lastTMs ?? 0, 'paused');
    this.sittingSinceMs = null;
  }

  resume(): void {
    this.paused = false;
    this.lastSeenMs = null;
  }

  update(sample: StateSample): AlertSnapshot {
    const t = sample.tMs;
    if (this.lastTMs != null && t < this.lastTMs - 1000) this.restartClock(t);
    const dt = this.lastTMs == null ? 0 : Math.min(Math.max(0, t - this.lastTMs), MAX_STEP_MS);
    this.lastTMs = t;
    if (this.snoozedUntilMs != null && t >= this.snoozedUntilMs) this.snoozedUntilMs = null;
    if (!this.paused) this.track(sample, t, dt);
    const events = this.pending;
    this.pending = [];
    return this.snapshot(t, sample.calibrated, events);
  }

  /**
   * Time went backwards (a new camera or file whose clock starts again):
   * nothing measured on the old clock can be compared with the new one, so
   * everything starts afresh.
   */
  private restartClock(t: number): void {
    this.resetAll(t, 'away');
    this.clear('sittingTooLong', t, 'break');
    this.sittingSinceMs = null;
    this.lastSeenMs = null;
    this.lastFiredMs.clear();
    this.snoozedUntilMs = null;
    this.lastTMs = t;
  }

  private track(sample: StateSample, t: number, dt: number): void {
    const s = this.settings;
    if (!isCalibratedPerson(sample)) {
      this.shares.clear();
      const goneMs = this.lastSeenMs == null ? Infinity : t - this.lastSeenMs;
      if (goneMs >= s.absenceSec * 1000 && !this.away) {
        this.away = true;
        this.resetAll(t, 'away');
      }
      if (goneMs >= s.breakMin * 60_000 && this.sittingSinceMs != null) {
        this.sittingSinceMs = null;
        this.clear('sittingTooLong', t, 'break');
      }
      return;
    }
    if (this.lastSeenMs != null && t - this.lastSeenMs >= s.breakMin * 60_000) {
      this.sittingSinceMs = null;
      this.clear('sittingTooLong', t, 'break');
    }
    this.away = false;
    this.lastSeenMs = t;
    if (s.enabled.sittingTooLong) this.sittingSinceMs ??= t;
    this.stepProblems(sample, t, dt);
    this.stepSitting(t);
  }

  private stepProblems(sample: StateSample, t: number, dt: number): void {
    const s = this.settings;
    const levels = levelsOf(sample, thresholdsOf(s));
    const pitch = sample.metrics.headPitchDeg;
    if (pitch != null && pitch >= GLANCE_PITCH_DEG) this.glanceSinceMs ??= t;
    else if (pitch != null) this.glanceSinceMs = null;
    const glancing = this.glanceSinceMs != null && t - this.glanceSinceMs < s.glanceSec * 1000;
    const params: TimerParams = { onsetMs: s.onsetSec * 1000, graceMs: GRACE_MS, clearMs: CLEAR_MS };
    for (const [id, l] of Object.entries(levels) as [ProblemId, ProblemLevel][]) {
      if (!s.enabled[id]) continue;
      const needsNeutral = PROBLEMS[id].needsNeutral && !sample.calibrated;
      const level: Level = needsNeutral || (glancing && GLANCE_PROBLEMS.has(id)) ? 'unknown' : l.level;
      this.shares.set(id, needsNeutral ? null : l.share);
      const p =
        id === 'frozen'
          ? { ...params, onsetMs: thresholdsOf(s).frozenMin * 60_000, graceMs: FROZEN_GRACE_MS }
          : params;
      const timer = this.timers.get(id)!;
      const change = timer.step(t, dt, level, l.side, p);
      if (change === 'cleared') this.emitClear(id, t, 'recovered');
      if (timer.active) this.maybeFire(id, t, timer.status().side, t - (timer.status().sinceMs ?? t));
    }
  }

  private stepSitting(t: number): void {
    if (this.sittingSinceMs == null) return;
    const held = t - this.sittingSinceMs;
    if (held >= thresholdsOf(this.settings).sittingMin * 60_000)
      this.maybeFire('sittingTooLong', t, null, held);
  }

  private maybeFire(id: ProblemId, t: number, side: Side | null, heldMs: number): void {
    if (this.snoozedUntilMs != null) return;
    const last = this.lastFiredMs.get(id);
    const coolMs = this.settings.cooldownMin * 60_000;
    if (last != null && t - last < coolMs) return;
    // A repeat: the last alert was for this same, still held, posture.
    const repeat = last != null && last >= t - heldMs;
    this.lastFiredMs.set(id, t);
    this.pending.push({ kind: 'alert', problem: id, side, tMs: t, heldMs, repeat });
  }

  private clear(id: ProblemId, t: number, reason: ClearReason): void {
    if (id === 'sittingTooLong') {
      if (this.lastFiredMs.has(id)) this.emitClear(id, t, reason);
      this.lastFiredMs.delete(id);
      return;
    }
    if (this.timers.get(id)!.reset()) this.emitClear(id, t, reason);
  }

  private emitClear(id: ProblemId, t: number, reason: ClearReason): void {
    this.pending.push({ kind: 'clear', problem: id, tMs: t, reason });
  }

  private resetAll(t: number, reason: ClearReason): void {
    for (const id of PROBLEM_IDS) if (id !== 'sittingTooLong') this.clear(id, t, reason);
    this.glanceSinceMs = null;
    this.shares.clear();
    if (reason === 'paused') {
      // A pause is the person's own fresh start: no cooldown carries over.
      this.clear('sittingTooLong', t, reason);
      this.lastFiredMs.clear();
    }
  }

  private snapshot(t: number, calibrated: boolean, events: AlertEvent[]): AlertSnapshot {
    const problems = {} as Record<ProblemId, ProblemStatus>;
    for (const id of PROBLEM_IDS) {
      if (id === 'sittingTooLong') {
        const held = this.sittingSinceMs == null ? 0 : t - this.sittingSinceMs;
        const limit = thresholdsOf(this.settings).sittingMin * 60_000;
        problems[id] = {
          phase: this.sittingSinceMs == null ? 'idle' : held >= limit ? 'active' : 'building',
          side: null,
          heldMs: held,
          badMs: held,
          share: this.sittingSinceMs == null ? null : held / limit,
        };
        continue;
      }
      const st = this.timers.get(id)!.status();
      problems[id] = {
        phase: st.phase,
        side: st.side,
        heldMs: st.sinceMs == null ? 0 : t - st.sinceMs,
        badMs: st.badMs,
        share: this.shares.get(id) ?? null,
      };
    }
    return {
      tMs: t,
      status: this.paused ? 'paused' : this.away || this.lastSeenMs == null ? 'away' : 'monitoring',
      calibrated,
      snoozedUntilMs: this.snoozedUntilMs,
      problems,
      sittingMs: this.sittingSinceMs == null ? null : t - this.sittingSinceMs,
      events,
    };
  }
}
