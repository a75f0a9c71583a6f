import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { PostureState } from '../../../../src/core/alerts/posture-state';
import { PRESETS } from '../../../../src/core/alerts/settings';
import { recording, type Segment } from './replay';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const B = PRESETS.balanced;
/** One hour at a desk: upright, a held slump, a held lean, a short break, upright again. */
const HOUR: Segment[] = [
  { seconds: 900 },
  { seconds: 120, metrics: { headForwardCm: B.forwardHeadCm + 2 } },
  { seconds: 600 },
  { seconds: 90, metrics: { shoulderTiltDeg: -(B.tiltDeg + 3), headRollDeg: -(B.tiltDeg + 2) } },
  { seconds: 240, present: false },
  { seconds: 1650 },
];

describe('posture state over an eight-hour day (simulated time)', () => {
  it('raises the same alerts every hour, and its memory does not grow', () => {
    const state = new PostureState({ enabled: { sittingTooLong: false } } as never);
    const perHour: string[][] = [];
    let afterFirstHour = 0;
    for (let h = 0; h < 8; h++) {
      // Each hour's samples made, replayed and let go, as frames are in the worker.
      const samples = recording(HOUR, { fps: 2, seed: h + 1, startMs: h * 3_600_000 });
      const fired: string[] = [];
      for (const s of samples) {
        for (const e of state.update(s).events)
          if (e.kind === 'alert') fired.push(`${e.problem}/${e.side ?? ''}`);
      }
      perHour.push(fired);
      if (h === 0) afterFirstHour = heapMB();
    }
    expect(perHour[0]).toEqual(['forwardHead/', 'tilt/left']);
    for (const fired of perHour) expect(fired).toEqual(perHour[0]);
    expect(heapMB() - afterFirstHour).toBeLessThan(1);
  });
});
