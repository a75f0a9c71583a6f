import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PostureState } from '../../src/core/alerts/posture-state';
import { dayBounds, emptyMinute, type MinuteRecord } from '../../src/core/history/minute';
import { createHistoryRecorder } from '../../src/ui/history/history-recorder';
import {
  DB_VERSION,
  openHistory,
  openHistoryDb,
  storeOver,
  type HistoryStore,
} from '../../src/ui/history/history-store';

/** History against the real IndexedDB of Chromium. Each test uses its own database. */

let n = 0;
const names: string[] = [];
const fresh = () => {
  const name = `knotless-test-${Date.now()}-${n++}`;
  names.push(name);
  return name;
};
const opened: HistoryStore[] = [];
const open = async (name: string) => {
  const s = await openHistory(name);
  opened.push(s);
  return s;
};

afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  await Promise.all(
    names.splice(0).map((name) => new Promise((r) => (indexedDB.deleteDatabase(name).onsuccess = r))),
  );
  vi.restoreAllMocks();
});

const DAY = '2026-11-24';
function minute(t: number, seconds = 60, day = DAY): MinuteRecord {
  const r = emptyMinute(t, day);
  r.monitoredS = r.presentS = r.calibratedS = seconds;
  r.goodS = seconds / 2;
  r.problemS.forwardHead = seconds / 2;
  return r;
}
const nine = dayBounds(DAY).startMs + 9 * 3_600_000;

