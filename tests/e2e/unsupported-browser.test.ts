import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture';

/**
 * A browser without what knotless needs gets a page that says what is
 * missing and which browsers work, and the app is never started. Here in
 * Chromium and in Firefox, with features removed before the page loads.
 */

const BROWSERS = 'a recent Chrome or Edge (94 or later) or Firefox (130 or later)';

interface Watched {
  page: Page;
  errors: string[];
  workers: string[];
}

describe('a browser without what knotless needs', () => {
  const app = useApp();
  let browser: Promise<Browser> | null = null;

  /** A fresh context's page, with its uncaught errors and workers recorded. */
  async function watchedPage(): Promise<Watched> {
    browser ??= app.launch();
    const page = await (await (await browser).newContext()).newPage();
    const watched: Watched = { page, errors: [], workers: [] };
    page.on('pageerror', (e) => watched.errors.push(e.message));
    page.on('worker', (w) => watched.workers.push(w.url()));
    return watched;
  }

  /** The features the page says are missing, and whether any of the app can still be seen. */
  async function shown(page: Page) {
    return page.evaluate(() => ({
      missing: [...document.querySelectorAll<HTMLElement>('#unsupported-list li')].map((li) => [
        li.dataset.feature,
        li.textContent,
      ]),
      text: document.querySelector('#unsupported')?.textContent?.replace(/\s+/g, ' ') ?? '',
      appSeen: [...document.querySelectorAll<HTMLElement>('nav.views, [data-view]')].some((el) =>
        el.checkVisibility(),
      ),
      // Set by the app's shell once it runs.
      appRan: document.documentElement.dataset.view !== undefined,
    }));
  }

  it('names VideoFrame and OffscreenCanvas when they are missing, and never starts the app', async () => {
    const { page, errors, workers } = await watchedPage();
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      delete w.VideoFrame;
      delete w.OffscreenCanvas;
    });
    await page.goto(app.url);
    await page.waitForSelector('#unsupported:not([hidden])');
    const seen = await shown(page);
    expect(seen.missing).toEqual([
      ['offscreen-canvas', 'drawing pictures in the background (OffscreenCanvas)'],
      ['video-frame', 'video frames (WebCodecs VideoFrame)'],
    ]);
    expect(seen.text).toContain('knotless cannot run in this browser');
    expect(seen.text).toContain(BROWSERS);
    expect(seen.appSeen).toBe(false);
    expect(await page.getAttribute('#unsupported', 'role')).toBe('alert');

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await page.waitForTimeout(500);
    expect((await shown(page)).appRan).toBe(false);
    expect(workers).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('names WebAssembly SIMD when the engine cannot validate a SIMD module', async () => {
    const { page, errors } = await watchedPage();
    await page.addInitScript(() => {
      WebAssembly.validate = () => false;
    });
    await page.goto(app.url);
    await page.waitForSelector('#unsupported:not([hidden])');
    const seen = await shown(page);
    expect(seen.missing).toEqual([['wasm-simd', 'fast WebAssembly for the pose model (WebAssembly SIMD)']]);
    expect(seen.text).toContain(BROWSERS);
    expect(seen.appSeen).toBe(false);
    expect(errors).toEqual([]);
  });

  it('says the same in Firefox, without module workers', async () => {
    const firefox = await app.launchFirefox();
    const page = await (await firefox.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      // A Worker that, like an old engine's, never looks at the type option.
      window.Worker = function () {
        throw new TypeError('no module workers');
      } as unknown as typeof Worker;
    });
    await page.goto(app.url);
    await page.waitForSelector('#unsupported:not([hidden])');
    const seen = await shown(page);
    expect(seen.missing).toEqual([['module-worker', expect.stringMatching(/module workers/i)]]);
    expect(seen.text).toContain(BROWSERS);
    expect(seen.appSeen).toBe(false);
    expect(seen.appRan).toBe(false);
    expect(errors).toEqual([]);
  });

  it('starts the app as before in a browser with it all', async () => {
    const { page, errors } = await watchedPage();
    await page.goto(app.url);
    // A first visit opens the guided setup.
    await page.waitForSelector('[data-view="setup"]:not([hidden])', { timeout: 60_000 });
    const seen = await shown(page);
    expect(seen.appRan).toBe(true);
    expect(seen.appSeen).toBe(true);
    expect(seen.missing).toEqual([]);
    expect(await page.isHidden('#unsupported')).toBe(true);
    expect(await page.isVisible('nav.views')).toBe(true);
    expect(errors).toEqual([]);
  });
});
