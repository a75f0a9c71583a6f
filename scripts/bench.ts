/**
 * `npm run bench`: the real pipeline in headless Chromium on a real frame,
 * every engine on every backend this machine has, against the naive
 * reference path, in one run; then the same per-frame runs in headless
 * Firefox, against its own baseline (skipped, with the reason, when Firefox
 * is missing or fails). Prints a table per browser, then (last line) one
 * JSON object: an interface, extended, never renamed.
 */
import type { EngineBench, BenchRequest, Footage } from './bench/bench-page';
import type { BackendChoice, EngineName } from '../src/core/pose';
import { isSoftwareRenderer } from '../workers/engine/backend-order';
import { launchChromium, startAppServer } from './harness';
import { firefoxLaunch, firefoxPath } from './firefox';
import { firefox, type Browser, type Page } from 'playwright-core';
import { benchFloorHeadless, benchMonitoring, heapMB, type MonitoringResult } from './bench-monitoring';
import { benchHeaded, type HeadedResult } from './bench-headed';
import { benchWorkHour, type WorkHourResult } from './bench-work-hour';
import { benchFirefoxHeaded, type FirefoxHeadedResult } from './bench-firefox-headed';
import { sittingClip, stillClip } from './app-session';
import { existsSync } from 'node:fs';
import type { HistoryBench } from './bench/history-bench-page';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 120);
/** Minutes of steady monitoring measured in the app (0 skips it), and minutes of it hidden. */
const MONITOR_MINUTES = Number(process.env.BENCH_MONITOR_MINUTES ?? 1);
const HIDDEN_MINUTES = Number(process.env.BENCH_HIDDEN_MINUTES ?? 1);
/**
 * Frames a second the fake camera delivers while monitoring. Chromium's
 * file-backed fake camera keeps to its file's rate whatever the page asks;
 * a webcam asked for 1-2 frames a second opens at its slowest mode, 5 a
 * second on common ones, so the file plays at 5.
 */
const CAMERA_FPS = Number(process.env.BENCH_CAMERA_FPS ?? 5);
/** Minutes of the still-footage stretch (default settings, cap12's stillest seconds); 0 skips it. */
const STILL_MINUTES = Number(process.env.BENCH_STILL_MINUTES ?? MONITOR_MINUTES);
/**
 * Minutes of each stretch of the headed run (Chromium under Xvfb: the
 * camera floor and the app, in view and truly hidden, in turns,
 * BENCH_HEADED_ROUNDS times);
 * 0 skips it.
 */
const HEADED_MINUTES = Number(process.env.BENCH_HEADED_MINUTES ?? MONITOR_MINUTES);
/** Rounds of the headed run (each measures every floor and the app in turn). */
const HEADED_ROUNDS = Number(process.env.BENCH_HEADED_ROUNDS ?? 1);
/**
 * The working hour (scripts/work-hour.ts) played three times headed (in
 * view, picture off, hidden): how far its non-held segments are stretched
 * (1: about ten minutes a pass; the default, 0.25, about five, the held
 * postures keeping their minute); 0 skips it.
 */
const WORK_HOUR_SCALE = Number(process.env.BENCH_WORK_HOUR_SCALE ?? 0.25);
/** Frames in the soak run (tensors and heap must stay flat). */
const SOAK_FRAMES = Number(process.env.BENCH_SOAK_FRAMES ?? 10_000);
/** Days of synthetic per-minute history (1440 minutes each) for the history bench (0 skips it). */
const HISTORY_DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 365);
const WARMUP = 10;
/** cap12's moving stretch (a person shifting, turning, nodding, coming nearer), two samples a second. */
const MOVING: Footage = { fromS: 18, toS: 48, fps: 2 };
const ENGINES: EngineName[] = ['movenet-lightning', 'movenet-thunder', 'blazepose-lite', 'blazepose-full'];

/** a / b to two decimals; null when either is missing or b is 0. */
const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100;

const isSoftware = (renderer: string | null): boolean => renderer === null || isSoftwareRenderer(renderer);

type BrowserName = 'chromium' | 'firefox';

