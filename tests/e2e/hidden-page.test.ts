import { showView } from '../../scripts/harness';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture';
import {
  pageProbes,
  recordNotifications,
  type NotificationsWindow,
  type ProbeWindow,
} from '../../scripts/page-probes';
import { calibrate, sittingClip, startCamera, storedNeutral, useNeutral } from '../../scripts/app-session';

/**
 * Monitoring with the page hidden, as in a background tab, for two minutes:
 * the camera track stays live, samples keep coming at the configured rate
 * (camera → worker, no page timer involved), and the lean alert arrives as
 * a system notification.
 * Headless Chromium never hides a page, so its visibility is emulated
 * (scripts/page-probes.ts): the app sees document.hidden and stops drawing;
 * the browser's throttling of background tabs is not reproduced. The bench
 * measures a truly hidden tab (scripts/bench-headed.ts: headed Chromium
 * under Xvfb, another tab in front, throttling left on).
 */

const HIDDEN_MS = 120_000;
const RATE_FPS = 2;
const ONSET_S = 20;

describe('monitoring while the page is hidden (visibility emulated)', () => {
  const app = useApp();

  it('keeps sampling at the set rate for two minutes with visibility emulated as hidden, and notifies of the held lean', async () => {
    // Calibrate upright, as in the alerts test.
    const upright = await app.launch({ fakeCamera: await sittingClip(false) });
    const a = await upright.newPage();
    await a.goto(app.url);
    await startCamera(a);
    expect(await calibrate(a)).toMatch(/^Calibrated:/);
    const neutral = await storedNeutral(a);
    await upright.close();

    const leaning = await sittingClip(true);
    const browser = await app.launch({ fakeCamera: leaning });
    const context = await browser.newContext();
    await context.grantPermissions(['notifications'], { origin: app.url });
    const page = await context.newPage();
    await page.addInitScript(pageProbes);
    await page.addInitScript(recordNotifications);
    await page.goto(app.url);
    await useNeutral(page, neutral, leaning, ONSET_S);
    await showView(page, 'settings');
    await page.selectOption('#sampling', String(RATE_FPS));
    await showView(page, 'now');
    await page.click('#start-camera');
    await page.waitForFunction(
      () => document.querySelector('#metrics')?.getAttribute('data-calibrated') === 'true',
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await page.evaluate(() => Notification.permission)).toBe('granted');

    // Into the background, before the onset delay has passed.
    const before = Number(await page.textContent('#status-samples'));
    await page.evaluate(() => (window as unknown as ProbeWindow).__setHidden(true));
    expect(await page.evaluate(() => document.hidden)).toBe(true);
    await page.waitForTimeout(HIDDEN_MS);
    const notifications = await page.evaluate(
      () => (window as unknown as NotificationsWindow).__notifications,
    );
    // The camera is still live after two minutes hidden.
    const tracks = await page.evaluate(() => (window as unknown as ProbeWindow).__cameraTracks());
    expect(tracks.at(-1)).toBe('live');
    await page.evaluate(() => (window as unknown as ProbeWindow).__setHidden(false));
    await page.waitForFunction(
      (n) => Number(document.querySelector('#status-samples')?.textContent) > n,
      before,
    );
    const after = Number(await page.textContent('#status-samples'));

    // Nothing was drawn meanwhile, yet the samples kept coming at the set rate.
    const perMin = ((after - before) / HIDDEN_MS) * 60_000;
    expect(perMin).toBeGreaterThan(RATE_FPS * 60 * 0.85);
    expect(perMin).toBeLessThan(RATE_FPS * 60 * 1.1);
    // The lean alert came as a system notification while hidden.
    expect(notifications).toContainEqual(
      expect.objectContaining({
        tag: 'tilt',
        hidden: true,
        title: expect.stringMatching(/^Leaning to your left for \d+ s$/),
      }),
    );
    expect(notifications.filter((n) => n.tag === 'tilt')).toHaveLength(1);
  });
});
