import { describe, expect, it } from 'vitest';
import {
  LAYERS,
  dayChartData,
  daySummary,
  oneSided,
  stackLayers,
  trendData,
} from '../../../../src/core/history/day-report';
import { csvChunks, CSV_COLUMNS, jsonChunks } from '../../../../src/core/history/export';
import {
  addDays,
  addMinute,
  compactMinute,
  dayBounds,
  emptyMinute,
  localDay,
  restoreMinute,
  type MinuteRecord,
} from '../../../../src/core/history/minute';

const DAY = '2026-11-24';
const { startMs } = dayBounds(DAY);
const at = (h: number, m: number) => startMs + (h * 60 + m) * 60_000;

/** A minute in view: `good` seconds good, the rest of 60 in `problem`. */
function minute(
  t: number,
  good: number,
  problem: 'forwardHead' | 'tilt' | null = null,
  side: 'left' | 'right' = 'left',
): MinuteRecord {
  const r = emptyMinute(t, localDay(t));
  r.monitoredS = r.presentS = r.calibratedS = 60;
  r.goodS = good;
  if (problem) r.problemS[problem] = 60 - good;
  if (problem === 'tilt') r[side === 'left' ? 'tiltLeftS' : 'tiltRightS'] = 60 - good;
  return r;
}
const span = (h: number, m: number, n: number, f: (t: number) => MinuteRecord) =>
  Array.from({ length: n }, (_, i) => f(at(h, m + i)));

describe('stored minutes', () => {
  it('restores a compact record whole, and a full one unchanged', () => {
    const r = minute(at(9, 0), 40, 'tilt');
    r.alerts.tilt = 1;
    const back = restoreMinute(JSON.parse(JSON.stringify(compactMinute(r))));
    expect(back).toEqual({ record: r });
    expect(Object.keys(compactMinute(r).problemS as object)).toEqual(['tilt']);
  });

  it.each([
    ['not an object', 'x'],
    ['no start', { day: DAY }],
    ['a start off the minute', { t: at(9, 0) + 5, day: DAY }],
    ['a bad day', { t: at(9, 0), day: '24/11/2026' }],
    ['negative seconds', { t: at(9, 0), day: DAY, monitoredS: -1 }],
    ['more than a minute', { t: at(9, 0), day: DAY, monitoredS: 400, presentS: 400 }],
    ['a string total', { t: at(9, 0), day: DAY, problemS: { tilt: '3' } }],
    ['totals that do not nest', { t: at(9, 0), day: DAY, monitoredS: 10, presentS: 50 }],
  ])('rejects %s', (_why, raw) => {
    expect('error' in restoreMinute(raw)).toBe(true);
  });

  it('fills what an older record lacks with zeros', () => {
    const back = restoreMinute({ t: at(9, 0), day: DAY, monitoredS: 30 });
    expect('record' in back && back.record.problemS.frozen === 0 && back.record.monitoredS === 30).toBe(true);
  });

  it('names days across month ends and clock changes', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    const { startMs: s, endMs: e } = dayBounds(DAY);
    expect(localDay(s)).toBe(DAY);
    expect(localDay(e)).toBe('2026-11-25');
    expect(localDay(e - 1)).toBe(DAY);
  });
});

