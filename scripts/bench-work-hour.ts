/**
 * The working hour (scripts/work-hour.ts) as the fake camera of a headed
 * Chromium under Xvfb: the camera floor and the preview floor measured
 * first, in the same browser, then the app, started and calibrated on the
 * hour's first upright minute, through the hour in view with its picture,
 * again with the picture off, and again truly hidden (a blank tab in front).
 * The camera file loops, so each pass sees the same hour; every alert's time
 * is read against the hour's truth: a held posture must alert within its
 * onset + 5 s, and nothing may alert where the hour holds none.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'puppeteer-core';
import { DEFAULT_ALERT_SETTINGS } from '../src/core/alerts/settings';
import {
  benchFloor,
  hide,
  launchHeaded,
  measure,
  openApp,
  show,
  startXvfb,
  type Measured,
} from './bench-headed';
import { alertProbe, type AlertProbeWindow } from './page-probes';
import { makeWorkHour, type WorkHour } from './work-hour';

/** An alert is on time within this long after its onset, s. */
const ON_TIME_S = 5;
/** The floors are measured this long each, ms (a floor holds steady: the camera alone). */
const FLOOR_MS = 60_000;

export interface WorkHourAlerts {
  expected: number;
  onTime: number;
  late: number;
  missed: number;
  unexpected: number;
  /** Each alert seen: its problem, its time in the hour, and which held posture it answered (null: none). */
  seen: { problem: string; atS: number; delayS: number | null; pass: string }[];
}

