/**
 * Head position and orientation from five face points (nose, eyes, ears), by
 * fitting the generic head of body.ts to them through the pinhole camera: a
 * small Levenberg-Marquardt solve of six unknowns (position x, y, z and yaw,
 * pitch, roll) against up to ten image coordinates, each weighted by the
 * model's confidence in its point.
 *
 * Depth comes from the head's apparent size (ear-to-ear and eye-to-eye
 * distances against their typical widths); yaw from where the nose and eyes
 * sit between the ears, with perspective (the nose is nearer the camera than
 * the ears). Because yaw is solved together with depth, turning the head does
 * not read as moving away, which a plain "face width" measure would.
 */
import { HEAD_MODEL, HEAD_POINTS, rotate, type HeadPointName, type Orientation } from './body';
import type { NormPoint, Vec3 } from './camera';

export interface HeadObservation {
  point: NormPoint;
  /** 0..1; points below the caller's confidence floor are left out, not passed as 0. */
  weight: number;
}

export type HeadObservations = Partial<Record<HeadPointName, HeadObservation>>;

export interface HeadPose extends Orientation {
  /** Midpoint between the ear points, in camera space (cm). */
  center: Vec3;
  /** Root-mean-square misfit, in normalised image units (multiply by focal length for pixels). */
  rms: number;
}

const MAX_ITERATIONS = 12;
/** Face points (of eyes, nose and ears) a head pose needs: fewer leave it undetermined. */
const MIN_POINTS = 4;
/** Levenberg-Marquardt's damping: where it starts, how it grows and shrinks, its floor, and the ridge that keeps the system solvable. */
const DAMPING_START = 1e-3;
const DAMPING_FACTOR = 10;
const DAMPING_FLOOR = 1e-9;
const RIDGE = 1e-12;
/** Tries with growing damping before an iteration gives up. */
const DAMPING_TRIES = 8;
/** Finite-difference steps: for the position, cm, and for the angles, radians. */
const STEP_CM = 1e-3;
const STEP_RAD = 1e-5;
/** A head nearer the camera than this, cm, is no solution. */
const MIN_DEPTH_CM = 5;
/** An improvement of the squared error smaller than this ends the solve. */
const CONVERGED_GAIN = 1e-14;
/** A pivot smaller than this: the system is singular. */
const PIVOT_EPS = 1e-15;
const PARAMS = 6;

function project(params: readonly number[], name: HeadPointName, depthScale: number): NormPoint {
  const [x = 0, y = 0, z = 1, yaw = 0, pitch = 0, roll = 0] = params;
  const m = HEAD_MODEL[name];
  const p = rotate(depthScale === 1 ? m : { x: m.x, y: m.y, z: m.z * depthScale }, { yaw, pitch, roll });
  const depth = z + p.z;
  return { u: (x + p.x) / depth, v: (y + p.y) / depth };
}

function residuals(
  params: readonly number[],
  names: readonly HeadPointName[],
  obs: HeadObservations,
  depthScale: number,
): number[] {
  const out: number[] = [];
  for (const name of names) {
    const o = obs[name];
    if (!o) continue;
    const p = project(params, name, depthScale);
    const w = Math.sqrt(o.weight);
    out.push(w * (p.u - o.point.u), w * (p.v - o.point.v));
  }
  return out;
}

const sumSquares = (r: readonly number[]): number => r.reduce((s, x) => s + x * x, 0);

