import { describe, expect, it } from 'vitest';
import { intrinsicsFor, toNorm } from '../../../../src/core/posture/camera';
import { solveHeadPose, type HeadObservations } from '../../../../src/core/posture/head-pose';
import { keypoints, TYPICAL_PERSON, UPRIGHT } from '../../../rig/rig';

const k = intrinsicsFor(640, 480, 65);

function observe(posture = UPRIGHT, drop: string[] = []): HeadObservations {
  const obs: HeadObservations = {};
  for (const p of keypoints(TYPICAL_PERSON, posture, undefined, 0)) {
    if (p.name.endsWith('shoulder') || drop.includes(p.name)) continue;
    obs[p.name as keyof HeadObservations] = { point: toNorm(k, p.xPx, p.yPx), weight: 1 };
  }
  return obs;
}

describe('solveHeadPose', () => {
  it('recovers depth and turn exactly from clean points', () => {
    const h = solveHeadPose(observe({ ...UPRIGHT, distanceCm: 72, headTurnDeg: 25 }))!;
    expect(h.center.z).toBeCloseTo(72, 1);
    expect((h.yaw * 180) / Math.PI).toBeCloseTo(25, 1);
  });

  it('works with one ear hidden', () => {
    const h = solveHeadPose(observe({ ...UPRIGHT, headTurnDeg: 30 }, ['left_ear']))!;
    expect((h.yaw * 180) / Math.PI).toBeCloseTo(30, 0);
  });

  it('needs four points', () => {
    expect(solveHeadPose(observe(UPRIGHT, ['left_ear', 'right_ear']))).toBeNull();
  });
});
