/**
 * The rig's cases: people of varied build in front of cameras of varied
 * field of view, height, pitch and placement, each sitting upright for
 * calibration and then making a move, alone or combined with others.
 * Everything is drawn from fixed seeds, so the list is the same every run.
 */
import { drawBuild, NO_MOVE, pose, type Body, type Build, type Moves } from './person';
import { project, toCamera, type Camera, type Detector } from './scene';
import { add, Draw, mid, type V3 } from './space';

export interface Setup {
  build: Build;
  camera: Camera;
  detector: Detector;
  /** Where the seat pivot is, world cm. */
  seat: V3;
}

/**
 * 'alone' and 'combined' are held to the bounds; 'fov' tells the app a
 * wrong field of view; 'twist' turns the trunk about the spine with the head
 * kept to the screen, which two shoulder points barely show (see cases
 * below): it is measured and reported, not bounded.
 */
export type CaseGroup = 'alone' | 'combined' | 'fov' | 'known' | 'twist';

export interface RigCase {
  id: string;
  group: CaseGroup;
  setup: Setup;
  moves: Moves;
  /** The field of view the app is told. */
  assumedFovDeg: number;
  /** The eyes' distance to the screen the app is told (the person measured it), cm; absent: not told. */
  knownEyeDistanceCm?: number;
  seed: number;
}

const RESOLUTIONS: readonly [number, number][] = [
  [640, 480],
  [1280, 720],
  [640, 360],
];

/** The ranges the cases are drawn from. */
export const RANGES = {
  fovDeg: [55, 90],
  eyeDistanceCm: [50, 95],
  cameraAboveEyesCm: [-15, 15],
  cameraPitchDeg: [-15, 15],
  offCentreCm: [-20, 20],
  noiseShare: [0.003, 0.008],
} as const;

/** A camera facing the person: at `distanceCm` from their eyes, `aboveCm` above them, `offCm` to the side. */
function placeCamera(
  build: Build,
  size: readonly [number, number],
  fovDeg: number,
  distanceCm: number,
  aboveCm: number,
  offCm: number,
  pitchDeg: number,
): { camera: Camera; seat: V3 } {
  const seat: V3 = [0, 0, 0];
  const body = pose(build, NO_MOVE, seat);
  const eyes = mid(body.true.left_eye, body.true.right_eye);
  return {
    camera: {
      widthPx: size[0],
      heightPx: size[1],
      fovDeg,
      position: add(eyes, [offCm, -aboveCm, -distanceCm]),
      pitchDeg,
    },
    seat,
  };
}

/** How far the upright person's eyes are from the camera, along its axis, cm (what they would measure to the screen). */
export function eyeDepth(setup: Setup): number {
  const body = pose(setup.build, NO_MOVE, setup.seat);
  return toCamera(setup.camera, mid(body.true.left_eye, body.true.right_eye))[2];
}

/** How far below level the camera sees the shoulders' midpoint, degrees. */
export function shouldersBelowLevelDeg(c: Camera, body: Body): number {
  const mid = [0, 1, 2].map(
    (i) => (body.seen.left_shoulder[i]! + body.seen.right_shoulder[i]!) / 2 - c.position[i]!,
  );
  return (Math.atan2(mid[1]!, Math.hypot(mid[0]!, mid[2]!)) * 180) / Math.PI;
}

function inside(c: Camera, p: V3, marginShare: number): boolean {
  const { xPx, yPx } = project(c, p);
  const m = marginShare * Math.min(c.widthPx, c.heightPx);
  return xPx > m && xPx < c.widthPx - m && yPx > m && yPx < c.heightPx - m;
}

/**
 * A setup drawn at random whose upright head is in view; `needShoulders`
 * also keeps both shoulders well inside the picture (8 % from its edges) and
 * the camera looking down at them by at least 8°, so that the setup lets
 * every reading be taken (run.ts shoulderTrouble).
 */
