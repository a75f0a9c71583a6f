/**
 * The accuracy bounds on the ground-truth rig (tests/rig): people of varied
 * build in front of varied cameras, each calibrated, then working a while,
 * then holding a move made alone or combined with others. The truth comes
 * from the rig's own body model, never from the app's geometry.
 * `npm run accuracy` prints every case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rigCases } from '../../rig/cases';
import { runCase, toScored, type RigResult } from '../../rig/run';
import { MAX_UNKNOWN_SHARE, summarize, type Summary } from '../../accuracy/score';

let results: RigResult[];
let summary: Summary;

beforeAll(() => {
  results = rigCases().map(runCase);
  summary = summarize(
    results.filter((r) => r.case.group === 'alone' || r.case.group === 'combined').map(toScored),
  );
}, 300_000);

describe('accuracy on the rig', () => {
  it('reads head forward, rounding, shoulder tilt and head roll within their bounds in every case', () => {
    expect(summary.failures).toEqual([]);
    expect(summary.clearCases).toBeGreaterThan(300);
  });

  it('leaves at most 5 % of the cases with a reading unknown, and says why for each', () => {
    expect(summary.unknownShare).toBeLessThanOrEqual(MAX_UNKNOWN_SHARE);
    for (const r of results) {
      for (const [key, reading] of Object.entries(r.readings)) {
        if (reading.value == null) expect(reading.reason, `${r.case.id}: ${key}`).toMatch(/\w{4}/);
      }
    }
  });

  it('reads sinking, sliding and moving the chair as no head forward and no rounding', () => {
    const plain = results.filter(
      (r) =>
        r.case.group === 'alone' && /: (sink|slide|chairBack) /.test(r.case.id) && !r.shouldersCutOrFaint,
    );
    expect(plain.length).toBeGreaterThan(10);
    for (const r of plain) {
      const fwd = r.readings.headForwardCm.value;
      const round = r.readings.shoulderRoundingPct.value;
      if (fwd != null) expect(Math.abs(fwd), `${r.case.id} head forward`).toBeLessThan(1.5);
      if (round != null) expect(Math.abs(round), `${r.case.id} rounding`).toBeLessThan(4);
    }
  });

  it('with a shoulder cut by the frame or faint, shoulder readings are within bounds or unknown with the reason', () => {
    const troubled = results.filter((r) => r.case.group !== 'fov' && r.shouldersCutOrFaint);
    expect(troubled.length).toBeGreaterThan(10);
    const unknown = troubled.filter((r) => r.readings.shoulderRoundingPct.value == null);
    expect(unknown.length).toBeGreaterThan(0);
    for (const r of unknown) {
      expect(r.readings.shoulderRoundingPct.reason).toMatch(/shoulder|camera|picture|calibrated|forward/);
    }
  });
});
