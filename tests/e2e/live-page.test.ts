import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeY4m, showView, startAppServer, type AppServer } from '../../scripts/harness';

/**
 * The page end to end: the fake webcam plays real footage (cap12, made into
 * a y4m with ffmpeg here), the page streams it to the worker, and shows the
 * skeleton and a frame rate. Every request of the session is recorded.
 */
describe('live page with a fake camera playing real footage', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    const [app, y4m] = await Promise.all([startAppServer(), makeY4m('cap12_edit.webm', { seconds: 6 })]);
    server = app;
    browser = await launchChromium({ fakeCamera: y4m });
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('worker', (w) => requests.push(w.url()));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the skeleton and a frame rate', async () => {
    await showView(page, 'now');
    await page.click('#start-camera');
    await page.waitForFunction(
      () => Number(document.querySelector('#overlay')?.getAttribute('data-keypoints')) >= 5,
      null,
      {
        timeout: 60_000,
      },
    );
    await page.waitForFunction(() => Number(document.querySelector('#status-fps')?.textContent) > 1, null, {
      timeout: 30_000,
    });
    expect(await page.textContent('#status-engine')).toBe('movenet-lightning');
    expect(await page.textContent('#status-backend')).toBe('wasm');
    expect(await page.textContent('#status-person')).toBe('in view');
    expect(await page.textContent('#status-path')).toBe('camera → worker');
    expect(await page.textContent('#status-inference')).toMatch(/^\d+(\.\d)? ms$/);
    expect(await page.isHidden('#message')).toBe(true);
    // The overlay really has ink on it, where the person is.
    const inked = await page.$eval('#overlay', (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n += 1;
      return n;
    });
    expect(inked).toBeGreaterThan(200);
  });

  it('switches engine while running', async () => {
    await showView(page, 'settings');
    await page.click('#advanced summary');
    await page.selectOption('#engine', 'movenet-thunder');
    await page.waitForFunction(
      () => document.querySelector('#status-engine')?.textContent === 'movenet-thunder',
      null,
      {
        timeout: 60_000,
      },
    );
    await showView(page, 'now');
    await page.evaluate(() => document.querySelector('#overlay')?.setAttribute('data-keypoints', '0'));
    await page.waitForFunction(
      () => Number(document.querySelector('#overlay')?.getAttribute('data-keypoints')) >= 5,
      null,
      {
        timeout: 30_000,
      },
    );
  });

  it('shows a still from the camera at each sample while the camera is slow, and the video again when it is fast', async () => {
    const stills = async () => Number(await page.getAttribute('#still', 'data-stills'));
    await showView(page, 'settings');
    await page.selectOption('#sampling', '0.5');
    await showView(page, 'now');
    await page.waitForFunction(
      () => {
        const v = document.querySelector('#video') as HTMLVideoElement;
        const still = document.querySelector('#still') as HTMLCanvasElement;
        return v.srcObject === null && v.hidden && !still.hidden && Number(still.dataset.stills) > 0;
      },
      null,
      { timeout: 30_000 },
    );
    const first = await stills();
    await expect.poll(stills, { timeout: 30_000 }).toBeGreaterThan(first + 1);
    // The camera's picture, not a blank: the frame's size, and pixels far from uniform.
    const still = await page.$eval('#still', (c) => {
      const canvas = c as HTMLCanvasElement;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let min = 255;
      let max = 0;
      for (let i = 0; i < px.length; i += 4 * 97) {
        min = Math.min(min, px[i]!);
        max = Math.max(max, px[i]!);
      }
      return { width: canvas.width, height: canvas.height, range: max - min };
    });
    expect(still).toMatchObject({ width: 640, height: 480 });
    expect(still.range).toBeGreaterThan(50);
    await showView(page, 'settings');
    await page.selectOption('#sampling', '5');
    await showView(page, 'now');
    await page.waitForFunction(
      () => {
        const v = document.querySelector('#video') as HTMLVideoElement;
        const c = document.querySelector('#still') as HTMLCanvasElement;
        return v.srcObject !== null && !v.hidden && !v.paused && c.hidden;
      },
      null,
      { timeout: 30_000 },
    );
    await showView(page, 'settings');
    await page.selectOption('#sampling', 'adaptive');
    await showView(page, 'now');
  });

  it('lets go of the camera picture when it is switched off, keeps sampling, and remembers the choice', async () => {
    await page.uncheck('#show-preview');
    expect(await page.$eval('#video', (v) => (v as HTMLVideoElement).srcObject === null)).toBe(true);
    expect(await page.isHidden('#video')).toBe(true);
    // Samples keep coming and the skeleton is still drawn.
    const before = Number(await page.textContent('#status-samples'));
    await page.evaluate(() => document.querySelector('#overlay')?.setAttribute('data-keypoints', '0'));
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('#status-samples')?.textContent) > n + 2 &&
        Number(document.querySelector('#overlay')?.getAttribute('data-keypoints')) >= 5,
      before,
      { timeout: 30_000 },
    );
    // The Picture-in-Picture fallback is not offered where frames go straight to the worker.
    expect(await page.isHidden('#pip')).toBe(true);
    await page.check('#show-preview');
    // Back: the video plays, or (while the camera is slow) the still is shown.
    await page.waitForFunction(() => {
      const v = document.querySelector('#video') as HTMLVideoElement;
      const still = document.querySelector('#still') as HTMLCanvasElement;
      return (v.srcObject !== null && !v.hidden && !v.paused) || !still.hidden;
    });
    await page.uncheck('#show-preview');
    await page.reload();
    expect(await page.isChecked('#show-preview')).toBe(false);
    await page.check('#show-preview');
  });

  it('made no request to any other origin over the session', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(5);
    const foreign = requests.filter(
      (u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin,
    );
    expect(foreign).toEqual([]);
    expect(requests.some((u) => u.includes('/models/movenet-lightning.bin'))).toBe(true);
    expect(requests.some((u) => u.includes('/models/tfjs-wasm/'))).toBe(true);
  });
});
