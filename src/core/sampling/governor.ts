/**
 * How often to look: the frame rate for the next frames, chosen from what
 * the last one showed. Most of a working day is steady, good posture, and
 * one frame every two seconds says all there is to say about it (an alert
 * needs 30 s of a posture; any change brings the faster rate within two
 * frames); a change, a posture
 * building towards an alert, or calibration earns a faster rate; nobody in
 * view for long enough that monitoring is away earns the slowest, a presence
 * check (a frame or two without a detection changes nothing). While the
 * page is hidden, the steady rate and the presence check slow to one frame
 * every five seconds: nothing is drawn, and an alert still needs 30 s of a
 * posture. On battery every rate but calibration's is scaled down.
 *
 * Pure: time is passed in, and the decision is plain data.
 */
import type { AlertSnapshot } from '../alerts/posture-state';
import { PROBLEMS, PROBLEM_IDS } from '../alerts/problems';
import type { MetricKey } from '../posture/metrics/metric';
import type { PostureSample } from '../posture/tracker';

export type SamplingReason =
  'fixed' | 'calibrating' | 'nobody' | 'paused' | 'changing' | 'problem' | 'steady';

export interface SamplingOptions {
  /** Adapt the rate to what is happening; false keeps `fixedFps`. Default true. */
  adaptive: boolean;
  /** The rate when not adaptive. Default 10. */
  fixedFps: number;
  /** Steady, good posture. Default 0.5. */
  steadyFps: number;
  /**
   * Moving, or a posture building towards an alert. Default 2: an alert's
   * onset is timed within half a second, and the replays of held postures
   * (tests/unit/core/sampling/alert-timing.test.ts) alert on time at it.
   */
  activeFps: number;
  /** While calibrating. Default 15. */
  calibratingFps: number;
  /** Nobody in view (monitoring away), or paused: a presence check. Default 0.5. */
  idleFps: number;
  /** Steady, away or paused while the page is hidden. Default 0.2 (one frame every 5 s). */
  hiddenFps: number;
  /** Rates are multiplied by this on battery (calibration's excepted). Default 0.5. */
  batteryFactor: number;
  /** After a change, stay at the active rate this long, ms. Default 10 s. */
  holdActiveMs: number;
}

const DEFAULT_SAMPLING: Readonly<SamplingOptions> = Object.freeze({
  adaptive: true,
  fixedFps: 10,
  steadyFps: 0.5,
  activeFps: 2,
  calibratingFps: 15,
  idleFps: 0.5,
  hiddenFps: 0.2,
  batteryFactor: 0.5,
  holdActiveMs: 10_000,
});

export function resolveSampling(
  partial: Partial<SamplingOptions> = {},
  base = DEFAULT_SAMPLING,
): SamplingOptions {
  const o = { ...base, ...partial };
  for (const key of [
    'fixedFps',
    'steadyFps',
    'activeFps',
    'calibratingFps',
    'idleFps',
    'hiddenFps',
  ] as const) {
    if (!(o[key] > 0 && o[key] <= 60))
      throw new Error(`${key} must be above 0 and at most 60 (got ${o[key]})`);
  }
  if (!(o.batteryFactor > 0 && o.batteryFactor <= 1))
    throw new Error(`batteryFactor must be within (0, 1] (got ${o.batteryFactor})`);
  if (!(o.holdActiveMs >= 0)) throw new Error(`holdActiveMs must be 0 or more (got ${o.holdActiveMs})`);
  return o;
}

export interface SamplingDecision {
  fps: number;
  /** Frames closer together than this are dropped unseen, ms. */
  intervalMs: number;
  reason: SamplingReason;
  onBattery: boolean;
  /** The page said it is hidden: the steady and idle rates are the hidden one. */
  pageHidden: boolean;
}

/** How far a metric must move from its recent average to count as a change. */
const MOVE: Partial<Record<MetricKey, number>> = {
  // Head forward and distance rest on the face's apparent size, whose
  // frame-to-frame jitter on real footage reaches 2-3 cm.
  headForwardCm: 3.5,
  shoulderTiltDeg: 3,
  headRollDeg: 3,
  headYawDeg: 6,
  headPitchDeg: 8,
  distanceCm: 4,
};

/** Time constant of the slow reference each sample is compared with, ms. */
const REFERENCE_MS = 5000;
/** Samples in a row a metric must be off its reference: a jitter spike is one. */
const PERSIST = 2;

/**
 * Notices a change of posture: each metric is compared with a slow moving
 * average of itself (time constant REFERENCE_MS) and must stay off it for
 * two samples, so that keypoint jitter does not count, while a lean or a
 * turn does within two samples. Someone arriving or leaving counts too,
 * once it has held for two samples.
 */
