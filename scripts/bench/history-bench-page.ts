/**
 * The history half of `npm run bench`, in the browser: a year of synthetic
 * per-minute history written through the app's own store into Chromium's
 * IndexedDB, then the costs a person feels: opening one day's chart (read
 * the day, build its data and summary, draw it with uPlot) and exporting
 * everything as CSV, and deleting it all.
 */
import { summarize } from '../../src/core/rate';
import { csvChunks } from '../../src/core/history/export';
import { addDays, dayBounds, localDay } from '../../src/core/history/minute';
import { openHistory } from '../../src/ui/history/history-store';
import { historyElements, setupHistoryView } from '../../src/ui/history/history-view';
import { syntheticDay } from '../synthetic-history';

export interface HistoryBench {
  minutes: number;
  days: number;
  fillMs: number;
  dayChartMs: number;
  dayChartP95Ms: number;
  trendMonthMs: number;
  exportMs: number;
  exportMB: number;
  deleteMs: number;
}

async function runHistoryBench(days: number): Promise<HistoryBench> {
  const name = 'knotless-bench';
  await new Promise((r) => (indexedDB.deleteDatabase(name).onsuccess = r));
  const store = await openHistory(name);
  if (store.kind !== 'indexeddb') throw new Error(store.problem ?? 'no IndexedDB');
  const lastDay = localDay(Date.now());
  const firstDay = addDays(lastDay, 1 - days);
  let minutes = 0;
  const fill0 = performance.now();
  for (let i = 0; i < days; i++) {
    const day = addDays(firstDay, i);
    const records = syntheticDay(dayBounds(day).startMs, day, i + 1, true);
    minutes += records.length;
    await store.add(records);
  }
  const fillMs = performance.now() - fill0;

  const view = setupHistoryView(historyElements(), () => store);
  // Opening a day: read it, build the chart's data and summary, draw.
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const day = addDays(firstDay, Math.floor((i * 7919) % days));
    const t0 = performance.now();
    const { records } = await store.day(day);
    view.drawDay(day, records);
    times.push(performance.now() - t0);
    if (records.length !== 1440) throw new Error(`${day}: ${records.length} minutes`);
  }
  const t1 = performance.now();
  await view.refresh(); // the picked day again, with the month's trend
  const trendMonthMs = performance.now() - t1;

  const e0 = performance.now();
  const { records } = await store.all();
  const blob = new Blob(csvChunks(records), { type: 'text/csv' });
  const exportMs = performance.now() - e0;
  if (records.length !== minutes) throw new Error(`exported ${records.length} of ${minutes}`);
  const d0 = performance.now();
  await store.clear();
  const deleteMs = performance.now() - d0;
  if ((await store.all()).records.length !== 0) throw new Error('not deleted');
  store.close();
  await new Promise((r) => (indexedDB.deleteDatabase(name).onsuccess = r));
  const s = summarize(times.slice(5));
  return {
    minutes,
    days,
    fillMs: Math.round(fillMs),
    dayChartMs: Math.round(s.median * 10) / 10,
    dayChartP95Ms: Math.round(s.p95 * 10) / 10,
    trendMonthMs: Math.round(trendMonthMs * 10) / 10,
    exportMs: Math.round(exportMs),
    exportMB: Math.round((blob.size / 2 ** 20) * 10) / 10,
    deleteMs: Math.round(deleteMs),
  };
}

Object.assign(window, { runHistoryBench, historyBenchReady: true });
