import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './app-fixture';
import { sittingClip, startCamera } from '../../scripts/app-session';

/**
 * knotless open in two tabs of one browser: the tab where the camera was
 * started last watches; the other stops (no second alert, no minute
 * recorded twice) and says where watching went.
 */

const samples = async (page: Page) => Number(await page.textContent('#status-samples'));
const message = (page: Page) => page.textContent('#message');

describe('two tabs', () => {
  const app = useApp();

  it('watches in the tab started last; the other stops, says so, and can take it back', async () => {
    const browser = await app.launch({ fakeCamera: await sittingClip(false) });
    const context = await browser.newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto(app.url);
    await b.goto(app.url);

    await startCamera(a);
    await expect.poll(() => samples(a), { timeout: 30_000 }).toBeGreaterThan(2);
    await startCamera(b);
    await expect.poll(() => message(a), { timeout: 10_000 }).toMatch(/another knotless tab/);
    await expect.poll(() => samples(b), { timeout: 30_000 }).toBeGreaterThan(2);
    // A has stopped: its camera is let go and it samples no more.
    const stoppedAt = await samples(a);
    expect(
      await a.evaluate(() => (document.querySelector('#video') as HTMLVideoElement).srcObject),
    ).toBeNull();
    await b.waitForTimeout(3000);
    expect(await samples(a)).toBe(stoppedAt);

    // Start again in A: it watches, B stops.
    await startCamera(a);
    await expect.poll(() => message(b), { timeout: 10_000 }).toMatch(/another knotless tab/);
    await expect.poll(() => samples(a), { timeout: 30_000 }).toBeGreaterThan(stoppedAt + 2);
    expect(await message(a)).not.toMatch(/another knotless tab/);
  });
});