/** The page's WebGL renderer, and the backends benched there: webgl only on a real GPU. */
async function pageBackends(
  page: Page,
): Promise<{ renderer: string | null; backends: BackendChoice[]; skipped: string[] }> {
  const renderer = await page.evaluate(() =>
    (window as unknown as { webglRenderer(): string | null }).webglRenderer(),
  );
  return isSoftware(renderer)
    ? {
        renderer,
        backends: ['wasm'],
        skipped: [
          renderer === null
            ? 'webgl: not available (not benched)'
            : `webgl: ${renderer} (software only, not benched)`,
        ],
      }
    : { renderer, backends: ['wasm', 'webgl'], skipped: [] };
}

/** Every engine on the given backends, the two every-frame Lightning runs, and the baseline. */
function perFrameRuns(backends: BackendChoice[]): BenchRequest['runs'] {
  return [
    ...backends.flatMap((backend) => [
      // The default engine as the app runs it: the head tracker holds the pose while the head stays put.
      ...ENGINES.map((engine) => ({ engine, backend })),
      // Lightning with its model run on every frame, at its default size and at the size it was exported with.
      { engine: 'movenet-lightning' as const, backend, trackHeadMs: 0 },
      { engine: 'movenet-lightning' as const, backend, inputPx: 192, trackHeadMs: 0 },
    ]),
    { engine: 'baseline' as const, backend: 'wasm' as const },
  ];
}

interface PerFrame {
  browser: BrowserName;
  version: string;
  renderer: string | null;
  baseline: EngineBench | undefined;
  engines: EngineBench[];
  /** The same engines on moving footage, per sample, and their naive row. */
  moving: { baseline: EngineBench | undefined; engines: EngineBench[] };
}

/** A new page on the bench page, ready to run. */
async function openBenchPage(browser: Browser, url: string, name: BrowserName): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`[${name === 'chromium' ? 'page' : `${name} page`}] ${m.text()}`);
  });
  await page.goto(`${url}scripts/bench/bench.html`);
  await page.waitForFunction(() => 'benchReady' in window);
  return page;
}

/** One table of per-frame rows; `meanToo`: the mean's ratio to the baseline's mean as well. */
function printTable(results: EngineBench[], meanToo: boolean): EngineBench | undefined {
  const baseline = results.find((r) => r.engine === 'baseline');
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log(
    `engine                     backend thr  loadMs firstMs medianMs  p95Ms  meanMs   prep  infer worker  held%  vs baseline${meanToo ? ' (mean vs mean)' : ''}`,
  );
  for (const r of results) {
    const ratio = baseline ? (r.medianMs / baseline.medianMs).toFixed(2) : '-';
    const meanRatio = baseline && meanToo ? ` (${(r.meanMs / baseline.meanMs).toFixed(2)})` : '';
    const label = r.engine + (r.inputPx ? `@${r.inputPx}` : '') + (r.headTracker ? '+head' : '');
    console.log(
      `${label.padEnd(26)} ${r.backend.padEnd(7)} ${String(r.threads).padStart(3)}${fmt(r.loadMs)} ${fmt(r.firstMs)} ${fmt(r.medianMs)}${fmt(r.p95Ms)}${fmt(r.meanMs)}${fmt(r.prepMedianMs)}${fmt(r.inferenceMedianMs)}${fmt(r.workerMedianMs)}${fmt(r.heldShare * 100)}    ${ratio}${meanRatio}`,
    );
  }
  return baseline;
}

const runBench = (page: Page, request: BenchRequest) =>
  page.evaluate(
    (req) => (window as unknown as { runBench(r: BenchRequest): Promise<EngineBench[]> }).runBench(req),
    request,
  );

