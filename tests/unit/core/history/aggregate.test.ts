import { describe, expect, it } from 'vitest';
import { PostureState } from '../../../../src/core/alerts/posture-state';
import { MAX_GAP_MS, MinuteAggregator, historySample } from '../../../../src/core/history/aggregate';
import { addMinute, type MinuteRecord } from '../../../../src/core/history/minute';
import { recording, type Segment } from '../alerts/replay';

/** A day key for a fixed offset from UTC (minutes), as a machine in that zone would name it. */
const dayAt = (offsetMin: number) => (ms: number) =>
  new Date(ms + offsetMin * 60_000).toISOString().slice(0, 10);

/** Replays segments through the real posture state, with wall time starting at `wall0`, into an aggregator. */
function record(
  segments: Segment[],
  wall0: number,
  agg = new MinuteAggregator(dayAt(0)),
  fps = 2,
): MinuteRecord[] {
  const state = new PostureState();
  for (const s of recording(segments, { fps })) {
    const snapshot = state.update(s);
    agg.add(historySample(snapshot, s, wall0 + s.tMs));
  }
  return agg.drain();
}

const total = (rs: MinuteRecord[]) =>
  rs.reduce((a, r) => addMinute(a, r), { ...structuredClone(rs[0]!), ...zero(rs[0]!) });
function zero(r: MinuteRecord): MinuteRecord {
  const z = structuredClone(r);
  for (const k of [
    'monitoredS',
    'presentS',
    'calibratedS',
    'goodS',
    'tiltLeftS',
    'tiltRightS',
    'twistLeftS',
    'twistRightS',
  ] as const)
    z[k] = 0;
  for (const o of [z.problemS, z.alerts, z.sums, z.counts] as Record<string, number>[])
    for (const k in o) o[k] = 0;
  return z;
}

const WALL0 = Date.UTC(2026, 10, 24, 9, 0, 0);

describe('per-minute history from the posture state', () => {
  it('counts ten minutes upright as ten minutes monitored, in view and good, one record per minute', () => {
    const rs = record([{ seconds: 600 }], WALL0);
    expect(rs).toHaveLength(10);
    expect(rs.map((r) => r.t)).toEqual(Array.from({ length: 10 }, (_, i) => WALL0 + i * 60_000));
    const t = total(rs);
    expect(t.monitoredS).toBeCloseTo(599.5, 1);
    expect(t.presentS).toBeCloseTo(599.5, 1);
    expect(t.goodS).toBeCloseTo(599.5, 1);
    expect(t.problemS.forwardHead).toBe(0);
    // Means of the metrics are kept as sums and counts: about 0 deviation upright.
    expect(t.counts.headForwardCm).toBe(1200);
    expect(Math.abs(t.sums.headForwardCm / t.counts.headForwardCm)).toBeLessThan(0.2);
  });

  it('credits a held lean to its side and counts its alert in the minute it was raised', () => {
    const rs = record([{ seconds: 60 }, { seconds: 120, metrics: { shoulderTiltDeg: -12 } }], WALL0);
    const t = total(rs);
    expect(t.problemS.tilt).toBeGreaterThan(110);
    expect(t.tiltLeftS).toBeCloseTo(t.problemS.tilt, 5);
    expect(t.tiltRightS).toBe(0);
    expect(t.goodS).toBeLessThan(70);
    expect(t.goodS + t.problemS.tilt).toBeCloseTo(t.calibratedS, 0);
    const withAlert = rs.filter((r) => r.alerts.tilt > 0);
    expect(withAlert).toHaveLength(1);
    // Onset 30 s after the lean began at 60 s: the alert falls in minute 1.
    expect(withAlert[0]!.t).toBe(WALL0 + 60_000);
  });

  it('keeps nobody in view apart from in view, and paused apart from monitored', () => {
    const agg = new MinuteAggregator(dayAt(0));
    const state = new PostureState();
    const samples = recording([{ seconds: 60 }, { seconds: 120, present: false }], { fps: 1 });
    for (const s of samples) agg.add(historySample(state.update(s), s, WALL0 + s.tMs));
    state.pause();
    for (const s of recording([{ seconds: 60 }], { fps: 1, startMs: 180_000 }))
      agg.add(historySample(state.update(s), s, WALL0 + s.tMs));
    const t = total(agg.drain());
    expect(t.presentS).toBeGreaterThan(55);
    expect(t.presentS).toBeLessThan(85); // plus the 20 s before nobody counts as away
    expect(t.monitoredS).toBeCloseTo(180, 0);
  });

  it('splits a session across local midnight onto two days, at the minute of midnight', () => {
    // 23:55 to 00:05 local time in UTC+2.
    const offset = 120;
    const start = Date.UTC(2026, 10, 24, 23 - 2, 55);
    const rs = record([{ seconds: 600 }], start, new MinuteAggregator(dayAt(offset)));
    const days = [...new Set(rs.map((r) => r.day))];
    expect(days).toEqual(['2026-11-24', '2026-11-25']);
    const before = rs.filter((r) => r.day === '2026-11-24');
    expect(before).toHaveLength(5);
    expect(before.reduce((a, r) => a + r.monitoredS, 0)).toBeCloseTo(300, 0);
  });

  it('keeps the day a minute was first given when the time zone changes later', () => {
    const agg = new MinuteAggregator(dayAt(-300)); // New York
    const rs1 = record([{ seconds: 120 }], Date.UTC(2026, 10, 25, 2, 0), agg);
    expect(rs1.every((r) => r.day === '2026-11-24')).toBe(true);
    // The same instants named from Berlin would be the 25th: stored records keep theirs.
    const rs2 = record([{ seconds: 120 }], Date.UTC(2026, 10, 25, 2, 10), new MinuteAggregator(dayAt(60)));
    expect(rs2.every((r) => r.day === '2026-11-25')).toBe(true);
    expect(rs1.every((r) => r.day === '2026-11-24')).toBe(true);
  });

  it('credits nothing across a gap longer than MAX_GAP_MS, nor when the clock goes back', () => {
    const agg = new MinuteAggregator(dayAt(0));
    const state = new PostureState();
    const [a, b] = recording([{ seconds: 2 }], { fps: 1 });
    agg.add(historySample(state.update(a!), a!, WALL0));
    agg.add(historySample(state.update(b!), b!, WALL0 + MAX_GAP_MS + 1000)); // asleep
    agg.add(historySample(state.update(b!), b!, WALL0 - 5000)); // clock set back
    expect(agg.drain()).toEqual([]);
  });

  it('gives back what a failed write returned, added to what came since', () => {
    const agg = new MinuteAggregator(dayAt(0));
    const first = record([{ seconds: 30 }], WALL0, agg);
    agg.restore(first);
    const again = agg.drain();
    expect(again.map((r) => r.monitoredS)).toEqual(first.map((r) => r.monitoredS));
  });
});
