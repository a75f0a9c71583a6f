import { describe, expect, it } from 'vitest';
import type { Keypoint } from '../../../../src/core/pose';
import { intrinsicsFor } from '../../../../src/core/posture/camera';
import { HEAD_MODEL } from '../../../../src/core/posture/body';
import { detectorPoints, headOfPoints } from '../../../../src/core/posture/face-landmarks';
import {
  GENERIC_FACE,
  headDepthDoubt,
  headObservations,
  measureFrame,
  shoulderObservation,
  type FrameGeometry,
} from '../../../../src/core/posture/geometry';
import { REASONS } from '../../../../src/core/posture/reasons';
import { UNCALIBRATED_SCALE, type BodyScale } from '../../../../src/core/posture/trunk';
import { PLAIN_CAMERA, seatedKeypoints } from '../../../../scripts/rig/seated';

const k = intrinsicsFor(PLAIN_CAMERA.widthPx, PLAIN_CAMERA.heightPx, PLAIN_CAMERA.fovDeg);
const rad = (d: number) => (d * Math.PI) / 180;
const withScore = (kp: Keypoint[], name: string, score: number) =>
  kp.map((p) => (p.name === name ? { ...p, score } : p));
const moved = (kp: Keypoint[], name: string, xPx: number, yPx: number) =>
  kp.map((p) => (p.name === name ? { ...p, xPx, yPx } : p));

describe('measureFrame', () => {
  it('finds the head and the trunk of an average person in front of a plain webcam', () => {
    const g = measureFrame(seatedKeypoints(), k, UNCALIBRATED_SCALE);
    expect(g.headReason).toBeNull();
    expect(g.trunkReason).toBeNull();
    // The rig's eyes are 65 cm away; the head centre (the ear line) 8-9 cm further.
    expect(g.head!.center.z).toBeGreaterThan(70);
    expect(g.head!.center.z).toBeLessThan(78);
    expect(Math.abs(g.lineRoll!)).toBeLessThan(rad(1));
  });

  it('says which shoulder is hard to make out when the model barely finds it', () => {
    const g = measureFrame(withScore(seatedKeypoints(), 'left_shoulder', 0.2), k, UNCALIBRATED_SCALE);
    expect(g.trunk).toBeNull();
    expect(g.trunkReason).toBe(REASONS.shouldersFaint('left'));
  });

  it('takes a shoulder found with much less confidence than at calibration as hidden', () => {
    const scale: BodyScale = { ...UNCALIBRATED_SCALE, shoulderScores: { right: 0.9, left: 0.9 } };
    // 0.6 is 67 % of the calibrated 0.9: something is in front of it.
    const g = measureFrame(withScore(seatedKeypoints(), 'right_shoulder', 0.6), k, scale);
    expect(g.trunkReason).toBe(REASONS.shoulderUnsure('right'));
    // The same point at 0.85 is a shoulder still seen.
    expect(
      measureFrame(withScore(seatedKeypoints(), 'right_shoulder', 0.85), k, scale).trunkReason,
    ).toBeNull();
    // Below 0.45 it is guessed, calibrated or not.
    expect(
      measureFrame(withScore(seatedKeypoints(), 'right_shoulder', 0.4), k, UNCALIBRATED_SCALE).trunkReason,
    ).toBe(REASONS.shoulderUnsure('right'));
  });

  it('says the face is at the edge when a face point is pinned there, and unclear with fewer than four points', () => {
    const atEdge = measureFrame(moved(seatedKeypoints(), 'right_ear', 3, 200), k, UNCALIBRATED_SCALE);
    expect(atEdge.head).toBeNull();
    expect(atEdge.headReason).toBe(REASONS.faceAtEdge('left'));
    const unclear = measureFrame(
      withScore(withScore(seatedKeypoints(), 'left_ear', 0.1), 'right_ear', 0.1),
      k,
      UNCALIBRATED_SCALE,
    );
    expect(unclear.headReason).toBe(REASONS.faceUnclear(3));
  });

  it("uses the face detector's points as a second measurement of the head, against its own calibration", () => {
    const kp = seatedKeypoints();
    const alone = measureFrame(kp, k, UNCALIBRATED_SCALE).head!;
    const reference = { center: alone.center, orientation: { yaw: 0, pitch: 0, roll: 0 } };
    // The face detector's points of a head `share` as far away as MoveNet's, facing the camera.
    const landmarks = (share: number) => {
      const c = { x: alone.center.x * share, y: alone.center.y * share, z: alone.center.z * share };
      const px = (name: keyof typeof HEAD_MODEL) => {
        const m = HEAD_MODEL[name];
        const z = c.z + m.z;
        return [k.cxPx + (k.focalPx * (c.x + m.x)) / z, k.cyPx + (k.focalPx * (c.y + m.y)) / z];
      };
      const mouth = [0, 0];
      return {
        score: 0.9,
        points: [
          ...px('right_eye'),
          ...px('left_eye'),
          ...px('nose'),
          ...mouth,
          ...px('right_ear'),
          ...px('left_ear'),
        ],
      };
    };
    const calibrated = headOfPoints(detectorPoints(landmarks(1), k), 1)!;
    const face = {
      ...GENERIC_FACE,
      detectorRef: {
        center: calibrated.center,
        orientation: { yaw: calibrated.yaw, pitch: calibrated.pitch, roll: calibrated.roll },
      },
    };
    // The face detector sees the head 10 % nearer than at its calibration, MoveNet as it was: half way, in proportion.
    const g = measureFrame(kp, k, UNCALIBRATED_SCALE, { reference, landmarks: landmarks(0.9), face });
    expect(g.head!.center.z).toBeCloseTo(alone.center.z * Math.sqrt(0.9), 1);
    // Without the detector's find in this frame, MoveNet's head stands.
    expect(
      measureFrame(kp, k, UNCALIBRATED_SCALE, { reference, landmarks: null, face }).head!.center.z,
    ).toBeCloseTo(alone.center.z, 6);
  });
});

