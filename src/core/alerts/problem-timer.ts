/**
 * One problem's timer: a Schmitt trigger with an onset delay.
 *
 * Each sample arrives with a level: 'bad' (past the threshold), 'between'
 * (past the exit threshold but short of the entry one), 'good' or 'unknown'.
 *
 * - Idle → building on the first bad sample. Time spent bad is added up;
 *   a run of not-bad samples shorter than `graceMs` (a moment sitting up in
 *   the middle of a slump) neither adds nor resets; a longer one resets.
 *   Unknown samples (the metric could not be read, or a glance) hold.
 * - Building → active when the bad time reaches `onsetMs`.
 * - Active → idle only after `clearMs` of good samples: 'between' holds,
 *   so a posture hovering at the threshold does not flicker.
 * - A sided problem that turns bad on the other side starts over on that
 *   side (a left lean followed by a right lean is two postures, not one).
 *
 * Time is passed in; the caller gives `dtMs`, the time the sample stands for.
 */
import type { Side } from './problems';

export type Level = 'bad' | 'between' | 'good' | 'unknown';
export type Phase = 'idle' | 'building' | 'active';

export interface TimerParams {
  onsetMs: number;
  graceMs: number;
  clearMs: number;
}

export interface TimerStatus {
  phase: Phase;
  side: Side | null;
  /** When the posture began (its first bad sample), ms; null when idle. */
  sinceMs: number | null;
  /** Time counted towards the onset so far, ms. */
  badMs: number;
}

export type TimerChange = 'activated' | 'cleared' | null;

export class ProblemTimer {
  private phase: Phase = 'idle';
  private side: Side | null = null;
  private sinceMs: number | null = null;
  private badMs = 0;
  /** Start of the current run of not-bad (building) or good (active) samples. */
  private okSinceMs: number | null = null;

  /** Feeds one sample; says whether the problem just became active or just cleared. */
  step(tMs: number, dtMs: number, level: Level, side: Side | null, p: TimerParams): TimerChange {
    if (level === 'unknown') return null;
    if (this.phase === 'active') return this.stepActive(tMs, dtMs, level, side, p);
    if (level === 'bad') {
      if (this.phase === 'idle' || side !== this.side) this.begin(tMs, side);
      else this.badMs += dtMs;
      this.okSinceMs = null;
      if (this.badMs >= p.onsetMs) {
        this.phase = 'active';
        return 'activated';
      }
      return null;
    }
    if (this.phase === 'building') {
      this.okSinceMs ??= tMs;
      if (tMs - this.okSinceMs >= p.graceMs) this.reset();
    }
    return null;
  }

  private stepActive(
    tMs: number,
    dtMs: number,
    level: Level,
    side: Side | null,
    p: TimerParams,
  ): TimerChange {
    if (level === 'bad' && side !== this.side) {
      this.begin(tMs, side);
      return 'cleared';
    }
    if (level === 'good') {
      this.okSinceMs ??= tMs;
      if (tMs - this.okSinceMs >= p.clearMs) {
        this.reset();
        return 'cleared';
      }
    } else {
      this.okSinceMs = null;
      if (level === 'bad') this.badMs += dtMs;
    }
    return null;
  }

  private begin(tMs: number, side: Side | null): void {
    this.phase = 'building';
    this.side = side;
    this.sinceMs = tMs;
    this.badMs = 0;
    this.okSinceMs = null;
  }

  /** Back to idle; returns whether it was active. */
  reset(): boolean {
    const wasActive = this.phase === 'active';
    this.phase = 'idle';
    this.side = null;
    this.sinceMs = null;
    this.badMs = 0;
    this.okSinceMs = null;
    return wasActive;
  }

  get active(): boolean {
    return this.phase === 'active';
  }

  status(): TimerStatus {
    return { phase: this.phase, side: this.side, sinceMs: this.sinceMs, badMs: this.badMs };
  }
}
