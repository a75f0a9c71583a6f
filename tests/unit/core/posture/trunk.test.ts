import { describe, expect, it } from 'vitest';
import {
  elevation,
  expectedMid,
  headPivot,
  lateralResidual,
  placeShoulders,
  roundedShoulders,
  solveTrunk,
  spanDepth,
  trunkMove,
  trunkTurn,
  TrunkSteadier,
  type BodyScale,
  type ShoulderObservation,
} from '../../../../src/core/posture/trunk';
import type { HeadPose } from '../../../../src/core/posture/head-pose';
import { REASONS } from '../../../../src/core/posture/reasons';

const deg = (r: number) => (r * 180) / Math.PI;

/**
 * A hand-worked person: shoulders 36 cm apart (half 18), their midpoint 80 cm
 * from the camera and 20 cm below the head's pivot, which is 7 cm below the
 * ear line's midpoint (the head centre, 78 cm away): in the picture the
 * shoulders sit at u = ±18/80 = ±0.225, v = 20/80 = 0.25.
 */
const SCALE: BodyScale = {
  shoulderHalfWidthCm: 18,
  neck: { xCm: 0, yCm: 20, depthCm: 80, behindHeadCm: 2, pivotXCm: 0 },
  trunkDepthCm: 80,
  tiltRad: 0,
  head: { yaw: 0, pitch: 0, roll: 0 },
  shoulderScores: { right: 0.8, left: 0.8 },
  dropPerForward: null,
};
const HEAD: HeadPose = { center: { x: 0, y: -7, z: 78 }, yaw: 0, pitch: 0, roll: 0, rms: 0 };

const seen = (u: number, v: number, score = 0.8): ShoulderObservation => ({
  point: { u, v },
  xReliable: true,
  yReliable: true,
  score,
});

describe('spanDepth', () => {
  it('is the depth at which the two points are the calibrated width apart', () => {
    // 0.4 apart in the picture, 36 cm apart in the room: 90 cm away.
    expect(spanDepth({ u: -0.2, v: 0.1 }, { u: 0.2, v: 0.1 }, 18, true)).toBeCloseTo(90, 6);
    // A slanted pair is 0.5 apart (0.4 across, 0.3 down): 72 cm; without the heights, 90.
    expect(spanDepth({ u: -0.2, v: 0 }, { u: 0.2, v: 0.3 }, 18, true)).toBeCloseTo(72, 6);
    expect(spanDepth({ u: -0.2, v: 0 }, { u: 0.2, v: 0.3 }, 18, false)).toBeCloseTo(90, 6);
  });

  it('gives nothing for points on top of each other', () => {
    expect(spanDepth({ u: 0.1, v: 0.1 }, { u: 0.1, v: 0.1 }, 18, true)).toBeNull();
  });
});

describe('trunkMove', () => {
  // Calibrated at 80 cm: the span's noise is 1.2 % of it, 0.96 cm.
  it('takes a span within its noise, or within how far the shoulders follow a nearer head, as a trunk that stayed', () => {
    expect(trunkMove(80.5, 80, 0)).toEqual({ baseDepthCm: 80, nearer: false, reason: null });
    // The head came 10 cm nearer; a pose model's shoulders spread by up to 45 % of that (4.5 cm).
    expect(trunkMove(76, 80, -10)).toEqual({ baseDepthCm: 80, nearer: false, reason: null });
  });

  it('reads a trunk nearer than that as leaning in, by the span, as far as the head came', () => {
    // The head came 8 cm nearer: leaning in, the trunk 5 cm.
    expect(trunkMove(75, 80, -8)).toEqual({ baseDepthCm: 75, nearer: true, reason: null });
    // The head came only 2 cm nearer: the trunk did no more; the span looks wider than it is.
    expect(trunkMove(75, 80, -2)).toEqual({ baseDepthCm: 78, nearer: false, reason: null });
    expect(trunkMove(75, 80, 1)).toEqual({ baseDepthCm: 80, nearer: false, reason: null });
  });

  it('moves the trunk back only as far as the head did; the rest of a narrower span is rounding', () => {
    // Moved the chair back 8 cm, head and all.
    expect(trunkMove(88, 80, 8).baseDepthCm).toBe(88);
    // The head stayed: the trunk did too, the shoulders rounded.
    expect(trunkMove(88, 80, 0).baseDepthCm).toBe(80);
    // The head came forward while the span narrowed: rounding and a forward head, the trunk still.
    expect(trunkMove(88, 80, -5).baseDepthCm).toBe(80);
    // Back 3 cm with the head, the rest rounding.
    expect(trunkMove(88, 80, 3).baseDepthCm).toBe(83);
  });

  it('cannot tell a span far narrower than rounding makes it, which the head did not follow', () => {
    // 20 cm further by the span is 20 % narrower: more than shoulders round.
    expect(trunkMove(100, 80, 0).reason).toBe(REASONS.narrowerShoulders);
    expect(trunkMove(100, 80, 20).reason).toBeNull();
  });
});