describe('shoulderObservation', () => {
  it('keeps a clear point with its place in normalised units and its confidence', () => {
    const p = shoulderObservation(seatedKeypoints(), 'left_shoulder', k)!;
    expect(p.xReliable && p.yReliable).toBe(true);
    expect(p.score).toBeCloseTo(0.9, 1);
  });

  it('does not trust the height of a weak point near the bottom edge (pinned there from beyond it)', () => {
    const kp = withScore(moved(seatedKeypoints(), 'left_shoulder', 420, 460), 'left_shoulder', 0.4);
    const p = shoulderObservation(kp, 'left_shoulder', k)!;
    expect(p.yReliable).toBe(false);
    expect(p.xReliable).toBe(true);
  });

  it('gives nothing for a point below the confidence floor', () => {
    expect(
      shoulderObservation(withScore(seatedKeypoints(), 'left_shoulder', 0.2), 'left_shoulder', k),
    ).toBeNull();
  });
});

describe('headObservations', () => {
  it('keeps the face points above the floor, weighted by their confidence', () => {
    const obs = headObservations(withScore(seatedKeypoints(), 'nose', 0.1), k);
    expect(Object.keys(obs).sort()).toEqual(['left_ear', 'left_eye', 'right_ear', 'right_eye']);
  });
});

describe('headDepthDoubt', () => {
  const g = (yawDeg: number, pitchDeg: number, spread: number): FrameGeometry => ({
    head: { center: { x: 0, y: 0, z: 80 }, yaw: 0, pitch: 0, roll: 0, rms: 0 },
    faceDepthSpread: spread,
    lineRoll: 0,
    headReason: null,
    headTurn: { yaw: rad(yawDeg), pitch: rad(pitchDeg), roll: 0 },
    trunk: null,
    trunkReason: null,
  });

  it("grows with the face depth's doubt, the distance and the tangent of the turn squared", () => {
    // 0.125 · 80 · tan²(20°) = 1.32 cm: past 1 cm of tolerance, within 2.
    expect(headDepthDoubt(g(20, 0, 0.25), 1)).toBe(REASONS.headTurned);
    expect(headDepthDoubt(g(20, 0, 0.25), 2)).toBeNull();
    // A face depth learnt to 5 %: 0.025 · 80 · tan²(30°) = 0.67 cm.
    expect(headDepthDoubt(g(30, 0, 0.05), 1)).toBeNull();
    expect(headDepthDoubt(g(0, 25, 0.25), 1)).toBe(REASONS.lookingDown);
  });
});
