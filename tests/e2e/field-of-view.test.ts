import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture';
import { showView } from '../../scripts/harness';
import { calibrate, sittingClip, startCamera } from '../../scripts/app-session';

/**
 * The "Camera field of view" setting on the live page, with the fake camera
 * playing cap12 sitting still (its name, "fake_device_0", is no known
 * webcam's). What the worker measures with shows in the calibration: the
 * status names the field of view, the stored neutral keeps it, and the
 * distance to the screen scales with it.
 */
describe('camera field of view on the live page', () => {
  const app = useApp();
  let page: Page;

  const status = async () => (await page.textContent('#calibration-status')) ?? '';
  const stored = () =>
    page.evaluate(() => ({
      choice: localStorage.getItem('knotless.fieldOfView'),
      neutral: JSON.parse(localStorage.getItem('knotless.neutral') ?? 'null') as { fovDeg: number } | null,
    }));
  const distanceCm = (text: string) => Number(/about (\d+) cm from the screen/.exec(text)?.[1]);
  const FOV_CHANGED =
    "The camera's field of view changed: calibrate again, so that distances are measured with the new one.";
  const notCalibrated = () =>
    page.waitForFunction(
      () => document.querySelector('#metrics')?.getAttribute('data-calibrated') === 'false',
    );

  it('measures with the estimate, then with a chosen preset, asking for a new calibration in between', async () => {
    const browser = await app.launch({ fakeCamera: await sittingClip() });
    page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
    await page.goto(app.url);
    expect(await page.inputValue('#fov')).toBe('auto');
    expect(await page.textContent('#fov option[value="auto"]')).toBe(
      'Estimate from the camera (once it starts)',
    );
    expect(await page.$$eval('#fov option', (os) => os.map((o) => o.textContent))).toEqual([
      'Estimate from the camera (once it starts)',
      'Laptop built-in camera (65°)',
      'Typical external webcam (78°)',
      'Wide-angle webcam (90°)',
      'Narrow or zoomed-in camera (55°)',
      'Custom…',
    ]);
    await startCamera(page);
    expect(await page.textContent('#fov option[value="auto"]')).toBe(
      'Estimate from the camera (65°, unknown camera: the usual value)',
    );

    const usual = await calibrate(page);
    expect(usual).toMatch(/measured with a 65° field of view \(unknown camera: the usual value\)\./);
    expect(usual).toMatch(
      /If your camera's maker gives its field of view, choose it under Camera field of view/,
    );
    expect((await stored()).neutral?.fovDeg).toBe(65);

    // Changed while the neutral is in use: the neutral goes, here, in the worker and in storage.
    await showView(page, 'settings');
    await page.selectOption('#fov', 'external');
    await page.waitForFunction(
      (text) => document.querySelector('#calibration-status')?.textContent === text,
      FOV_CHANGED,
    );
    await notCalibrated();
    expect(await stored()).toEqual({ choice: '"external"', neutral: null });
    expect(await page.isHidden('#calibration-readings')).toBe(true);
    expect(await page.isHidden('#calibration-warnings')).toBe(true);

    const external = await calibrate(page);
    expect(external).toMatch(
      /^Calibrated: your neutral posture, about \d+ cm from the screen, measured with a 78° field of view \(typical external webcam\)\./,
    );
    expect(external).not.toMatch(/If your camera's maker/);
    expect((await stored()).neutral?.fovDeg).toBe(78);
    // A wider field of view means a shorter focal length: the same head reads nearer, by tan(32.5°) / tan(39°).
    const expected = (Math.tan((32.5 * Math.PI) / 180) / Math.tan((39 * Math.PI) / 180)) * distanceCm(usual);
    expect(Math.abs(distanceCm(external) - expected)).toBeLessThanOrEqual(0.1 * expected);
  });

  it('shows an error for a custom field of view out of range, and keeps the one in use', async () => {
    await showView(page, 'settings');
    await page.selectOption('#fov', 'custom');
    expect(await page.isVisible('#fov-custom')).toBe(true);
    // Custom starts from the field of view in use: nothing changes yet.
    expect(await page.inputValue('#fov-custom')).toBe('78');
    expect(await status()).toMatch(/^Calibrated: /);

    await page.fill('#fov-custom', '150');
    await page.dispatchEvent('#fov-custom', 'change');
    await page.waitForSelector('#fov-error:not([hidden])');
    expect(await page.textContent('#fov-error')).toMatch(/in degrees, from 30 to 120/);
    expect(await page.getAttribute('#fov-custom', 'aria-invalid')).toBe('true');
    expect(await status()).toMatch(/^Calibrated: .*78° field of view/);
    expect(await stored()).toMatchObject({ choice: '78', neutral: { fovDeg: 78 } });
    expect(await page.getAttribute('#metrics', 'data-calibrated')).toBe('true');

    await page.fill('#fov-custom', '70');
    await page.dispatchEvent('#fov-custom', 'change');
    await page.waitForFunction(
      (text) => document.querySelector('#calibration-status')?.textContent === text,
      FOV_CHANGED,
    );
    expect(await page.isHidden('#fov-error')).toBe(true);
    expect(await page.getAttribute('#fov-custom', 'aria-invalid')).toBe('false');
    expect(await stored()).toEqual({ choice: '70', neutral: null });
    await notCalibrated();
    expect(await calibrate(page)).toMatch(/measured with a 70° field of view \(your own figure\)\./);
  });

  it('keeps the choice across a reload, and the neutral taken with it', async () => {
    await page.reload();
    await showView(page, 'settings');
    expect(await page.inputValue('#fov')).toBe('custom');
    expect(await page.inputValue('#fov-custom')).toBe('70');
    expect(await page.isVisible('#fov-custom')).toBe(true);
    await startCamera(page);
    expect(await status()).toMatch(
      /^Calibrated on .*, measured with a 70° field of view \(your own figure\)\./,
    );
    await page.waitForFunction(
      () => document.querySelector('#metrics')?.getAttribute('data-calibrated') === 'true',
    );
  });

  it('does not use a neutral taken with another field of view than the one chosen when the camera starts', async () => {
    await page.reload();
    await showView(page, 'settings');
    await page.selectOption('#fov', 'wide');
    expect((await stored()).neutral?.fovDeg).toBe(70); // no camera running: nothing dropped yet
    await startCamera(page);
    expect(await status()).toBe(FOV_CHANGED);
    await notCalibrated();
    expect(await stored()).toEqual({ choice: '"wide"', neutral: null });
  });

  it('says so when the stored choice cannot be read, and estimates instead', async () => {
    await page.evaluate(() => localStorage.setItem('knotless.fieldOfView', '"very wide"'));
    await page.reload();
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toMatch(/could not be read .*the camera's field of view/);
    expect(await page.inputValue('#fov')).toBe('auto');
  });
});
