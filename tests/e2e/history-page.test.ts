import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture';
import { calibrate, sittingClip, startCamera, storedSeconds } from '../../scripts/app-session';
import { projectRoot, showView } from '../../scripts/harness';
import { pageProbes, type ProbeWindow } from '../../scripts/page-probes';
import { syntheticDay } from '../../scripts/synthetic-history';
import { addMinute, compactMinute, emptyMinute } from '../../src/core/history/minute';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * History in the app, against Chromium's real IndexedDB: what was recorded
 * is there after a reload and after a crash (at most 10 s lost), a storage
 * quota too small for it keeps the app going in memory, and a day of data
 * draws as a chart (screenshot in tests/screenshots/history-day.png).
 */

describe('history in the app', () => {
  const app = useApp();

  it('keeps what was recorded across a reload, and loses at most 10 s when the page crashes', async () => {
    const browser = await app.launch({ fakeCamera: await sittingClip(false) });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(pageProbes);
    await page.goto(app.url);
    await startCamera(page);
    expect(await calibrate(page)).toMatch(/^Calibrated:/);
    await page.waitForTimeout(12_000);
    // Reloads halfway between two timed writes: what was gathered since the
    // last one is written as the page is left, not lost.
    const written = await storedSeconds(page);
    await expect.poll(() => storedSeconds(page), { timeout: 15_000, interval: 200 }).not.toBe(written);
    const before = await storedSeconds(page);
    await page.waitForTimeout(5000);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.history === 'indexeddb');
    const kept = await storedSeconds(page);
    expect(kept - before).toBeGreaterThan(2.5);
    // The page shows it: today's summary and chart.
    await page.waitForFunction(() =>
      /Monitored\s*\d/.test(document.querySelector('#history-summary')?.textContent ?? ''),
    );
    expect(await page.getAttribute('#day-chart', 'data-buckets')).toMatch(/^(276|288|300)$/);

    // Monitoring again; everything so far is written when the page is hidden a moment.
    await startCamera(page);
    await page.waitForTimeout(10_000);
    await page.evaluate(() => {
      const w = window as unknown as ProbeWindow;
      w.__setHidden(true);
      w.__setHidden(false);
    });
    await page.waitForTimeout(1000);
    const atX = await storedSeconds(page);
    const x = Date.now() - 1000;
    expect(atX).toBeGreaterThan(kept + 5);
    await page.waitForTimeout(25_000);
    const crashAt = Date.now();
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await page.waitForEvent('crash', { timeout: 10_000 }).catch(() => undefined);

    const after = await context.newPage();
    await after.goto(app.url);
    await after.waitForFunction(() => document.documentElement.dataset.history === 'indexeddb');
    const stored = await storedSeconds(after);
    const truth = atX + (crashAt - x) / 1000;
    const lost = truth - stored;
    expect(lost).toBeLessThanOrEqual(10);
    expect(lost).toBeGreaterThan(-2);
  });

  it('keeps going in memory, and says so, when the storage quota is too small', async () => {
    const browser = await app.launch({ fakeCamera: await sittingClip(false) });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(app.url).origin, quotaSize: 1 });
    await startCamera(page);
    await page.waitForFunction(() => document.documentElement.dataset.history === 'memory', null, {
      timeout: 30_000,
    });
    await page.waitForFunction(
      () => document.querySelector('#history-status')?.getAttribute('data-kind') === 'memory',
    );
    expect(await page.textContent('#history-status')).toMatch(/kept in memory only.*(room|quota)/i);
    // Monitoring goes on.
    const n = Number(await page.textContent('#status-samples'));
    await page.waitForFunction(
      (k) => Number(document.querySelector('#status-samples')?.textContent) > k + 3,
      n,
    );
  });

  it('draws a day of data: timeline, summary, one-sided strain and trend (screenshot)', async () => {
    const browser = await app.launch();
    const context = await browser.newContext({ timezoneId: 'UTC', viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.waitForFunction(() => document.documentElement.dataset.history === 'indexeddb');
    const day = '2026-11-20';
    const minutes = syntheticDay(Date.UTC(2026, 10, 20), day, 1);
    const totals = [-3, -2, -1, 0].map((back) => {
      const d = new Date(Date.UTC(2026, 10, 20 + back)).toISOString().slice(0, 10);
      const t = emptyMinute(Date.UTC(2026, 10, 20 + back), d);
      for (const m of syntheticDay(Date.UTC(2026, 10, 20 + back), d, 4 + back)) addMinute(t, m);
      return compactMinute(t);
    });
    await page.evaluate(
      ([ms, ds]) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('knotless');
          req.onsuccess = () => {
            const tx = req.result.transaction(['minutes', 'days'], 'readwrite');
            for (const m of ms) tx.objectStore('minutes').put(m);
            for (const d of ds) tx.objectStore('days').put(d);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
      [minutes.map(compactMinute), totals] as const,
    );
    await page.reload();
    await showView(page, 'today');
    await page.waitForFunction(
      (d) =>
        [...(document.querySelector('#history-day') as HTMLSelectElement).options].some((o) => o.value === d),
      day,
    );
    await page.selectOption('#history-day', day);
    await page.waitForFunction(
      (d) => document.querySelector('#history-summary')?.getAttribute('data-day') === d,
      day,
    );
    const summary = await page.textContent('#history-summary');
    expect(summary).toMatch(/Monitored\s*[6-9] h/);
    expect(summary).toMatch(/Top problem\s*Head pushed forward/);
    expect(summary).toMatch(/Breaks taken\s*[1-9]/);
    expect(await page.getAttribute('#one-sided', 'data-side')).toBe('left');
    expect(await page.getAttribute('#one-sided a', 'href')).toBe('#causes/tilt-rotation');
    // The desk advice follows from it: what is on the left side.
    expect(await page.isVisible('#desk-advice')).toBe(true);
    expect(await page.textContent('#desk-advice-list [data-advice="oneSide"]')).toMatch(
      /mostly to your left/,
    );
    expect(await page.getAttribute('#desk-advice-list [data-advice="oneSide"] a', 'href')).toBe(
      '#causes/tilt-rotation',
    );
    expect(Number(await page.getAttribute('#day-chart', 'data-alerts'))).toBeGreaterThan(3);
    expect(await page.getAttribute('#trend-chart', 'data-days')).toBe('7');
    // The trend in words beside its chart.
    expect(await page.textContent('#trend-summary')).toMatch(
      /^Over these 7 days: .+ in good posture and .+ in poor posture, on 4 days with data; good posture from \d+ % to \d+ % of a day\.$/,
    );
    // The chart has ink in the colours of good posture and of head forward.
    const colours = await page.$eval('#day-chart canvas', (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let green = 0;
      let orange = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (Math.abs(r - 0x3a) < 8 && Math.abs(g - 0x9d) < 8 && Math.abs(b - 0x5d) < 8) green++;
        if (Math.abs(r - 0xe0) < 8 && Math.abs(g - 0x7b) < 8 && Math.abs(b - 0x39) < 8) orange++;
      }
      return { green, orange };
    });
    expect(colours.green).toBeGreaterThan(2000);
    expect(colours.orange).toBeGreaterThan(200);
    await page
      .locator('#history')
      .screenshot({ path: join(projectRoot, 'tests', 'screenshots', 'history-day.png') });

    // Export: every stored minute, one CSV row each, and the same as JSON.
    await showView(page, 'settings');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const lines = (await readFile(await csv.path())).toString().trim().split('\n');
    expect(lines[0]).toMatch(/^minute_start_utc,local_day,monitored_s,/);
    expect(lines).toHaveLength(minutes.length + 1);
    expect(lines[1]).toMatch(/^2026-11-20T08:30:00\.000Z,2026-11-20,60,/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const parsed = JSON.parse((await readFile(await json.path())).toString()) as { minutes: unknown[] };
    expect(parsed.minutes).toHaveLength(minutes.length);

    // Delete: asked first; refusing keeps everything, accepting empties it.
    page.once('dialog', (d) => void d.dismiss());
    await page.click('#delete-history');
    await page.waitForTimeout(500);
    expect(await page.$$eval('#history-day option', (o) => o.length)).toBeGreaterThan(1);
    page.once('dialog', (d) => void d.accept());
    await page.click('#delete-history');
    await page.waitForFunction(() => document.querySelectorAll('#history-day option').length === 1);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#history-summary')?.hasAttribute('data-day'));
    expect(await page.$$eval('#history-day option', (o) => o.length)).toBe(1);
    expect(await page.textContent('#history-summary')).toMatch(/Monitored\s*0 s/);
  });
});
