/**
 * Alert timing at the rates the governor chooses: the posture state and the
 * governor in a closed loop, as in the worker. A camera delivers frames at
 * 10 a second; a frame is taken only when the governor's interval since the
 * last one has passed (less the 10 % a frame may come early, as the frame
 * stream takes it). A held bad posture must alert within its onset delay
 * + 5 s of when it began, with the page seen and hidden; a glance down or
 * aside must raise nothing.
 */
import { describe, expect, it } from 'vitest';
import { PostureState } from '../../../../src/core/alerts/posture-state';
import { DEFAULT_ALERT_SETTINGS } from '../../../../src/core/alerts/settings';
import type { ProblemId } from '../../../../src/core/alerts/problems';
import { SamplingGovernor } from '../../../../src/core/sampling/governor';
import type { PostureSample } from '../../../../src/core/posture/tracker';
import { recording, type Segment } from '../alerts/replay';

const CAMERA_FPS = 10;
const EARLY_SHARE = 0.1;
const ONSET_S = DEFAULT_ALERT_SETTINGS.onsetSec;

interface Run {
  alerts: { problem: ProblemId; tS: number }[];
  samplesPerMin: (fromS: number, toS: number) => number;
  maxFps: (fromS: number, toS: number) => number;
}

function closedLoop(segments: Segment[], hidden: boolean, seed = 3): Run {
  const state = new PostureState();
  const governor = new SamplingGovernor();
  governor.setPageHidden(hidden);
  const taken: { tS: number; fps: number }[] = [];
  const alerts: Run['alerts'] = [];
  let lastMs = Number.NEGATIVE_INFINITY;
  let intervalMs = 0;
  for (const frame of recording(segments, { fps: CAMERA_FPS, seed })) {
    if (frame.tMs - lastMs < intervalMs * (1 - EARLY_SHARE)) continue;
    lastMs = frame.tMs;
    const sample = {
      ...frame,
      reasons: {},
      screenDistanceCm: null,
      calibration: null,
      needsRecalibration: false,
    } as PostureSample;
    const snapshot = state.update(sample);
    for (const e of snapshot.events)
      if (e.kind === 'alert') alerts.push({ problem: e.problem, tS: frame.tMs / 1000 });
    const d = governor.next(sample, snapshot, false);
    intervalMs = d.intervalMs;
    taken.push({ tS: frame.tMs / 1000, fps: d.fps });
  }
  const within = (a: number, b: number) => taken.filter((x) => x.tS >= a && x.tS < b);
  return {
    alerts,
    samplesPerMin: (a, b) => (within(a, b).length / (b - a)) * 60,
    maxFps: (a, b) => Math.max(...within(a, b).map((x) => x.fps)),
  };
}

/** Five minutes upright, then `bad` held for two minutes, then upright again. */
const held = (bad: Segment['metrics']): Segment[] => [
  { seconds: 300 },
  { seconds: 120, metrics: bad },
  { seconds: 60 },
];

const POSTURES: [ProblemId, Segment['metrics']][] = [
  ['forwardHead', { headForwardCm: 6, distanceCm: -6 }],
  ['tilt', { shoulderTiltDeg: 10, headRollDeg: 10 }],
  ['roundedShoulders', { shoulderRoundingPct: 14 }],
];

describe('alert timing at the governed rates', () => {
  for (const hidden of [false, true]) {
    const where = hidden ? 'hidden' : 'seen';
    for (const [problem, metrics] of POSTURES) {
      it(`alerts ${problem} within the onset + 5 s with the page ${where}, and only it`, () => {
        const run = closedLoop(held(metrics), hidden);
        const first = run.alerts.find((a) => a.problem === problem);
        expect(first, `${problem} alerted`).toBeDefined();
        expect(first!.tS - 300).toBeGreaterThanOrEqual(ONSET_S);
        expect(first!.tS - 300).toBeLessThanOrEqual(ONSET_S + 5);
        expect(run.alerts.filter((a) => a.tS < 300)).toEqual([]);
      });
    }

    it(`raises nothing on glances down and aside with the page ${where}`, () => {
      const glances: Segment[] = [{ seconds: 120 }];
      for (let i = 0; i < 12; i++) {
        glances.push({ seconds: 4, metrics: { headPitchDeg: 25 } }, { seconds: 20 });
        glances.push({ seconds: 3, metrics: { headYawDeg: 35 } }, { seconds: 20 });
      }
      expect(closedLoop(glances, hidden).alerts).toEqual([]);
    });
  }

  it('samples every 2 s seen and every 5 s hidden when steady, at most 2 a second while a posture builds', () => {
    const seen = closedLoop(held({ shoulderTiltDeg: 10, headRollDeg: 10 }), false);
    const hidden = closedLoop(held({ shoulderTiltDeg: 10, headRollDeg: 10 }), true);
    // A frame may be taken 10 % early, and the camera's frames come every 100 ms: 1.8 s and 4.5 s apart.
    expect(seen.samplesPerMin(60, 300)).toBeCloseTo(60 / 1.8, 0);
    expect(hidden.samplesPerMin(60, 300)).toBeCloseTo(60 / 4.5, 0);
    expect(seen.maxFps(300, 420)).toBe(2);
    expect(hidden.maxFps(300, 420)).toBe(2);
  });
});