describe('the day chart and its summary', () => {
  // 09:00-10:00 good; 10:00-10:30 head forward; 10:30-10:40 away (a break);
  // 10:40-11:00 leaning left; 11:00-11:05 leaning right.
  const minutes = [
    ...span(9, 0, 60, (t) => minute(t, 60)),
    ...span(10, 0, 30, (t) => minute(t, 10, 'forwardHead')),
    ...span(10, 40, 20, (t) => minute(t, 0, 'tilt', 'left')),
    ...span(11, 0, 5, (t) => minute(t, 0, 'tilt', 'right')),
  ];
  minutes[75]!.alerts.forwardHead = 1;

  it('builds 5-minute buckets over the whole day whose layers add up to the time in view', () => {
    const d = dayChartData(DAY, minutes);
    expect(d.x).toHaveLength(288);
    expect(d.x[0]).toBe(startMs / 1000);
    const i9 = 9 * 12;
    expect(d.layers.good[i9]).toBeCloseTo(5, 5);
    expect(d.layers.forwardHead[i9]).toBeCloseTo(0, 5);
    const i10 = 10 * 12;
    expect(d.layers.good[i10]).toBeCloseTo(5 / 6, 5);
    expect(d.layers.forwardHead[i10]).toBeCloseTo(25 / 6, 5);
    // Away and before the day began: gaps, not zeros.
    expect(d.layers.good[10 * 12 + 7]).toBeNull();
    expect(d.layers.good[3 * 12]).toBeNull();
    for (let i = 0; i < d.x.length; i++) {
      const sum = LAYERS.reduce((a, l) => a + (d.layers[l][i] ?? 0), 0);
      const inView = minutes
        .filter((r) => Math.floor((r.t - startMs) / 300_000) === i)
        .reduce((a, r) => a + r.presentS / 60, 0);
      expect(sum).toBeCloseTo(inView, 5);
    }
    expect(d.alerts).toEqual([{ x: (startMs + (10 * 60 + 15) * 60_000) / 1000, problems: ['forwardHead'] }]);
  });

  it('stacks the layers top first, each the running sum of the ones under it', () => {
    const stacked = stackLayers(dayChartData(DAY, minutes));
    expect(stacked[0]!.layer).toBe('unjudged');
    expect(stacked.at(-1)!.layer).toBe('good');
    const i10 = 10 * 12;
    expect(stacked[0]!.values[i10]).toBeCloseTo(5, 5);
    expect(stacked.at(-1)!.values[i10]).toBeCloseTo(5 / 6, 5);
  });

  it('sums up the day: time, good share, longest good stretch, top problem, breaks, sides', () => {
    const s = daySummary(DAY, minutes);
    expect(s.monitoredS).toBe(115 * 60);
    expect(s.goodShare).toBeCloseTo((60 * 60 + 30 * 10) / (115 * 60), 5);
    expect(s.longestGoodMs).toBe(60 * 60_000);
    expect(s.longestGoodFromMs).toBe(at(9, 0));
    expect(s.topProblem).toEqual({ id: 'forwardHead', seconds: 30 * 50 });
    expect(s.breaks).toBe(1);
    expect(s.alerts).toBe(1);
    expect(s.leftS).toBe(20 * 60);
    expect(s.rightS).toBe(5 * 60);
    expect(oneSided(s)).toEqual({ leftShare: 0.8, side: 'left' });
    expect(oneSided({ leftS: 100, rightS: 100 }).side).toBeNull();
    expect(oneSided({ leftS: 10, rightS: 0 }).side).toBeNull(); // too little to say
  });

  it('says nothing was judged before calibration', () => {
    const r = emptyMinute(at(9, 0), DAY);
    r.monitoredS = r.presentS = 60;
    const s = daySummary(DAY, [r]);
    expect(s.goodShare).toBeNull();
    expect(dayChartData(DAY, [r]).layers.unjudged[9 * 12]).toBeCloseTo(1, 5);
  });

  it('trends a week from per-day totals, with gaps on days without data', () => {
    const totals = [DAY, addDays(DAY, -2)].map((day) => {
      const t = emptyMinute(dayBounds(day).startMs, day);
      for (const m of minutes) addMinute(t, { ...m, day });
      return t;
    });
    const tr = trendData(DAY, 7, totals);
    expect(tr.days).toEqual([-6, -5, -4, -3, -2, -1, 0].map((n) => addDays(DAY, n)));
    expect(tr.goodH[6]).toBeCloseTo((3600 + 300) / 3600, 5);
    expect(tr.goodH[5]).toBeNull();
    expect(tr.goodH[4]).not.toBeNull();
    expect(tr.goodPct[6]).toBeCloseTo((100 * 3900) / 6900, 5);
  });
});

describe('export', () => {
  it('writes one CSV row per minute under the header, with means', () => {
    const r = minute(at(9, 0), 45, 'tilt');
    r.sums.headForwardCm = 30;
    r.counts.headForwardCm = 10;
    const text = csvChunks([r, minute(at(9, 1), 60)]).join('');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(',')).toEqual([...CSV_COLUMNS]);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, lines[1]!.split(',')[i]]));
    expect(row).toMatchObject({
      local_day: localDay(at(9, 0)),
      good_s: '45',
      tilt_s: '15',
      tilt_left_s: '15',
      mean_headForwardCm: '3',
      mean_distanceCm: '',
    });
  });

  it('writes JSON that parses back to the same records, in chunks', () => {
    const rs = span(9, 0, 12, (t) => minute(t, 30, 'forwardHead'));
    const chunks = jsonChunks(rs, 5);
    expect(chunks.length).toBe(5);
    const back = JSON.parse(chunks.join('')) as { minutes: unknown[] };
    expect(back.minutes.map((m) => restoreMinute(m))).toEqual(rs.map((record) => ({ record })));
  });
});
