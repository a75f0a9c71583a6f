import { describe, expect, it } from 'vitest';
import { HEAD_MODEL, HEAD_POINTS, rotate, type HeadPointName } from '../../../../src/core/posture/body';
import { intrinsicsFor, toNorm } from '../../../../src/core/posture/camera';
import { solveHeadPose, type HeadObservations } from '../../../../src/core/posture/head-pose';
import { EYE_DISTANCE_CM, seatedKeypoints } from '../../../../scripts/rig/seated';

const k = intrinsicsFor(640, 480, 65);
const rad = (d: number) => (d * Math.PI) / 180;

/** The generic head itself at a known pose: the solver must give that pose back exactly. */
function generic(
  center: { x: number; y: number; z: number },
  yawDeg: number,
  drop: HeadPointName[] = [],
): HeadObservations {
  const obs: HeadObservations = {};
  for (const name of HEAD_POINTS) {
    if (drop.includes(name)) continue;
    const p = rotate(HEAD_MODEL[name], { yaw: rad(yawDeg), pitch: rad(4), roll: rad(-3) });
    const z = center.z + p.z;
    obs[name] = { point: { u: (center.x + p.x) / z, v: (center.y + p.y) / z }, weight: 1 };
  }
  return obs;
}

describe('solveHeadPose', () => {
  it('gives the generic head its pose back exactly', () => {
    const h = solveHeadPose(generic({ x: 3, y: 6, z: 72 }, 25))!;
    expect(h.center.z).toBeCloseTo(72, 1);
    expect((h.yaw * 180) / Math.PI).toBeCloseTo(25, 1);
    expect((h.pitch * 180) / Math.PI).toBeCloseTo(4, 1);
    expect((h.roll * 180) / Math.PI).toBeCloseTo(-3, 1);
  });

  it('works with one ear hidden', () => {
    const h = solveHeadPose(generic({ x: 0, y: 5, z: 65 }, 30, ['left_ear']))!;
    expect((h.yaw * 180) / Math.PI).toBeCloseTo(30, 0);
  });

  it('needs four points', () => {
    expect(solveHeadPose(generic({ x: 0, y: 5, z: 65 }, 0, ['left_ear', 'right_ear']))).toBeNull();
  });

  it('places a real-proportioned face (the rig\u2019s, not the generic one) within a few per cent of its distance', () => {
    const obs: HeadObservations = {};
    for (const p of seatedKeypoints()) {
      if (HEAD_POINTS.includes(p.name as HeadPointName)) {
        obs[p.name as HeadPointName] = { point: toNorm(k, p.xPx, p.yPx), weight: 1 };
      }
    }
    const h = solveHeadPose(obs)!;
    // The ear line is about 8.6 cm behind the eyes, which are EYE_DISTANCE_CM from the camera.
    expect(h.center.z / (EYE_DISTANCE_CM + 8.6)).toBeGreaterThan(0.95);
    expect(h.center.z / (EYE_DISTANCE_CM + 8.6)).toBeLessThan(1.05);
  });

  it('fits a deeper face when told its depth, and its distance then holds as it turns', () => {
    const obs = (turnDeg: number): HeadObservations => {
      const o: HeadObservations = {};
      for (const p of seatedKeypoints({ headTurnDeg: turnDeg })) {
        if (HEAD_POINTS.includes(p.name as HeadPointName)) {
          o[p.name as HeadPointName] = { point: toNorm(k, p.xPx, p.yPx), weight: 1 };
        }
      }
      return o;
    };
    const drift = (scale: number) =>
      solveHeadPose(obs(30), null, scale)!.center.z - solveHeadPose(obs(0), null, scale)!.center.z;
    // The rig's average face is deeper for its width than the generic one: turned, it reads nearer.
    expect(drift(1)).toBeLessThan(-1.5);
    expect(Math.abs(drift(1.15))).toBeLessThan(Math.abs(drift(1)) / 2);
  });
});
