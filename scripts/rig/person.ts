/**
 * A seated person as a chain of rigid parts: a trunk that pivots at the
 * seat, a neck on top of it (from the base of the neck, C7, to the joint
 * the skull nods on), a head on the neck, and two shoulder joints hung off
 * the top of the trunk. Built from anthropometric averages of its own (not
 * the app's constants), with a build that varies from person to person.
 *
 * The truth of every posture is read off these parts in world space
 * (truth.ts); what a pose model would report is the same parts with a
 * detector's biases (the `seen` landmarks), projected by scene.ts.
 */
import {
  aboutX,
  aboutY,
  aboutZ,
  add,
  apply,
  compose,
  rotateAbout,
  type Draw,
  type M3,
  type V3,
} from './space';

export interface Build {
  /** Tragion to tragion (head width at the ears). Adult average about 14.2 cm. */
  earWidthCm: number;
  /** Pupil to pupil. About 6.2 cm. */
  eyeSpacingCm: number;
  /** Pupils ahead of the tragion line, and above it. */
  eyeAheadCm: number;
  eyeRiseCm: number;
  /** Nose tip ahead of the tragion line, and below it. */
  noseAheadCm: number;
  noseDropCm: number;
  /** Shoulder joint centre to shoulder joint centre. About 36 cm. */
  shoulderWidthCm: number;
  /** The shoulder joints below and ahead of C7 (here: the base of the neck on the spine's axis, which the trunk turns about). */
  shoulderBelowC7Cm: number;
  shoulderAheadOfC7Cm: number;
  /** C7 to the nodding joint (atlanto-occipital). About 12 cm. */
  neckLengthCm: number;
  /** The neck's lean forward from vertical when sitting upright, degrees. */
  neckInclineDeg: number;
  /** The ear line above the nodding joint. */
  earsAboveNodCm: number;
  /** Seat pivot (hips) to C7. */
  trunkLengthCm: number;
  /** The trunk's lean back from vertical when sitting upright, degrees. */
  trunkReclineDeg: number;
  /** How far the head drops for each centimetre it comes forward (how the neck bends). */
  dropPerForward: number;
  /** Head nod (degrees) for each centimetre the head comes forward: the chin drop. */
  chinDropDegPerCm: number;
  /** Rounding brings each shoulder forward by this much per unit it comes in. */
  roundingForwardPerInward: number;
  /** Share of a trunk recline the head undoes by nodding, to keep looking at the screen. */
  gazeHold: number;
  /** Share of a sideways lean the head undoes, keeping itself more upright. */
  headUpright: number;
  /** Where a pose model puts the ears (pulled up and back, towards the hair) and the shoulders (out and up, towards the clothing's edge), cm. */
  earBiasUpCm: number;
  earBiasBackCm: number;
  shoulderBiasOutCm: number;
  shoulderBiasUpCm: number;
  /** Eye and nose points off their true place, cm (x, y). */
  eyeBiasCm: readonly [number, number];
  noseBiasCm: readonly [number, number];
}

/** The middle of every range: an average adult. */
export const AVERAGE_BUILD: Build = {
  earWidthCm: 14.2,
  eyeSpacingCm: 6.2,
  eyeAheadCm: 8.6,
  eyeRiseCm: 1.6,
  noseAheadCm: 11.2,
  noseDropCm: 2.8,
  shoulderWidthCm: 36,
  shoulderBelowC7Cm: 2.5,
  shoulderAheadOfC7Cm: 1.5,
  neckLengthCm: 12,
  neckInclineDeg: 18,
  earsAboveNodCm: 2.5,
  trunkLengthCm: 50,
  trunkReclineDeg: 3,
  dropPerForward: 0.35,
  chinDropDegPerCm: 0.8,
  roundingForwardPerInward: 1,
  gazeHold: 0.85,
  headUpright: 0.2,
  earBiasUpCm: 0.5,
  earBiasBackCm: 0.4,
  shoulderBiasOutCm: 0.7,
  shoulderBiasUpCm: 0.7,
  eyeBiasCm: [0, 0],
  noseBiasCm: [0, 0],
};

