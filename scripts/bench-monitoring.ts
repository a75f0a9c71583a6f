/**
 * The monitoring part of `npm run bench`: the app itself (index.html) with
 * the fake camera playing a real person sitting still, calibrated, then left
 * to monitor as a person would leave it.
 *
 * - CPU: the browser's own accounting of every Chromium process (browser,
 *   renderer, GPU, capture, utility) through the DevTools protocol
 *   (SystemInfo.getProcessInfo), over the steady minutes, as a share of one
 *   core. It includes the camera capture and decoding the fake camera's file.
 *   Measured three times: with the camera picture shown (the default), then
 *   with "Show the camera picture" off, then also with the frame rate fixed
 *   at the steady one (a still day, whatever the footage does). Then once
 *   more in a fresh browser, with the default settings, on the stillest
 *   stretch of the footage (cap12 11-17.5 s), where most frames are the same
 *   picture as the one before and reuse its pose.
 * - For each stretch, the share of samples whose pose was reused (the model
 *   did not run).
 * - Long tasks on the page's main thread (PerformanceObserver 'longtask').
 * - JS heap (page and pose worker, after a forced GC, through the DevTools
 *   protocol) and the worker's tensor count, at the start and end.
 * - Samples per minute while the page reports itself hidden (emulated, see
 *   page-probes.ts; the frames do not depend on page timers: they flow
 *   camera → worker).
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { calibrate, sittingClip, startCamera, stillClip } from './app-session';
import { launchChromium, showView } from './harness';
import { pageProbes, type ProbeWindow } from './page-probes';
import type { FloorWindow } from './bench/camera-floor-page';

export interface MonitoringResult {
  minutes: number;
  /** Frames a second the fake camera delivers. */
  cameraFps: number;
  cpuPctOfCore: number;
  /** The same, by kind of Chromium process (browser, renderer, gpu, utility...). */
  cpuPctByProcess: Record<string, number>;
  /** The same steady minutes with "Show the camera picture" off (the video element let go of the stream). */
  cpuPctOfCorePictureOff: number;
  cpuPctByProcessPictureOff: Record<string, number>;
  samplesPerMinPictureOff: number;
  /** The same minutes again, picture off, with the rate fixed at the steady one (0.5 frames/s): the cost of a still day. */
  cpuPctOfCoreSteadyRate: number;
  cpuPctByProcessSteadyRate: Record<string, number>;
  samplesPerMinSteadyRate: number;
  /** Share of samples whose pose was reused (a still picture), in each of the three stretches. */
  reusedShare: number;
  reusedSharePictureOff: number;
  reusedShareSteadyRate: number;
  /** Default settings, fresh browser, the footage's stillest stretch; null when not run. */
  still: {
    minutes: number;
    cpuPctOfCore: number;
    cpuPctByProcess: Record<string, number>;
    samplesPerMin: number;
    reusedShare: number;
  } | null;
  longTasks: number;
  heapGrowthMB: number;
  tensorGrowth: number;
  hiddenSamplesPerMin: number;
  samplesPerMin: number;
  hiddenMinutes: number;
  visibilityEmulated: true;
}

/** CPU seconds used so far by each kind of Chromium process. */
async function cpuByType(cdp: CDPSession): Promise<Record<string, number>> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number; cpuTime: number }[];
  };
  const out: Record<string, number> = {};
  for (const p of processInfo) out[p.type] = (out[p.type] ?? 0) + p.cpuTime;
  return out;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const pctOfCore = (cpuS: number, wallS: number) => Math.round((cpuS / wallS) * 1000) / 10;
const byProcess = (a: Record<string, number>, b: Record<string, number>, wallS: number) =>
  Object.fromEntries(Object.keys(b).map((k) => [k, pctOfCore((b[k] ?? 0) - (a[k] ?? 0), wallS)]));

/** Calls a DevTools method inside a worker target, through the browser session. */
async function inTarget<T>(cdp: CDPSession, sessionId: string, method: string): Promise<T> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise<T>((resolve, reject) => {
    const onMessage = (e: { sessionId?: string; message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: T; error?: { message: string } };
      if (m.id !== id) return;
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      if (m.error) reject(new Error(m.error.message));
      else resolve(m.result as T);
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
  });
}

