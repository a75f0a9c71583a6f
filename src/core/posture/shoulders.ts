/**
 * The shoulder line in camera space, from two shoulder points and the head.
 *
 * Two points give four numbers, too few for the shoulders' depth, tilt, twist,
 * width and height at once, so the solve leans on what calibration measured
 * of this person (shoulder width and the shoulders' height below the camera)
 * and on two facts of anatomy:
 *
 * 1. Depth has two cues. The span cue: the shoulders' apparent span against
 *    their calibrated width. The height cue: how far below the image centre
 *    the shoulders sit, against their calibrated height below the camera.
 *    Moving the chair moves both alike. Rounding the shoulders (the span
 *    narrows) makes only the span cue read too far; raising them (a shrug)
 *    makes only the height cue read too far. Neither movement makes a cue
 *    read too near, so the nearer cue is taken as the depth, and what the
 *    other cue disagrees by is read as narrowing (rounding) or elevation.
 *    Sinking down in the chair lowers the shoulders and so reads as some
 *    rounding; the two usually come together.
 * 2. The head sits on the trunk's midline, the line through the middle of
 *    the shoulders at right angles to them. When the trunk twists, the nearer
 *    shoulder looks further from that line than the other (perspective), and
 *    that lopsidedness gives the twist. A head slid sideways over still
 *    shoulders without tilting looks the same from the front and is read as
 *    twist; it is a rare posture to hold.
 *
 * Without a calibration only the span cue (with a typical width) is used and
 * elevation is unknown.
 */
import type { HeadPose } from './head-pose';
import type { NormPoint, Vec3 } from './camera';

export interface ShoulderObservation {
  point: NormPoint;
  /** False when the point is too near the left or right edge of the frame to trust its x. */
  xReliable: boolean;
  /** False when the point is too near the top or bottom edge (a cut-off shoulder) to trust its y. */
  yReliable: boolean;
}

export interface BodyScale {
  /** Half the distance between the shoulder points, cm. */
  shoulderHalfWidthCm: number;
  /** Height of the shoulders' midpoint in camera space (cm, + below the camera axis); null before calibration. */
  shoulderHeightCm: number | null;
}

export interface ShoulderPose {
  /** Midpoint between the shoulder points, camera space, cm. */
  mid: Vec3;
  /** Half of the measured distance between the shoulder points, cm. */
  halfWidthCm: number;
  /** Right shoulder lower than the left is positive (the person leans to their right); null when a shoulder is cut off at the top or bottom. */
  tiltRad: number | null;
  /** Trunk turned to the person's right (right shoulder further from the camera) is positive. */
  twistRad: number;
  /** Which cue gave the depth. */
  depthCue: 'span' | 'height';
  /** Whether the shoulders' height could serve as a depth cue (both fully in view, calibrated). */
  heightCueUsable: boolean;
  /** Shoulders raised above their calibrated height, cm (0 when the height cue gave the depth); null when unknown. */
  elevationCm: number | null;
  /** The head centre's sideways offset from the shoulders' midpoint, cm, + towards the person's right. */
  headOffsetCm: number;
}

const MIN_HEIGHT_CUE_V = 0.05;
/** Largest twist solved for (sine): about 53 degrees. */
const MAX_TWIST_SINE = 0.8;
/** The head tilts about the top of the neck, this far below the ear line. */
export const NECK_TOP_BELOW_EARS_CM = 3;
/** A sideways lean bends at the hips, this far below the shoulder line; it swings the shoulders down. */
export const LEAN_PIVOT_BELOW_SHOULDERS_CM = 45;

