import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../../src/core/posture/metrics/index';
import { screenDistanceCm } from '../../../../src/core/posture/metrics/distance';
import type { FrameGeometry } from '../../../../src/core/posture/geometry';
import type { TrunkPose, BodyScale } from '../../../../src/core/posture/trunk';
import { UNCALIBRATED_SCALE } from '../../../../src/core/posture/trunk';
import { REASONS } from '../../../../src/core/posture/reasons';

const rad = (d: number) => (d * Math.PI) / 180;
const SCALE: BodyScale = { ...UNCALIBRATED_SCALE, shoulderHalfWidthCm: 18 };

const TRUNK: TrunkPose = {
  mid: { x: 0, y: 20, z: 80 },
  halfWidthCm: 18,
  tiltRad: rad(4),
  twistRad: rad(-6),
  headOffsetCm: 3.6,
  elevationCm: 1.5,
  roundingReason: null,
  forwardReason: null,
  elevationReason: null,
  lateralResidualCm: 0,
};

/** A frame of a head 78 cm away facing the camera, over TRUNK. */
function frame(parts: Partial<FrameGeometry> = {}, trunk: Partial<TrunkPose> = {}): FrameGeometry {
  return {
    head: { center: { x: 0, y: -7, z: 78 }, yaw: 0, pitch: 0, roll: 0, rms: 0 },
    faceDepthSpread: 0.05,
    lineRoll: rad(-3),
    headReason: null,
    headTurn: { yaw: rad(10), pitch: rad(-5), roll: rad(-3) },
    trunk: { ...TRUNK, ...trunk },
    trunkReason: null,
    ...parts,
  };
}

const value = (key: keyof typeof METRICS, g: FrameGeometry) => METRICS[key].feature(g, SCALE);

describe('head forward', () => {
  it('is how far the trunk is behind the head, with the rounding added back', () => {
    expect(value('headForwardCm', frame())).toEqual({ value: 2, reason: null });
    // Shoulders 2 cm in on each side come 2 cm forward too: that much is added back.
    expect(
      value('headForwardCm', frame({}, { halfWidthCm: 16, mid: { x: 0, y: 20, z: 78 } })).value,
    ).toBeCloseTo(2, 9);
    expect(METRICS.headForwardCm.deviation(5, 2)).toBe(3);
  });

  it("is unknown with the trunk's reason, or while the head is turned too far for its distance", () => {
    expect(value('headForwardCm', frame({}, { forwardReason: REASONS.narrowerShoulders }))).toEqual({
      value: null,
      reason: REASONS.narrowerShoulders,
    });
    expect(
      value('headForwardCm', frame({ trunk: null, trunkReason: REASONS.shouldersFaint('left') })).reason,
    ).toBe(REASONS.shouldersFaint('left'));
    // A face depth uncertain by 25 % (half of it typically) at 78 cm and 30° turned: 0.125 · 78 · tan²30° = 3.25 cm.
    const turned = frame({ faceDepthSpread: 0.25, headTurn: { yaw: rad(30), pitch: 0, roll: 0 } });
    expect(value('headForwardCm', turned).reason).toBe(REASONS.headTurned);
  });
});

describe('shoulder rounding and raised shoulders', () => {
  it('is how much narrower the span is than calibrated, in points of it', () => {
    expect(value('shoulderRoundingPct', frame({}, { halfWidthCm: 16.2 })).value).toBe(16.2);
    expect(METRICS.shoulderRoundingPct.deviation(16.2, 18)).toBeCloseTo(10, 9);
  });

  it('reads raised shoulders from the trunk, or says why not', () => {
    expect(value('shoulderElevationCm', frame()).value).toBe(1.5);
    expect(
      value(
        'shoulderElevationCm',
        frame({}, { elevationCm: null, elevationReason: REASONS.forwardOrRaised }),
      ),
    ).toEqual({
      value: null,
      reason: REASONS.forwardOrRaised,
    });
  });
});

describe('tilt, head roll and head shift', () => {
  it("are the shoulder line's angle, the eye and ear lines' roll, and the head's offset as a share of the span", () => {
    expect(value('shoulderTiltDeg', frame()).value).toBeCloseTo(4, 9);
    expect(value('headRollDeg', frame()).value).toBeCloseTo(-3, 9);
    // 3.6 cm of a 36 cm span.
    expect(value('headShiftPct', frame()).value).toBeCloseTo(10, 9);
  });

  it('say why when unknown', () => {
    expect(value('shoulderTiltDeg', frame({}, { tiltRad: null })).reason).toBe(
      REASONS.shouldersAtEdge('bottom'),
    );
    expect(value('headRollDeg', frame({ lineRoll: null, headReason: null })).reason).toBe(
      REASONS.eyesAndEarsUnclear,
    );
  });
});

describe('rotation', () => {
  it("reads the head's turn and nod since calibration, and the trunk's turn", () => {
    expect(value('headYawDeg', frame()).value).toBeCloseTo(10, 9);
    expect(value('headPitchDeg', frame()).value).toBeCloseTo(-5, 9);
    expect(value('trunkYawDeg', frame()).value).toBeCloseTo(-6, 9);
    expect(value('trunkYawDeg', frame({}, { twistRad: null })).reason).toBe(REASONS.twistUnseen);
  });
});

describe('distance to the screen', () => {
  it("is the eyes' depth: 8 cm in front of the ear line, less when the head turns away", () => {
    expect(screenDistanceCm(frame()).value).toBeCloseTo(70, 9);
    const turned = frame({
      head: { center: { x: 0, y: -7, z: 78 }, yaw: rad(60), pitch: 0, roll: 0, rms: 0 },
    });
    expect(screenDistanceCm(turned).value).toBeCloseTo(78 - 8 * Math.cos(rad(60)), 9);
    expect(METRICS.distanceCm.deviation(62, 70)).toBe(-8);
    expect(screenDistanceCm(frame({ head: null, headReason: REASONS.faceMisfit })).reason).toBe(
      REASONS.faceMisfit,
    );
  });
});