/** JS heap in use by the page and its workers after a GC, MB. */
export async function heapMB(browser: Browser, page: Page): Promise<number> {
  const pageCdp = await page.context().newCDPSession(page);
  await pageCdp.send('HeapProfiler.collectGarbage');
  const { usedSize: pageUsed } = (await pageCdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await pageCdp.detach();
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string }[];
  };
  let workersUsed = 0;
  for (const t of targetInfos.filter((x) => x.type === 'worker')) {
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: t.targetId,
      flatten: false,
    })) as { sessionId: string };
    await inTarget(cdp, sessionId, 'HeapProfiler.collectGarbage');
    workersUsed += (await inTarget<{ usedSize: number }>(cdp, sessionId, 'Runtime.getHeapUsage')).usedSize;
    await cdp.send('Target.detachFromTarget', { sessionId });
  }
  await cdp.detach();
  return (pageUsed + workersUsed) / 2 ** 20;
}

const text = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);

/** The app with the fake camera playing `y4m`: camera started, calibrated, settled into steady monitoring. */
async function openMonitoring(appUrl: string, y4m: string) {
  const browser = await launchChromium({ fakeCamera: y4m });
  try {
    const page = await browser.newPage();
    await page.addInitScript(pageProbes);
    await page.goto(appUrl);
    await startCamera(page, 120_000);
    const outcome = await calibrate(page);
    if (!outcome.startsWith('Calibrated')) throw new Error(`calibration failed: ${outcome}`);
    // Settle into steady monitoring.
    await page.waitForTimeout(20_000);
    await page.waitForFunction(() =>
      /^\d+$/.test(document.querySelector('#status-tensors')?.textContent ?? ''),
    );
    const cdp = await browser.newBrowserCDPSession();
    const count = async (selector: string) => Number(await text(page, selector));
    const samples = () => count('#status-samples');
    /** CPU, samples and reused poses over `ms` of monitoring as the page is set now. */
    const stretch = async (ms: number) => {
      const samples0 = await samples();
      const reused0 = await count('#status-reused');
      const cpu0 = await cpuByType(cdp);
      const t0 = Date.now();
      await page.waitForTimeout(ms);
      const cpu1 = await cpuByType(cdp);
      const wallS = (Date.now() - t0) / 1000;
      const n = (await samples()) - samples0;
      const reused = (await count('#status-reused')) - reused0;
      return {
        wallS,
        cpuPct: pctOfCore(sum(cpu1) - sum(cpu0), wallS),
        byProcess: byProcess(cpu0, cpu1, wallS),
        samplesPerMin: Math.round((n / wallS) * 600) / 10,
        reusedShare: n > 0 ? Math.round((reused / n) * 100) / 100 : 0,
      };
    };
    return { browser, page, cdp, samples, stretch };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/**
 * The camera floor headless: scripts/bench/camera-floor.html (the app's camera,
 * every frame closed in a worker) in a browser of its own, playing `y4m`,
 * for `minutes`: % of a core, every Chromium process.
 */
export async function benchFloorHeadless(appUrl: string, y4m: string, minutes: number): Promise<number> {
  const browser = await launchChromium({ fakeCamera: y4m });
  try {
    const page = await browser.newPage();
    await page.goto(`${appUrl}scripts/bench/camera-floor.html`);
    await page.waitForFunction(
      () => {
        const w = window as unknown as FloorWindow;
        if (w.floorError) throw new Error(w.floorError);
        return w.floorReady;
      },
      null,
      { timeout: 60_000, polling: 1000 },
    );
    await page.waitForTimeout(5000);
    const cdp = await browser.newBrowserCDPSession();
    const cpu0 = await cpuByType(cdp);
    const t0 = Date.now();
    await page.waitForTimeout(minutes * 60_000);
    const cpu1 = await cpuByType(cdp);
    await cdp.detach();
    return pctOfCore(sum(cpu1) - sum(cpu0), (Date.now() - t0) / 1000);
  } finally {
    await browser.close();
  }
}

/** Default settings on the footage's stillest stretch, in a browser of its own. */
async function benchStill(appUrl: string, minutes: number, cameraFps: number) {
  const { browser, cdp, stretch } = await openMonitoring(appUrl, await stillClip(cameraFps));
  try {
    const r = await stretch(minutes * 60_000);
    await cdp.detach();
    return {
      minutes: Math.round((r.wallS / 60) * 100) / 100,
      cpuPctOfCore: r.cpuPct,
      cpuPctByProcess: r.byProcess,
      samplesPerMin: r.samplesPerMin,
      reusedShare: r.reusedShare,
    };
  } finally {
    await browser.close();
  }
}

export async function benchMonitoring(
  appUrl: string,
  minutes: number,
  hiddenMinutes: number,
  cameraFps: number,
  stillMinutes = minutes,
): Promise<MonitoringResult> {
  const stretches = await benchStretches(appUrl, minutes, hiddenMinutes, cameraFps);
  const still = stillMinutes > 0 ? await benchStill(appUrl, stillMinutes, cameraFps) : null;
  return { ...stretches, still };
}

/** The three stretches and the hidden one on the default clip, in one browser. */
async function benchStretches(
  appUrl: string,
  minutes: number,
  hiddenMinutes: number,
  cameraFps: number,
): Promise<Omit<MonitoringResult, 'still'>> {
  const { browser, page, cdp, samples, stretch } = await openMonitoring(
    appUrl,
    await sittingClip(false, cameraFps),
  );
  try {
    const heap0 = await heapMB(browser, page);
    const tensors0 = Number(await text(page, '#status-tensors'));
    const long0 = await page.evaluate(() => (window as unknown as ProbeWindow).__longTasks);
    const shown = await stretch(minutes * 60_000);

    await page.uncheck('#show-preview');
    const off = await stretch(minutes * 60_000);

    // A still day: the rate held at the steady one, whatever the footage does.
    await showView(page, 'settings');
    await page.selectOption('#sampling', '0.5');
    await showView(page, 'now');
    await page.waitForTimeout(5000);
    const steady = await stretch(minutes * 60_000);
    const samples1 = await samples();
    const long1 = await page.evaluate(() => (window as unknown as ProbeWindow).__longTasks);
    await showView(page, 'settings');
    await page.selectOption('#sampling', 'adaptive');
    await showView(page, 'now');
    await page.check('#show-preview');

    // Hidden: the page draws nothing; samples must keep coming.
    await page.evaluate(() => (window as unknown as ProbeWindow).__setHidden(true));
    const h0 = Date.now();
    await page.waitForTimeout(hiddenMinutes * 60_000);
    await page.evaluate(() => (window as unknown as ProbeWindow).__setHidden(false));
    const hiddenS = (Date.now() - h0) / 1000;
    await page.waitForFunction(
      (n) => Number(document.querySelector('#status-samples')?.textContent) > n,
      samples1,
    );
    const samples2 = await samples();
    // The tensor count is refreshed every 5 s while visible.
    await page.waitForTimeout(6000);
    const tensors1 = Number(await text(page, '#status-tensors'));
    const heap1 = await heapMB(browser, page);
    await cdp.detach();
    return {
      minutes: Math.round((shown.wallS / 60) * 100) / 100,
      cameraFps,
      cpuPctOfCore: shown.cpuPct,
      cpuPctByProcess: shown.byProcess,
      cpuPctOfCorePictureOff: off.cpuPct,
      cpuPctByProcessPictureOff: off.byProcess,
      samplesPerMinPictureOff: off.samplesPerMin,
      cpuPctOfCoreSteadyRate: steady.cpuPct,
      cpuPctByProcessSteadyRate: steady.byProcess,
      samplesPerMinSteadyRate: steady.samplesPerMin,
      reusedShare: shown.reusedShare,
      reusedSharePictureOff: off.reusedShare,
      reusedShareSteadyRate: steady.reusedShare,
      longTasks: long1 - long0,
      heapGrowthMB: Math.round((heap1 - heap0) * 100) / 100,
      tensorGrowth: tensors1 - tensors0,
      hiddenSamplesPerMin: Math.round(((samples2 - samples1) / hiddenS) * 600) / 10,
      samplesPerMin: shown.samplesPerMin,
      hiddenMinutes: Math.round((hiddenS / 60) * 100) / 100,
      visibilityEmulated: true,
    };
  } finally {
    await browser.close();
  }
}