describe('history in IndexedDB', () => {
  it('keeps what was written across closing and opening again, adding up writes to the same minute', async () => {
    const name = fresh();
    const a = await open(name);
    expect(a.kind).toBe('indexeddb');
    await a.add([minute(nine, 20), minute(nine + 60_000)]);
    await a.add([minute(nine, 30)]);
    a.close();
    const b = await open(name);
    const { records, skipped } = await b.day(DAY);
    expect(skipped).toBe(0);
    expect(records.map((r) => [r.t, r.monitoredS])).toEqual([
      [nine, 50],
      [nine + 60_000, 60],
    ]);
    expect(await b.days()).toEqual([DAY]);
    const totals = await b.dayTotals(DAY, DAY);
    expect(totals.records[0]?.monitoredS).toBe(110);
    expect(totals.records[0]?.problemS.forwardHead).toBe(55);
  });

  it('adds to what an earlier page stored: its newest minute, older ones, new ones, long after', async () => {
    const name = fresh();
    const a = await open(name);
    await a.add([minute(nine, 20), minute(nine + 120_000, 40)]);
    a.close();
    const b = await open(name);
    await b.days(); // the store has looked at what is there
    await b.add([
      minute(nine + 120_000, 10),
      minute(nine, 5),
      minute(nine + 60_000, 7),
      minute(nine + 180_000, 9),
    ]);
    await b.add([minute(nine + 180_000, 1)]);
    // Twelve more minutes, then the first ones again.
    for (let i = 4; i < 16; i++) await b.add([minute(nine + i * 60_000, 1)]);
    await b.add([minute(nine, 2), minute(nine + 60_000, 3)]);
    b.close();
    const c = await open(name);
    const { records } = await c.day(DAY);
    expect(records.slice(0, 4).map((r) => r.monitoredS)).toEqual([27, 10, 50, 10]);
    expect(records.length).toBe(16);
    expect((await c.dayTotals(DAY, DAY)).records[0]?.monitoredS).toBe(27 + 10 + 50 + 10 + 12);
  });

  it('skips a damaged record with a warning and keeps the rest', async () => {
    const name = fresh();
    const s = await open(name);
    await s.add([minute(nine), minute(nine + 60_000)]);
    s.close();
    const raw = await openDB(name, DB_VERSION);
    await raw.put('minutes', { t: nine + 120_000, day: DAY, monitoredS: 'lots' });
    await raw.put('minutes', { t: nine + 180_000, day: DAY, presentS: -4 });
    raw.close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const again = await open(name);
    const { records, skipped } = await again.day(DAY);
    expect(records).toHaveLength(2);
    expect(skipped).toBe(2);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/damaged history record/);
    // Writing over a damaged minute replaces it with good totals.
    await again.add([minute(nine + 120_000, 10)]);
    expect((await again.day(DAY)).records).toHaveLength(3);
  });

  it('upgrades a version 1 database: minutes keep their data, gain their day and per-day totals', async () => {
    const name = fresh();
    const v1 = await openHistoryDb(name, 1);
    expect([...v1.objectStoreNames]).toEqual(['minutes']);
    // Version 1 records: no day stored with them.
    const t0 = new Date(2026, 10, 24, 9, 0).getTime();
    for (let i = 0; i < 3; i++) {
      const old: Partial<MinuteRecord> = minute(t0 + i * 60_000);
      delete old.day;
      await (v1 as unknown as { put(s: string, v: unknown): Promise<unknown> }).put('minutes', old);
    }
    v1.close();
    const s = await open(name);
    expect(s.kind).toBe('indexeddb');
    const { records } = await s.day(DAY);
    expect(records.map((r) => r.monitoredS)).toEqual([60, 60, 60]);
    expect((await s.dayTotals(DAY, DAY)).records[0]?.monitoredS).toBe(180);
  });

  it('splits a session recorded across midnight onto two days', async () => {
    const name = fresh();
    const s = await open(name);
    const recorder = createHistoryRecorder(() => s);
    const state = new PostureState();
    const midnight = dayBounds('2026-11-25').startMs;
    const upright = {
      tMs: 0,
      present: true,
      calibrated: true,
      metrics: {},
      stillness: 0.3,
      headOffsetCm: null,
    };
    for (let t = midnight - 90_000; t <= midnight + 90_000; t += 1000) {
      const sample = { ...upright, tMs: t - midnight + 90_000 } as Parameters<PostureState['update']>[0];
      recorder.record({ alerts: state.update(sample), posture: sample as never }, t);
    }
    await recorder.flush();
    expect(await s.days()).toEqual(['2026-11-24', '2026-11-25']);
    const before = (await s.day('2026-11-24')).records;
    const after = (await s.day('2026-11-25')).records;
    expect(before.reduce((a, r) => a + r.monitoredS, 0)).toBeCloseTo(90, 5);
    expect(after.reduce((a, r) => a + r.monitoredS, 0)).toBeCloseTo(90, 5);
  });

  it('goes on in memory, and says why, when a write fails', async () => {
    const name = fresh();
    const db = await openHistoryDb(name);
    const s = storeOver(db);
    await s.add([minute(nine)]);
    db.close(); // the database goes away under it
    await s.add([minute(nine + 60_000)]);
    expect(s.kind).toBe('memory');
    expect(s.problem).toMatch(/kept in memory only.*database failed/);
    // Both minutes can still be read: the stored one could not, so only the one in memory.
    const { records } = await s.day(DAY);
    expect(records.map((r) => r.t)).toContain(nine + 60_000);
  });

  it('goes on in memory when an old tab blocks the upgrade', async () => {
    const name = fresh();
    const old = await openHistoryDb(name, 1); // an older version, held open and never closed
    const s = await openHistory(name, 1500);
    opened.push(s);
    expect(s.kind).toBe('memory');
    expect(s.problem).toMatch(/another knotless tab/);
    await s.add([minute(nine)]);
    expect((await s.day(DAY)).records).toHaveLength(1);
    old.close();
  });

  it('lets a newer version open in another tab upgrade, and goes on in memory, saying so', async () => {
    const name = fresh();
    const s = await open(name);
    await s.add([minute(nine)]);
    // What a newer version of the app does on open: a higher version number.
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 99);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('blocked by the older tab'));
    });
    expect(newer.version).toBe(99);
    newer.close();
    expect(s.kind).toBe('memory');
    expect(s.problem).toMatch(/newer version of knotless was opened in another tab/);
    await s.add([minute(nine + 60_000)]);
    expect((await s.day(DAY)).records.map((r) => r.t)).toContain(nine + 60_000);
  });

  it('deletes everything', async () => {
    const name = fresh();
    const s = await open(name);
    await s.add([minute(nine), minute(nine + 86_400_000, 60, '2026-11-25')]);
    await s.clear();
    expect(await s.days()).toEqual([]);
    expect((await s.all()).records).toEqual([]);
  });
});