/** Runs the per-frame requests (the still photo, then the moving footage) on the bench page and prints their tables under `heading`. */
async function perFrame(browser: Browser, page: Page, name: BrowserName, heading: string): Promise<PerFrame> {
  const { renderer, backends, skipped } = await pageBackends(page);
  const runs = perFrameRuns(backends);
  const results = await runBench(page, { runs, frames: FRAMES, warmup: WARMUP });
  console.log(heading);
  for (const s of skipped) console.log(`skipped ${s}`);
  const baseline = printTable(results, false);
  const moving = await runBench(page, { runs, frames: FRAMES, warmup: WARMUP, footage: MOVING });
  console.log(
    `the same on moving footage (cap12, ${MOVING.fromS}-${MOVING.toS} s at ${MOVING.fps} samples/s, stamped at their own times; still-picture reuse on, as the app runs):`,
  );
  const movingBaseline = printTable(moving, true);
  const notBaseline = (r: EngineBench) => r.engine !== 'baseline';
  return {
    browser: name,
    version: browser.version(),
    renderer,
    baseline,
    engines: results.filter(notBaseline),
    moving: { baseline: movingBaseline, engines: moving.filter(notBaseline) },
  };
}

/** The same per-frame runs in headless Firefox; the reason instead when it cannot run them. */
async function perFrameFirefox(url: string, timeoutMs: number): Promise<PerFrame | string> {
  if (!existsSync(firefoxPath))
    return `not installed at ${firefoxPath} (Debian package firefox-esr, or set FIREFOX_PATH)`;
  let browser: Browser | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    browser = await firefox.launch(firefoxLaunch);
    const b = browser;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no result after ${Math.round(timeoutMs / 1000)} s`)),
        timeoutMs,
      );
    });
    const run = async () =>
      perFrame(b, await openBenchPage(b, url, 'firefox'), 'firefox', `Firefox ${b.version()}, headless:`);
    return await Promise.race([run(), timedOut]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return `${browser ? 'failed' : 'launch failed'}: ${message.split('\n')[0]}`;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
  }
}

/** One per-frame row of the JSON, its ratio to its own browser's baseline. */
const round = (n: number) => Math.round(n * 10) / 10;
const engineRow = (r: EngineBench, run: PerFrame) => ({
  browser: run.browser,
  footage: 'still',
  engine: r.engine,
  backend: r.backend,
  threads: r.threads,
  inputPx: r.inputPx,
  headTracker: r.headTracker,
  heldShare: Math.round(r.heldShare * 100) / 100,
  meanMs: round(r.meanMs),
  loadMs: round(r.loadMs),
  firstMs: round(r.firstMs),
  medianMs: round(r.medianMs),
  p95Ms: round(r.p95Ms),
  outsideInferencePct: round(r.outsideInferencePct),
  prepMedianMs: round(r.prepMedianMs),
  inferenceMedianMs: round(r.inferenceMedianMs),
  workerMedianMs: round(r.workerMedianMs),
  ratioToBaseline: run.baseline ? Math.round((r.medianMs / run.baseline.medianMs) * 1000) / 1000 : null,
  tensorGrowth: r.tensorGrowth,
});
/** A row on the moving footage: its ratios (median and mean) to the naive pipeline on the same frames. */
const movingRow = (r: EngineBench, run: PerFrame) => {
  const base = run.moving.baseline;
  return {
    ...engineRow(r, run),
    footage: 'moving',
    ratioToBaseline: base ? Math.round((r.medianMs / base.medianMs) * 1000) / 1000 : null,
    meanRatioToBaseline: base ? Math.round((r.meanMs / base.meanMs) * 1000) / 1000 : null,
  };
};
const movingBaseline = (run: PerFrame) =>
  run.moving.baseline
    ? {
        engine: 'pose-detection movenet lightning, full frame',
        backend: run.moving.baseline.backend,
        medianMs: round(run.moving.baseline.medianMs),
        meanMs: round(run.moving.baseline.meanMs),
        p95Ms: round(run.moving.baseline.p95Ms),
        footage: { clip: 'cap12_edit.webm', ...MOVING },
      }
    : null;
const baselineSummary = (run: PerFrame) =>
  run.baseline
    ? {
        engine: 'pose-detection movenet lightning, full frame',
        backend: run.baseline.backend,
        medianMs: round(run.baseline.medianMs),
        p95Ms: round(run.baseline.p95Ms),
      }
    : null;

/** Chromium's per-frame runs, then Firefox's, given ample time for its own, then let go. */
async function perFrameBrowsers(
  browser: Browser,
  page: Page,
  url: string,
): Promise<{ chromiumRun: PerFrame; firefoxRun: PerFrame | null; firefoxSkipped: string | null }> {
  const perFrameStart = performance.now();
  const chromiumRun = await perFrame(browser, page, 'chromium', `Chromium ${browser.version()}, headless:`);
  const firefoxOutcome = await perFrameFirefox(url, 10 * 60_000 + 10 * (performance.now() - perFrameStart));
  const firefoxRun = typeof firefoxOutcome === 'string' ? null : firefoxOutcome;
  const firefoxSkipped = typeof firefoxOutcome === 'string' ? firefoxOutcome : null;
  if (firefoxSkipped) console.log(`skipped Firefox: ${firefoxSkipped}`);
  return { chromiumRun, firefoxRun, firefoxSkipped };
}

interface Soak {
  frames: number;
  tensorGrowth: number;
  heapGrowthMB: number;
}

/** Soak: one engine over many frames, the pose worker's heap and tensors before and after. */
async function soakRun(browser: Browser, page: Page): Promise<Soak | null> {
  if (SOAK_FRAMES <= 0) return null;
  const heap0 = await heapMB(browser, page);
  const [r] = await page.evaluate(
    (req) => (window as unknown as { runBench(r: BenchRequest): Promise<EngineBench[]> }).runBench(req),
    {
      runs: [{ engine: 'movenet-lightning', backend: 'wasm' }],
      frames: SOAK_FRAMES,
      warmup: WARMUP,
    } as BenchRequest,
  );
  const heap1 = await heapMB(browser, page);
  const soak = {
    frames: SOAK_FRAMES,
    tensorGrowth: r!.tensorGrowth,
    heapGrowthMB: Math.round((heap1 - heap0) * 100) / 100,
  };
  console.log(
    `soak: ${SOAK_FRAMES} frames of movenet-lightning/wasm: tensor growth ${soak.tensorGrowth}, JS heap growth ${soak.heapGrowthMB} MB`,
  );
  return soak;
}

/** Days of synthetic per-minute history: writing it, the day's chart, the month's trend, export and delete. */
async function historyRun(page: Page, url: string): Promise<HistoryBench | null> {
  if (HISTORY_DAYS <= 0) return null;
  await page.goto(`${url}scripts/bench/history.html`);
  await page.waitForFunction(() => 'historyBenchReady' in window);
  const history = await page.evaluate(
    (days) =>
      (window as unknown as { runHistoryBench(d: number): Promise<HistoryBench> }).runHistoryBench(days),
    HISTORY_DAYS,
  );
  console.log(
    `history: ${history.minutes} minutes (${history.days} days) written in ${(history.fillMs / 1000).toFixed(1)} s; one day's chart opens in ${history.dayChartMs} ms median (p95 ${history.dayChartP95Ms}), with the month's trend ${history.trendMonthMs} ms; CSV export of all ${history.exportMs} ms (${history.exportMB} MB); deleting all ${history.deleteMs} ms`,
  );
  return history;
}

/**
 * Steady monitoring in the headless app, between two runs of the camera
 * floor (the mean of the two, so that a noisy spell falls on both).
 */
async function monitoringRun(
  url: string,
): Promise<{ monitoring: MonitoringResult | null; floorHeadless: number | null }> {
  if (MONITOR_MINUTES <= 0) return { monitoring: null, floorHeadless: null };
  const floorClip = await sittingClip(false, CAMERA_FPS);
  const floorBefore = await benchFloorHeadless(url, floorClip, MONITOR_MINUTES);
  const monitoring = await benchMonitoring(url, MONITOR_MINUTES, HIDDEN_MINUTES, CAMERA_FPS, STILL_MINUTES);
  const floorAfter = await benchFloorHeadless(url, floorClip, MONITOR_MINUTES);
  const floorHeadless = round((floorBefore + floorAfter) / 2);
  console.log(
    `camera floor, headless: ${floorBefore}% and ${floorAfter}% of a core, before and after the app's stretches`,
  );
  printMonitoring(monitoring);
  return { monitoring, floorHeadless };
}

