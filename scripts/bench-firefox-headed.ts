/**
 * The headed rows for Firefox (firefox-esr under Xvfb, driven by
 * playwright-core): the camera floor, in view and truly hidden (another tab
 * opened in front, as a link would), then the app in view and hidden, on
 * cap12's stillest stretch. Firefox's fake camera is a synthetic picture,
 * so the footage reaches both pages through the canvas camera
 * (scripts/canvas-camera.ts), whose drawing is part of both: the floor
 * plays the camera in a video element and counts its frames, as the app's
 * page-pull path starts from. CPU is every Firefox process's, from /proc.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { firefox, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { calibrate, sittingClipOptions, startCamera, SITTING_SOURCE } from './app-session';
import { cpuBetween, cpuSnapshot, startXvfb } from './bench-headed';
import { canvasCamera } from './canvas-camera';
import { firefoxLaunch } from './firefox';
import { makeClip } from './harness';

export interface FirefoxStretch {
  cpuPct: number;
  perMin: number;
  minutes: number;
  byProcess: Record<string, number>;
}

export interface FirefoxHeadedResult {
  browser: 'firefox';
  version: string;
  cameraFloorCpuPct: number;
  cameraFloorCpuPctHidden: number;
  cpuPctOfCore: number;
  cpuPctOfCoreHidden: number;
  samplesPerMin: number;
  hiddenSamplesPerMin: number;
  visibilityEmulated: false;
}

const SETTLE_MS = 20_000;
const CAMERA_FPS = 5;

/** The Firefox process this script started (its children are the content and utility processes). */
function firefoxRoot(): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && /firefox/.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))))
        return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error('no Firefox process found under this one');
}

async function measure(root: number, ms: number, count: () => Promise<number>): Promise<FirefoxStretch> {
  const n0 = await count();
  const a = cpuSnapshot(root);
  await sleep(ms);
  const b = cpuSnapshot(root);
  const n1 = await count();
  const { pct, byProcess } = cpuBetween(a, b);
  const minutes = (b.atMs - a.atMs) / 60_000;
  return { cpuPct: pct, perMin: (n1 - n0) / minutes, minutes, byProcess };
}

/** Another tab in front for `ms`, as a link opened in a new tab would be: `page` is truly hidden meanwhile. */
async function behindAnotherTab(page: Page, root: number, ms: number, count: () => Promise<number>) {
  const before = await count();
  const [other] = await Promise.all([
    page.context().waitForEvent('page'),
    page.evaluate(() => void window.open('about:blank', '_blank')),
  ]);
  await page.waitForFunction(() => document.visibilityState === 'hidden');
  const t0 = Date.now();
  const stretch = await measure(root, ms, async () => 0);
  if ((await page.evaluate(() => document.visibilityState)) !== 'hidden')
    throw new Error('the page came back in view');
  await other.close();
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible');
  await sleep(3000);
  return { ...stretch, perMin: ((await count()) - before) / ((Date.now() - t0) / 60_000) };
}

async function openWithCamera(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(canvasCamera, {
    clips: { still: '/__camera/still.webm' },
    first: 'still',
    fps: CAMERA_FPS,
  });
  await page.goto(url);
  return page;
}

const floorFrames = (page: Page) =>
  page.evaluate(() => (window as unknown as { floorFrames(): Promise<number> }).floorFrames());
const samples = async (page: Page) => Number(await page.textContent('#status-samples'));

/** The floor then the app, each in view and hidden, `minutes` a stretch. */
async function rounds(browser: Browser, appUrl: string, minutes: number): Promise<FirefoxHeadedResult> {
  const clip = await makeClip(SITTING_SOURCE, sittingClipOptions(false, CAMERA_FPS), 'webm');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/__camera/*.webm', (route) =>
    route.fulfill({ path: clip, contentType: 'video/webm' }),
  );
  const root = firefoxRoot();
  const ms = minutes * 60_000;
  const floor = await openWithCamera(context, `${appUrl}scripts/bench/camera-floor.html`);
  await floor.waitForFunction(() => (window as unknown as { floorReady: boolean }).floorReady, null, {
    timeout: 60_000,
  });
  await sleep(SETTLE_MS / 2);
  const floorInView = await measure(root, ms, () => floorFrames(floor));
  const floorHidden = await behindAnotherTab(floor, root, ms, () => floorFrames(floor));
  await floor.close();
  const app = await openWithCamera(context, `${appUrl}#now`);
  await startCamera(app, 120_000);
  const outcome = await calibrate(app);
  if (!outcome.startsWith('Calibrated')) throw new Error(`Firefox: calibration failed: ${outcome}`);
  await sleep(SETTLE_MS);
  const appInView = await measure(root, ms, () => samples(app));
  const appHidden = await behindAnotherTab(app, root, ms, () => samples(app));
  await context.close();
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return {
    browser: 'firefox',
    version: browser.version(),
    cameraFloorCpuPct: r1(floorInView.cpuPct),
    cameraFloorCpuPctHidden: r1(floorHidden.cpuPct),
    cpuPctOfCore: r1(appInView.cpuPct),
    cpuPctOfCoreHidden: r1(appHidden.cpuPct),
    samplesPerMin: r1(appInView.perMin),
    hiddenSamplesPerMin: r1(appHidden.perMin),
    visibilityEmulated: false,
  };
}

/** Firefox headed under Xvfb: the floor and the app, in view and truly hidden. */
export async function benchFirefoxHeaded(appUrl: string, minutes: number): Promise<FirefoxHeadedResult> {
  const xvfb = await startXvfb();
  try {
    const browser = await firefox.launch({
      ...firefoxLaunch,
      headless: false,
      env: { ...process.env, DISPLAY: xvfb.display },
    });
    try {
      return await rounds(browser, appUrl, minutes);
    } finally {
      await browser.close();
    }
  } finally {
    await xvfb.stop();
  }
}