describe('roundedShoulders', () => {
  it('gives the calibrated width back for shoulders that look as wide as then', () => {
    // 18 cm at 80 cm: 0.225 apart (half).
    expect(roundedShoulders(0.225, 80, 18)).toEqual({ halfWidthCm: 18, depthCm: 80 });
  });

  it('brings rounded shoulders forward as far as they came in, so that they look as far apart as seen', () => {
    // Half 0.2 apart: w = 0.2 · (80 − 18) / (1 − 0.2) = 15.5 cm, 2.5 cm in and so 2.5 cm forward.
    const r = roundedShoulders(0.2, 80, 18);
    expect(r.halfWidthCm).toBeCloseTo(15.5, 6);
    expect(r.depthCm).toBeCloseTo(77.5, 6);
    expect(r.halfWidthCm / r.depthCm).toBeCloseTo(0.2, 9);
  });

  it('never reads shoulders wider than calibrated', () => {
    expect(roundedShoulders(0.25, 80, 18).halfWidthCm).toBe(18);
  });
});

describe('placeShoulders', () => {
  it('puts the points at the depth given, with their midpoint, half span and tilt', () => {
    const p = placeShoulders({ u: -0.2, v: 0.25 }, { u: 0.2, v: 0.25 }, 80, 18, true);
    expect(p.right).toEqual({ x: -16, y: 20, z: 80 });
    expect(p.left).toEqual({ x: 16, y: 20, z: 80 });
    expect(p.mid).toEqual({ x: 0, y: 20, z: 80 });
    expect(p.halfWidthCm).toBe(16);
    expect(p.tiltRad).toBe(0);
  });

  it('reads the right shoulder lower as a positive tilt, and leaves the tilt out when heights are not trusted', () => {
    // The right shoulder 4 cm lower over 32 cm: atan(1/8).
    const p = placeShoulders({ u: -0.2, v: 0.3 }, { u: 0.2, v: 0.25 }, 80, 18, true);
    expect(deg(p.tiltRad!)).toBeCloseTo(deg(Math.atan2(4, 32)), 9);
    expect(placeShoulders({ u: -0.2, v: 0.3 }, { u: 0.2, v: 0.25 }, 80, 18, false).tiltRad).toBeNull();
  });

  it("sets a turned trunk's shoulders at different depths", () => {
    // Turned by a sine of 0.1: the right shoulder 1.8 cm further, the left 1.8 cm nearer.
    const p = placeShoulders({ u: -0.2, v: 0.25 }, { u: 0.2, v: 0.25 }, 80, 18, true, 0.1);
    expect(p.right.z).toBeCloseTo(81.8, 9);
    expect(p.left.z).toBeCloseTo(78.2, 9);
  });
});