/** A person drawn at random: head width, eye spacing, shoulder width and neck length each within ±15 %; the face's depth follows the head's width, within ±6 %. */
export function drawBuild(d: Draw): Build {
  // Sitting upright (how calibration asks a person to sit), the ear line is between 2 cm behind
  // and 5 cm ahead of the shoulder joints; builds outside that are drawn again.
  for (;;) {
    const b = drawAnyBuild(d);
    const ahead = b.neckLengthCm * Math.sin((b.neckInclineDeg * Math.PI) / 180) - b.shoulderAheadOfC7Cm;
    if (ahead >= -2 && ahead <= 5) return b;
  }
}

function drawAnyBuild(d: Draw): Build {
  const a = AVERAGE_BUILD;
  const earWidthCm = d.around(a.earWidthCm, 0.15);
  // A wider head is a deeper one too, give or take (the length-to-breadth ratio varies by about 6 %).
  const depth = Math.sqrt(earWidthCm / a.earWidthCm) * d.around(1, 0.06);
  return {
    earWidthCm,
    eyeSpacingCm: d.around(a.eyeSpacingCm, 0.15),
    eyeAheadCm: a.eyeAheadCm * depth,
    eyeRiseCm: d.between(0.8, 2.4),
    noseAheadCm: a.noseAheadCm * depth * d.around(1, 0.05),
    noseDropCm: d.between(2, 3.8),
    shoulderWidthCm: d.around(a.shoulderWidthCm, 0.15),
    shoulderBelowC7Cm: d.between(0.5, 4.5),
    shoulderAheadOfC7Cm: d.between(-1, 4),
    neckLengthCm: d.around(a.neckLengthCm, 0.15),
    neckInclineDeg: d.between(8, 28),
    earsAboveNodCm: d.between(1.8, 3.2),
    trunkLengthCm: d.around(a.trunkLengthCm, 0.12),
    trunkReclineDeg: d.between(-4, 10),
    dropPerForward: d.between(0.1, 0.6),
    chinDropDegPerCm: d.between(0, 1.5),
    roundingForwardPerInward: d.between(0.5, 1.5),
    gazeHold: d.between(0.7, 1),
    headUpright: d.between(0, 0.4),
    earBiasUpCm: d.between(0, 1.2),
    earBiasBackCm: d.between(0, 1),
    shoulderBiasOutCm: d.between(0, 1.5),
    shoulderBiasUpCm: d.between(0, 1.5),
    eyeBiasCm: [d.between(-0.2, 0.2), d.between(-0.2, 0.2)],
    noseBiasCm: [d.between(-0.2, 0.2), d.between(-0.3, 0.3)],
  };
}

/** A posture: every move from sitting upright. All zero is the neutral posture. */
export interface Moves {
  /** The seat (the whole person) lower (sinking into the chair), cm; negative rises. */
  sinkCm: number;
  /** The seat slid to the camera's right, cm. */
  slideCm: number;
  /** The seat moved away from the camera, cm (negative: nearer). */
  chairBackCm: number;
  /** The trunk leaning back at the hips, degrees (negative: leaning forward, towards the screen). */
  reclineDeg: number;
  /** The trunk leaning sideways at the hips towards the person's right, degrees. */
  leanDeg: number;
  /** The trunk turned about the spine towards the person's right (right shoulder away), degrees; the head keeps facing the screen. */
  twistDeg: number;
  /** The head carried forward by the neck, cm, with the drop and chin drop of this person's build. */
  headForwardCm: number;
  /** Looking down by nodding, degrees. */
  lookDownDeg: number;
  /** Head turned to the person's right, degrees. */
  headTurnDeg: number;
  /** Head tilted (ear towards shoulder) to the person's right, degrees. */
  headTiltDeg: number;
  /** Shoulder span narrowed by rounding, % of the upright span. */
  roundingPct: number;
  /** Shoulders raised, cm. */
  shrugCm: number;
}

