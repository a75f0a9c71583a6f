import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeY4m, projectRoot, startAppServer, type AppServer } from '../../scripts/harness';

/**
 * The calibration flow on the page, with the fake camera playing seconds 1-5
 * of cap12 (he sits still there) forwards and backwards, a loop without a
 * jump: calibrate, see the live metrics against the neutral, and find the
 * neutral again after a reload.
 */
describe('calibration on the live page', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const [app, y4m] = await Promise.all([
      startAppServer(),
      makeY4m('cap12_edit.webm', { startSeconds: 1, seconds: 4, pingPong: true }),
    ]);
    server = app;
    browser = await launchChromium({ fakeCamera: y4m });
    page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const status = () => page.textContent('#calibration-status');

  it('says it is not calibrated and judges nothing until calibrated', async () => {
    await page.click('#start-camera');
    await page.waitForFunction(
      () => !(document.querySelector('#calibrate') as HTMLButtonElement).disabled,
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await status()).toMatch(/Not calibrated yet/);
    await page.waitForFunction(
      () => document.querySelector('#metrics')?.getAttribute('data-calibrated') === 'false',
      null,
      {
        timeout: 30_000,
      },
    );
    expect(await page.textContent('[data-metric="headForwardCm"] output')).toBe('–');
  });

  it('calibrates, then shows each metric against the neutral', async () => {
    await page.click('#calibrate');
    await page.waitForFunction(
      () => /hold still/.test(document.querySelector('#calibration-status')?.textContent ?? ''),
      null,
      {
        timeout: 10_000,
      },
    );
    await page.waitForFunction(
      () =>
        /^(Calibrated|Not calibrated:)/.test(
          document.querySelector('#calibration-status')?.textContent ?? '',
        ),
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await status()).toMatch(/^Calibrated: your neutral posture, about \d+ cm from the screen/);
    await page.waitForFunction(
      () => document.querySelector('#metrics')?.getAttribute('data-calibrated') === 'true',
    );
    // One read both waits and checks: the next frame may lack a keypoint and show '–'.
    const roll = await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-metric="headRollDeg"] output')?.textContent ?? '';
        return /^[+-]?\d+\.\d °$/.test(text) ? text : null;
      },
      null,
      {
        timeout: 30_000,
      },
    );
    expect(await roll.jsonValue()).toMatch(/^[+-]?\d+\.\d °$/);
    await page.screenshot({
      path: join(projectRoot, 'tests', 'screenshots', 'posture-panel.png'),
      fullPage: true,
    });
  });

  it('keeps the neutral across a reload', async () => {
    await page.reload();
    await page.click('#start-camera');
    await page.waitForFunction(
      () => /^Calibrated on /.test(document.querySelector('#calibration-status')?.textContent ?? ''),
      null,
      {
        timeout: 60_000,
      },
    );
    const stored = await page.evaluate(
      () => JSON.parse(localStorage.getItem('knotless.neutral') ?? 'null') as { version: number } | null,
    );
    expect(stored?.version).toBe(1);
  });
});
