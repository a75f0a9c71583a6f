/**
 * The app's CPU against the camera's alone ("camera floor"), in a headed
 * Chromium under Xvfb driven by puppeteer-core, with the page in view and
 * truly hidden behind another tab. Headless Chromium (and Playwright, which
 * keeps every page visible) cannot hide a page; bench-monitoring.ts emulates
 * it instead, which leaves out the browser's own handling of background tabs.
 *
 * - Camera floor: scripts/bench/camera-floor.html opens the camera as the app
 *   does and closes every frame in a worker. Its CPU is what the camera and
 *   the fake camera's file cost before the app does anything with a frame.
 * - The app: index.html, camera started, calibrated, settled, default
 *   settings (the camera picture shown).
 * - CPU: utime + stime from /proc of the browser process and all its
 *   descendants (renderers, GPU, utility processes), over each stretch, as a
 *   share of one core. Xvfb and this script are not counted.
 * - Hidden: a blank tab brought to the front; the page's
 *   document.visibilityState is checked, not assumed.
 *
 * The floor and the app never run at the same time. Each round measures, in
 * order: the floor in view, the floor hidden, the app in view, the app
 * hidden; so a noisy spell on the machine falls on both.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath, fakeCameraArgs } from './chromium';
import type { FloorWindow } from './bench/camera-floor-page';

export interface HeadedStretch {
  cpuPct: number;
  samplesPerMin: number | null;
  framesPerMin: number | null;
  minutes: number;
  byProcess: Record<string, number>;
  /**
   * By thread, as `kind/thread name` (e.g. `renderer/CrRendererMain` the
   * page's main thread, `renderer/DedicatedWorker thread` the workers,
   * `renderer/Compositor`, `gpu-process/VizCompositorThread`,
   * `utility:video_capture/CaptureThread`); threads under 0.05 % left out.
   */
  byThread: Record<string, number>;
}

export interface HeadedResult {
  /** Mean of the floor's in-view stretches. */
  cameraFloorCpuPct: number;
  /** Mean of the preview floor's (the camera picture shown at the Now view's size as well) in-view stretches. */
  previewFloorCpuPct: number;
  /** The app in view with the camera picture off, mean. */
  cpuPctOfCorePictureOff: number;
  /** Mean of the floor's hidden stretches. */
  cameraFloorCpuPctHidden: number;
  /** The app, in view, camera picture shown (default settings), mean of its stretches. */
  cpuPctOfCore: number;
  /** The app truly hidden, mean. */
  cpuPctOfCoreHidden: number;
  /** App in view. */
  samplesPerMin: number;
  /** App hidden. */
  hiddenSamplesPerMin: number;
  rounds: {
    floorInView: HeadedStretch;
    appInView: HeadedStretch;
    floorHidden: HeadedStretch;
    appHidden: HeadedStretch;
    previewFloorInView: HeadedStretch;
    appInViewPictureOff: HeadedStretch;
  }[];
  visibilityEmulated: false;
}

const WIDTH = 1280;
const HEIGHT = 800;
/** The app's steady monitoring starts this long after calibrating. */
export const APP_SETTLE_MS = 20_000;
/** The floor page has nothing to settle but the camera starting. */
const FLOOR_SETTLE_MS = 10_000;
/** After a page goes to the back (the blank tab's process starting, the page stopping its drawing). */
const HIDDEN_SETTLE_MS = 5_000;
/** After a page closes, for its processes to exit. */
const CLOSED_SETTLE_MS = 3_000;