export function drawSetup(d: Draw, needShoulders: boolean): Setup {
  for (;;) {
    const build = drawBuild(d);
    const size = d.pick(RESOLUTIONS);
    const fovDeg = d.between(...RANGES.fovDeg);
    const distanceCm = d.between(...RANGES.eyeDistanceCm);
    const aboveCm = d.between(...RANGES.cameraAboveEyesCm);
    // A camera above the eyes is usually tipped down at them, one below tipped up; not always.
    const aim = (Math.atan2(aboveCm, distanceCm) * 180) / Math.PI;
    const pitchDeg = Math.max(-15, Math.min(15, aim * d.between(0, 1.2) + d.between(-5, 5)));
    const offCm = d.between(...RANGES.offCentreCm);
    const { camera, seat } = placeCamera(build, size, fovDeg, distanceCm, aboveCm, offCm, pitchDeg);
    const body = pose(build, NO_MOVE, seat);
    const headIn = (['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear'] as const).every((n) =>
      inside(camera, body.seen[n], 0.08),
    );
    if (!headIn) continue;
    const shouldersIn = (['left_shoulder', 'right_shoulder'] as const).every((n) =>
      inside(camera, body.seen[n], 0.1),
    );
    if (needShoulders && (!shouldersIn || shouldersBelowLevelDeg(camera, body) < 9)) continue;
    const detector: Detector = {
      noiseShare: d.between(...RANGES.noiseShare),
      outlierShare: d.between(0, 0.03),
      // What MoveNet gives clearly seen points on the project's real footage.
      faceScore: d.between(0.5, 0.85),
      shoulderScore: d.between(0.5, 0.85),
    };
    return { build, camera, detector, seat };
  }
}

/** The moves made alone, each at a few sizes. */
export const ALONE: readonly (readonly [keyof Moves, readonly number[]])[] = [
  ['sinkCm', [2.5, 5, -3]],
  ['slideCm', [7, 15, -15]],
  ['chairBackCm', [-15, -7, 7, 15]],
  ['reclineDeg', [10, 20, -10, -20]],
  ['leanDeg', [8, 20, -8, -20]],
  ['headForwardCm', [2, 4, 6, 8]],
  ['lookDownDeg', [15, 30]],
  ['headTurnDeg', [20, -35]],
  ['headTiltDeg', [8, -15]],
  ['roundingPct', [4, 8, 12]],
  ['shrugCm', [1.5, 3]],
];

/** The range each move is drawn from when combined. */
export const COMBINED_RANGE: Readonly<Partial<Record<keyof Moves, readonly [number, number]>>> = {
  sinkCm: [-5, 5],
  slideCm: [-15, 15],
  chairBackCm: [-15, 15],
  reclineDeg: [-20, 20],
  leanDeg: [-20, 20],
  headForwardCm: [0, 8],
  lookDownDeg: [0, 30],
  headTurnDeg: [-35, 35],
  headTiltDeg: [-15, 15],
  roundingPct: [0, 12],
  shrugCm: [0, 3],
};

const label = (m: Partial<Moves>): string =>
  Object.entries(m)
    .map(([k, v]) => `${k.replace(/(Cm|Deg|Pct)$/, '')} ${Number(v.toFixed(1))}`)
    .join(', ') || 'no move';

export interface CaseOptions {
  /** Setups for the moves made alone. */
  aloneSetups: number;
  /** Cases of two or three moves combined, each on a setup of its own. */
  combined: number;
  /** Setups on which the field of view is told wrong by ±15 %. */
  fovSetups: number;
  /** Setups on which the trunk turns. */
  twistSetups: number;
}

export const DEFAULT_CASES: CaseOptions = { aloneSetups: 12, combined: 160, fovSetups: 6, twistSetups: 4 };

export function rigCases(options: CaseOptions = DEFAULT_CASES): RigCase[] {
  const out: RigCase[] = [];
  const d = new Draw(2026);
  aloneCases(d, options.aloneSetups, out);
  combinedCases(d, options.combined, out);
  twistCases(d, options.twistSetups, out);
  fovCases(d, options.fovSetups, out);
  return out;
}

