/**
 * What a real-footage case's reading should be, from its move alone.
 *
 * A picture carries no centimetres, so moves that change a depth are turned
 * into centimetres with the head's distance the app measured when
 * calibrating on the base picture (its neutral's head depth); what is
 * checked is that the reading follows the move's known ratio. Under the
 * pinhole model:
 * - the head region scaled by s about the face: the head came nearer by a
 *   factor s, the shoulders did not: head forward z·(1 − 1/s);
 * - the whole frame scaled by s about its centre: everything came nearer by
 *   s: head forward 0, the eyes (1/s − 1) of their distance nearer;
 * - the frame shifted: the person sank, rose or slid: nothing changes;
 * - the frame turned clockwise by d degrees: the person leaned to their left
 *   (their right side up) by d: shoulder tilt and head roll −d;
 * - the shoulders squeezed towards the middle by f: rounding (1 − f).
 *
 * A shifted picture is what a camera that turned would see; a still
 * camera's geometry reads it as the head turning a little to keep facing
 * the camera, and how much of that turn shows as roll depends on how the
 * camera is tilted, which one picture cannot tell. So the head's roll is
 * not held to its bound on shifted pictures (it is shown all the same).
 */
import type { Move } from './transforms';
import { realBase } from './real-bases';
import type { CalibrationRecord, CaseRecord, RealFootageRun } from './real-footage';
import { BOUNDED, readingOver, type BoundedKey, type Reading, type Scored } from './score';

export interface RealTruth {
  headForwardCm: number;
  shoulderRoundingPct: number;
  shoulderTiltDeg: number;
  headRollDeg: number;
  distanceCm: number;
}

/** How the picture's scale changes a move makes: the whole picture, and the head region on top of it. */
interface Effect {
  zoom: number;
  headZoom: number;
  turnDeg: number;
  squeeze: number;
}

function effectOf(move: Move): Effect {
  switch (move.kind) {
    case 'zoom':
      return { zoom: move.scale, headZoom: 1, turnDeg: 0, squeeze: 1 };
    case 'headZoom':
      return { zoom: 1, headZoom: move.scale, turnDeg: 0, squeeze: 1 };
    case 'rotate':
      return { zoom: 1, headZoom: 1, turnDeg: move.deg, squeeze: 1 };
    case 'squeezeShoulders':
      return { zoom: 1, headZoom: 1, turnDeg: 0, squeeze: move.factor };
    case 'combine':
      return move.moves.map(effectOf).reduce(
        (a, b) => ({
          zoom: a.zoom * b.zoom,
          headZoom: a.headZoom * b.headZoom,
          turnDeg: a.turnDeg + b.turnDeg,
          squeeze: a.squeeze * b.squeeze,
        }),
        { zoom: 1, headZoom: 1, turnDeg: 0, squeeze: 1 },
      );
    default:
      return { zoom: 1, headZoom: 1, turnDeg: 0, squeeze: 1 };
  }
}

/**
 * The truth of `move`, for a person whose head centre (between the ears)
 * was `headDepthCm` from the camera and whose eyes were `eyeDistanceCm`
 * from it when calibrating.
 */
export function realTruth(move: Move, headDepthCm: number, eyeDistanceCm: number): RealTruth {
  const e = effectOf(move);
  const shouldersAt = headDepthCm / e.zoom;
  const headAt = shouldersAt / e.headZoom;
  return {
    headForwardCm: shouldersAt - headAt,
    shoulderRoundingPct: (1 - e.squeeze) * 100,
    shoulderTiltDeg: -e.turnDeg,
    headRollDeg: -e.turnDeg,
    distanceCm: eyeDistanceCm / (e.zoom * e.headZoom) - eyeDistanceCm,
  };
}

/** Moves that take the shoulders out of the picture or hide them: their shoulder readings may be unknown (with a reason). */
export function hidesShoulders(move: Move): boolean {
  switch (move.kind) {
    case 'fadeShoulders':
    case 'cover':
    case 'paste':
    case 'fadeToWall':
      return true;
    case 'translate':
      return move.dyPx > 100;
    case 'combine':
      return move.moves.some(hidesShoulders);
    default:
      return false;
  }
}

