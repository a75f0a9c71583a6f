import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeY4m, startAppServer, type AppServer, showView } from '../../scripts/harness';
import { openFloatingWindow } from '../../scripts/app-session';

/**
 * The path browsers without MediaStreamTrackProcessor take (Firefox,
 * Safari), here in Chromium with it removed before the app loads: the page
 * pulls frames from the video element and monitoring goes on; the camera
 * picture stays playing (it is the source) when switched off; and the
 * floating window is offered where the browser has Picture-in-Picture.
 */
describe('frames pulled by the page, where the worker cannot take the track', () => {
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    const [app, y4m] = await Promise.all([startAppServer(), makeY4m('cap12_edit.webm', { seconds: 6 })]);
    server = app;
    browser = await launchChromium({ fakeCamera: y4m });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('monitors through the page, keeps the source playing, and offers the floating window', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      delete (window as unknown as Record<string, unknown>).MediaStreamTrackProcessor;
    });
    await page.goto(server.url);
    await showView(page, 'now');
    await page.click('#start-camera');
    await page.waitForFunction(
      () => Number(document.querySelector('#status-samples')?.textContent) > 3,
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await page.textContent('#status-path')).toBe('page → worker');
    await page.uncheck('#show-preview');
    expect(await page.isHidden('#video')).toBe(true);
    // The hidden element is still the frames' source: it keeps playing and samples keep coming.
    expect(await page.$eval('#video', (v) => (v as HTMLVideoElement).srcObject !== null)).toBe(true);
    const n = Number(await page.textContent('#status-samples'));
    await page.waitForFunction(
      (k) => Number(document.querySelector('#status-samples')?.textContent) > k + 3,
      n,
      {
        timeout: 30_000,
      },
    );
    const pip = await page.evaluate(() => document.pictureInPictureEnabled);
    expect(await page.isVisible('#pip')).toBe(pip);
    if (pip) {
      await page.check('#show-preview');
      // Headless Chromium may refuse the window; the page then says why instead of failing silently.
      await openFloatingWindow(page);
    }
  });
});