/** Puppeteer's defaults that keep a background tab running as a foreground one: left out, so hiding is real. */
const KEEP_BACKGROUND_AWAKE = [
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// ---------------------------------------------------------------- Xvfb

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** An X server of its own on the first free display from :99 down. */
export async function startXvfb(): Promise<{ display: string; stop(): Promise<void> }> {
  for (let n = 99; n >= 80; n--) {
    const socket = `/tmp/.X11-unix/X${n}`;
    if (existsSync(socket) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const proc = spawn('Xvfb', [`:${n}`, '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp'], {
      stdio: 'ignore',
    });
    let failed: Error | null = null;
    proc.once('error', (err) => (failed = err));
    const deadline = Date.now() + 10_000;
    while (!existsSync(socket) && !failed && proc.exitCode === null && Date.now() < deadline) {
      await sleep(50);
    }
    if (failed) throw new Error(`Xvfb could not start: ${(failed as Error).message}`);
    if (existsSync(socket) && proc.exitCode === null) {
      return { display: `:${n}`, stop: () => stopProcess(proc) };
    }
    // Taken meanwhile, or too slow: the next display.
    await stopProcess(proc);
  }
  throw new Error('no free X display between :80 and :99 for Xvfb');
}

// ---------------------------------------------------------------- CPU from /proc

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcStat {
  ppid: number;
  /** utime + stime, clock ticks. */
  ticks: number;
  /** Ticks after boot at which it started: a pid reused by a new process has another. */
  start: string;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone
  }
  // The command name (field 2) is in parentheses and may hold spaces: the fields after it.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), start: f[19] ?? '' };
}

/** Chromium's kind of process from its command line: browser, renderer, gpu-process, utility:network... */
function processType(pid: number, root: number): string {
  let args: string[];
  try {
    // Chromium rewrites its children's command lines into one string, arguments separated by spaces.
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return 'gone';
  }
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const type = flag('type');
  if (!type) return pid === root ? 'browser' : basename(args[0] ?? 'unknown');
  const sub = type === 'utility' ? flag('utility-sub-type') : undefined;
  return sub ? `${type}:${sub.replace(/\.mojom\.\w+$/, '')}` : type;
}

interface CpuSnapshot {
  atMs: number;
  /** By `${pid}:${start}`: its kind and ticks so far. */
  processes: Map<string, { type: string; ticks: number }>;
  /** By `${pid}:${start}:${tid}`: `kind/thread name` and ticks so far. */
  threads: Map<string, { name: string; ticks: number }>;
}

/** Each thread of `pid`: its name (numbers at the end dropped, so that pools add up) and ticks so far. */
function threadsOf(pid: number): { tid: string; name: string; ticks: number }[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: { tid: string; name: string; ticks: number }[] = [];
  for (const tid of tids) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')).replace(/\d+$/, '');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.push({ tid, name, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** The CPU so far of `root` and every process under it (walked afresh: processes come and go). */
export function cpuSnapshot(root: number): CpuSnapshot {
  const children = new Map<number, number[]>();
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = readStat(pid);
    if (!stat) continue;
    stats.set(pid, stat);
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(pid);
    children.set(stat.ppid, siblings);
  }
  const processes = new Map<string, { type: string; ticks: number }>();
  const threads = new Map<string, { name: string; ticks: number }>();
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    const stat = stats.get(pid);
    if (!stat) continue;
    const type = processType(pid, root);
    processes.set(`${pid}:${stat.start}`, { type, ticks: stat.ticks });
    for (const t of threadsOf(pid)) {
      threads.set(`${pid}:${stat.start}:${t.tid}`, { name: `${type}/${t.name}`, ticks: t.ticks });
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return { atMs: performance.now(), processes, threads };
}

/**
 * CPU between two snapshots as a share of one core, in all and by kind of
 * process. A process that started in between counts from zero; one that
 * ended in between is lost for the part it ran after the first.
 */
export function cpuBetween(
  a: CpuSnapshot,
  b: CpuSnapshot,
): { pct: number; byProcess: Record<string, number>; byThread: Record<string, number> } {
  const wallS = (b.atMs - a.atMs) / 1000;
  const byTicks: Record<string, number> = {};
  for (const [key, p] of b.processes) {
    byTicks[p.type] = (byTicks[p.type] ?? 0) + p.ticks - (a.processes.get(key)?.ticks ?? 0);
  }
  const pct = (ticks: number) => (100 * ticks) / CLOCK_TICKS / wallS;
  const byProcess = Object.fromEntries(
    Object.entries(byTicks)
      .sort(([, x], [, y]) => y - x)
      .map(([type, ticks]) => [type, round1(pct(ticks))]),
  );
  const threadTicks: Record<string, number> = {};
  for (const [key, t] of b.threads) {
    threadTicks[t.name] = (threadTicks[t.name] ?? 0) + t.ticks - (a.threads.get(key)?.ticks ?? 0);
  }
  const byThread = Object.fromEntries(
    Object.entries(threadTicks)
      .map(([name, ticks]) => [name, round2(pct(ticks))] as const)
      .filter(([, p]) => p >= 0.05)
      .sort(([, x], [, y]) => y - x),
  );
  return { pct: pct(Object.values(byTicks).reduce((x, y) => x + y, 0)), byProcess, byThread };
}

// ---------------------------------------------------------------- pages

/** A stretch's numbers before rounding. */
export interface Measured {
  cpuPct: number;
  perMin: number;
  minutes: number;
  byProcess: Record<string, number>;
  byThread: Record<string, number>;
}

const stretchOf = (m: Measured, counts: 'samples' | 'frames'): HeadedStretch => ({
  cpuPct: round1(m.cpuPct),
  samplesPerMin: counts === 'samples' ? round1(m.perMin) : null,
  framesPerMin: counts === 'frames' ? round1(m.perMin) : null,
  minutes: round2(m.minutes),
  byProcess: m.byProcess,
  byThread: m.byThread,
});

export function rootPid(browser: Browser): number {
  const pid = browser.process()?.pid;
  if (pid === undefined) throw new Error('no browser process (it was not launched by puppeteer)');
  return pid;
}

/** CPU over `ms` from now, and how far `count` moved meanwhile (null: not counted). */
export async function measure(
  browser: Browser,
  ms: number,
  count: (() => Promise<number>) | null,
): Promise<Measured & { counted: number | null }> {
  const root = rootPid(browser);
  const n0 = count ? await count() : 0;
  const cpu0 = cpuSnapshot(root);
  await sleep(ms);
  const cpu1 = cpuSnapshot(root);
  const n1 = count ? await count() : 0;
  const { pct, byProcess, byThread } = cpuBetween(cpu0, cpu1);
  const minutes = (cpu1.atMs - cpu0.atMs) / 60_000;
  return {
    cpuPct: pct,
    perMin: (n1 - n0) / minutes,
    minutes,
    byProcess,
    byThread,
    counted: count ? n1 - n0 : null,
  };
}

async function expectVisibility(page: Page, state: DocumentVisibilityState, what: string): Promise<void> {
  // Polled from here: a hidden page's own timers run late.
  const deadline = Date.now() + 10_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await page.evaluate(() => document.visibilityState);
    if (seen === state) return;
    await sleep(100);
  }
  throw new Error(`${what}: document.visibilityState is '${seen}', expected '${state}'`);
}

/** Puts a blank tab in front of `page`; returns the blank tab. */
export async function hide(browser: Browser, page: Page, what: string): Promise<Page> {
  const blank = await browser.newPage();
  await blank.bringToFront();
  await expectVisibility(page, 'hidden', what);
  return blank;
}

/** Closes the blank tab and brings `page` back in front. */
export async function show(page: Page, blank: Page, what: string): Promise<void> {
  await blank.close();
  await page.bringToFront();
  await expectVisibility(page, 'visible', what);
}

/** A new tab in front on `url`; `init` runs in the page before its own scripts (each self-contained). */
async function openPage(browser: Browser, url: string, init: (() => void)[] = []): Promise<Page> {
  const page = await browser.newPage();
  for (const script of init) await page.evaluateOnNewDocument(script);
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`[page] ${m.text()}`);
  });
  page.on('pageerror', (err) => console.error(`[page] ${String(err)}`));
  await page.bringToFront();
  await page.goto(url);
  return page;
}

