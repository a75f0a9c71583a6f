import { describe, expect, it } from 'vitest';
import { daySummary } from '../../../../src/core/history/day-report';
import { deskAdvice } from '../../../../src/core/history/desk-advice';
import { emptyMinute, type MinuteRecord } from '../../../../src/core/history/minute';

const DAY = '2026-11-20';
const START = Date.UTC(2026, 10, 20, 9);

/** `n` judged minutes, each shaped by `f` (seconds and sums as a day of work would leave them). */
function minutes(n: number, f: (r: MinuteRecord, i: number) => void = () => undefined): MinuteRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const r = emptyMinute(START + i * 60_000, DAY);
    r.monitoredS = r.presentS = r.calibratedS = 60;
    r.goodS = 60;
    f(r, i);
    return r;
  });
}
const advise = (ms: MinuteRecord[]) => deskAdvice(daySummary(DAY, ms), ms).map((a) => a.id);

describe('desk-setup advice', () => {
  it('gives none for a good day, or for too little of one', () => {
    expect(advise(minutes(120))).toEqual([]);
    // Ten minutes of looking down is not yet a habit.
    expect(
      advise(
        minutes(10, (r) => {
          r.sums.headPitchDeg = 60 * 20;
          r.counts.headPitchDeg = 60;
        }),
      ),
    ).toEqual([]);
  });

  it('points at the screen height after a day of looking down, and says how far', () => {
    const ms = minutes(120, (r) => {
      r.sums.headPitchDeg = 60 * 14;
      r.counts.headPitchDeg = 60;
    });
    const advice = deskAdvice(daySummary(DAY, ms), ms);
    expect(advice.map((a) => a.id)).toEqual(['raiseScreen']);
    expect(advice[0]?.text).toMatch(/about 14° more than when you calibrated/);
    // A glance down now and then is not it.
    expect(
      advise(
        minutes(120, (r) => {
          r.sums.headPitchDeg = 60 * 4;
          r.counts.headPitchDeg = 60;
        }),
      ),
    ).toEqual([]);
  });

  it('points at the screen distance after leaning in, and at that side after leaning one way', () => {
    const leaning = minutes(100, (r, i) => {
      if (i % 4 === 0) {
        r.goodS = 0;
        r.problemS.forwardHead = 60;
      }
    });
    expect(advise(leaning)).toEqual(['nearerScreen']);
    const lopsided = minutes(100, (r, i) => {
      if (i % 5 === 0) {
        r.goodS = 0;
        r.problemS.tilt = 60;
        r.tiltLeftS = 60;
      }
    });
    const advice = deskAdvice(daySummary(DAY, lopsided), lopsided);
    expect(advice.map((a) => a.id)).toEqual(['oneSide']);
    expect(advice[0]).toMatchObject({
      article: 'tilt-rotation',
      text: expect.stringMatching(/mostly to your left/),
    });
  });
});
