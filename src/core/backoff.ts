/**
 * How long to wait before starting something again after it failed: twice
 * as long after each failure in a row, up to a ceiling, back to the start
 * once it has kept running for a while. Time is passed in.
 */
export class Backoff {
  private failures = 0;
  private lastFailureMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly firstMs = 1000,
    readonly maxMs = 60_000,
    /** Running this long since the last failure forgets the earlier ones, ms. */
    readonly forgiveAfterMs = 120_000,
  ) {}

  /** Records a failure at `nowMs`; returns the wait before the next try, ms. */
  failed(nowMs: number): number {
    if (nowMs - this.lastFailureMs >= this.forgiveAfterMs) this.failures = 0;
    this.lastFailureMs = nowMs;
    const waitMs = Math.min(this.maxMs, this.firstMs * 2 ** this.failures);
    this.failures += 1;
    return waitMs;
  }

  /** Failures in a row so far. */
  get count(): number {
    return this.failures;
  }
}
