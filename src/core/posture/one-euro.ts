/**
 * The One Euro filter (Casiez, Roussel and Vogel, CHI 2012): a low-pass
 * filter whose cut-off rises with speed, so a still point stops jittering
 * and a moving one does not lag. Time is passed in.
 */

export interface OneEuroOptions {
  /** Cut-off at rest, Hz. Lower is smoother when still. */
  minCutoffHz: number;
  /** How fast the cut-off rises with speed (per unit of the value per second). */
  beta: number;
  /** Cut-off for the speed estimate, Hz. */
  derivativeCutoffHz: number;
}

const alpha = (cutoffHz: number, dtS: number): number => {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtS);
};

export class OneEuroFilter {
  private last: number | null = null;
  private lastSpeed = 0;
  private lastMs = 0;

  constructor(private readonly options: OneEuroOptions) {}

  /** Filters `value` observed at `tMs`. A repeated or earlier time returns the last output. */
  filter(value: number, tMs: number): number {
    if (this.last == null) {
      this.last = value;
      this.lastMs = tMs;
      return value;
    }
    const dtS = (tMs - this.lastMs) / 1000;
    if (!(dtS > 0)) return this.last;
    const speed = (value - this.last) / dtS;
    this.lastSpeed += alpha(this.options.derivativeCutoffHz, dtS) * (speed - this.lastSpeed);
    const cutoff = this.options.minCutoffHz + this.options.beta * Math.abs(this.lastSpeed);
    this.last += alpha(cutoff, dtS) * (value - this.last);
    this.lastMs = tMs;
    return this.last;
  }

  reset(): void {
    this.last = null;
    this.lastSpeed = 0;
  }
}
