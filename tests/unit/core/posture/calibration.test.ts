import { describe, expect, it } from 'vitest';
import {
  finishCalibration,
  restoreNeutral,
  type CalibrationFrame,
} from '../../../../src/core/posture/calibration';
import { keypoints, noise, TYPICAL_PERSON, UPRIGHT, WEBCAM_640, type Posture } from '../../../rig/rig';

const camera = { label: 'rig', widthPx: 640, heightPx: 480 };

function frames(
  posture: (i: number) => Posture | null,
  people: number | null = 1,
  n = 90,
): CalibrationFrame[] {
  const rand = noise(21);
  return Array.from({ length: n }, (_, i) => {
    const p = posture(i);
    return { tMs: i * 33, keypoints: p ? keypoints(TYPICAL_PERSON, p, WEBCAM_640, 1.5, rand) : null, people };
  });
}

describe('finishCalibration', () => {
  it('accepts a still, upright sequence and measures the person', () => {
    const out = finishCalibration(
      frames(() => UPRIGHT),
      camera,
      1000,
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.neutral.scale.shoulderHalfWidthCm).toBeCloseTo(TYPICAL_PERSON.shoulderWidthCm / 2, 0);
    expect(out.neutral.scale.shoulderHeightCm).toBeCloseTo(
      TYPICAL_PERSON.neckHeightCm + UPRIGHT.earsBelowCameraCm,
      0,
    );
    expect(out.neutral.screenDistanceCm).toBeGreaterThan(UPRIGHT.distanceCm - 8 - 2);
    expect(out.neutral.screenDistanceCm).toBeLessThan(UPRIGHT.distanceCm - 8 + 2);
    expect(out.neutral.values.headForwardCm?.spread).toBeLessThan(2);
  });

  it('refuses when nobody is in view', () => {
    const out = finishCalibration(
      frames(() => null, null),
      camera,
      1000,
    );
    expect(out).toMatchObject({ ok: false, reason: 'nobody' });
  });

  it('refuses when two people are in view', () => {
    const out = finishCalibration(
      frames(() => UPRIGHT, 2),
      camera,
      1000,
    );
    expect(out).toMatchObject({ ok: false, reason: 'two-people' });
  });

  it('refuses when the person moves', () => {
    const out = finishCalibration(
      frames((i) => ({ ...UPRIGHT, distanceCm: 55 + i / 3 })),
      camera,
      1000,
    );
    expect(out).toMatchObject({ ok: false, reason: 'moved' });
    if (!out.ok) expect(out.message).toMatch(/moved/);
  });

  it('refuses when the shoulders are not clear, and says to show them', () => {
    const f = frames(() => UPRIGHT).map((x) => ({
      ...x,
      keypoints: x.keypoints!.map((k) => (k.name.endsWith('shoulder') ? { ...k, score: 0.1 } : k)),
    }));
    const out = finishCalibration(f, camera, 1000);
    expect(out).toMatchObject({ ok: false, reason: 'weak-keypoints' });
    if (!out.ok) expect(out.message).toMatch(/shoulders/);
  });

  it('gives each refusal its own message', () => {
    const messages = [
      finishCalibration(
        frames(() => null, null),
        camera,
        0,
      ),
      finishCalibration(
        frames(() => UPRIGHT, 2),
        camera,
        0,
      ),
      finishCalibration(
        frames((i) => ({ ...UPRIGHT, distanceCm: 55 + i / 3 })),
        camera,
        0,
      ),
    ].map((o) => (o.ok ? '' : o.message));
    expect(new Set(messages).size).toBe(3);
  });
});

describe('restoreNeutral', () => {
  const calibrated = () => {
    const out = finishCalibration(
      frames(() => UPRIGHT),
      camera,
      1000,
    );
    if (!out.ok) throw new Error(out.message);
    return out.neutral;
  };

  it('reads back what calibration stored, through JSON', () => {
    const neutral = calibrated();
    expect(restoreNeutral(JSON.parse(JSON.stringify(neutral)))).toEqual(neutral);
  });

  it('rejects garbage, other versions and broken numbers', () => {
    const neutral = calibrated();
    expect(restoreNeutral(null)).toBeNull();
    expect(restoreNeutral('x')).toBeNull();
    expect(restoreNeutral({ ...neutral, version: 0 })).toBeNull();
    expect(
      restoreNeutral({ ...neutral, scale: { shoulderHalfWidthCm: 'wide', shoulderHeightCm: null } }),
    ).toBeNull();
    expect(
      restoreNeutral({ ...neutral, values: { ...neutral.values, headRollDeg: { median: NaN, spread: 0 } } }),
    ).toBeNull();
  });

  it('keeps where the head was, and reads a neutral stored without it as not knowing', () => {
    const neutral = calibrated();
    // The rig's head sits about 50 cm in front of the camera, near the middle.
    expect(neutral.headCenterCm!.z).toBeGreaterThan(40);
    expect(neutral.headCenterCm!.z).toBeLessThan(70);
    expect(Math.abs(neutral.headCenterCm!.x)).toBeLessThan(5);
    const older: Partial<typeof neutral> = { ...neutral };
    delete older.headCenterCm;
    expect(restoreNeutral(older)).toEqual({ ...neutral, headCenterCm: null });
    expect(restoreNeutral({ ...neutral, headCenterCm: { x: 1, y: 'a', z: 3 } })?.headCenterCm).toBeNull();
  });
});