describe('expectedMid and lateralResidual', () => {
  const neck = SCALE.neck!;
  it('swings the midpoint under the pivot by the lean', () => {
    expect(expectedMid({ x: 0, y: 0 }, neck, 0, 0)).toEqual({ x: 0, y: 20 });
    const e = expectedMid({ x: 1, y: 2 }, neck, 0.1, 0);
    expect(e.x).toBeCloseTo(1 + 20 * Math.sin(0.1), 9);
    expect(e.y).toBeCloseTo(2 + 20 * Math.cos(0.1), 9);
  });

  it('is nothing for a lean that turned line and midpoint together, and the offset for a point that moved alone', () => {
    const lean = 0.1;
    const mid = { x: 20 * Math.sin(lean), y: 20 * Math.cos(lean), z: 80 };
    expect(lateralResidual(mid, { x: 0, y: 0 }, neck, lean, 0)).toBeCloseTo(0, 9);
    // The line slants by 0.1 but the midpoint stayed: 2 cm off.
    expect(lateralResidual({ x: 0, y: 20, z: 80 }, { x: 0, y: 0 }, neck, lean, 0)).toBeCloseTo(-2, 1);
  });
});

describe('headPivot', () => {
  it("is 7 cm below the ear line, along the head's roll", () => {
    expect(headPivot(HEAD, 0)).toEqual({ x: 0, y: 0 });
    const p = headPivot(HEAD, Math.PI / 6);
    expect(p.x).toBeCloseTo(3.5, 9);
    expect(p.y).toBeCloseTo(-7 + 7 * Math.cos(Math.PI / 6), 9);
  });
});

describe('trunkTurn', () => {
  const calibrated = SCALE as BodyScale & { neck: NonNullable<BodyScale['neck']> };
  it('is nothing for shoulders centred under the head', () => {
    expect(
      trunkTurn({ u: -0.225, v: 0.25 }, { u: 0.225, v: 0.25 }, 80, 18, { x: 0, y: 0 }, calibrated),
    ).toBeCloseTo(0, 3);
  });

  it('turns towards the side the midline moved to, held back by the prior', () => {
    // The midpoint 0.6 cm to the camera's right of where the head puts it.
    const s = trunkTurn({ u: -0.2175, v: 0.25 }, { u: 0.2325, v: 0.25 }, 80, 18, { x: 0, y: 0 }, calibrated);
    expect(s).toBeGreaterThan(0.05);
    expect(s).toBeLessThan(0.5);
  });
});

describe('elevation', () => {
  const calibrated = SCALE as BodyScale & { neck: NonNullable<BodyScale['neck']> };
  it('reads shoulders where calibration had them as not raised, and 2 cm higher as 2 cm', () => {
    const at = (yCm: number) =>
      placeShoulders({ u: -0.225, v: yCm / 80 }, { u: 0.225, v: yCm / 80 }, 80, 18, true);
    expect(elevation(at(20), { x: 0, y: 0 }, calibrated, 0)).toEqual({ cm: 0, reason: null });
    expect(elevation(at(18), { x: 0, y: 0 }, calibrated, 0).cm).toBeCloseTo(2, 9);
  });

  it('allows for the head dropping as it comes forward, and says when that range is too wide to tell', () => {
    const placed = placeShoulders({ u: -0.225, v: 0.25 }, { u: 0.225, v: 0.25 }, 80, 18, true);
    const known = { ...calibrated, dropPerForward: { least: 0.2, most: 0.4 } };
    // 3 cm forward drops the head (and so where the shoulders are expected) by 0.9 cm in the middle of the range.
    expect(elevation(placed, { x: 0, y: 0 }, known, 3).cm).toBeCloseTo(-0.9, 9);
    // The range of people (0.05-0.7 per cm) over 4 cm spans 2.6 cm: unknown.
    expect(elevation(placed, { x: 0, y: 0 }, calibrated, 4)).toEqual({
      cm: null,
      reason: REASONS.forwardOrRaised,
    });
  });

  it('needs the camera to look down at the shoulders', () => {
    const level = placeShoulders({ u: -0.225, v: 0.01 }, { u: 0.225, v: 0.01 }, 80, 18, true);
    expect(elevation(level, { x: 0, y: 0 }, calibrated, 0).reason).toBe(REASONS.cameraLevelWithShoulders);
  });
});