export class MotionDetector {
  private readonly reference = new Map<MetricKey, number>();
  /** Samples in each reference so far: until it is long, the reference is their plain mean. */
  private readonly count = new Map<MetricKey, number>();
  /** Consecutive samples each metric has been off its reference. */
  private readonly off = new Map<MetricKey, number>();
  private present: boolean | null = null;
  /** Consecutive samples with the other presence than `present`. */
  private presenceFlips = 0;
  private lastMs: number | null = null;

  update(sample: Pick<PostureSample, 'tMs' | 'present' | 'metrics'>): boolean {
    // Arriving or leaving counts once it holds for PERSIST samples (a frame
    // or two without a detection is a flicker, not a departure).
    let moved = this.present === null;
    if (this.present === null || this.present === sample.present) {
      this.present = sample.present;
      this.presenceFlips = 0;
    } else if (++this.presenceFlips >= PERSIST) {
      this.present = sample.present;
      this.presenceFlips = 0;
      moved = true;
    }
    const alpha = this.lastMs == null ? 1 : Math.min(1, Math.max(0, sample.tMs - this.lastMs) / REFERENCE_MS);
    this.lastMs = sample.tMs;
    for (const [key, step] of Object.entries(MOVE) as [MetricKey, number][]) {
      const v = sample.metrics[key];
      if (v == null) {
        this.reference.delete(key);
        this.off.delete(key);
        this.count.delete(key);
        continue;
      }
      const ref = this.reference.get(key);
      const off = ref != null && Math.abs(v - ref) >= step ? (this.off.get(key) ?? 0) + 1 : 0;
      this.off.set(key, off);
      if (off >= PERSIST) moved = true;
      const n = (this.count.get(key) ?? 0) + 1;
      this.count.set(key, n);
      this.reference.set(key, ref == null ? v : ref + Math.max(alpha, 1 / n) * (v - ref));
    }
    return moved;
  }
}

/** Bad time that makes a building problem worth a closer look, ms: a single jittery sample is not. */
const BUILDING_MS = 1500;

/** Whether any posture problem is held, or has been past its threshold for a moment on its way to an alert. */
function problemBuilding(s: Pick<AlertSnapshot, 'problems'>): boolean {
  return PROBLEM_IDS.some((id) => {
    const p = s.problems[id];
    return (
      PROBLEMS[id].needsNeutral &&
      (p.phase === 'active' || (p.phase === 'building' && p.badMs >= BUILDING_MS))
    );
  });
}

export class SamplingGovernor {
  private options: SamplingOptions;
  private onBattery = false;
  private pageHidden = false;
  private activeUntilMs = -Infinity;
  private readonly motion = new MotionDetector();

  constructor(options: Partial<SamplingOptions> = {}) {
    this.options = resolveSampling(options);
  }

  setOptions(partial: Partial<SamplingOptions>): SamplingOptions {
    this.options = resolveSampling(partial, this.options);
    return this.options;
  }

  setOnBattery(onBattery: boolean): void {
    this.onBattery = onBattery;
  }

  setPageHidden(hidden: boolean): void {
    this.pageHidden = hidden;
  }

  /** The rate to use after this frame. */
  next(sample: PostureSample, state: AlertSnapshot, calibrating: boolean): SamplingDecision {
    const o = this.options;
    const moved = this.motion.update(sample);
    if (moved) this.activeUntilMs = sample.tMs + o.holdActiveMs;
    const [fps, reason]: [number, SamplingReason] = !o.adaptive
      ? [o.fixedFps, 'fixed']
      : calibrating
        ? [o.calibratingFps, 'calibrating']
        : state.status === 'paused'
          ? [o.idleFps, 'paused']
          : state.status === 'away'
            ? [o.idleFps, 'nobody']
            : problemBuilding(state)
              ? [o.activeFps, 'problem']
              : sample.tMs < this.activeUntilMs
                ? [o.activeFps, 'changing']
                : [o.steadyFps, 'steady'];
    const slow = reason === 'steady' || reason === 'nobody' || reason === 'paused';
    const seen = this.pageHidden && slow ? Math.min(fps, o.hiddenFps) : fps;
    const scaled = this.onBattery && reason !== 'calibrating' ? seen * o.batteryFactor : seen;
    return {
      fps: scaled,
      intervalMs: 1000 / scaled,
      reason,
      onBattery: this.onBattery,
      pageHidden: this.pageHidden,
    };
  }
}