/** The monitoring stretches, one line each: share of a core by process, samples a minute, reused poses. */
function printMonitoring(m: MonitoringResult): void {
  const processes = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, v]) => v >= 0.5)
      .map(([k, v]) => `${k.replace(/\.mojom\.\w+$/, '')} ${v}%`)
      .join(', ');
  const pct = (share: number) => `${Math.round(share * 100)} % of them reused a still picture's pose`;
  console.log(
    `monitoring: ${m.minutes} min steady in the app (fake camera at ${m.cameraFps} frames/s), camera picture shown: ${m.cpuPctOfCore}% of a core (${processes(m.cpuPctByProcess)}), ${m.samplesPerMin} samples/min, ${pct(m.reusedShare)}`,
  );
  console.log(
    `monitoring: ${m.minutes} min more, camera picture off: ${m.cpuPctOfCorePictureOff}% of a core (${processes(m.cpuPctByProcessPictureOff)}), ${m.samplesPerMinPictureOff} samples/min, ${pct(m.reusedSharePictureOff)}; ${m.longTasks} long tasks in all`,
  );
  console.log(
    `monitoring: ${m.minutes} min more, picture off, rate fixed at the steady 0.5 frames/s: ${m.cpuPctOfCoreSteadyRate}% of a core (${processes(m.cpuPctByProcessSteadyRate)}), ${m.samplesPerMinSteadyRate} samples/min, ${pct(m.reusedShareSteadyRate)}`,
  );
  if (m.still) {
    console.log(
      `monitoring: ${m.still.minutes} min on the footage's stillest stretch, default settings: ${m.still.cpuPctOfCore}% of a core (${processes(m.still.cpuPctByProcess)}), ${m.still.samplesPerMin} samples/min, ${pct(m.still.reusedShare)}`,
    );
  }
  console.log(`monitoring: hidden (emulated) ${m.hiddenMinutes} min: ${m.hiddenSamplesPerMin} samples/min`);
}