export function solveShoulders(
  right: ShoulderObservation,
  left: ShoulderObservation,
  head: HeadPose,
  scale: BodyScale,
): ShoulderPose | null {
  const b = scale.shoulderHalfWidthCm;
  const xOk = right.xReliable && left.xReliable;
  const yOk = right.yReliable && left.yReliable;
  const { u: uR, v: vR } = right.point;
  const { u: uL, v: vL } = left.point;
  if (!(uL > uR)) return null; // left and right crossed: not a front view
  const y0 = scale.shoulderHeightCm;
  const heightUsable = yOk && y0 != null && y0 > 0 && (vR + vL) / 2 > MIN_HEIGHT_CUE_V;
  const y0cm = y0 ?? 0;
  if (!xOk && !heightUsable) return null;

  const Ax = uL - uR;
  const Ay = yOk ? vL - vR : 0;
  const neckTop = {
    x: head.center.x + NECK_TOP_BELOW_EARS_CM * Math.sin(head.roll),
    y: head.center.y + NECK_TOP_BELOW_EARS_CM * Math.cos(head.roll),
  };

  /** Depth, cue and tilt for a given twist (sine), and the twist the midline then implies. */
  const evaluate = (s: number) => {
    const bs = b * s;
    let best: { z: number; cue: ShoulderPose['depthCue'] } | null = null;
    if (xOk) {
      // |z·A - bs·B| = 2b, with B = (uL + uR, vL + vR, 2): the span at its calibrated width.
      const Bx = uL + uR;
      const By = yOk ? vL + vR : 0;
      const a2 = Ax * Ax + Ay * Ay;
      const ab = Ax * Bx + Ay * By;
      const b2 = Bx * Bx + By * By + 4;
      const disc = (bs * ab) ** 2 - a2 * (bs * bs * b2 - 4 * b * b);
      if (disc > 0) best = { z: (bs * ab + Math.sqrt(disc)) / a2, cue: 'span' };
    }
    const tiltAt = (z: number) =>
      yOk ? Math.atan2((z + bs) * vR - (z - bs) * vL, (z - bs) * uL - (z + bs) * uR) : 0;
    if (heightUsable) {
      // (z + bs)·vR + (z - bs)·vL = 2·y, the shoulders at their calibrated height, lowered by
      // the swing of a sideways lean about the hips (tilt taken from the span cue's depth).
      const tilt = tiltAt(best?.z ?? (2 * y0) / (vR + vL));
      const y = y0cm + LEAN_PIVOT_BELOW_SHOULDERS_CM * (1 - Math.cos(tilt));
      const z = (2 * y - bs * (vR - vL)) / (vR + vL);
      if (!best || z < best.z) best = { z, cue: 'height' };
    }
    if (!best || !(best.z > 5)) return null;
    const z = best.z;
    const tilt = tiltAt(z);
    const midY = ((z + bs) * vR + (z - bs) * vL) / 2;
    // The midline through the midpoint, at right angles to the shoulder line, passes the top of the neck.
    const midX = neckTop.x - (neckTop.y - midY) * Math.tan(tilt);
    const implied = (2 * midX - (uR + uL) * z) / ((uR - uL) * b);
    return { z, cue: best.cue, implied };
  };

  let s = 0;
  if (xOk) {
    // The twist is where the implied twist equals the assumed one: find the sign
    // change of implied - s nearest to no twist, then bisect.
    const g = (t: number) => {
      const e = evaluate(t);
      return e ? e.implied - t : Number.NaN;
    };
    const step = 0.05;
    let bracket: [number, number] | null = null;
    for (let i = 0; i * step <= MAX_TWIST_SINE && !bracket; i++) {
      for (const dir of [1, -1]) {
        const a = dir * i * step;
        const c = dir * (i + 1) * step;
        const ga = g(a);
        const gc = g(c);
        if (Number.isFinite(ga) && Number.isFinite(gc) && ga * gc <= 0) {
          bracket = [a, c];
          break;
        }
      }
    }
    if (!bracket) return null;
    let [lo, hi] = bracket;
    let glo = g(lo);
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      const gm = g(mid);
      if (glo * gm <= 0) hi = mid;
      else {
        lo = mid;
        glo = gm;
      }
    }
    s = (lo + hi) / 2;
  }
  const solved = evaluate(s);
  if (!solved) return null;
  const z = solved.z;
  const cue = solved.cue;
  const bs = b * s;
  const pr: Vec3 = { x: (z + bs) * uR, y: (z + bs) * vR, z: z + bs };
  const pl: Vec3 = { x: (z - bs) * uL, y: (z - bs) * vL, z: z - bs };
  const span = Math.hypot(pl.x - pr.x, yOk ? pl.y - pr.y : 0, pl.z - pr.z);
  const mid = { x: (pr.x + pl.x) / 2, y: (pr.y + pl.y) / 2, z };
  const naiveMidX = (z * (uR + uL)) / 2;
  // The angle in the image plane from depth-corrected heights, so that a twisted trunk's
  // perspective (the nearer shoulder sits lower) does not read as tilt.
  const tiltRad = yOk ? Math.atan2(pr.y - pl.y, pl.x - pr.x) : null;
  return {
    mid,
    halfWidthCm: span / 2,
    tiltRad,
    twistRad: Math.asin(s),
    depthCue: cue,
    heightCueUsable: heightUsable,
    elevationCm:
      !heightUsable || y0 == null || tiltRad == null
        ? null
        : cue === 'height'
          ? 0
          : y0 + LEAN_PIVOT_BELOW_SHOULDERS_CM * (1 - Math.cos(tiltRad)) - mid.y,
    headOffsetCm: -(head.center.x - naiveMidX),
  };
}