describe('solveTrunk', () => {
  const upright = () => solveTrunk(seen(-0.225, 0.25), seen(0.225, 0.25), HEAD, 0, SCALE);

  it('reads the calibrated posture as it was', () => {
    const t = upright();
    if ('reason' in t) throw new Error(t.reason);
    expect(t.mid.z).toBeCloseTo(80, 6);
    expect(t.halfWidthCm).toBeCloseTo(18, 6);
    expect(t.tiltRad).toBeCloseTo(0, 9);
    expect(t.roundingReason).toBeNull();
    expect(t.forwardReason).toBeNull();
    expect(t.elevationCm).toBeCloseTo(0, 6);
  });

  it('reads shoulders 10 % narrower with the head where it was as rounding on a trunk that stayed', () => {
    const t = solveTrunk(seen(-0.2025, 0.25), seen(0.2025, 0.25), HEAD, 0, SCALE);
    if ('reason' in t) throw new Error(t.reason);
    // Rounded shoulders come forward as far as they came in: still 0.2025 apart from nearer.
    expect(t.halfWidthCm).toBeLessThan(18 * 0.9);
    expect(t.mid.z + (18 - t.halfWidthCm)).toBeCloseTo(80, 6);
  });

  it('reads the whole person 10 % further away as the trunk moving back with the head', () => {
    const head = { ...HEAD, center: { x: 0, y: -7 * 1.1, z: 78 + 8 } };
    const t = solveTrunk(seen(-0.225 / 1.1, 0.25), seen(0.225 / 1.1, 0.25), head, 0, SCALE);
    if ('reason' in t) throw new Error(t.reason);
    expect(t.mid.z).toBeCloseTo(88, 6);
    expect(t.halfWidthCm).toBeCloseTo(18, 6);
  });

  it('leaves the shoulder readings unknown when the line does not sit under the head (a point off on its own)', () => {
    // The left point 4 cm higher: the line slants by 7° but the midpoint stayed under the head.
    const t = solveTrunk(seen(-0.225, 0.25), seen(0.225, 0.2), HEAD, 0, SCALE);
    expect(t).toEqual({ reason: REASONS.shoulderLineOffHead });
  });

  it('says why when the shoulders cannot be read', () => {
    expect(solveTrunk(seen(0.2, 0.25), seen(-0.2, 0.25), HEAD, 0, SCALE)).toEqual({
      reason: REASONS.notFacing,
    });
    const cut = { ...seen(-0.225, 0.25), xReliable: false };
    const t = solveTrunk(cut, seen(0.225, 0.25), HEAD, 0, SCALE);
    if ('reason' in t) throw new Error(t.reason);
    expect(t.forwardReason).toBe(REASONS.shoulderCutAtSide('right'));
    expect(t.tiltRad).toBeCloseTo(0, 9);
  });
});

describe('TrunkSteadier', () => {
  it('gives the median of the last frames of each value, within its window', () => {
    const s = new TrunkSteadier(3, 1000);
    expect(s.next(0, 'lateral', 5)).toBe(5);
    expect(s.next(100, 'lateral', 1)).toBe(3);
    expect(s.next(200, 'lateral', 2)).toBe(2);
    // Four values: the first drops out.
    expect(s.next(300, 'lateral', 9)).toBe(2);
    // Another key is kept apart.
    expect(s.next(300, 'scoreLeft', 0.4)).toBe(0.4);
    // Beyond the window, only the new one.
    expect(s.next(5000, 'lateral', 7)).toBe(7);
  });
});
