import { describe, expect, it } from 'vitest';
import {
  finishCalibration,
  restoreNeutral,
  type CalibrationFrame,
} from '../../../../src/core/posture/calibration';
import { AVERAGE_BUILD, NO_MOVE, pose, type Moves } from '../../../../scripts/rig/person';
import { project, type Camera } from '../../../../scripts/rig/scene';
import { Draw, EYE_DISTANCE_CM, PLAIN_CAMERA, SEAT, seatedKeypoints } from '../../../../scripts/rig/seated';
import { add, mid } from '../../../../scripts/rig/space';

const camera = { label: 'rig', widthPx: 640, heightPx: 480 };

/** Three seconds at 30 frames a second of the rig's average person, with a detector's jitter. */
function frames(
  moves: (i: number) => Partial<Moves> | null,
  people: number | null = 1,
  rigCamera: Camera = PLAIN_CAMERA,
  n = 90,
): CalibrationFrame[] {
  const draw = new Draw(21);
  return Array.from({ length: n }, (_, i) => {
    const m = moves(i);
    return {
      tMs: i * 33,
      keypoints: m ? seatedKeypoints(m, { noiseShare: 0.004, draw, camera: rigCamera }) : null,
      people,
    };
  });
}

const upright = () => ({});

describe('finishCalibration', () => {
  it('accepts a still, upright sequence, measures the person and lists every reading', () => {
    const out = finishCalibration(frames(upright), camera, 1000);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const n = out.neutral;
    // The shoulder points' span, as a pose model reports it (a little outside the joints).
    const body = pose(AVERAGE_BUILD, NO_MOVE, SEAT);
    const seenSpan = Math.hypot(
      body.seen.left_shoulder[0] - body.seen.right_shoulder[0],
      body.seen.left_shoulder[1] - body.seen.right_shoulder[1],
    );
    expect(n.scale.shoulderHalfWidthCm / (seenSpan / 2)).toBeGreaterThan(0.93);
    expect(n.scale.shoulderHalfWidthCm / (seenSpan / 2)).toBeLessThan(1.07);
    expect(n.screenDistanceCm).toBeGreaterThan(EYE_DISTANCE_CM - 4);
    expect(n.screenDistanceCm).toBeLessThan(EYE_DISTANCE_CM + 4);
    expect(n.scale.neck).not.toBeNull();
    expect(n.readings).toEqual(
      expect.arrayContaining(['headForwardCm', 'shoulderRoundingPct', 'shoulderTiltDeg']),
    );
    expect(n.warnings).toEqual([]);
    expect(n.values.headForwardCm?.spread).toBeLessThan(2);
    expect(n.fovDeg).toBe(65);
  });

  it('refuses when nobody is in view', () => {
    expect(
      finishCalibration(
        frames(() => null, null),
        camera,
        1000,
      ),
    ).toMatchObject({
      ok: false,
      reason: 'nobody',
    });
  });

  it('refuses when two people are in view', () => {
    expect(finishCalibration(frames(upright, 2), camera, 1000)).toMatchObject({
      ok: false,
      reason: 'two-people',
    });
  });

  it('refuses when the person moves', () => {
    const out = finishCalibration(
      frames((i) => ({ chairBackCm: -10 + i / 3 })),
      camera,
      1000,
    );
    expect(out).toMatchObject({ ok: false, reason: 'moved' });
    if (!out.ok) expect(out.message).toMatch(/moved/);
  });

  it('accepts faint shoulders with a warning, and leaves out the readings that need them', () => {
    const f = frames(upright).map((x) => ({
      ...x,
      keypoints: x.keypoints!.map((k) => (k.name.endsWith('shoulder') ? { ...k, score: 0.1 } : k)),
    }));
    const out = finishCalibration(f, camera, 1000);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.neutral.warnings.join(' ')).toMatch(/hard to make out/);
    expect(out.neutral.readings).not.toContain('shoulderTiltDeg');
    expect(out.neutral.readings).not.toContain('headForwardCm');
    expect(out.neutral.readings).toContain('headRollDeg');
    expect(out.neutral.unavailable.shoulderRoundingPct).toMatch(/hard to make out/);
  });

  it('warns when the shoulders are at the bottom edge, and says what to do', () => {
    // A camera nearer and lower, tipped up: his shoulders fall at the bottom of the picture.
    const body = pose(AVERAGE_BUILD, NO_MOVE, SEAT);
    const eyes = mid(body.true.left_eye, body.true.right_eye);
    const laptop: Camera = { ...PLAIN_CAMERA, position: add(eyes, [0, 7, -42]), pitchDeg: -14 };
    const shoulderY = project(laptop, body.seen.left_shoulder).yPx;
    expect(shoulderY).toBeGreaterThan(470);
    const out = finishCalibration(
      frames(upright, 1, laptop).map((f) => ({
        ...f,
        // A pose model pins a point beyond the picture inside its edge.
        keypoints: f.keypoints!.map((k) => ({ ...k, yPx: Math.min(k.yPx, 478) })),
      })),
      camera,
      1000,
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.neutral.warnings.join(' ')).toMatch(/tilt the camera down or sit a little further back/);
    expect(out.neutral.readings).not.toContain('shoulderRoundingPct');
    expect(out.neutral.readings).toContain('headRollDeg');
  });

  it('warns when the person sits far to one side of the camera', () => {
    const off: Camera = { ...PLAIN_CAMERA, position: add(PLAIN_CAMERA.position, [22, 0, 0]) };
    const out = finishCalibration(frames(upright, 1, off), camera, 1000);
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.neutral.warnings.join(' ')).toMatch(/far to one side/);
  });

  it('warns when the picture is tilted (eyes and shoulders slanting the same way)', () => {
    const out = finishCalibration(
      frames(() => ({ leanDeg: 11 })),
      camera,
      1000,
    );
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.neutral.warnings.join(' ')).toMatch(/tilted/);
  });

  it('gives each refusal its own message', () => {
    const messages = [
      finishCalibration(
        frames(() => null, null),
        camera,
        0,
      ),
      finishCalibration(frames(upright, 2), camera, 0),
      finishCalibration(
        frames((i) => ({ chairBackCm: -10 + i / 3 })),
        camera,
        0,
      ),
    ].map((o) => (o.ok ? '' : o.message));
    expect(new Set(messages).size).toBe(3);
  });
});

