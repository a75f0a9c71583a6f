/**
 * Stillness: how little the posture has moved over the last few minutes, for
 * "frozen in one position". The mean head position (cm) and turn
 * and tilt (degrees, 3 degrees counting as 1 cm) over each 5 s is kept for the window; the
 * movement is the root-mean-square spread of those means about their
 * average, and stillness = exp(-movement / 2 cm): 1 is perfectly still, 0.37
 * is 2 cm of spread, near 0 is moving about. Averaging over 5 s first keeps
 * keypoint jitter out of it. Memory is one small record per 5 s of the
 * window, whatever the frame rate.
 */
import type { Vec3 } from './camera';

export interface StillnessOptions {
  /** Window length, ms. Default 3 minutes. */
  windowMs: number;
  /** Data needed before a value is given, ms. Default 10 s. */
  minSpanMs: number;
  /** Movement that gives stillness 1/e, cm. */
  scaleCm: number;
}

export const DEFAULT_STILLNESS: Readonly<StillnessOptions> = Object.freeze({
  windowMs: 180_000,
  minSpanMs: 10_000,
  scaleCm: 2,
});

interface Bucket {
  /** Index of the 5 s slot. */
  second: number;
  n: number;
  sum: [number, number, number, number, number];
}

const DEG_PER_CM = 3;
const BUCKET_MS = 5000;

export class StillnessMeter {
  private readonly buckets: Bucket[] = [];

  constructor(private readonly options: StillnessOptions = DEFAULT_STILLNESS) {}

  add(tMs: number, head: Vec3, yawDeg: number, rollDeg: number): void {
    const second = Math.floor(tMs / BUCKET_MS);
    let last = this.buckets[this.buckets.length - 1];
    if (!last || last.second !== second) {
      last = { second, n: 0, sum: [0, 0, 0, 0, 0] };
      this.buckets.push(last);
    }
    last.n += 1;
    const v = [head.x, head.y, head.z, yawDeg / DEG_PER_CM, rollDeg / DEG_PER_CM];
    for (let i = 0; i < 5; i++) last.sum[i as 0] += v[i]!;
    this.prune(tMs);
  }

  /** Movement (cm, root-mean-square) over the window, or null until there is enough data. */
  movementCm(tMs: number): number | null {
    this.prune(tMs);
    const first = this.buckets[0];
    const last = this.buckets[this.buckets.length - 1];
    if (!first || !last || (last.second - first.second + 1) * BUCKET_MS < this.options.minSpanMs) return null;
    const means = this.buckets.map((b) => b.sum.map((s) => s / b.n));
    const avg = [0, 1, 2, 3, 4].map((i) => means.reduce((s, m) => s + m[i]!, 0) / means.length);
    const ms = means.reduce((s, m) => s + m.reduce((a, v, i) => a + (v - avg[i]!) ** 2, 0), 0) / means.length;
    return Math.sqrt(ms);
  }

  stillness(tMs: number): number | null {
    const m = this.movementCm(tMs);
    return m == null ? null : Math.exp(-m / this.options.scaleCm);
  }

  reset(): void {
    this.buckets.length = 0;
  }

  private prune(tMs: number): void {
    const oldest = Math.floor((tMs - this.options.windowMs) / BUCKET_MS);
    let drop = 0;
    while (drop < this.buckets.length && this.buckets[drop]!.second < oldest) drop++;
    if (drop) this.buckets.splice(0, drop);
  }
}
