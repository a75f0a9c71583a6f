/**
 * How deep this person's face is for its width, learnt while they work.
 *
 * The head's distance comes from its size once its turn and nod are known,
 * and those come from where the nose and eyes sit between the ears, which
 * depends on how far in front of the ears they are: people differ by up to
 * about a quarter (FACE_DEPTH_SPREAD). With the generic face of body.ts, a
 * head turned 30° can read 4-5 cm nearer than it is.
 *
 * Turning or nodding the head does not move it: so whenever the head turns
 * or nods away quickly while the trunk stays where it was, the face's depth
 * is the one that keeps the turned head at the distance it had a moment
 * before, facing the screen. Each such frame gives an estimate; their median
 * is the person's face depth, and their spread says how far it can still be
 * off. Until a few turns have been seen, the generic face is used and the
 * readings that rest on the head's distance stop at smaller turns.
 *
 * Pure: time and frames are passed in.
 */
import { turnAxisTilt, type Orientation } from './body';
import { solveHeadPose, type HeadObservations, type HeadPose } from './head-pose';
import { MAD_TO_SD, median } from '../numbers';

/** How much a face's depth, for its width, differs from person to person (a share). */
export const FACE_DEPTH_SPREAD = 0.25;

export interface FaceDepthOptions {
  /** A turn or nod (relative to calibration) at least this large teaches, radians. */
  minTurnRad: number;
  /** A head turned or nodded less than this counts as facing the screen, radians. */
  facingRad: number;
  /** The facing frame compared with must be this recent, ms. */
  withinMs: number;
  /** The trunk must not have moved more than this in depth since then, cm. */
  trunkStillCm: number;
  /** Estimates kept (the most recent). */
  keep: number;
  /** At most one estimate in this long, ms. */
  everyMs: number;
  /** A turn that changed by less than this since the frame before is held, radians. */
  steadyRad: number;
}

const DEFAULT_FACE_DEPTH: Readonly<FaceDepthOptions> = Object.freeze({
  minTurnRad: (12 * Math.PI) / 180,
  facingRad: (5 * Math.PI) / 180,
  withinMs: 3000,
  trunkStillCm: 0.8,
  keep: 40,
  everyMs: 400,
  steadyRad: (2 * Math.PI) / 180,
});

/** Face depths tried, as a share of the generic face's. */
const LOWEST = 0.7;
const HIGHEST = 1.5;
/** Bisection steps for a face depth: the range narrowed 4096-fold, well under a percent. */
const BISECTION_STEPS = 12;
/** Estimates (or axis tilts) needed before their own spread, or their median, is trusted. */
const ENOUGH_ESTIMATES = 5;
/** The least spread claimed for the learnt face depth, a share: faces are not rigid models. */
const MIN_SPREAD = 0.05;
/** A glance teaches the turning axis only when at least this share of the move is a turn. */
const MIN_TURN_SHARE = 0.9;

export class FaceDepthLearner {
  private readonly estimates: number[] = [];
  private readonly tilts: number[] = [];
  private facing: { tMs: number; depthCm: number; trunkCm: number } | null = null;
  private lastMs = Number.NEGATIVE_INFINITY;
  private previousTurn: { yaw: number; pitch: number } | null = null;
  /** What was seeded stands: observe() learns nothing. */
  private fixed = false;

  constructor(private readonly options: FaceDepthOptions = DEFAULT_FACE_DEPTH) {}

  /** The face depth to fit heads with, as a share of the generic face's. */
  get scale(): number {
    return median(this.estimates) ?? 1;
  }

  /** How far `scale` may still be off (a share): FACE_DEPTH_SPREAD until a few estimates agree. */
  get spread(): number {
    const n = this.estimates.length;
    if (n < ENOUGH_ESTIMATES) return FACE_DEPTH_SPREAD;
    const m = this.scale;
    const mad = median(this.estimates.map((e) => Math.abs(e - m))) ?? 0;
    // The median's own uncertainty, and what people's faces are not (a face is not a rigid model).
    return Math.min(FACE_DEPTH_SPREAD, Math.max(MIN_SPREAD, (MAD_TO_SD * mad * 2) / Math.sqrt(n)));
  }

  get count(): number {
    return this.estimates.length;
  }