/** A shifted picture: a camera that turned, which a fixed camera's geometry reads partly as the head turning. */
function shifts(move: Move): boolean {
  if (move.kind === 'translate') return move.dxPx !== 0 || move.dyPx !== 0;
  if (move.kind === 'combine') return move.moves.some(shifts);
  return false;
}

export interface RealScored extends Scored {
  base: string;
  move: Move;
  /** Every metric's reading (median of the counted frames where most of them had one), and reason when unknown. */
  all: Record<string, Reading>;
  truthAll: RealTruth | null;
}

/** A reading over the counted frames of a case (score.ts readingOver: given when known in 80 % of them). */
export function readingOf(
  frames: readonly {
    warmup: boolean;
    metrics: Record<string, number | null>;
    reasons: Record<string, string>;
  }[],
  key: string,
): Reading {
  return readingOver(
    frames
      .filter((f) => !f.warmup)
      .map((f) => ({ value: f.metrics[key] ?? null, reason: f.reasons[key] ?? null })),
  );
}

interface NeutralLike {
  headCenterCm: { z: number } | null;
  screenDistanceCm: number;
  readings: readonly string[];
}

/** Every case of a run, with its truth (when its base calibrated) and readings, as the bounds see them. */
export function scoreRealRun(run: Pick<RealFootageRun, 'calibrations' | 'cases'>): RealScored[] {
  const neutralOf = (c: CalibrationRecord | undefined): NeutralLike | null =>
    c?.outcome.ok ? (c.outcome.neutral as NeutralLike) : null;
  return run.cases.flatMap((c: CaseRecord) => {
    const neutral = neutralOf(run.calibrations.find((k) => k.base === c.base));
    if (!neutral?.headCenterCm) return [];
    const base = realBase(c.base);
    const truthAll = realTruth(c.move, neutral.headCenterCm.z, neutral.screenDistanceCm);
    const keys = [...new Set(c.frames.flatMap((f) => Object.keys(f.metrics)))];
    const all = Object.fromEntries(keys.map((k) => [k, readingOf(c.frames, k)]));
    const readings = Object.fromEntries(
      BOUNDED.map((k) => [k, all[k] ?? { value: null, reason: null, knownShare: 0 }]),
    ) as Scored['readings'];
    const unbounded: BoundedKey[] = shifts(c.move) ? ['headRollDeg'] : [];
    return [
      {
        id: c.id,
        base: c.base,
        move: c.move,
        truth: truthAll,
        readings,
        // Shoulders the base shows only at the frame's edge, or the move hides.
        shoulderTrouble:
          hidesShoulders(c.move) ||
          hidesShoulders(base.prepare) ||
          base.shouldersHidden != null ||
          !neutral.readings.includes('shoulderTiltDeg'),
        unbounded,
        all,
        truthAll,
      },
    ];
  });
}

/** The kinds of move the real cases make, for a summary by kind (each case has one: the first that matches). */
export const MOVE_KINDS: readonly { kind: string; title: string; match: RegExp }[] = [
  {
    kind: 'covered',
    title: 'a shoulder covered (mug, headset, chair wing, hand, hair, wall colour)',
    match: /(mug|hand|wall|headset|hair|wing)/,
  },
  { kind: 'shift', title: 'sank, rose or slid (the picture shifted)', match: /\/(sink|rise|slide)[-\w]*$/ },
  { kind: 'headForward', title: 'head forward (the head region made larger)', match: /head-zoom/ },
  { kind: 'nearer', title: 'nearer or further (the whole picture scaled)', match: /\/zoom-[\d.]+$/ },
  { kind: 'lean', title: 'leaned or tilted (the picture turned)', match: /(lean-hips|rotate)/ },
  { kind: 'rounding', title: 'rounded (the shoulders squeezed)', match: /squeeze/ },
  {
    kind: 'hidden',
    title: 'shoulders faded or out of the picture',
    match: /(fade|shoulders-at-edge|shoulders-out)/,
  },
  { kind: 'still', title: 'no move', match: /\/none$/ },
];

/** The kind of a case's move (MOVE_KINDS), or 'other'. */
export function moveKind(id: string): string {
  return MOVE_KINDS.find((k) => k.match.test(id))?.kind ?? 'other';
}