export const NO_MOVE: Moves = {
  sinkCm: 0,
  slideCm: 0,
  chairBackCm: 0,
  reclineDeg: 0,
  leanDeg: 0,
  twistDeg: 0,
  headForwardCm: 0,
  lookDownDeg: 0,
  headTurnDeg: 0,
  headTiltDeg: 0,
  roundingPct: 0,
  shrugCm: 0,
};

export type Landmark =
  | 'c7'
  | 'shoulder_base'
  | 'nod'
  | 'left_ear'
  | 'right_ear'
  | 'left_eye'
  | 'right_eye'
  | 'nose'
  | 'left_shoulder'
  | 'right_shoulder';

/** Where the parts are (`true`), and where a pose model would put the seven points it reports (`seen`). */
export interface Body {
  true: Record<Landmark, V3>;
  seen: Record<
    'nose' | 'left_eye' | 'right_eye' | 'left_ear' | 'right_ear' | 'left_shoulder' | 'right_shoulder',
    V3
  >;
  /** The head's rotation from facing the camera upright (world axes). */
  headRotation: M3;
}

/**
 * The body in world space, with the seat pivot at `seat` when nothing moved.
 * Order of the moves: the head on its neck, the shoulders on the trunk, the
 * trunk on the seat, the seat in the room.
 */
export function pose(b: Build, m: Moves, seat: V3): Body {
  // Trunk frame: origin at the seat pivot, upright, facing -z.
  const c7: V3 = [0, -b.trunkLengthCm, 0];
  const incline = (b.neckInclineDeg * Math.PI) / 180;
  const nod0: V3 = add(c7, [0, -b.neckLengthCm * Math.cos(incline), -b.neckLengthCm * Math.sin(incline)]);
  const ears0: V3 = add(nod0, [0, -b.earsAboveNodCm, 0]);
  const local = headLocal(b);

  // The trunk's rotation on the seat (recline includes the upright lean back).
  const trunk = compose(aboutZ(-m.leanDeg), aboutX(-(b.trunkReclineDeg + m.reclineDeg)));
  // The head keeps looking at the screen (undoing most of the trunk's recline) and partly upright.
  const hold = compose(
    aboutZ(m.leanDeg * b.headUpright),
    aboutX(m.reclineDeg * b.gazeHold + b.trunkReclineDeg),
  );
  const head = headOnNeck(b, m, nod0, ears0, hold);
  const shoulder = (side: 1 | -1, out: number, up: number): V3 => shoulderJoint(b, m, c7, side, out, up);

  // Where the shoulder joints' midpoint is on the trunk, before rounding and shrug move the joints.
  const shoulderBase = rotateAbout(
    add(c7, [0, b.shoulderBelowC7Cm, -b.shoulderAheadOfC7Cm]),
    c7,
    aboutY(m.twistDeg),
  );

  const place = (p: V3): V3 =>
    add(apply(trunk, p), [seat[0] + m.slideCm, seat[1] + m.sinkCm, seat[2] + m.chairBackCm]);
  const placeHead = (points: Record<HeadLandmark, V3>) =>
    Object.fromEntries(Object.entries(points).map(([k, v]) => [k, place(head.point(v))])) as Record<
      HeadLandmark,
      V3
    >;

  const bo = b.shoulderBiasOutCm;
  const bu = b.shoulderBiasUpCm;
  return {
    true: {
      c7: place(c7),
      shoulder_base: place(shoulderBase),
      nod: place(head.nod),
      ...placeHead(local.true),
      left_shoulder: place(shoulder(1, 0, 0)),
      right_shoulder: place(shoulder(-1, 0, 0)),
    },
    seen: {
      ...placeHead(local.seen),
      left_shoulder: place(shoulder(1, bo, bu)),
      right_shoulder: place(shoulder(-1, bo, bu)),
    },
    headRotation: compose(trunk, compose(hold, head.turn)),
  };
}

