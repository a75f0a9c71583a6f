import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeY4m, startAppServer, tmpDir, type AppServer } from '../../scripts/harness';

/** What the page says when the camera or a model lets it down. */
describe('page failures', () => {
  let server: AppServer;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    server = await startAppServer();
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await server?.close();
  });

  async function pageWith(args: string[], fakeCamera?: string) {
    const browser = await launchChromium({ args, ...(fakeCamera ? { fakeCamera } : {}) });
    browsers.push(browser);
    const page = await browser.newPage();
    await page.goto(server.url);
    return page;
  }

  it('says so when there is no camera', async () => {
    const page = await pageWith(
      ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
      `${tmpDir}/no-such-camera.y4m`,
    );
    await page.click('#start-camera');
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toMatch(/No camera was found/);
  });

  it('says so when camera permission is denied', async () => {
    const page = await pageWith(['--deny-permission-prompts', '--use-fake-device-for-media-stream']);
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
    await page.click('#start-camera');
    await page.waitForFunction(
      () => document.querySelector('#status-engine')?.textContent === 'movenet-lightning',
    );
    await page.selectOption('#engine', 'movenet-thunder');
    await page.waitForSelector('#message:not([hidden])', { timeout: 60_000 });
    expect(await page.textContent('#message')).toMatch(
      /movenet-thunder model could not be loaded.*npm run models/,
    );
    expect(await page.inputValue('#engine')).toBe('movenet-lightning');
    expect(await page.textContent('#status-engine')).toBe('movenet-lightning');
    await page.evaluate(() => document.querySelector('#overlay')?.setAttribute('data-keypoints', '0'));
    await page.waitForFunction(
      () => Number(document.querySelector('#overlay')?.getAttribute('data-keypoints')) >= 5,
    );
  });
});
