/**
 * Frames per second over a sliding window of result timestamps. Time is
 * passed in; nothing here reads a clock.
 */
import { median } from './numbers';

export class RateMeter {
  private readonly times: number[] = [];

  constructor(private readonly windowMs = 2000) {}

  /** Records one event at `tMs`. */
  tick(tMs: number): void {
    this.times.push(tMs);
    this.trim(tMs);
  }

  /** Events per second over the window ending at `tMs`; 0 before two events. */
  perSecond(tMs: number): number {
    this.trim(tMs);
    const first = this.times[0];
    const last = this.times[this.times.length - 1];
    if (first === undefined || last === undefined || this.times.length < 2 || last === first) return 0;
    return ((this.times.length - 1) * 1000) / (last - first);
  }

  private trim(tMs: number): void {
    while (this.times.length > 0 && (this.times[0] ?? 0) < tMs - this.windowMs) this.times.shift();
  }
}

/** Median and p95 of a list of numbers (NaN for an empty list). */
export function summarize(values: readonly number[]): { median: number; p95: number } {
  if (values.length === 0) return { median: NaN, p95: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: median(sorted) ?? NaN, p95: at(0.95) };
}
