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
 */
import type { Move } from './transforms';

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
  if (move.kind === 'fadeShoulders') return true;
  if (move.kind === 'translate') return move.dyPx > 100;
  if (move.kind === 'combine') return move.moves.some(hidesShoulders);
  return false;
}
