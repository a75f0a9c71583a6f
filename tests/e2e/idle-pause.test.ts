import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sittingClip, startCamera } from '../../scripts/app-session';
import { launchChromium, startAppServer, type AppServer, showView } from '../../scripts/harness';

/**
 * Pause while the screen is locked: Chromium's Idle Detection API, its
 * permission granted and the screen lock emulated through the DevTools
 * protocol (Emulation.setIdleOverride).
 */
describe('pausing while the screen is locked', () => {
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchChromium({ fakeCamera: await sittingClip(false) });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('pauses monitoring when the screen locks and resumes when it unlocks', async () => {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    const { targetInfo } = (await cdp.send('Target.getTargetInfo')) as {
      targetInfo: { browserContextId: string };
    };
    const grant = await browser.newBrowserCDPSession();
    await grant.send('Browser.grantPermissions', {
      permissions: ['idleDetection'],
      origin: server.url.replace(/\/$/, ''),
      browserContextId: targetInfo.browserContextId,
    });
    await cdp.send('Emulation.setIdleOverride', { isUserActive: true, isScreenUnlocked: true });
    await page.goto(server.url);
    await startCamera(page);
    const status = () => page.textContent('#monitor-status');

    await showView(page, 'settings');
    await page.check('#pause-when-locked');
    await showView(page, 'now');
    await page.waitForFunction(() =>
      /pauses while the screen is locked/.test(document.querySelector('#idle-status')?.textContent ?? ''),
    );
    await page.waitForFunction(
      () => !/^Paused/.test(document.querySelector('#monitor-status')?.textContent ?? 'Paused'),
    );

    await cdp.send('Emulation.setIdleOverride', { isUserActive: false, isScreenUnlocked: false });
    await page.waitForFunction(
      () => document.querySelector('#monitor-status')?.textContent === 'Paused while the screen is locked.',
    );
    await page.waitForFunction(
      () => document.querySelector('#status-sampling')?.getAttribute('data-reason') === 'paused',
    );

    await cdp.send('Emulation.setIdleOverride', { isUserActive: true, isScreenUnlocked: true });
    await page.waitForFunction(
      () => !/^Paused/.test(document.querySelector('#monitor-status')?.textContent ?? 'Paused'),
    );
    expect(await status()).not.toMatch(/^Paused/);
    // The choice is kept for the next visit.
    expect(await page.evaluate(() => localStorage.getItem('knotless.pauseWhenLocked'))).toBe('true');
  });
});