export interface WorkHourResult {
  minutes: number;
  hidden: { cpuPct: number; floorCpuPct: number; ratio: number | null };
  inView: { cpuPct: number; previewFloorCpuPct: number; ratio: number | null };
  inViewPictureOff: { cpuPct: number; floorCpuPct: number; ratio: number | null };
  samplesPerMin: { inView: number; pictureOff: number; hidden: number };
  alerts: WorkHourAlerts;
  visibilityEmulated: false;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
const round1 = (n: number) => Math.round(n * 10) / 10;

const samplesShown = async (page: Page): Promise<number> =>
  Number(await page.evaluate(() => document.querySelector('#status-samples')?.textContent ?? '0'));

/** Sleeps until the camera file is `atS` into its `pass`-th play (0 the first), counted from when it opened. */
async function untilHourAt(page: Page, wh: WorkHour, pass: number, atS: number): Promise<void> {
  const opened = await page.evaluate(() => (window as unknown as AlertProbeWindow).__cameraOpenedAtMs);
  if (opened === null) throw new Error('the camera has not opened');
  const wait = opened + (pass * wh.seconds + atS) * 1000 - Date.now();
  if (wait > 0) await sleep(wait);
}

/** The alerts seen against the hour's truth, pass by pass. */
async function scoreAlerts(page: Page, wh: WorkHour, passes: string[]): Promise<WorkHourAlerts> {
  const { opened, seen } = await page.evaluate(() => {
    const w = window as unknown as AlertProbeWindow;
    return { opened: w.__cameraOpenedAtMs ?? 0, seen: w.__alertsSeen };
  });
  const onset = DEFAULT_ALERT_SETTINGS.onsetSec;
  const first = new Map<string, number>();
  const out: WorkHourAlerts = { expected: 0, onTime: 0, late: 0, missed: 0, unexpected: 0, seen: [] };
  for (const s of seen) {
    const t = (s.atMs - opened) / 1000;
    const pass = Math.floor(t / wh.seconds);
    const atS = t - pass * wh.seconds;
    const held = wh.held.find((h) => h.problem === s.problem && atS >= h.startS && atS <= h.endS + 10);
    const key = `${pass}/${s.problem}/${held?.startS ?? atS.toFixed(0)}`;
    if (first.has(key)) continue;
    first.set(key, atS);
    out.seen.push({
      problem: s.problem,
      atS: round1(atS),
      delayS: held ? round1(atS - held.startS) : null,
      pass: passes[pass] ?? `${pass}`,
    });
    if (!held) out.unexpected += 1;
  }
  for (let pass = 0; pass < passes.length; pass++) {
    for (const h of wh.held) {
      out.expected += 1;
      const atS = first.get(`${pass}/${h.problem}/${h.startS}`);
      if (atS === undefined) out.missed += 1;
      else if (atS - h.startS <= onset + ON_TIME_S) out.onTime += 1;
      else out.late += 1;
    }
  }
  return out;
}

/**
 * Before the app loads: alerts may repeat after a minute (the shortest
 * cooldown), so that each pass's held postures are alerts of their own
 * rather than repeats the default ten minutes would hold back.
 */
const oneMinuteCooldown = () =>
  localStorage.setItem('knotless.alertSettings', JSON.stringify({ cooldownMin: 1 }));

/** The app through three passes of the hour: in view, picture off, hidden. */
async function appPasses(browser: Browser, appUrl: string, wh: WorkHour) {
  const { page, calibrated } = await openApp(browser, appUrl, [alertProbe, oneMinuteCooldown]);
  console.log(`work hour: app calibrated: ${calibrated}`);
  const count = () => samplesShown(page);
  // The first pass from after the calibration's first upright minute; the others whole.
  await untilHourAt(page, wh, 0, 60);
  const inView = await measure(browser, (wh.seconds - 60) * 1000, count);
  await page.click('#show-preview');
  await untilHourAt(page, wh, 1, 0);
  const pictureOff = await measure(browser, wh.seconds * 1000, count);
  await page.click('#show-preview');
  await untilHourAt(page, wh, 2, 0);
  const before = await count();
  const blank = await hide(browser, page, 'work hour, app hidden');
  const hidden = await measure(browser, wh.seconds * 1000, null);
  await show(page, blank, 'work hour, app back in view');
  await page.waitForFunction(
    (n) => Number(document.querySelector('#status-samples')?.textContent) > n,
    {},
    before,
  );
  const hiddenPerMin = ((await count()) - before) / (hidden.minutes + 0.05);
  const alerts = await scoreAlerts(page, wh, ['in view', 'picture off', 'hidden']);
  await page.close();
  return { inView, pictureOff, hidden: { ...hidden, perMin: hiddenPerMin }, alerts };
}

/** The working hour, `scale` (1: about ten minutes), in a headed Chromium under Xvfb. */
export async function benchWorkHour(
  appUrl: string,
  scale: number,
  cameraFps: number,
): Promise<WorkHourResult> {
  const wh = makeWorkHour(scale, cameraFps);
  const xvfb = await startXvfb();
  try {
    const browser = await launchHeaded(wh.path, xvfb.display);
    try {
      await browser.defaultBrowserContext().overridePermissions(new URL(appUrl).origin, ['notifications']);
      const floor = await benchFloor(browser, appUrl, FLOOR_MS);
      const preview = await benchFloor(browser, appUrl, FLOOR_MS, true);
      const app = await appPasses(browser, appUrl, wh);
      return workHourResult(wh, floor, preview.inView, app);
    } finally {
      await browser.close();
    }
  } finally {
    await xvfb.stop();
  }
}

function workHourResult(
  wh: WorkHour,
  floor: { inView: Measured; hidden: Measured | null },
  preview: Measured,
  app: Awaited<ReturnType<typeof appPasses>>,
): WorkHourResult {
  const floorHidden = floor.hidden?.cpuPct ?? floor.inView.cpuPct;
  return {
    minutes: round1(wh.seconds / 60),
    hidden: {
      cpuPct: app.hidden.cpuPct,
      floorCpuPct: floorHidden,
      ratio: ratio(app.hidden.cpuPct, floorHidden),
    },
    inView: {
      cpuPct: app.inView.cpuPct,
      previewFloorCpuPct: preview.cpuPct,
      ratio: ratio(app.inView.cpuPct, preview.cpuPct),
    },
    inViewPictureOff: {
      cpuPct: app.pictureOff.cpuPct,
      floorCpuPct: floor.inView.cpuPct,
      ratio: ratio(app.pictureOff.cpuPct, floor.inView.cpuPct),
    },
    samplesPerMin: {
      inView: round1(app.inView.perMin),
      pictureOff: round1(app.pictureOff.perMin),
      hidden: round1(app.hidden.perMin),
    },
    alerts: app.alerts,
    visibilityEmulated: false,
  };
}
