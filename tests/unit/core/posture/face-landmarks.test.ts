import { describe, expect, it } from 'vitest';
import { intrinsicsFor } from '../../../../src/core/posture/camera';
import {
  detectorObservations,
  detectorPoints,
  fuseHeads,
  headOfPoints,
} from '../../../../src/core/posture/face-landmarks';
import type { HeadPose } from '../../../../src/core/posture/head-pose';

const k = intrinsicsFor(640, 480, 65);
const pose = (z: number, yaw = 0, roll = 0): HeadPose => ({
  center: { x: 2, y: -4, z },
  yaw,
  pitch: 0,
  roll,
  rms: 0,
});

describe('fuseHeads', () => {
  it("gives MoveNet's head back when both detectors saw the same change", () => {
    const h = fuseHeads(
      pose(63, 0.1),
      { center: { x: 2, y: -4, z: 70 }, orientation: { yaw: 0, pitch: 0, roll: 0 } },
      pose(54, 0.1),
      {
        center: { x: 1, y: -3, z: 60 },
        orientation: { yaw: 0, pitch: 0, roll: 0 },
      },
    );
    // Both came 10 % nearer and turned 0.1 rad.
    expect(h.center.z).toBeCloseTo(63, 9);
    expect(h.yaw).toBeCloseTo(0.1, 9);
  });

  it('takes the mean of the two changes, in proportion for depth, each against its own calibration', () => {
    const ref = { center: { x: 2, y: -4, z: 70 }, orientation: { yaw: 0, pitch: 0, roll: 0.02 } };
    const detectorRef = { center: { x: 2, y: -4, z: 80 }, orientation: { yaw: 0, pitch: 0, roll: -0.01 } };
    // MoveNet: 10 % nearer, roll +0.04; the face detector: no nearer, roll +0.02 (from its own -0.01).
    const h = fuseHeads(pose(63, 0, 0.06), ref, pose(80, 0, 0.01), detectorRef);
    expect(h.center.z).toBeCloseTo(70 * Math.sqrt(0.9), 9);
    // Moved along MoveNet's line of sight.
    expect(h.center.x / h.center.z).toBeCloseTo(2 / 63, 9);
    expect(h.roll).toBeCloseTo(0.06 + (0.02 - 0.04) / 2, 9);
  });
});

describe("the face detector's points", () => {
  // Right eye, left eye, nose, mouth, right ear, left ear (frame pixels), as the head tracker reports them.
  const face = { score: 0.9, points: [300, 200, 340, 200, 320, 225, 320, 245, 270, 215, 370, 215] };

  it("become observations of the head model's points by name, the mouth left out", () => {
    const obs = detectorObservations(face, k);
    expect(Object.keys(obs).sort()).toEqual(['left_ear', 'left_eye', 'nose', 'right_ear', 'right_eye']);
    expect(obs.right_eye!.point.u).toBeCloseTo((300 - 320) / k.focalPx, 9);
    expect(obs.nose!.weight).toBe(0.9);
  });

  it('kept by name, fit a head facing the camera', () => {
    const h = headOfPoints(detectorPoints(face, k), 1)!;
    expect(Math.abs(h.yaw)).toBeLessThan(0.05);
    // Ears 100 px apart at a 628 px focal length: 91 cm for 14.5 cm; eyes 40 px apart for 6.3 cm, 99 cm.
    expect(h.center.z).toBeGreaterThan(88);
    expect(h.center.z).toBeLessThan(100);
    expect(headOfPoints({ nose: { u: 0, v: 0 } }, 1)).toBeNull();
  });
});
