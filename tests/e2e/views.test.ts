import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture';
import { projectRoot, showView } from '../../scripts/harness';
import { makeY4m } from '../../scripts/harness';
import { FRAMED } from '../../scripts/app-session';

/**
 * The app as a newcomer meets it: an empty profile lands in the guided
 * setup, which is done with the keyboard alone (the fake camera plays cap12
 * sitting still, framed), then every view is checked by axe-core in the
 * light and the dark scheme, photographed for the README, and laid out in
 * a 360-pixel-wide window, while monitoring goes on behind them.
 */
const VIEWS = ['setup', 'now', 'today', 'causes', 'settings'] as const;
const shots = (name: string) => join(projectRoot, 'tests', 'screenshots', `${name}.png`);

/** What has the keyboard focus: its id, or its tag and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? el.id || `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}` : '';
  });

/** Presses Tab until `id` has the focus (at most `max` times); returns what was passed on the way. */
async function tabTo(page: Page, id: string, max = 30): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now === id) return passed;
    passed.push(now);
  }
  throw new Error(`#${id} never took the focus; passed ${passed.join(', ')}`);
}

const samples = async (page: Page) => Number(await page.textContent('#status-samples'));

describe('views, guided setup and reach', () => {
  const app = useApp();
  let context: BrowserContext;
  let page: Page;

  it('goes from an empty profile through the guided setup to monitoring with the keyboard only', async () => {
    const clip = await makeY4m('cap12_edit.webm', {
      startSeconds: 1,
      seconds: 4,
      pingPong: true,
      filter: FRAMED,
    });
    const browser = await app.launch({ fakeCamera: clip });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['notifications'], { origin: new URL(app.url).origin });
    page = await context.newPage();
    await page.goto(app.url);
    expect(page.url().endsWith('#setup')).toBe(true);
    expect(await page.isVisible('#view-setup [data-step="intro"]')).toBe(true);

    // A sensible order: the views, then the setup's one action.
    expect(await tabTo(page, 'setup-start')).toEqual(['a:Now', 'a:Today', 'a:Causes', 'a:Settings']);
    // The focus ring can be seen.
    expect(await page.$eval('#setup-start', (b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');

    // The framing check follows the picture live, then offers calibration.
    await page.waitForSelector('#view-setup [data-step="framing"]:not([hidden])', { timeout: 60_000 });
    await page.waitForFunction(
      () => !(document.querySelector('#setup-calibrate') as HTMLButtonElement).disabled,
      null,
      {
        timeout: 60_000,
      },
    );
    const checks = await page.$$eval('#framing-checks li', (li) =>
      li.map((l) => [l.getAttribute('data-check'), l.getAttribute('data-ok')]),
    );
    expect(checks).toContainEqual(['shoulders', 'true']);
    expect(checks.every(([, ok]) => ok === 'true')).toBe(true);
    await tabTo(page, 'setup-calibrate');
    await page.keyboard.press('Enter');
    // A countdown that can be seen.
    await page.waitForFunction(
      () => /^Hold still: \d s$/.test(document.querySelector('#setup-countdown')?.textContent ?? ''),
      null,
      {
        timeout: 30_000,
      },
    );
    // Then the guided moves, each drawn and said, with a way out by keyboard.
    await page.waitForSelector('#setup-guided:not([hidden])', { timeout: 30_000 });
    expect(await page.textContent('#setup-guided .guided-step')).toBe('Move 1 of 4');
    expect(await page.textContent('#setup-guided .guided-words')).toMatch(/left edge of your screen/);
    expect(await page.$$eval('#setup-guided svg .now', (g) => g.length)).toBeGreaterThan(0);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const result = await new AxeBuilder({ page }).analyze();
      expect(result.violations.map((v) => `guided moves/${scheme}: ${v.id}`)).toEqual([]);
      await page.screenshot({ path: shots(`view-setup-guided-${scheme}`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await tabTo(page, 'setup-guided-skip');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view-setup [data-step="done"]:not([hidden])', { timeout: 60_000 });
    expect(await page.textContent('#setup-outcome')).toMatch(/^Calibrated/);
    // Skipped, the calibration says what that leaves to learn as the person works.
    expect(await page.textContent('#setup-outcome')).toMatch(/guided moves were not all made/);

    // Notifications are asked for now, when the person chooses.
    await tabTo(page, 'setup-notify');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      /Notifications are on/.test(document.querySelector('#setup-notify-status')?.textContent ?? ''),
    );
    await tabTo(page, 'setup-finish');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view-now:not([hidden])');
    expect(page.url().endsWith('#now')).toBe(true);
    await page.waitForFunction(() =>
      /^Monitoring your posture\./.test(document.querySelector('#monitor-status')?.textContent ?? ''),
    );
    expect(await page.getAttribute('#now-headline', 'data-level')).not.toBe('off');
    // The side view says where the head is against the neutral.
    await page.waitForFunction(() =>
      /^Head /.test(document.querySelector('#side-caption')?.textContent ?? ''),
    );
    // Finished once: a reload goes to Now, not the setup.
    await page.reload();
    expect(await page.isVisible('#view-now')).toBe(true);
    // From the top: the views, then the Now view's actions.
    expect(await tabTo(page, 'start-camera')).toEqual(['a:Now', 'a:Today', 'a:Causes', 'a:Settings']);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => !(document.querySelector('#calibrate') as HTMLButtonElement).disabled,
      null,
      {
        timeout: 60_000,
      },
    );
  });

  it('has no accessibility violation on any view, light or dark, while monitoring goes on (screenshots)', async () => {
    const start = await samples(page);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const view of VIEWS) {
        await showView(page, view);
        await page.waitForTimeout(400);
        const result = await new AxeBuilder({ page }).analyze();
        const found = result.violations.map(
          (v) => `${view}/${scheme}: ${v.id} on ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
        expect(found).toEqual([]);
        await page.screenshot({ path: shots(`view-${view}-${scheme}`) });
      }
    }
    // The person's own choice wins over the system's.
    await showView(page, 'settings');
    await page.selectOption('#scheme', 'light');
    expect(await page.getAttribute('html', 'data-scheme')).toBe('light');
    const bg = await page.$eval('html', (h) => getComputedStyle(h).backgroundColor);
    expect(bg).toBe('rgb(255, 255, 255)');
    await page.selectOption('#scheme', 'system');
    await page.emulateMedia({ colorScheme: 'light' });
    // Monitoring went on across the tour of every view.
    await showView(page, 'now');
    await page.waitForFunction(() =>
      /^Good posture today: /.test(document.querySelector('#good-today')?.textContent ?? ''),
    );
    await page.waitForFunction(
      (n) => Number(document.querySelector('#status-samples')?.textContent) > n + 10,
      start,
    );
  });

  it('fits a 360-pixel-wide window, and a 1280-pixel one at 200 % zoom, on every view (screenshots)', async () => {
    // At 200 % zoom a 1280-pixel window is 640 CSS pixels wide: nothing may scroll sideways there either.
    await page.setViewportSize({ width: 640, height: 400 });
    for (const view of VIEWS) {
      await showView(page, view);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${view} at 640`,
      ).toBeLessThanOrEqual(640);
    }
    await page.setViewportSize({ width: 360, height: 740 });
    for (const view of VIEWS) {
      await showView(page, view);
      await page.waitForTimeout(300);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, view).toBeLessThanOrEqual(360);
      await page.screenshot({ path: shots(`view-${view}-360`) });
    }
    await showView(page, 'now');
  });

  it('checks the framing again when the camera is another one than calibrated with', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => {
      const neutral = JSON.parse(localStorage.getItem('knotless.neutral') ?? '{}') as {
        camera: { label: string };
      };
      neutral.camera.label = 'Laptop camera (04f2:b6d9)';
      localStorage.setItem('knotless.neutral', JSON.stringify(neutral));
    });
    await page.reload();
    expect(page.url().endsWith('#now')).toBe(true);
    await page.click('#start-camera');
    await page.waitForSelector('#view-setup [data-step="framing"]:not([hidden])', { timeout: 60_000 });
    expect(page.url().endsWith('#setup')).toBe(true);
    expect(await page.textContent('#calibration-status')).toMatch(
      /You calibrated with another camera \(Laptop camera/,
    );
  });
});
