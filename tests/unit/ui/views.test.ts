import { describe, expect, it } from 'vitest';
import type { AlertSnapshot, ProblemStatus } from '../../../src/core/alerts/posture-state';
import { PROBLEM_IDS, type ProblemId } from '../../../src/core/alerts/problems';
import { parseRoute, routeHref } from '../../../src/ui/shell/routes';
import { nowStatus } from '../../../src/ui/live/now-status';

describe('routes', () => {
  it('reads every view from its address, Now by default', () => {
    expect(parseRoute('')).toEqual({ view: 'now', article: null });
    expect(parseRoute('#')).toEqual({ view: 'now', article: null });
    expect(parseRoute('#today')).toEqual({ view: 'today', article: null });
    expect(parseRoute('#settings')).toEqual({ view: 'settings', article: null });
    expect(parseRoute('#setup')).toEqual({ view: 'setup', article: null });
    expect(parseRoute('#nonsense')).toEqual({ view: 'now', article: null });
  });

  it('takes an article from a Causes address, and from the addresses alerts used before views', () => {
    expect(parseRoute('#causes')).toEqual({ view: 'causes', article: null });
    expect(parseRoute('#causes/tilt-rotation')).toEqual({ view: 'causes', article: 'tilt-rotation' });
    expect(parseRoute('#article-posture')).toEqual({ view: 'causes', article: 'posture' });
    // An article only belongs to Causes.
    expect(parseRoute('#today/posture')).toEqual({ view: 'today', article: null });
  });

  it('writes back the address it reads', () => {
    for (const h of ['#now', '#today', '#causes', '#causes/one-position', '#settings', '#setup']) {
      expect(routeHref(parseRoute(h))).toBe(h);
    }
  });
});

const idle: ProblemStatus = { phase: 'idle', side: null, heldMs: 0, badMs: 0, share: 0 };

function snapshot(
  over: Partial<AlertSnapshot> = {},
  problems: Partial<Record<ProblemId, Partial<ProblemStatus>>> = {},
): AlertSnapshot {
  return {
    tMs: 0,
    status: 'monitoring',
    calibrated: true,
    snoozedUntilMs: null,
    sittingMs: 60_000,
    events: [],
    problems: Object.fromEntries(
      PROBLEM_IDS.map((id) => [id, { ...idle, ...problems[id] }]),
    ) as AlertSnapshot['problems'],
    ...over,
  };
}

describe('the Now status', () => {
  it('says good posture when nothing builds, and says why nothing is judged otherwise', () => {
    expect(nowStatus(snapshot())).toEqual({ level: 'good', text: 'Good posture' });
    expect(nowStatus(snapshot({ calibrated: false }))).toEqual({ level: 'off', text: 'Not calibrated yet' });
    expect(nowStatus(snapshot({ status: 'paused' })).level).toBe('off');
    expect(nowStatus(snapshot({ status: 'away' })).text).toBe('Nobody in view');
  });

  it('names the posture building longest, with its time, and an alert over anything building', () => {
    const building = snapshot(
      {},
      {
        forwardHead: { phase: 'building', heldMs: 20_000 },
        tilt: { phase: 'building', side: 'left', heldMs: 8_000 },
      },
    );
    expect(nowStatus(building)).toEqual({ level: 'building', text: 'Head pushed forward for 20 s' });
    const alert = snapshot(
      {},
      {
        forwardHead: { phase: 'building', heldMs: 20_000 },
        tilt: { phase: 'active', side: 'left', heldMs: 45_000 },
      },
    );
    expect(nowStatus(alert)).toEqual({ level: 'alert', text: 'Alert: leaning to your left' });
  });

  it('ignores postures that need a calibration before there is one', () => {
    const s = snapshot({ calibrated: false }, { forwardHead: { phase: 'active', heldMs: 50_000 } });
    expect(nowStatus(s).level).toBe('off');
    const sitting = snapshot(
      { calibrated: false },
      { sittingTooLong: { phase: 'active', heldMs: 3_000_000 } },
    );
    expect(nowStatus(sitting).level).toBe('alert');
  });

  it('names a posture only once it has been held past a glance', () => {
    const glance = snapshot({}, { twist: { phase: 'building', side: 'left', heldMs: 6_000 } });
    expect(nowStatus(glance)).toEqual({ level: 'good', text: 'Good posture' });
    const held = snapshot({}, { twist: { phase: 'building', side: 'left', heldMs: 12_000 } });
    expect(nowStatus(held)).toEqual({ level: 'building', text: 'Turned to your left for 12 s' });
  });

  it('leaves sitting time and stillness, which build all the time, out until they alert', () => {
    const s = snapshot(
      {},
      {
        sittingTooLong: { phase: 'building', heldMs: 600_000 },
        frozen: { phase: 'building', heldMs: 60_000 },
      },
    );
    expect(nowStatus(s)).toEqual({ level: 'good', text: 'Good posture' });
  });
});