  /**
   * How far the axis this head turns about leans in the calibrated head's
   * fitted frame, radians (body.ts untilt): a face unlike the generic one is
   * fitted a little nodded, and its turns would read partly as roll. 0
   * until a few glances aside have been seen.
   */
  get axisTilt(): number {
    return this.tilts.length >= ENOUGH_ESTIMATES ? (median(this.tilts) ?? 0) : 0;
  }

  /**
   * One frame: the face points, the head fitted with the current `scale`,
   * its turn and nod since calibration, and the trunk's depth (null when
   * the shoulders do not give it).
   */
  observe(
    tMs: number,
    obs: HeadObservations,
    head: HeadPose,
    turn: { yaw: number; pitch: number },
    trunkDepthCm: number | null,
    neutralHead: Orientation | null = null,
  ): void {
    if (this.fixed) return;
    const o = this.options;
    const away = Math.max(Math.abs(turn.yaw), Math.abs(turn.pitch));
    // Only a head held turned teaches: while it moves, the smoothed points lag behind it.
    const p = this.previousTurn;
    this.previousTurn = { yaw: turn.yaw, pitch: turn.pitch };
    const steady =
      p != null && Math.max(Math.abs(turn.yaw - p.yaw), Math.abs(turn.pitch - p.pitch)) < o.steadyRad;
    if (away < o.facingRad) {
      if (trunkDepthCm != null) this.facing = { tMs, depthCm: head.center.z, trunkCm: trunkDepthCm };
      return;
    }
    // Only glances teach: a turn that began from facing the screen a moment ago (a posture held
    // turned may lean or tilt as well).
    const f = this.facing;
    const glance = f != null && tMs - f.tMs <= o.withinMs;
    if (neutralHead && steady && glance && Math.abs(turn.yaw) >= o.minTurnRad) {
      const axis = turnAxisTilt(neutralHead, head);
      if (axis.turn > MIN_TURN_SHARE) {
        this.tilts.push(axis.tilt);
        if (this.tilts.length > o.keep) this.tilts.shift();
      }
    }
    if (
      away < o.minTurnRad ||
      !steady ||
      !f ||
      trunkDepthCm == null ||
      tMs - f.tMs > o.withinMs ||
      tMs - this.lastMs < o.everyMs ||
      Math.abs(trunkDepthCm - f.trunkCm) > o.trunkStillCm
    ) {
      return;
    }
    const found = depthScaleFor(obs, head, f.depthCm + (trunkDepthCm - f.trunkCm));
    if (found == null) return;
    this.lastMs = tMs;
    this.estimates.push(found);
    if (this.estimates.length > o.keep) this.estimates.shift();
  }

  /**
   * Takes face depths and turning-axis leans measured on purpose (the guided
   * calibration, guided.ts), as if each had been a glance; the most recent
   * `keep` of each stay. `fixed`: they are the measurement, and glances
   * teach nothing more (a glance is caught in passing, the guided moves
   * were held).
   */
  seed(faceDepths: readonly number[], axisTilts: readonly number[], fixed = false): void {
    this.fixed = fixed;
    const keep = this.options.keep;
    for (const d of faceDepths) this.estimates.push(d);
    for (const t of axisTilts) this.tilts.push(t);
    this.estimates.splice(0, Math.max(0, this.estimates.length - keep));
    this.tilts.splice(0, Math.max(0, this.tilts.length - keep));
  }

  reset(): void {
    this.fixed = false;
    this.estimates.length = 0;
    this.tilts.length = 0;
    this.facing = null;
    this.lastMs = Number.NEGATIVE_INFINITY;
    this.previousTurn = null;
  }
}

/** The face depth at which the head fitted to `obs` sits at `depthCm`, by bisection; null if none in range does. */
export function depthScaleFor(obs: HeadObservations, start: HeadPose, depthCm: number): number | null {
  const at = (s: number) => solveHeadPose(obs, start, s)?.center.z ?? Number.NaN;
  let lo = LOWEST;
  let hi = HIGHEST;
  let flo = at(lo) - depthCm;
  const fhi = at(hi) - depthCm;
  if (!(Number.isFinite(flo) && Number.isFinite(fhi)) || flo * fhi > 0) return null;
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const mid = (lo + hi) / 2;
    const fm = at(mid) - depthCm;
    if (!Number.isFinite(fm)) return null;
    if (flo * fm <= 0) hi = mid;
    else {
      lo = mid;
      flo = fm;
    }
  }
  return (lo + hi) / 2;
}
