/**
 * Driving the app's page with a fake camera playing real footage, shared by
 * the end-to-end tests and the bench: the clips, starting the camera and
 * calibrating.
 */
import type { Page } from 'playwright-core';
import { makeY4m, showView, type Y4mOptions } from './harness';

/** cap12's first seconds (he sits still), shrunk into the frame so that rotating it keeps his shoulders in view. */
export const FRAMED = 'scale=512:384,pad=640:480:64:48';
/**
 * Rotating the picture clockwise lowers his left shoulder: a lean to his
 * left, by 16°, clearly past the lean thresholds (7°) so that when an alert
 * comes does not hang on readings near them (at 12° his head's tilt read
 * 6-8° and the alert came late now and then).
 */
export const LEAN_LEFT = 'rotate=16*PI/180';

/**
 * Seconds 1-5 of cap12 forwards then backwards (a loop without a jump),
 * framed; `lean` rotates it into a held lean to his left. `fps`: the
 * frames a second the fake camera delivers (it keeps to the file's rate
 * whatever the page asks for).
 */
export const sittingClip = (lean = false, fps?: number): Promise<string> =>
  makeY4m(SITTING_SOURCE, sittingClipOptions(lean, fps));

/** The footage sittingClip is made from. */
export const SITTING_SOURCE = 'cap12_edit.webm';

/** sittingClip's cut (for makeClip in another container). */
export const sittingClipOptions = (lean = false, fps?: number): Y4mOptions => ({
  startSeconds: 1,
  seconds: 4,
  pingPong: true,
  filter: lean ? `${FRAMED},${LEAN_LEFT}` : FRAMED,
  ...(fps ? { fps } : {}),
});

/**
 * Seconds 11-17.5 of cap12, the stillest stretch of the footage (he sits
 * upright and barely moves; a blink or two), forwards then backwards, framed.
 */
export const stillClip = (fps?: number): Promise<string> =>
  makeY4m('cap12_edit.webm', {
    startSeconds: 11,
    seconds: 6.5,
    pingPong: true,
    filter: FRAMED,
    ...(fps ? { fps } : {}),
  });

/** Presses Start camera (in the Now view) and waits until the engine runs (Calibrate enabled). */
export async function startCamera(page: Page, timeoutMs = 60_000): Promise<void> {
  await showView(page, 'now');
  await page.click('#start-camera');
  await page.waitForFunction(
    () => !(document.querySelector('#calibrate') as HTMLButtonElement).disabled,
    null,
    {
      timeout: timeoutMs,
    },
  );
}

/**
 * Presses Calibrate and returns the outcome the page shows ("Calibrated: ..."
 * or "Not calibrated: ..."). The guided moves that follow the still part are
 * skipped (footage cannot make them) unless `guided` is 'make' (then the
 * page waits them out).
 */
export async function calibrate(page: Page, guided: 'skip' | 'make' = 'skip'): Promise<string> {
  await showView(page, 'now');
  await page.click('#calibrate');
  const outcome = (skip: boolean) =>
    page.waitForFunction(
      (skip) => {
        const text = document.querySelector('#calibration-status')?.textContent ?? '';
        if (/^(Calibrated|Not calibrated:)/.test(text)) return text;
        const moves = document.querySelector('#calibration-guided');
        return skip && moves && !(moves as HTMLElement).hidden ? 'guided' : null;
      },
      skip,
      { timeout: 60_000 },
    );
  let shown = (await (await outcome(guided === 'skip')).jsonValue()) as string;
  if (shown === 'guided') {
    await page.click('#calibration-guided-skip');
    shown = (await (await outcome(false)).jsonValue()) as string;
  }
  return shown;
}

/** Seconds monitored as stored in the app's history, read straight from its database. */
export const storedSeconds = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('knotless');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction('minutes').objectStore('minutes').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { monitoredS?: number }[]).reduce((a, r) => a + (r.monitoredS ?? 0), 0));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );

/** The neutral the page stored when it calibrated (to carry to a page with another clip). */
export async function storedNeutral(page: Page): Promise<{ camera: { label: string } }> {
  const text = await page.evaluate(() => localStorage.getItem('knotless.neutral'));
  if (!text) throw new Error('the page has stored no neutral');
  return JSON.parse(text) as { camera: { label: string } };
}

/**
 * Gives the page a neutral calibrated elsewhere, as if taken with the camera
 * that plays `cameraLabel`, and an alert onset delay, then reloads it.
 */
export async function useNeutral(
  page: Page,
  neutral: { camera: { label: string } },
  cameraLabel: string,
  onsetSec: number,
): Promise<void> {
  const copy = { ...neutral, camera: { ...neutral.camera, label: cameraLabel } };
  await page.evaluate(
    ([n, onset]) => {
      localStorage.setItem('knotless.neutral', n);
      localStorage.setItem('knotless.alertSettings', JSON.stringify({ onsetSec: onset }));
    },
    [JSON.stringify(copy), onsetSec] as const,
  );
  await page.reload();
}

/**
 * Clicks "Keep watching in a floating window" and returns whether the
 * video went into Picture-in-Picture within 5 s; when it did not, the page
 * must have said why (a headless browser may refuse the window).
 */
export async function openFloatingWindow(page: Page): Promise<boolean> {
  await page.click('#pip');
  const opened = await page
    .waitForFunction(() => document.pictureInPictureElement?.id === 'video', null, { timeout: 5000 })
    .then(
      () => true,
      () => false,
    );
  const [selector, expected] = opened
    ? ['#pip', /^Close the floating window$/]
    : ['#message', /floating window could not open/];
  const shown = await page.textContent(selector);
  if (!expected.test(shown ?? ''))
    throw new Error(
      `the floating window ${opened ? 'opened' : 'did not open'}, and the page shows "${shown}"`,
    );
  return opened;
}
