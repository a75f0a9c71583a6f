import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  makeY4m,
  projectRoot,
  startAppServer,
  type AppServer,
  showView,
} from '../../scripts/harness';
import { NEUTRAL_VERSION } from '../../src/core/posture/calibration';

/**
 * The calibration flow on the page, with the fake camera playing seconds 1-5
 * of cap12 (he sits still there) forwards and backwards, a loop without a
 * jump, unframed: his shoulders are at the picture's bottom edge, as a
 * laptop's camera often sees them. Calibrate, see what it measures and what
 * not and why, the live metrics against the neutral, and find the neutral
 * again after a reload.
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
    await showView(page, 'now');
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
    // Unknown, with the reason next to it: nothing is judged before calibrating.
    await page.waitForFunction(
      () => document.querySelector('[data-metric="headForwardCm"] output')?.textContent === 'unknown',
    );
    expect(await page.textContent('[data-metric="headForwardCm"] .why')).toMatch(/press Calibrate/);
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
    // The guided moves follow, each in turn with its countdown; footage cannot make them, so
    // each ends as not seen, and the calibration finishes saying so.
    await page.waitForSelector('#calibration-guided:not([hidden])', { timeout: 30_000 });
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { guidedSteps: string[] }).guidedSteps = seen;
      const note = () => {
        const step = document.querySelector('#calibration-guided .guided-step')?.textContent;
        if (step && !seen.includes(step)) seen.push(step);
      };
      note();
      new MutationObserver(note).observe(document.querySelector('#calibration-guided')!, {
        subtree: true,
        characterData: true,
        childList: true,
      });
    });
    await page.waitForSelector('#calibration-guided[hidden]', { state: 'attached', timeout: 60_000 });
    const steps = await page.evaluate(() => (window as unknown as { guidedSteps: string[] }).guidedSteps);
    expect(steps).toEqual(['Move 1 of 4', 'Move 2 of 4', 'Move 3 of 4', 'Move 4 of 4']);
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
    // The fake camera's name is no known webcam's: the usual field of view, and the status says which.
    expect(await status()).toMatch(/measured with a 65° field of view \(unknown camera: the usual value\)/);
    // His shoulders sit at the picture's bottom edge (a laptop's framing): what is measured and what not, and why.
    const readings = (await page.textContent('#calibration-readings')) ?? '';
    expect(await page.isVisible('#calibration-readings')).toBe(true);
    expect(readings).toMatch(/^Measures: .*head tilt/);
    expect(readings).toMatch(/Not measured: .*shoulder rounding[^(;]* \([^)]*bottom edge of the picture/);
    expect(readings.slice(readings.indexOf('Not measured:'))).not.toMatch(/head tilt/);
    const warnings = await page.$$eval('#calibration-warnings li', (items) =>
      items.map((li) => li.textContent),
    );
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join(' ')).toMatch(/bottom edge of the picture/);
    expect(warnings.join(' ')).toMatch(
      /guided moves were not all made \(looking at the left edge, looking at the right edge, looking at the keyboard\)/,
    );
    // The live reading says the same, next to it, with what to do.
    const rounding = await page.waitForFunction(
      () => {
        const row = document.querySelector('[data-metric="shoulderRoundingPct"]');
        return row?.querySelector('output')?.textContent === 'unknown'
          ? (row.querySelector('.why')?.textContent ?? '')
          : null;
      },
      null,
      { timeout: 10_000 },
    );
    expect(await rounding.jsonValue()).toMatch(/tilt the camera down or sit a little further back/);
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
    await showView(page, 'now');
    await page.click('#start-camera');
    await page.waitForFunction(
      () => /^Calibrated on /.test(document.querySelector('#calibration-status')?.textContent ?? ''),
      null,
      {
        timeout: 60_000,
      },
    );
    const stored = await page.evaluate(
      () =>
        JSON.parse(localStorage.getItem('knotless.neutral') ?? 'null') as {
          version: number;
          fovDeg: number;
        } | null,
    );
    expect(stored?.version).toBe(NEUTRAL_VERSION);
    expect(stored?.fovDeg).toBe(65);
    // The restored neutral shows what it measures and what not, as it did when it was taken.
    expect(await status()).toMatch(/^Calibrated on .*, measured with a 65° field of view/);
    expect(await page.textContent('#calibration-readings')).toMatch(
      /Not measured: .*shoulder rounding[^(;]* \([^)]*bottom edge of the picture/,
    );
    expect(await page.isVisible('#calibration-warnings')).toBe(true);
  });
});