/** The camera floor page, in view then hidden (the preview floor: in view only); closed afterwards. */
export async function benchFloor(browser: Browser, appUrl: string, ms: number, preview = false) {
  const page = await openPage(
    browser,
    `${appUrl}scripts/bench/camera-floor.html${preview ? '?preview' : ''}`,
  );
  try {
    const started = await page.waitForFunction(
      () => {
        const w = window as unknown as FloorWindow;
        return w.floorReady || w.floorError !== undefined ? (w.floorError ?? 'ok') : null;
      },
      { timeout: 30_000, polling: 200 },
    );
    const outcome = (await started.jsonValue()) as string;
    if (outcome !== 'ok') throw new Error(`camera floor page: ${outcome}`);
    const frames = () => page.evaluate(() => (window as unknown as FloorWindow).floorFrames());
    await sleep(FLOOR_SETTLE_MS);
    await expectVisibility(page, 'visible', 'camera floor in view');
    const inView = await measure(browser, ms, frames);
    if (preview) return { inView, hidden: null };

    const blank = await hide(browser, page, 'camera floor hidden');
    await sleep(HIDDEN_SETTLE_MS);
    const hidden = await measure(browser, ms, frames);
    await expectVisibility(page, 'hidden', 'camera floor hidden (after the stretch)');
    await show(page, blank, 'camera floor back in view');
    return { inView, hidden };
  } finally {
    await page.close();
    await sleep(CLOSED_SETTLE_MS);
  }
}

/** What the app's page shows of its loop, for error messages. */
const pageState = (page: Page) =>
  page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent?.trim().slice(0, 100) ?? null;
    return {
      visibility: document.visibilityState,
      hash: location.hash,
      samples: text('status-samples'),
      fps: text('status-fps'),
      sampling: text('status-sampling'),
      message: text('message'),
      calibration: text('calibration-status'),
    };
  });