/** Adds to `out`, on each of `setups` setups, no move and then every move in ALONE at each of its sizes. */
function aloneCases(d: Draw, setups: number, out: RigCase[]): void {
  for (let s = 0; s < setups; s++) {
    // Two setups in three let every reading be taken; the rest show what a laptop's camera often does.
    const setup = drawSetup(d, s % 3 !== 2);
    for (const [key, sizes] of [[null, [0]] as const, ...ALONE]) {
      for (const size of sizes) {
        const moves = key ? { ...NO_MOVE, [key]: size } : NO_MOVE;
        out.push({
          id: `alone ${s + 1}: ${key ? label({ [key]: size }) : 'no move'}`,
          group: 'alone',
          setup,
          moves,
          assumedFovDeg: setup.camera.fovDeg,
          seed: out.length + 1,
        });
      }
    }
  }
}

/** Adds `count` cases to `out`, each two or three moves drawn from COMBINED_RANGE on a setup of its own. */
function combinedCases(d: Draw, count: number, out: RigCase[]): void {
  const keys = Object.keys(COMBINED_RANGE) as (keyof Moves)[];
  for (let i = 0; i < count; i++) {
    const setup = drawSetup(d, i % 4 !== 3);
    const n = d.chance(0.5) ? 2 : 3;
    const chosen = new Set<keyof Moves>();
    while (chosen.size < n) chosen.add(d.pick(keys));
    const change: Partial<Moves> = {};
    for (const k of chosen) change[k] = d.between(...COMBINED_RANGE[k]!);
    out.push({
      id: `combined ${i + 1}: ${label(change)}`,
      group: 'combined',
      setup,
      moves: { ...NO_MOVE, ...change },
      assumedFovDeg: setup.camera.fovDeg,
      seed: 10_000 + i,
    });
  }
}

/**
 * Adds to `out`, on each of `setups` setups, a turn of the trunk about the
 * spine, the head kept to the screen: the shoulders' midpoint barely moves
 * (the spine runs close behind the line between the shoulder joints) and the
 * turn shows only as a slightly narrower span and, seen from above, a
 * slightly slanted shoulder line: it reads partly as rounding and tilt.
 */
function twistCases(d: Draw, setups: number, out: RigCase[]): void {
  for (let s = 0; s < setups; s++) {
    const setup = drawSetup(d, true);
    for (const twistDeg of [10, 20, -20]) {
      out.push({
        id: `twist ${s + 1}: twist ${twistDeg}`,
        group: 'twist',
        setup,
        moves: { ...NO_MOVE, twistDeg },
        assumedFovDeg: setup.camera.fovDeg,
        seed: 30_000 + out.length,
      });
    }
  }
}

/**
 * Adds to `out`, on each of `setups` setups, a few moves with the app told
 * the true field of view, ×1.15 and ÷1.15; the wrong ones again with the
 * eyes' distance to the screen told as well.
 */
function fovCases(d: Draw, setups: number, out: RigCase[]): void {
  const fovMoves: Partial<Moves>[] = [
    { headForwardCm: 4 },
    { headForwardCm: 8 },
    { roundingPct: 8 },
    { leanDeg: 10 },
    { chairBackCm: -12 },
  ];
  for (let s = 0; s < setups; s++) {
    const setup = drawSetup(d, true);
    for (const factor of [1, 1.15, 1 / 1.15]) {
      for (const [i, m] of fovMoves.entries()) {
        const base = {
          setup,
          moves: { ...NO_MOVE, ...m },
          assumedFovDeg: setup.camera.fovDeg * factor,
          // The same jitter whatever the field of view told: only that differs between them.
          seed: 20_000 + s * 100 + i,
        };
        out.push({ ...base, id: `fov ${s + 1} told ×${factor.toFixed(2)}: ${label(m)}`, group: 'fov' });
        // The same, told the eyes' distance to the screen as well: the field of view stops mattering.
        if (factor !== 1) {
          out.push({
            ...base,
            id: `known ${s + 1} told ×${factor.toFixed(2)}: ${label(m)}`,
            group: 'known',
            knownEyeDistanceCm: eyeDepth(setup),
          });
        }
      }
    }
  }
}

export { Draw };
