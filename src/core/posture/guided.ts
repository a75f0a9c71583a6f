/**
 * The guided part of calibration: after the still neutral, a few seconds of
 * moves the app asks for, from which it measures what the still picture
 * cannot tell of this person:
 *
 * - `left`, `right`: look at the screen's left edge, then its right edge.
 *   A head turned without moving keeps its distance, so the face's depth
 *   for its width is the one that fits the turned head at the calibrated
 *   distance (face-depth.ts), and the axis the head turns about is the one
 *   the turns share (body.ts turnAxisTilt).
 * - `down`: look at the keyboard. The same for a nod.
 * - `chin` (optional): push the chin forward, then draw it back. How far the
 *   head drops for each centimetre it comes forward, this person's own
 *   (the trunk solve otherwise allows the range people have,
 *   DROP_PER_FORWARD).
 *
 * Each step has a time; its first SETTLE_MS are for getting there. A step
 * whose move was not seen is `missed`; one the person skipped, `skipped`.
 * Pure: frames and time are passed in.
 */
import { turnAxisTilt, type Orientation } from './body';
import type { Vec3 } from './camera';
import { depthScaleFor } from './face-depth';
import { solveHeadPose, type HeadObservations, type HeadPose } from './head-pose';

export type GuidedStepId = 'left' | 'right' | 'down' | 'chin';

export interface GuidedStep {
  id: GuidedStepId;
  durationMs: number;
  /** May be left out without the calibration saying anything is missing. */
  optional: boolean;
}

/** The steps, in order. */
export const GUIDED_STEPS: readonly GuidedStep[] = Object.freeze([
  { id: 'left', durationMs: 3500, optional: false },
  { id: 'right', durationMs: 3500, optional: false },
  { id: 'down', durationMs: 3500, optional: false },
  { id: 'chin', durationMs: 5000, optional: true },
]);

/** The first part of each step is for moving there. */
export const SETTLE_MS = 1000;
/** A turn or nod at least this large (radians) counts as the step's move. */
const MOVE_RAD = (10 * Math.PI) / 180;
/** A head that turned less than this since the last frame (radians) is held still enough to learn from. */
const STEADY_RAD = (2.5 * Math.PI) / 180;
/** The chin step counts once the head came this far forward or back (cm). */
const CHIN_MOVE_CM = 1.5;
/** How far the measured drop per forward centimetre may be off (camera pitch, the chin poke against a slouch). */
const DROP_DOUBT = 0.15;

export type StepOutcome = 'done' | 'missed' | 'skipped';

/** What the guided moves measured; kept with the neutral. */
export interface GuidedResult {
  /** Face depths (share of the generic face's) from the held turns and nods. */
  faceDepths: number[];
  /** Leans of the head's turning axis (radians) from the held turns. */
  axisTilts: number[];
  /** This person's drop of the head per centimetre forward (a range); null when the chin step was not seen. */
  dropPerForward: { least: number; most: number } | null;
  steps: Record<GuidedStepId, StepOutcome>;
}

/** One frame of the guided moves, as the tracker measured it. */
export interface GuidedFrame {
  tMs: number;
  /** MoveNet's face points (normalised), for the face-depth fit. */
  obs: HeadObservations;
  /** The head fitted with the generic face (camera space). */
  head: HeadPose;
  /** Its turn, nod and roll since calibration (body.ts turnSince). */
  turn: Orientation;
  /** The trunk's depth, cm; null when the shoulders do not give it. */
  trunkDepthCm: number | null;
}

export interface GuidedStatus {
  step: GuidedStepId;
  index: number;
  count: number;
  /** Share of this step done, 0..1. */
  progress: number;
  remainingMs: number;
  /** Whether this step's move has been seen. */
  seen: boolean;
}

/** Where the calibration left the person: what the guided moves are measured against. */
export interface GuidedStart {
  head: Vec3;
  orientation: Orientation;
  trunkDepthCm: number | null;
  /** The face points sitting upright (the neutral's median face), for the turning axis with the learnt face depth. */
  face: HeadObservations;
}

export class GuidedCalibration {
  private index = 0;
  private stepStartMs = Number.NaN;
  private readonly faceDepths: number[] = [];
  /** The held turns' face points: their axis is measured once the face's depth is known. */
  private readonly turns: HeadObservations[] = [];
  private readonly chin: { forwardCm: number; dropCm: number }[] = [];
  private readonly outcomes: Partial<Record<GuidedStepId, StepOutcome>> = {};
  private seen = false;
  private previous: Orientation | null = null;

  constructor(
    private readonly start: GuidedStart,
    private readonly steps: readonly GuidedStep[] = GUIDED_STEPS,
  ) {}