/** Solves the 6x6 system a·x = b in place by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < PIVOT_EPS) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c < n; c++) a[r]![c]! -= f * a[col]![c]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r]![c]! * x[c]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/** A first guess from the points' spread: depth from the ear or eye distance, no rotation but roll. */
function initialGuess(obs: HeadObservations): number[] | null {
  const pair = (a: HeadPointName, b: HeadPointName, widthCm: number, aheadCm: number) => {
    const pa = obs[a]?.point;
    const pb = obs[b]?.point;
    if (!pa || !pb) return null;
    const d = Math.hypot(pa.u - pb.u, pa.v - pb.v);
    if (d <= 0) return null;
    const z = widthCm / d + aheadCm;
    const mid = { u: (pa.u + pb.u) / 2, v: (pa.v + pb.v) / 2 };
    return { z, mid, roll: Math.atan2(pa.v - pb.v, pa.u - pb.u) };
  };
  const g =
    pair('left_ear', 'right_ear', HEAD_MODEL.left_ear.x * 2, 0) ??
    pair('left_eye', 'right_eye', HEAD_MODEL.left_eye.x * 2, -HEAD_MODEL.left_eye.z);
  if (!g) return null;
  // atan2 of left-minus-right: the right ear lower (larger v) gives a negative angle.
  return [g.mid.u * g.z, g.mid.v * g.z, g.z, 0, 0, -g.roll];
}

/**
 * Fits the head. Needs at least four of the five points (eight coordinates
 * for six unknowns); returns null when there are fewer or the solve fails.
 * `previous` (the last frame's pose) makes the solve start close and finish
 * in two or three steps.
 */
export function solveHeadPose(
  obs: HeadObservations,
  previous?: HeadPose | null,
  depthScale = 1,
): HeadPose | null {
  const names = HEAD_POINTS.filter((n) => obs[n]);
  if (names.length < MIN_POINTS) return null;
  const start =
    previous != null
      ? [previous.center.x, previous.center.y, previous.center.z, previous.yaw, previous.pitch, previous.roll]
      : initialGuess(obs);
  if (!start) return null;
  let params: number[] = start;
  let r = residuals(params, names, obs, depthScale);
  let cost = sumSquares(r);
  let lambda = DAMPING_START;
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const jac: number[][] = [];
    for (let j = 0; j < PARAMS; j++) {
      const h = j < 3 ? STEP_CM : STEP_RAD;
      const p2 = params.slice();
      p2[j]! += h;
      const r2 = residuals(p2, names, obs, depthScale);
      jac.push(r2.map((v, i) => (v - r[i]!) / h));
    }
    const jtj = Array.from({ length: PARAMS }, (_, a) =>
      Array.from({ length: PARAMS }, (_, b) => jac[a]!.reduce((s, v, i) => s + v * jac[b]![i]!, 0)),
    );
    const jtr = jac.map((col) => -col.reduce((s, v, i) => s + v * r[i]!, 0));
    let improved = false;
    for (let attempt = 0; attempt < DAMPING_TRIES && !improved; attempt++) {
      const damped = jtj.map((row, a) => row.map((v, b) => (a === b ? v * (1 + lambda) + RIDGE : v)));
      const step = solve(damped, jtr.slice());
      if (!step) break;
      const candidate: number[] = params.map((v, j) => v + step[j]!);
      if (!(candidate[2]! > MIN_DEPTH_CM)) {
        lambda *= DAMPING_FACTOR;
        continue;
      }
      const rc = residuals(candidate, names, obs, depthScale);
      const cc = sumSquares(rc);
      if (cc < cost) {
        const gain = cost - cc;
        params = candidate;
        r = rc;
        cost = cc;
        lambda = Math.max(lambda / DAMPING_FACTOR, DAMPING_FLOOR);
        improved = true;
        if (gain < CONVERGED_GAIN) it = MAX_ITERATIONS;
      } else {
        lambda *= DAMPING_FACTOR;
      }
    }
    if (!improved) break;
  }
  const [x = 0, y = 0, z = 0, yaw = 0, pitch = 0, roll = 0] = params;
  const totalWeight = names.reduce((s, n) => s + (obs[n]?.weight ?? 0), 0);
  return { center: { x, y, z }, yaw, pitch, roll, rms: Math.sqrt(cost / Math.max(totalWeight, 1e-9) / 2) };
}