const samplesShown = async (page: Page): Promise<number> => {
  const text = await page.evaluate(() => document.querySelector('#status-samples')?.textContent ?? '');
  if (!/^\d+$/.test(text)) throw new Error(`#status-samples reads '${text}', not a count`);
  return Number(text);
};

/** The app's page with the camera started, calibrated (from its stored neutral or afresh), settled. */
export async function openApp(
  browser: Browser,
  appUrl: string,
  init: (() => void)[] = [],
): Promise<{ page: Page; calibrated: string }> {
  const page = await openPage(browser, `${appUrl}#now`, init);
  try {
    await page.waitForSelector('[data-view="now"]:not([hidden])');
    await page.click('#start-camera');
    await page.waitForFunction(() => !(document.querySelector('#calibrate') as HTMLButtonElement).disabled, {
      timeout: 120_000,
      polling: 200,
    });
    // A camera other than the one calibrated with sends the page to the guided setup.
    await page.evaluate(() => {
      if (location.hash !== '#now') location.hash = '#now';
    });
    await page.waitForSelector('[data-view="now"]:not([hidden])');
    const stored = await page
      .waitForSelector('#metrics[data-calibrated="true"]', { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    let calibrated = 'stored neutral';
    if (!stored) {
      await page.click('#calibrate');
      // The footage cannot make the guided moves that follow the still part: they are skipped.
      await page.waitForSelector('#calibration-guided:not([hidden])', { timeout: 90_000 });
      await page.click('#calibration-guided-skip');
      const outcome = await page.waitForFunction(
        () => {
          const text = document.querySelector('#calibration-status')?.textContent ?? '';
          return /^(Calibrated|Not calibrated:)/.test(text) ? text : null;
        },
        { timeout: 90_000, polling: 200 },
      );
      calibrated = ((await outcome.jsonValue()) as string).trim();
      if (!calibrated.startsWith('Calibrated')) throw new Error(`calibration failed: ${calibrated}`);
    }
    await page.waitForSelector('#metrics[data-calibrated="true"]', { timeout: 10_000 });
    return { page, calibrated };
  } catch (err) {
    await page.close();
    throw err;
  }
}

/** The app in view then hidden, on a page of its own; closed afterwards. */
async function benchApp(browser: Browser, appUrl: string, ms: number) {
  const { page, calibrated } = await openApp(browser, appUrl);
  try {
    await sleep(APP_SETTLE_MS);
    await expectVisibility(page, 'visible', 'app in view');
    const inView = await measure(browser, ms, () => samplesShown(page));
    await page.click('#show-preview');
    await sleep(HIDDEN_SETTLE_MS);
    const pictureOff = await measure(browser, ms, () => samplesShown(page));
    await page.click('#show-preview');
    await sleep(HIDDEN_SETTLE_MS);

    // The count is written only while the page is seen: it is read before hiding and again once
    // back in view, so the rate covers the whole time away, the settling and the wait to refresh included.
    const before = await samplesShown(page);
    const t0 = performance.now();
    const blank = await hide(browser, page, 'app hidden');
    await sleep(HIDDEN_SETTLE_MS);
    const hiddenFrom = await samplesShown(page);
    const hidden = await measure(browser, ms, null);
    const hiddenTo = await samplesShown(page);
    await expectVisibility(page, 'hidden', 'app hidden (after the stretch)');
    await show(page, blank, 'app back in view');
    await page
      .waitForFunction(
        (n) => Number(document.querySelector('#status-samples')?.textContent) > n,
        { timeout: 60_000, polling: 100 },
        hiddenTo,
      )
      .catch(async (err: unknown) => {
        throw new Error(`no new sample back in view (page: ${JSON.stringify(await pageState(page))})`, {
          cause: err,
        });
      });
    const after = await samplesShown(page);
    const awayMin = (performance.now() - t0) / 60_000;
    return {
      calibrated,
      inView,
      pictureOff,
      hidden: { ...hidden, perMin: (after - before) / awayMin },
      /** Whether #status-samples moved while the page was hidden. */
      countedWhileHidden: hiddenTo !== hiddenFrom,
    };
  } finally {
    await page.close();
    await sleep(CLOSED_SETTLE_MS);
  }
}

// ---------------------------------------------------------------- the bench

interface Round {
  floorInView: Measured;
  floorHidden: Measured;
  previewFloorInView: Measured;
  appInView: Measured;
  appInViewPictureOff: Measured;
  appHidden: Measured;
}

/** One round: the camera floor in view and hidden, the preview floor in view, then the app in view (picture on, then off) and hidden. */
async function benchRound(browser: Browser, appUrl: string, ms: number, label: string): Promise<Round> {
  const report = (what: string, m: Measured, unit: string) =>
    console.log(
      `headed round ${label}, ${what}: ${round1(m.cpuPct)}% of a core over ${round2(m.minutes)} min, ${round1(m.perMin)} ${unit}/min`,
    );
  const floor = await benchFloor(browser, appUrl, ms);
  report('camera floor in view', floor.inView, 'frames');
  if (floor.hidden) report('camera floor hidden', floor.hidden, 'frames');
  const preview = await benchFloor(browser, appUrl, ms, true);
  report('preview floor (camera picture shown) in view', preview.inView, 'frames');
  const app = await benchApp(browser, appUrl, ms);
  console.log(`headed round ${label}, app calibrated: ${app.calibrated}`);
  report('app in view', app.inView, 'samples');
  report('app in view, picture off', app.pictureOff, 'samples');
  report('app hidden', app.hidden, 'samples');
  console.log(
    `headed round ${label}, #status-samples ${app.countedWhileHidden ? 'was' : 'was not'} updated while hidden`,
  );
  if (!floor.hidden) throw new Error('the camera floor was not measured hidden');
  return {
    floorInView: floor.inView,
    floorHidden: floor.hidden,
    previewFloorInView: preview.inView,
    appInView: app.inView,
    appInViewPictureOff: app.pictureOff,
    appHidden: app.hidden,
  };
}

/** The rounds' means, and each round's stretches. */
function headedResult(measured: Round[]): HeadedResult {
  const meanOf = (pick: (m: Round) => number) => round1(mean(measured.map(pick)));
  return {
    cameraFloorCpuPct: meanOf((m) => m.floorInView.cpuPct),
    previewFloorCpuPct: meanOf((m) => m.previewFloorInView.cpuPct),
    cameraFloorCpuPctHidden: meanOf((m) => m.floorHidden.cpuPct),
    cpuPctOfCore: meanOf((m) => m.appInView.cpuPct),
    cpuPctOfCorePictureOff: meanOf((m) => m.appInViewPictureOff.cpuPct),
    cpuPctOfCoreHidden: meanOf((m) => m.appHidden.cpuPct),
    samplesPerMin: meanOf((m) => m.appInView.perMin),
    hiddenSamplesPerMin: meanOf((m) => m.appHidden.perMin),
    rounds: measured.map((m) => ({
      floorInView: stretchOf(m.floorInView, 'frames'),
      appInView: stretchOf(m.appInView, 'samples'),
      floorHidden: stretchOf(m.floorHidden, 'frames'),
      appHidden: stretchOf(m.appHidden, 'samples'),
      previewFloorInView: stretchOf(m.previewFloorInView, 'frames'),
      appInViewPictureOff: stretchOf(m.appInViewPictureOff, 'samples'),
    })),
    visibilityEmulated: false,
  };
}

/** A headed Chromium on `display` whose camera plays `y4m`, its background tabs left to the browser's own handling. */
export function launchHeaded(y4m: string, display: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath,
    headless: false,
    defaultViewport: null,
    args: [
      ...chromiumArgs.filter((a) => !a.startsWith('--headless')),
      `--window-size=${WIDTH},${HEIGHT}`,
      ...fakeCameraArgs(y4m),
    ],
    ignoreDefaultArgs: KEEP_BACKGROUND_AWAKE,
    env: { ...process.env, DISPLAY: display },
  });
}

/**
 * `rounds` times: the camera floor in view, hidden, the preview floor in
 * view, then the app in view (picture on, then off), hidden; `minutes` each, in one headed browser playing `y4m` as its camera.
 * `appUrl` is the app server's base URL (ending in /).
 */
export async function benchHeaded(
  appUrl: string,
  y4m: string,
  minutes: number,
  rounds = 2,
): Promise<HeadedResult> {
  const ms = minutes * 60_000;
  const xvfb = await startXvfb();
  try {
    const browser = await launchHeaded(y4m, xvfb.display);
    try {
      const measured: Round[] = [];
      for (let r = 1; r <= rounds; r++)
        measured.push(await benchRound(browser, appUrl, ms, `${r}/${rounds}`));
      return headedResult(measured);
    } finally {
      await browser.close();
    }
  } finally {
    await xvfb.stop();
  }
}
