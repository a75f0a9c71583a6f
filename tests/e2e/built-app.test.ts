import { cpSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  calibrate,
  sittingClip,
  startCamera,
  storedSeconds,
  storedNeutral,
  useNeutral,
} from '../../scripts/app-session';
import { buildApp, startBuiltServer, tmpDir, showView } from '../../scripts/harness';
import { useApp } from './app-fixture';

/**
 * The built app, served as `npm run preview` serves it: its security policy
 * holds through a whole session and nothing leaves the origin; installed,
 * it starts and monitors with the server gone; a new version is picked up
 * with settings and history kept.
 */

const BUILT = join(tmpDir, 'built');
const ONSET_S = 10;

/** Every request of a context (page, its workers, the service worker), and every policy complaint. */
function watch(context: BrowserContext) {
  const requests: string[] = [];
  const refused: string[] = [];
  const onConsole = (text: string) => {
    if (/Content Security Policy|Permissions policy|Refused to/i.test(text)) refused.push(text);
  };
  context.on('request', (r) => requests.push(r.url()));
  context.on('page', (page) => {
    page.on('console', (m) => onConsole(m.text()));
    page.on('worker', (w) => {
      requests.push(w.url());
      w.on('console', (m) => onConsole(m.text()));
    });
  });
  return { requests, refused };
}

const samples = async (page: Page) => Number(await page.textContent('#status-samples'));

async function samplesGoOn(page: Page): Promise<void> {
  const before = await samples(page);
  await page.waitForFunction(
    (n) => Number(document.querySelector('#status-samples')?.textContent) > n + 2,
    before,
    { timeout: 60_000 },
  );
}

async function offlineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#status-offline')?.textContent === 'yes', null, {
    timeout: 120_000,
  });
}

describe('the built app', () => {
  const app = useApp(async () => {
    await buildApp(BUILT, 'a');
    return startBuiltServer(BUILT);
  });

  it("keeps the page's own JavaScript under 80 kB gzipped (the worker and its models apart)", () => {
    // The page's scripts: the entry in index.html and every chunk it imports, statically or not.
    const assets = join(BUILT, 'assets');
    const entry = /src="\/assets\/([\w.-]+\.js)"/.exec(readFileSync(join(BUILT, 'index.html'), 'utf8'))?.[1];
    expect(entry).toBeDefined();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(assets, file), 'utf8');
      for (const [, name] of text.matchAll(/"\.\/([\w.-]+\.js)"/g)) visit(name!);
    };
    visit(entry!);
    const gz = [...seen].reduce((a, f) => a + gzipSync(readFileSync(join(assets, f))).length, 0);
    expect([...seen].some((f) => f.startsWith('pose.worker'))).toBe(false);
    expect(gz / 1024).toBeLessThan(80);
  });

  it('holds a strict security policy through a whole session, and nothing leaves the origin', async () => {
    // Calibrate sitting upright.
    const upright = await app.launch({ fakeCamera: await sittingClip(false) });
    const a = await upright.newContext();
    const seenA = watch(a);
    const pageA = await a.newPage();
    const response = await pageA.goto(app.url);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("connect-src 'self'");
    expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(headers['permissions-policy']).toMatch(/camera=\(self\).*microphone=\(\)/);
    expect(await pageA.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')).toContain(
      "default-src 'self'",
    );
    await startCamera(pageA);
    expect(await calibrate(pageA)).toMatch(/^Calibrated:/);
    const neutral = await storedNeutral(pageA);

    // Monitor a held lean until the alert, then the chart and an export.
    const leaning = await sittingClip(true);
    const browser = await app.launch({ fakeCamera: leaning });
    const b = await browser.newContext({ acceptDownloads: true });
    const seenB = watch(b);
    const page = await b.newPage();
    await page.goto(app.url);
    await useNeutral(page, neutral, leaning, ONSET_S);
    await startCamera(page);
    await page.waitForSelector('#alert-list li[data-problem="tilt"]', { timeout: 90_000 });
    // A reload flushes history on the way out; the chart section shows it.
    await page.waitForTimeout(3000);
    await page.reload();
    await page.waitForFunction(() =>
      /monitored/i.test(document.querySelector('#history-summary')?.textContent ?? ''),
    );
    expect(await storedSeconds(page)).toBeGreaterThan(ONSET_S);
    await showView(page, 'settings');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    await showView(page, 'now');
    const rows = (await readFile((await csv.path())!, 'utf8')).trim().split('\n');
    expect(rows.length).toBeGreaterThan(1);

    const origin = new URL(app.url).origin;
    const requests = [...seenA.requests, ...seenB.requests];
    expect(requests.some((u) => u.includes('/models/movenet-lightning.bin'))).toBe(true);
    expect(requests.some((u) => u.includes('/models/tfjs-wasm/'))).toBe(true);
    expect(requests.some((u) => /\/assets\/pose\.worker-/.test(u))).toBe(true);
    const foreign = requests.filter(
      (u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin,
    );
    expect(foreign).toEqual([]);
    expect([...seenA.refused, ...seenB.refused]).toEqual([]);
  });

  it('once installed, starts and monitors with the server gone', async () => {
    const server = await startBuiltServer(BUILT);
    const browser = await app.launch({ fakeCamera: await sittingClip(false) });
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await offlineReady(page);
    } finally {
      await server.close();
    }
    await context.setOffline(true);
    // Really off: what the service worker has not cached cannot be fetched.
    expect(
      await page.evaluate(() =>
        fetch(`/not-cached-${Math.random()}`).then(
          () => 'fetched',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    await page.reload();
    expect(await page.textContent('#status-version')).toBe('0.1.0+a');
    await startCamera(page);
    expect(await page.textContent('#status-engine')).toBe('movenet-lightning');
    await samplesGoOn(page);
  });

  it('picks up a new version when the person reloads into it, keeping settings and history, dropping stale model caches', async () => {
    const dir = join(tmpDir, 'built-update');
    rmSync(dir, { recursive: true, force: true });
    cpSync(BUILT, dir, { recursive: true });
    const server = await startBuiltServer(dir);
    try {
      const browser = await app.launch({ fakeCamera: await sittingClip(false) });
      const page = await browser.newPage();
      await page.goto(server.url);
      await offlineReady(page);
      await showView(page, 'now');
      await page.uncheck('#show-preview');
      await startCamera(page);
      await page.waitForTimeout(12_000); // one history flush at least
      const stored = await storedSeconds(page);
      expect(stored).toBeGreaterThan(0);
      // Left by a version with other models: dropped once a version runs the page.
      await page.evaluate(() => caches.open('knotless-models-0123456789ab').then(() => undefined));

      await buildApp(dir, 'b');
      await page.reload(); // the browser looks for a new service worker on navigation
      await page.waitForSelector('#update:not([hidden])', { timeout: 60_000 });
      expect(await page.textContent('#status-version')).toBe('0.1.0+a');
      await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
      await page.waitForFunction(() => document.querySelector('#status-version')?.textContent === '0.1.0+b');
      expect(await page.isChecked('#show-preview')).toBe(false);
      expect(await storedSeconds(page)).toBeGreaterThanOrEqual(stored);
      await expect
        .poll(() => page.evaluate(() => caches.keys()))
        .not.toContain('knotless-models-0123456789ab');
      const cacheNames = await page.evaluate(() => caches.keys());
      expect(cacheNames.filter((name) => name.startsWith('workbox-precache-'))).toHaveLength(1);
      expect(cacheNames.filter((name) => name.startsWith('knotless-models-')).length).toBeLessThanOrEqual(1);
    } finally {
      await server.close();
    }
  });
});
