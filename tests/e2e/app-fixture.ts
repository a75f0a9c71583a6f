/**
 * One e2e file's app: the server started before its tests, and every
 * browser it launched closed after them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  launchChromium,
  launchFirefox,
  startAppServer,
  type AppServer,
  type LaunchOptions,
} from '../../scripts/harness';

export interface AppFixture {
  /** The app's base URL (once the server is up). */
  readonly url: string;
  /** Launches Chromium; it is closed after the file's tests. */
  launch(options?: LaunchOptions): Promise<Browser>;
  /** Launches Firefox; it is closed after the file's tests. */
  launchFirefox(): Promise<Browser>;
}

export function useApp(start: () => Promise<AppServer> = startAppServer): AppFixture {
  let server: AppServer | null = null;
  const browsers: Browser[] = [];
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await Promise.all(browsers.splice(0).map((b) => b.close()));
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('The app server is not up yet: use the url inside a test');
      return server.url;
    },
    async launch(options) {
      const browser = await launchChromium(options);
      browsers.push(browser);
      return browser;
    },
    async launchFirefox() {
      const browser = await launchFirefox();
      browsers.push(browser);
      return browser;
    },
  };
}