  get done(): boolean {
    return this.index >= this.steps.length;
  }

  /** Takes one frame (or null: nobody, or no head fitted) and returns where the steps are. */
  add(tMs: number, frame: GuidedFrame | null): GuidedStatus | null {
    if (this.done) return null;
    if (Number.isNaN(this.stepStartMs)) this.stepStartMs = tMs;
    let step = this.steps[this.index]!;
    if (tMs - this.stepStartMs >= step.durationMs) {
      this.endStep(this.seen ? 'done' : 'missed');
      if (this.done) return null;
      this.stepStartMs = tMs;
      step = this.steps[this.index]!;
    }
    if (frame) this.learn(step.id, tMs - this.stepStartMs, frame);
    const elapsed = tMs - this.stepStartMs;
    return {
      step: step.id,
      index: this.index,
      count: this.steps.length,
      progress: Math.min(1, elapsed / step.durationMs),
      remainingMs: Math.max(0, step.durationMs - elapsed),
      seen: this.seen,
    };
  }

  /** Skips the step under way and the rest. */
  skip(): void {
    while (!this.done) this.endStep('skipped');
  }

  result(): GuidedResult {
    const steps = {} as Record<GuidedStepId, StepOutcome>;
    for (const s of this.steps) steps[s.id] = this.outcomes[s.id] ?? 'skipped';
    return {
      faceDepths: [...this.faceDepths],
      axisTilts: this.axisTilts(),
      dropPerForward: dropOf(this.chin),
      steps,
    };
  }

  /**
   * The lean of the axis the held turns share, each measured against the
   * upright face, both fitted with the face depth learnt (the readings fit
   * heads with it, so the axis must be in that fit's frame).
   */
  private axisTilts(): number[] {
    const sorted = [...this.faceDepths].sort((a, b) => a - b);
    const depth = sorted.length > 0 ? sorted[sorted.length >> 1]! : 1;
    const upright = solveHeadPose(this.start.face, null, depth);
    if (!upright) return [];
    return this.turns.flatMap((obs) => {
      const h = solveHeadPose(obs, upright, depth);
      if (!h) return [];
      const axis = turnAxisTilt(upright, h);
      return axis.turn > 0.9 ? [axis.tilt] : [];
    });
  }

  private endStep(outcome: StepOutcome): void {
    const step = this.steps[this.index];
    if (step) this.outcomes[step.id] = outcome;
    this.index += 1;
    this.seen = false;
    this.previous = null;
  }

  private learn(id: GuidedStepId, intoMs: number, f: GuidedFrame): void {
    const steady = this.previous != null && angleChange(this.previous, f.turn) < STEADY_RAD;
    this.previous = f.turn;
    if (intoMs < SETTLE_MS) return;
    const s = this.start;
    const trunkShift = f.trunkDepthCm != null && s.trunkDepthCm != null ? f.trunkDepthCm - s.trunkDepthCm : 0;
    if (id === 'chin') {
      const forwardCm = s.head.z + trunkShift - f.head.center.z;
      if (Math.abs(forwardCm) >= CHIN_MOVE_CM) this.seen = true;
      if (Math.abs(forwardCm) >= 0.5) this.chin.push({ forwardCm, dropCm: f.head.center.y - s.head.y });
      return;
    }
    const angle = id === 'down' ? f.turn.pitch : id === 'left' ? -f.turn.yaw : f.turn.yaw;
    if (angle < MOVE_RAD) return;
    this.seen = true;
    if (!steady) return;
    const depth = depthScaleFor(f.obs, f.head, s.head.z + trunkShift);
    if (depth != null) this.faceDepths.push(depth);
    if (id !== 'down') this.turns.push(f.obs);
  }
}

function angleChange(a: Orientation, b: Orientation): number {
  return Math.max(Math.abs(a.yaw - b.yaw), Math.abs(a.pitch - b.pitch), Math.abs(a.roll - b.roll));
}

/** The drop per forward centimetre that best fits the chin frames (a line through the calibrated place), as a range. */
function dropOf(frames: readonly { forwardCm: number; dropCm: number }[]): GuidedResult['dropPerForward'] {
  if (!frames.some((f) => Math.abs(f.forwardCm) >= CHIN_MOVE_CM)) return null;
  let xy = 0;
  let xx = 0;
  for (const f of frames) {
    xy += f.forwardCm * f.dropCm;
    xx += f.forwardCm * f.forwardCm;
  }
  const drop = Math.max(0, Math.min(0.9, xy / xx));
  return { least: Math.max(0, drop - DROP_DOUBT), most: drop + DROP_DOUBT };
}
