import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture';
import { makeY4m, showView, tmpDir } from '../../scripts/harness';

/** What the page says when the camera or a model lets it down. */
describe('page failures', () => {
  const app = useApp();

  async function pageWith(args: string[], fakeCamera?: string) {
    const browser = await app.launch({ args, ...(fakeCamera ? { fakeCamera } : {}) });
    const page = await browser.newPage();
    await page.goto(app.url);
    return page;
  }

  it('says so when there is no camera', async () => {
    const page = await pageWith(
      ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
      `${tmpDir}/no-such-camera.y4m`,
    );
    await showView(page, 'now');
    await page.click('#start-camera');
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toMatch(/No camera was found/);
  });

  it('says so when camera permission is denied', async () => {
    const page = await pageWith(['--deny-permission-prompts', '--use-fake-device-for-media-stream']);
    await showView(page, 'now');
    await page.click('#start-camera');
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toMatch(/Camera access was denied/);
  });

  it('says which model failed to load, and keeps running the one it had', async () => {
    const y4m = await makeY4m('cap12_edit.webm', { seconds: 6 });
    const page = await pageWith([], y4m);
    await page.route('**/models/movenet-thunder.bin', (route) =>
      route.fulfill({ status: 404, body: 'gone' }),
    );
    await showView(page, 'now');
    await page.click('#start-camera');
    await page.waitForFunction(
      () => document.querySelector('#status-engine')?.textContent === 'movenet-lightning',
    );
    await showView(page, 'settings');
    await page.click('#advanced summary');
    await page.selectOption('#engine', 'movenet-thunder');
    await page.waitForSelector('#message:not([hidden])', { timeout: 60_000 });
    expect(await page.textContent('#message')).toMatch(
      /movenet-thunder model could not be loaded.*npm run models/,
    );
    expect(await page.inputValue('#engine')).toBe('movenet-lightning');
    expect(await page.textContent('#status-engine')).toBe('movenet-lightning');
    await showView(page, 'now');
    await page.evaluate(() => document.querySelector('#overlay')?.setAttribute('data-keypoints', '0'));
    await page.waitForFunction(
      () => Number(document.querySelector('#overlay')?.getAttribute('data-keypoints')) >= 5,
    );
  });

  it('falls back to another engine when the picked model file is damaged, and says so', async () => {
    const y4m = await makeY4m('cap12_edit.webm', { seconds: 6 });
    const page = await pageWith([], y4m);
    // The default engine's weights, cut short: what a broken download or disk leaves.
    await page.route('**/models/movenet-lightning.bin', (route) =>
      route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(1000) }),
    );
    await showView(page, 'now');
    await page.click('#start-camera');
    await page.waitForFunction(
      () => !(document.querySelector('#calibrate') as HTMLButtonElement).disabled,
      null,
      { timeout: 90_000 },
    );
    expect(await page.textContent('#message')).toMatch(
      /movenet-lightning model could not be loaded.*Running movenet-thunder instead/,
    );
    expect(await page.inputValue('#engine')).toBe('movenet-thunder');
    expect(await page.textContent('#status-engine')).toBe('movenet-thunder');
    await page.evaluate(() => document.querySelector('#overlay')?.setAttribute('data-keypoints', '0'));
    await page.waitForFunction(
      () => Number(document.querySelector('#overlay')?.getAttribute('data-keypoints')) >= 5,
      null,
      { timeout: 60_000 },
    );
  });

  it('says which saved settings could not be read, resets those and keeps the rest', async () => {
    const page = await pageWith([]);
    await page.evaluate(() => {
      localStorage.setItem('knotless.alertSettings', '{"sensitivity": "gentle", "onsetSec": 4'); // cut short
      localStorage.setItem('knotless.neutral', JSON.stringify({ version: 99, fovDeg: 'wide' }));
      localStorage.setItem('knotless.showPreview', 'false');
    });
    await page.reload();
    await page.waitForSelector('#message:not([hidden])');
    const message = await page.textContent('#message');
    expect(message).toMatch(/could not be read and are back to their defaults: .*Everything else was kept/);
    expect(message).toMatch(/your calibration/);
    expect(message).toMatch(/your alert settings/);
    expect(message).not.toMatch(/camera-picture/);
    expect(await page.isChecked('#show-preview')).toBe(false);
    await showView(page, 'settings');
    await page.click('#alert-settings summary');
    expect(await page.inputValue('input[name="onsetSec"]')).toBe('30');
    expect(await page.textContent('#calibration-status')).not.toMatch(/^Calibrated/);
  });
});
