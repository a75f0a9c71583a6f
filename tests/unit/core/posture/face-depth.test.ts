import { describe, expect, it } from 'vitest';
import { HEAD_MODEL, HEAD_POINTS, rotate, type Orientation } from '../../../../src/core/posture/body';
import { depthScaleFor, FACE_DEPTH_SPREAD, FaceDepthLearner } from '../../../../src/core/posture/face-depth';
import { solveHeadPose, type HeadObservations } from '../../../../src/core/posture/head-pose';

const rad = (d: number) => (d * Math.PI) / 180;

/** A face `depth` times as deep as the generic one, 70 cm away, turned by `o`: its points and their generic fit. */
function face(o: Orientation, depth: number) {
  const obs: HeadObservations = {};
  for (const name of HEAD_POINTS) {
    const m = HEAD_MODEL[name];
    const p = rotate({ x: m.x, y: m.y, z: m.z * depth }, o);
    obs[name] = { point: { u: p.x / (70 + p.z), v: p.y / (70 + p.z) }, weight: 1 };
  }
  return { obs, head: solveHeadPose(obs)! };
}

describe('depthScaleFor', () => {
  it('finds the face depth that puts a turned head back at its distance', () => {
    const { obs, head } = face({ yaw: rad(30), pitch: 0, roll: 0 }, 1.2);
    // The generic face puts the turned head elsewhere than 70 cm.
    expect(Math.abs(head.center.z - 70)).toBeGreaterThan(1);
    expect(depthScaleFor(obs, head, 70)).toBeCloseTo(1.2, 2);
  });

  it('gives nothing when no depth in range fits', () => {
    const { obs, head } = face({ yaw: rad(30), pitch: 0, roll: 0 }, 1.2);
    expect(depthScaleFor(obs, head, 200)).toBeNull();
  });
});

describe('FaceDepthLearner', () => {
  const facing = { yaw: 0, pitch: 0, roll: 0 };

  it('learns from glances aside that start from facing the screen, not from a head held turned', () => {
    const l = new FaceDepthLearner();
    let t = 0;
    const glance = (yawDeg: number) => {
      // Facing, then held turned for a second.
      const f = face(facing, 1.15);
      l.observe(t, f.obs, f.head, { yaw: 0, pitch: 0 }, 72, facing);
      for (let i = 0; i < 5; i++) {
        t += 200;
        const g = face({ yaw: rad(yawDeg), pitch: 0, roll: 0 }, 1.15);
        l.observe(t, g.obs, g.head, { yaw: g.head.yaw, pitch: g.head.pitch }, 72, facing);
      }
      t += 3000;
    };
    expect(l.scale).toBe(1);
    expect(l.spread).toBe(FACE_DEPTH_SPREAD);
    for (let i = 0; i < 4; i++) glance(i % 2 ? 25 : -25);
    expect(l.count).toBeGreaterThanOrEqual(5);
    expect(l.scale).toBeCloseTo(1.15, 1);
    expect(l.spread).toBeLessThan(FACE_DEPTH_SPREAD);
    // A head turned long after it last faced the screen teaches nothing.
    const before = l.count;
    const g = face({ yaw: rad(25), pitch: 0, roll: 0 }, 1.15);
    l.observe(t + 60_000, g.obs, g.head, { yaw: g.head.yaw, pitch: 0 }, 72, facing);
    l.observe(t + 60_400, g.obs, g.head, { yaw: g.head.yaw, pitch: 0 }, 72, facing);
    expect(l.count).toBe(before);
  });

  it('takes measured depths and axis leans as seeds, keeping the most recent', () => {
    const l = new FaceDepthLearner();
    l.seed(
      Array.from({ length: 50 }, (_, i) => (i < 10 ? 2 : 1.1)),
      [0.05, 0.05, 0.05, 0.05, 0.05],
    );
    expect(l.count).toBe(40);
    expect(l.scale).toBeCloseTo(1.1, 9);
    expect(l.axisTilt).toBeCloseTo(0.05, 9);
    l.reset();
    expect(l.count).toBe(0);
    expect(l.axisTilt).toBe(0);
  });
});