describe('restoreNeutral', () => {
  const calibrated = () => {
    const out = finishCalibration(frames(upright), camera, 1000);
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
    expect(restoreNeutral({ ...neutral, version: 1 })).toBeNull();
    expect(
      restoreNeutral({ ...neutral, scale: { ...neutral.scale, shoulderHalfWidthCm: 'wide' } }),
    ).toBeNull();
    expect(
      restoreNeutral({ ...neutral, scale: { ...neutral.scale, neck: { ...neutral.scale.neck, yCm: 'x' } } }),
    ).toBeNull();
    expect(
      restoreNeutral({ ...neutral, values: { ...neutral.values, headRollDeg: { median: NaN, spread: 0 } } }),
    ).toBeNull();
  });

  it('keeps where the head was, and reads a neutral stored without it as not knowing', () => {
    const neutral = calibrated();
    // The rig's ear line sits about 74 cm in front of the camera, near the middle.
    expect(neutral.headCenterCm!.z).toBeGreaterThan(65);
    expect(neutral.headCenterCm!.z).toBeLessThan(80);
    expect(Math.abs(neutral.headCenterCm!.x)).toBeLessThan(5);
    const older: Partial<typeof neutral> = { ...neutral };
    delete older.headCenterCm;
    expect(restoreNeutral(older)).toEqual({ ...neutral, headCenterCm: null });
    expect(restoreNeutral({ ...neutral, headCenterCm: { x: 1, y: 'a', z: 3 } })?.headCenterCm).toBeNull();
  });
});