/** The headed run under Xvfb (the camera floor and the app, in view and truly hidden); null without Xvfb. */
async function headedRun(url: string): Promise<HeadedResult | null> {
  if (HEADED_MINUTES > 0 && existsSync('/usr/bin/Xvfb')) {
    const headed = await benchHeaded(url, await stillClip(CAMERA_FPS), HEADED_MINUTES, HEADED_ROUNDS);
    printHeaded(headed);
    return headed;
  } else if (HEADED_MINUTES > 0) {
    console.log('skipped the headed run: no Xvfb (Debian package xvfb)');
  }
  return null;
}

/** Firefox headed under Xvfb on the stillest stretch: its floor and the app, in view and truly hidden; null (and why) when skipped. */
async function headedFirefoxRun(url: string): Promise<FirefoxHeadedResult | null> {
  if (HEADED_MINUTES <= 0) return null;
  if (!existsSync('/usr/bin/Xvfb') || !existsSync(firefoxPath)) {
    console.log('skipped the headed Firefox run: no Xvfb or no firefox-esr');
    return null;
  }
  try {
    const f = await benchFirefoxHeaded(url, HEADED_MINUTES);
    console.log(
      `headed Firefox ${f.version} under Xvfb, cap12's stillest stretch through the canvas camera, ${HEADED_MINUTES} min a stretch: camera floor ${f.cameraFloorCpuPct}% in view, ${f.cameraFloorCpuPctHidden}% hidden; app ${f.cpuPctOfCore}% in view = ${ratio(f.cpuPctOfCore, f.cameraFloorCpuPct)} x the floor (${f.samplesPerMin} samples/min), ${f.cpuPctOfCoreHidden}% hidden = ${ratio(f.cpuPctOfCoreHidden, f.cameraFloorCpuPctHidden)} x the floor (${f.hiddenSamplesPerMin} samples/min)`,
    );
    return f;
  } catch (err) {
    console.log(
      `skipped the headed Firefox run: it failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
    );
    return null;
  }
}

/** The working hour, headed, three passes; null (and why) when skipped. */
async function workHourRun(url: string): Promise<WorkHourResult | null> {
  if (WORK_HOUR_SCALE <= 0) return null;
  if (!existsSync('/usr/bin/Xvfb')) {
    console.log('skipped the working hour: no Xvfb (Debian package xvfb)');
    return null;
  }
  const w = await benchWorkHour(url, WORK_HOUR_SCALE, CAMERA_FPS);
  const a = w.alerts;
  console.log(
    `working hour (${w.minutes} min a pass, headed): hidden ${w.hidden.cpuPct}% = ${w.hidden.ratio} x the camera floor (${w.hidden.floorCpuPct}%); in view ${w.inView.cpuPct}% = ${w.inView.ratio} x the preview floor (${w.inView.previewFloorCpuPct}%); picture off ${w.inViewPictureOff.cpuPct}% = ${w.inViewPictureOff.ratio} x the camera floor (${w.inViewPictureOff.floorCpuPct}%); samples/min ${w.samplesPerMin.inView} in view, ${w.samplesPerMin.pictureOff} picture off, ${w.samplesPerMin.hidden} hidden`,
  );
  console.log(
    `working hour alerts: ${a.expected} expected, ${a.onTime} on time (onset + 5 s), ${a.late} late, ${a.missed} missed, ${a.unexpected} unexpected; ${a.seen.map((s) => `${s.pass} ${s.problem} at ${s.atS} s${s.delayS === null ? '' : ` (+${s.delayS})`}`).join(', ')}`,
  );
  return w;
}

/** Each headed round's share of a core, by thread, then the means against the camera floor. */
function printHeaded(h: HeadedResult): void {
  console.log(
    `headed Chromium under Xvfb, cap12's stillest stretch at ${CAMERA_FPS} frames/s, ${HEADED_MINUTES} min a stretch, in turns, ${HEADED_ROUNDS} round(s):`,
  );
  const threads = (t: Record<string, number>) =>
    Object.entries(t)
      .slice(0, 8)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  h.rounds.forEach((r, i) => {
    console.log(
      `  round ${i + 1}: camera floor ${r.floorInView.cpuPct}% in view, ${r.floorHidden.cpuPct}% hidden, with the picture ${r.previewFloorInView.cpuPct}%; app ${r.appInView.cpuPct}% in view (${r.appInView.samplesPerMin} samples/min), ${r.appInViewPictureOff.cpuPct}% picture off, ${r.appHidden.cpuPct}% hidden (${r.appHidden.samplesPerMin} samples/min)`,
    );
    for (const [what, s] of [
      ['floor in view', r.floorInView],
      ['floor hidden', r.floorHidden],
      ['preview floor in view', r.previewFloorInView],
      ['app in view, picture off', r.appInViewPictureOff],
      ['app in view', r.appInView],
      ['app hidden', r.appHidden],
    ] as const)
      console.log(`    ${what}, by thread (%): ${threads(s.byThread)}`);
  });
  console.log(
    `  mean: app in view ${h.cpuPctOfCore}% = ${ratio(h.cpuPctOfCore, h.cameraFloorCpuPct)} x the camera floor (${h.cameraFloorCpuPct}%), ${ratio(h.cpuPctOfCore, h.previewFloorCpuPct)} x the preview floor (${h.previewFloorCpuPct}%); picture off ${h.cpuPctOfCorePictureOff}% = ${ratio(h.cpuPctOfCorePictureOff, h.cameraFloorCpuPct)} x the camera floor; truly hidden ${h.cpuPctOfCoreHidden}% = ${ratio(h.cpuPctOfCoreHidden, h.cameraFloorCpuPctHidden)} x the floor (${h.cameraFloorCpuPctHidden}%), ${h.hiddenSamplesPerMin} samples/min`,
  );
}

/** The stillest stretch, headed: the app against each floor, in the shape of the working hour's rows. */
function stillStretch(h: HeadedResult) {
  return {
    minutes: HEADED_MINUTES,
    hidden: {
      cpuPct: h.cpuPctOfCoreHidden,
      floorCpuPct: h.cameraFloorCpuPctHidden,
      ratio: ratio(h.cpuPctOfCoreHidden, h.cameraFloorCpuPctHidden),
    },
    inView: {
      cpuPct: h.cpuPctOfCore,
      previewFloorCpuPct: h.previewFloorCpuPct,
      ratio: ratio(h.cpuPctOfCore, h.previewFloorCpuPct),
    },
    inViewPictureOff: {
      cpuPct: h.cpuPctOfCorePictureOff,
      floorCpuPct: h.cameraFloorCpuPct,
      ratio: ratio(h.cpuPctOfCorePictureOff, h.cameraFloorCpuPct),
    },
    samplesPerMin: h.samplesPerMin,
    hiddenSamplesPerMin: h.hiddenSamplesPerMin,
    visibilityEmulated: false,
  };
}

/**
 * The JSON's monitoring object. Heap and tensors over the soak's 10,000
 * frames; the rest from the monitoring run. cpuPctOfCore and the hidden
 * figures come from the headed run when there is one.
 */
function monitoringSummary(
  monitoring: MonitoringResult,
  floorHeadless: number | null,
  headed: HeadedResult | null,
  soak: Soak | null,
) {
  return {
    minutes: monitoring.minutes,
    cameraFps: monitoring.cameraFps,
    cpuPctOfCore: headed?.cpuPctOfCore ?? monitoring.cpuPctOfCore,
    cameraFloorCpuPct: headed?.cameraFloorCpuPct ?? floorHeadless,
    cpuPctOfCoreToFloor: headed
      ? ratio(headed.cpuPctOfCore, headed.cameraFloorCpuPct)
      : ratio(monitoring.cpuPctOfCore, floorHeadless),
    cpuPctOfCoreHidden: headed?.cpuPctOfCoreHidden ?? null,
    cameraFloorCpuPctHidden: headed?.cameraFloorCpuPctHidden ?? null,
    cpuPctOfCoreHiddenToFloor: headed
      ? ratio(headed.cpuPctOfCoreHidden, headed.cameraFloorCpuPctHidden)
      : null,
    samplesPerMinHeaded: headed?.samplesPerMin ?? null,
    stillStretch: headed && stillStretch(headed),
    headedMinutes: headed ? HEADED_MINUTES : 0,
    headedRounds: headed?.rounds ?? null,
    cpuPctOfCoreHeadless: monitoring.cpuPctOfCore,
    cameraFloorCpuPctHeadless: floorHeadless,
    cpuPctOfCoreHeadlessToFloor: ratio(monitoring.cpuPctOfCore, floorHeadless),
    cpuPctOfCorePictureOffToFloor: ratio(monitoring.cpuPctOfCorePictureOff, floorHeadless),
    cpuPctOfCoreSteadyRateToFloor: ratio(monitoring.cpuPctOfCoreSteadyRate, floorHeadless),
    cpuPctOfCoreStillToFloor: monitoring.still ? ratio(monitoring.still.cpuPctOfCore, floorHeadless) : null,
    longTasks: monitoring.longTasks,
    heapGrowthMB: soak?.heapGrowthMB ?? monitoring.heapGrowthMB,
    tensorGrowth: soak?.tensorGrowth ?? monitoring.tensorGrowth,
    hiddenSamplesPerMin: headed?.hiddenSamplesPerMin ?? monitoring.hiddenSamplesPerMin,
    hiddenSamplesPerMinEmulated: monitoring.hiddenSamplesPerMin,
    samplesPerMin: monitoring.samplesPerMin,
    cpuPctByProcess: monitoring.cpuPctByProcess,
    cpuPctOfCorePictureOff: monitoring.cpuPctOfCorePictureOff,
    cpuPctByProcessPictureOff: monitoring.cpuPctByProcessPictureOff,
    samplesPerMinPictureOff: monitoring.samplesPerMinPictureOff,
    cpuPctOfCoreSteadyRate: monitoring.cpuPctOfCoreSteadyRate,
    cpuPctByProcessSteadyRate: monitoring.cpuPctByProcessSteadyRate,
    samplesPerMinSteadyRate: monitoring.samplesPerMinSteadyRate,
    reusedShare: monitoring.reusedShare,
    reusedSharePictureOff: monitoring.reusedSharePictureOff,
    reusedShareSteadyRate: monitoring.reusedShareSteadyRate,
    cpuPctOfCoreStill: monitoring.still?.cpuPctOfCore ?? null,
    cpuPctByProcessStill: monitoring.still?.cpuPctByProcess ?? null,
    samplesPerMinStill: monitoring.still?.samplesPerMin ?? null,
    reusedShareStill: monitoring.still?.reusedShare ?? null,
    stillMinutes: monitoring.still?.minutes ?? 0,
    hiddenMinutes: monitoring.hiddenMinutes,
    visibilityEmulated: headed === null,
    monitoringHeapGrowthMB: monitoring.heapGrowthMB,
    monitoringTensorGrowth: monitoring.tensorGrowth,
    soakFrames: soak?.frames ?? 0,
  };
}

/** Every measurement, in the order they run, for the JSON line. */
interface Measured {
  chromiumRun: PerFrame;
  firefoxRun: PerFrame | null;
  firefoxSkipped: string | null;
  soak: Soak | null;
  history: HistoryBench | null;
  monitoring: MonitoringResult | null;
  floorHeadless: number | null;
  headed: HeadedResult | null;
  workHour: WorkHourResult | null;
  headedFirefox: FirefoxHeadedResult | null;
}

/** The last line's JSON object: per-frame rows and baselines, history, then monitoring. */
function benchJson(m: Measured) {
  const { chromiumRun, firefoxRun, firefoxSkipped, history, monitoring } = m;
  return {
    // Chromium's rows, then Firefox's; each row's ratio is to its own browser's baseline.
    engines: [chromiumRun, ...(firefoxRun ? [firefoxRun] : [])].flatMap((run) => [
      ...run.engines.map((r) => engineRow(r, run)),
      ...run.moving.engines.map((r) => movingRow(r, run)),
    ]),
    baseline: baselineSummary(chromiumRun),
    frames: FRAMES,
    webglRenderer: chromiumRun.renderer,
    browsers: { chromium: chromiumRun.version, firefox: firefoxRun?.version ?? null },
    firefoxSkipped,
    firefoxBaseline: firefoxRun && baselineSummary(firefoxRun),
    firefoxWebglRenderer: firefoxRun?.renderer ?? null,
    baselineMoving: movingBaseline(chromiumRun),
    firefoxBaselineMoving: firefoxRun && movingBaseline(firefoxRun),
    history,
    monitoring: monitoring && monitoringSummary(monitoring, m.floorHeadless, m.headed, m.soak),
    workHour: m.workHour,
    headedFirefox: m.headedFirefox,
  };
}

/** Runs every measurement in turn, printing as it goes, then the JSON line. */
async function main(): Promise<void> {
  const server = await startAppServer();
  const browser = await launchChromium();
  try {
    const page = await openBenchPage(browser, server.url, 'chromium');
    console.log(
      `frames: ${FRAMES} after ${WARMUP} warm-up, 640x480 real photo stamped 2 s apart, end to end = page → worker → page; ` +
        `+head: the head tracker on (held% of frames had the pose held, the model not run)`,
    );
    const perFrames = await perFrameBrowsers(browser, page, server.url);
    const soak = await soakRun(browser, page);
    const history = await historyRun(page, server.url);
    const { monitoring, floorHeadless } = await monitoringRun(server.url);
    const headed = await headedRun(server.url);
    const workHour = await workHourRun(server.url);
    const headedFirefox = await headedFirefoxRun(server.url);
    console.log(
      JSON.stringify(
        benchJson({
          ...perFrames,
          soak,
          history,
          monitoring,
          floorHeadless,
          headed,
          workHour,
          headedFirefox,
        }),
      ),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