type HeadLandmark = 'nose' | 'left_eye' | 'right_eye' | 'left_ear' | 'right_ear';

/** The head's landmarks about the ear midpoint, facing -z: where they are, and where a pose model puts them. */
function headLocal(b: Build): { true: Record<HeadLandmark, V3>; seen: Record<HeadLandmark, V3> } {
  const hw = b.earWidthCm / 2;
  const ew = b.eyeSpacingCm / 2;
  return {
    true: {
      left_ear: [hw, 0, 0],
      right_ear: [-hw, 0, 0],
      left_eye: [ew, -b.eyeRiseCm, -b.eyeAheadCm],
      right_eye: [-ew, -b.eyeRiseCm, -b.eyeAheadCm],
      nose: [0, b.noseDropCm, -b.noseAheadCm],
    },
    seen: {
      left_ear: [hw, -b.earBiasUpCm, b.earBiasBackCm],
      right_ear: [-hw, -b.earBiasUpCm, b.earBiasBackCm],
      left_eye: [ew + b.eyeBiasCm[0], -b.eyeRiseCm + b.eyeBiasCm[1], -b.eyeAheadCm],
      right_eye: [-ew + b.eyeBiasCm[0], -b.eyeRiseCm + b.eyeBiasCm[1], -b.eyeAheadCm],
      nose: [b.noseBiasCm[0], b.noseDropCm + b.noseBiasCm[1], -b.noseAheadCm],
    },
  };
}

/**
 * The head on the neck, in the trunk's frame: forward carriage (with its drop
 * and chin drop), nod, turn and tilt. Gives the moved nodding joint, the
 * head's own rotation, and where a point given about the ear midpoint ends up.
 */
function headOnNeck(
  b: Build,
  m: Moves,
  nod0: V3,
  ears0: V3,
  hold: M3,
): { nod: V3; turn: M3; point: (local: V3) => V3 } {
  const fwd = m.headForwardCm;
  const carriage: V3 = [0, b.dropPerForward * fwd, -fwd];
  const nod = add(nod0, carriage);
  const ears = add(ears0, carriage);
  const tiltPivot: V3 = add(nod, [0, b.neckLengthCm / 2, 0]);
  const turn = compose(
    aboutZ(-m.headTiltDeg),
    compose(aboutY(m.headTurnDeg), aboutX(m.lookDownDeg + b.chinDropDegPerCm * fwd)),
  );
  const point = (local: V3): V3 => {
    let p = add(ears, local);
    p = rotateAbout(p, nod, compose(aboutY(m.headTurnDeg), aboutX(m.lookDownDeg + b.chinDropDegPerCm * fwd)));
    p = rotateAbout(p, tiltPivot, aboutZ(-m.headTiltDeg));
    // The head's own correction for the trunk's lean happens at the nodding joint.
    return rotateAbout(p, nod, hold);
  };
  return { nod, turn, point };
}

/**
 * A shoulder joint on the trunk (`side` 1: the left one), `out` and `up` off
 * its place: rounding (in and forward), shrug, then twist about the spine at C7.
 */
function shoulderJoint(b: Build, m: Moves, c7: V3, side: 1 | -1, out: number, up: number): V3 {
  const inward = ((m.roundingPct / 100) * b.shoulderWidthCm) / 2;
  const forward = inward * b.roundingForwardPerInward;
  const p: V3 = add(c7, [
    side * (b.shoulderWidthCm / 2 - inward + out),
    b.shoulderBelowC7Cm - m.shrugCm - up,
    -b.shoulderAheadOfC7Cm - forward,
  ]);
  return rotateAbout(p, c7, aboutY(m.twistDeg));
}
