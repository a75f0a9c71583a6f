import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { calibrate, sittingClip, startCamera } from '../../scripts/app-session';
import { useApp } from './app-fixture';

/**
 * The app comes back by itself, keeping calibration and settings, when the
 * pose worker crashes or hangs and when the camera is unplugged and plugged
 * back in. Real footage plays as the webcam.
 */

/** Makes the camera unpluggable: getUserMedia fails while unplugged, and unplugging ends the live tracks. */
const unpluggableCamera = (): void => {
  const devices = navigator.mediaDevices;
  const real = devices.getUserMedia.bind(devices);
  const state = { plugged: true, tracks: [] as MediaStreamTrack[] };
  devices.getUserMedia = async (constraints) => {
    if (!state.plugged) throw new DOMException('Requested device not found', 'NotFoundError');
    const stream = await real(constraints);
    state.tracks.push(...stream.getVideoTracks());
    return stream;
  };
  Object.assign(window, {
    __unplug() {
      state.plugged = false;
      for (const t of state.tracks.splice(0)) {
        t.stop();
        t.dispatchEvent(new Event('ended'));
      }
      devices.dispatchEvent(new Event('devicechange'));
    },
    __plugIn() {
      state.plugged = true;
      devices.dispatchEvent(new Event('devicechange'));
    },
  });
};

const samples = async (page: Page) => Number(await page.textContent('#status-samples'));

async function samplesGoOn(page: Page, timeout = 60_000): Promise<void> {
  const before = await samples(page);
  await page.waitForFunction(
    (n) => Number(document.querySelector('#status-samples')?.textContent) > n + 2,
    before,
    { timeout },
  );
}

async function poseWorker(page: Page) {
  const worker = page.workers().find((w) => w.url().includes('pose.worker'));
  if (!worker) throw new Error(`no pose worker among ${page.workers().map((w) => w.url())}`);
  return worker;
}

describe('recovering by itself', () => {
  const app = useApp();

  async function calibratedPage(): Promise<Page> {
    const browser = await app.launch({ fakeCamera: await sittingClip(false) });
    const page = await browser.newPage();
    await page.addInitScript(unpluggableCamera);
    await page.goto(app.url);
    await startCamera(page);
    expect(await calibrate(page)).toMatch(/^Calibrated:/);
    await samplesGoOn(page);
    return page;
  }

  it('starts the pose worker again after it crashes, and again after it hangs, keeping the calibration', async () => {
    const page = await calibratedPage();
    const first = await poseWorker(page);
    await first.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      });
    });
    await page.waitForFunction(() =>
      /pose worker stopped \(.*simulated crash.*\)\. Starting it again in 1 s/.test(
        document.querySelector('#message')?.textContent ?? '',
      ),
    );
    await page.waitForFunction(() =>
      /was started again/.test(document.querySelector('#message')?.textContent ?? ''),
    );
    await samplesGoOn(page);
    expect(await page.getAttribute('#metrics', 'data-calibrated')).toBe('true');
    expect(page.workers().filter((w) => w.url().includes('pose.worker'))).toHaveLength(1);

    // Now stuck in a loop: it stops answering, and is replaced (waiting longer: the second crash in a row).
    const second = await poseWorker(page);
    expect(second).not.toBe(first);
    void second
      .evaluate(() => {
        setTimeout(() => {
          for (;;);
        });
      })
      .catch(() => undefined);
    await page.waitForFunction(
      () =>
        /has not answered for 20 s\)\. Starting it again in 2 s/.test(
          document.querySelector('#message')?.textContent ?? '',
        ),
      null,
      { timeout: 45_000 },
    );
    await page.waitForFunction(() =>
      /was started again/.test(document.querySelector('#message')?.textContent ?? ''),
    );
    await samplesGoOn(page);
    expect(await page.getAttribute('#metrics', 'data-calibrated')).toBe('true');
  });

  it('waits for an unplugged camera and goes on when it is plugged back in', async () => {
    const page = await calibratedPage();
    await page.evaluate(() => (window as unknown as { __unplug(): void }).__unplug());
    await page.waitForFunction(() =>
      /camera stopped \(was it unplugged\?\)/.test(document.querySelector('#message')?.textContent ?? ''),
    );
    // Nothing comes in while it is away, and the page keeps looking for it.
    const away = await samples(page);
    await page.waitForTimeout(6000);
    expect(await samples(page)).toBeLessThanOrEqual(away + 1);
    expect(await page.textContent('#message')).toMatch(/goes on by itself when it is back/);

    await page.evaluate(() => (window as unknown as { __plugIn(): void }).__plugIn());
    await page.waitForFunction(() =>
      /camera is back/.test(document.querySelector('#message')?.textContent ?? ''),
    );
    await samplesGoOn(page);
    expect(await page.getAttribute('#metrics', 'data-calibrated')).toBe('true');
  });
});
