import { describe, expect, it } from 'vitest';
import { PostureState } from '../../../../src/core/alerts/posture-state';
import { MotionDetector, SamplingGovernor, resolveSampling } from '../../../../src/core/sampling/governor';
import type { PostureSample } from '../../../../src/core/posture/tracker';
import { recording, type Segment } from '../alerts/replay';

/** Replays a recording through the posture state and the governor, as the worker does. */
function rates(segments: Segment[], governor = new SamplingGovernor(), calibratingUntilS = 0) {
  const state = new PostureState();
  return recording(segments, { fps: 2 }).map((s) => {
    const sample = {
      ...s,
      reasons: {},
      screenDistanceCm: null,
      calibration: null,
      needsRecalibration: false,
    } as PostureSample;
    const d = governor.next(sample, state.update(sample), s.tMs < calibratingUntilS * 1000);
    return { t: s.tMs / 1000, ...d };
  });
}

const at = (r: ReturnType<typeof rates>, t: number) => r.find((x) => x.t >= t)!;

describe('sampling governor', () => {
  it('settles to the steady rate on steady, good posture, after holding the active rate for a while', () => {
    const r = rates([{ seconds: 60 }]);
    expect(at(r, 0).reason).toBe('changing');
    expect(at(r, 5).fps).toBe(2);
    expect(at(r, 15)).toMatchObject({ reason: 'steady', fps: 0.5, intervalMs: 2000 });
    expect(at(r, 59).reason).toBe('steady');
  });

  it('speeds up while calibrating, when the posture changes, and while a problem builds', () => {
    const r = rates(
      [
        { seconds: 30 },
        { seconds: 3, metrics: { headYawDeg: 12 } },
        { seconds: 30 },
        { seconds: 60, metrics: { shoulderTiltDeg: -9 } },
      ],
      new SamplingGovernor(),
      5,
    );
    expect(at(r, 2)).toMatchObject({ reason: 'calibrating', fps: 15 });
    expect(at(r, 29).reason).toBe('steady');
    expect(at(r, 31)).toMatchObject({ reason: 'changing', fps: 2 });
    expect(at(r, 62).reason).toBe('steady');
    expect(at(r, 80)).toMatchObject({ reason: 'problem', fps: 2 });
    expect(at(r, 120)).toMatchObject({ reason: 'problem', fps: 2 });
  });

  it('checks for presence slowly while nobody is there', () => {
    const r = rates([{ seconds: 20 }, { seconds: 60, present: false }]);
    // Not at once: a moment without a detection is not an empty room.
    expect(at(r, 25).reason).toBe('changing');
    expect(at(r, 50)).toMatchObject({ reason: 'nobody', fps: 0.5, intervalMs: 2000 });
  });

  it('halves the rates on battery, but not calibration', () => {
    const g = new SamplingGovernor();
    g.setOnBattery(true);
    const r = rates([{ seconds: 40 }], g, 5);
    expect(at(r, 2)).toMatchObject({ reason: 'calibrating', fps: 15, onBattery: true });
    expect(at(r, 39)).toMatchObject({ reason: 'steady', fps: 0.25 });
  });

  it('keeps a fixed rate when told to', () => {
    const r = rates([{ seconds: 30 }], new SamplingGovernor({ adaptive: false, fixedFps: 10 }));
    expect(new Set(r.map((x) => x.fps))).toEqual(new Set([10]));
    expect(r[0]!.reason).toBe('fixed');
  });

  it('counts a change of posture, or of presence, as movement; jitter is not', () => {
    const detect = (segments: Segment[], seed = 7) => {
      const m = new MotionDetector();
      return recording(segments, { fps: 5, seed }).map((s) => m.update(s));
    };
    for (const seed of [1, 2, 3, 4, 5, 7]) {
      const still = detect([{ seconds: 300 }], seed);
      // The first sample is an arrival; after that, jitter alone never counts.
      expect(still.slice(1).filter(Boolean), `seed ${seed}`).toEqual([]);
    }
    const lean = detect([{ seconds: 20 }, { seconds: 5, metrics: { headRollDeg: 6 } }]);
    expect(lean[101]).toBe(true);
    const leaves = detect([{ seconds: 20 }, { seconds: 5, present: false }]);
    expect(leaves.slice(100, 103)).toEqual([false, true, false]);
    // A single frame without a detection is a flicker.
    const flicker = detect([{ seconds: 20 }, { seconds: 0.2, present: false }, { seconds: 5 }]);
    expect(flicker.slice(1).filter(Boolean)).toEqual([]);
  });

  it('refuses rates out of range', () => {
    expect(() => resolveSampling({ steadyFps: 0 })).toThrow(/steadyFps/);
    expect(() => resolveSampling({ batteryFactor: 2 })).toThrow(/batteryFactor/);
  });
});
