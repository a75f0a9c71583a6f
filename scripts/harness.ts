/**
 * Runs the app for tests, the bench and analyze: the Vite server on
 * loopback, Debian's Chromium through playwright-core, and real footage
 * turned into a fake webcam with ffmpeg.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, firefox, type Browser, type Page } from 'playwright-core';
import { build, createServer, preview, type ViteDevServer } from 'vite';
import { chromiumArgs, chromiumPath, fakeCameraArgs } from './chromium';
import { firefoxLaunch, firefoxPath } from './firefox';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const mediaDir = join(projectRoot, 'tests', 'fixtures', 'media');
export const tmpDir = join(projectRoot, 'tests', '.tmp');

export interface AppServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
  const server: ViteDevServer = await createServer({
    root: projectRoot,
    configFile: join(projectRoot, 'vite.config.ts'),
    logLevel: 'error',
    // Serves the files as they were: no reload mid-run when one is edited.
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite did not start listening');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

/**
 * Builds the app as `npm run build` does (without the type check) into
 * `outDir`; `tag` marks the build's version (KNOTLESS_BUILD_TAG).
 */
export async function buildApp(outDir: string, tag?: string): Promise<void> {
  const before = process.env.KNOTLESS_BUILD_TAG;
  if (tag) process.env.KNOTLESS_BUILD_TAG = tag;
  else delete process.env.KNOTLESS_BUILD_TAG;
  try {
    await build({
      root: projectRoot,
      configFile: join(projectRoot, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (before === undefined) delete process.env.KNOTLESS_BUILD_TAG;
    else process.env.KNOTLESS_BUILD_TAG = before;
  }
}

/** Serves a build as `npm run preview` does, with the app's security headers, on loopback. */
export async function startBuiltServer(outDir: string): Promise<AppServer> {
  const server = await preview({
    root: projectRoot,
    configFile: join(projectRoot, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not start listening');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    // Open keep-alive connections would keep a closed server answering.
    close: () => {
      (server.httpServer as { closeAllConnections?: () => void }).closeAllConnections?.();
      return server.close();
    },
  };
}

export interface LaunchOptions {
  /** A y4m file to play as the webcam. */
  fakeCamera?: string;
  args?: string[];
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...chromiumArgs,
      ...(options.fakeCamera ? fakeCameraArgs(options.fakeCamera) : []),
      ...(options.args ?? []),
    ],
  });
}

/**
 * Launches Debian's firefox-esr, headless. Its camera is a synthetic
 * picture; pages that need real footage get a canvas camera
 * (scripts/canvas-camera.ts) made from clips made with makeClip(…, 'webm').
 */
export async function launchFirefox(): Promise<Browser> {
  if (!existsSync(firefoxPath)) {
    throw new Error(
      `Firefox not found at ${firefoxPath}. Install Debian's package (apt-get install firefox-esr) or set FIREFOX_PATH.`,
    );
  }
  return firefox.launch(firefoxLaunch);
}

const run = promisify(execFile);

/** Opens one of the app's views (setup, now, today, causes, settings) through its address, as a link would. */
export async function showView(
  page: Page,
  view: 'setup' | 'now' | 'today' | 'causes' | 'settings',
): Promise<void> {
  await page.evaluate((v) => {
    location.hash = v;
  }, `#${view}`);
  await page.waitForSelector(`[data-view="${view}"]:not([hidden])`);
}

export interface Y4mOptions {
  width?: number;
  height?: number;
  fps?: number;
  seconds?: number;
  startSeconds?: number;
  /** Extra ffmpeg filters after scaling, e.g. `rotate=0.1` or `hflip`. */
  filter?: string;
  /** When set, the clip is followed by itself again with these filters added (e.g. upright, then tilted). */
  thenFilter?: string;
  /**
   * Plays the clip forwards then backwards, so that the fake camera's loop
   * has no jump at its seam (a jump reads as moving during calibration).
   */
  pingPong?: boolean;
}

/**
 * Turns real footage into a y4m webcam clip under tests/.tmp (made once per
 * set of options; y4m files are too big to commit).
 */
export const makeY4m = (source: string, options: Y4mOptions = {}): Promise<string> =>
  makeClip(source, options, 'y4m');

/**
 * Like makeY4m, in the container a browser plays: y4m for Chromium's fake
 * camera, or VP8 webm (near-lossless) for a video element.
 */
export async function makeClip(
  source: string,
  options: Y4mOptions = {},
  container: 'y4m' | 'webm' = 'y4m',
): Promise<string> {
  const {
    width = 640,
    height = 480,
    fps = 25,
    seconds = 8,
    startSeconds = 0,
    filter,
    thenFilter,
    pingPong,
  } = options;
  if (thenFilter && pingPong) throw new Error('makeY4m: thenFilter and pingPong do not go together');
  mkdirSync(tmpDir, { recursive: true });
  const tag = [
    width,
    height,
    fps,
    seconds,
    startSeconds,
    filter ?? 'plain',
    thenFilter ?? '',
    pingPong ? 'pp' : '',
  ]
    .join('-')
    .replace(/[^\w.-]/g, '_');
  const out = join(tmpDir, `${source.replace(/\W/g, '_')}-${tag}.${container}`);
  if (existsSync(out)) return out;
  const filters = [`scale=${width}:${height}`, `fps=${fps}`, ...(filter ? [filter] : [])].join(',');
  const second = thenFilter ?? (pingPong ? 'reverse' : null);
  const graph = second
    ? [
        '-filter_complex',
        `[0:v]${filters},split[a][b];[b]${second}[c];[a][c]concat=n=2:v=1,format=yuv420p[out]`,
        '-map',
        '[out]',
      ]
    : ['-vf', `${filters},format=yuv420p`];
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-ss',
    String(startSeconds),
    '-t',
    String(seconds),
    '-i',
    join(mediaDir, source),
    ...graph,
    ...(container === 'y4m'
      ? ['-f', 'yuv4mpegpipe']
      : ['-c:v', 'libvpx', '-crf', '4', '-b:v', '8M', '-deadline', 'good', '-cpu-used', '4', '-an']),
    out,
  ]);
  return out;
}
