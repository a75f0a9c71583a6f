/// <reference types="vitest/config" />
/// <reference types="@vitest/browser/providers/playwright" />
import { createHash } from 'node:crypto';
import { cpSync, createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { chromiumArgs, chromiumPath } from './scripts/chromium';
import { firefoxLaunch } from './scripts/firefox';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './scripts/security-headers';
import { MODELS_CACHE_PREFIX } from './src/ui/shell/cache-names';

const root = import.meta.dirname;
const modelsDir = resolve(root, 'models');

const mime: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/**
 * Serves models/ at /models/ in development and copies it into the build.
 * The files are put in place by scripts/prepare-models.mjs.
 */
function serveModels(): Plugin {
  let outDir = 'dist';
  return {
    name: 'knotless-models',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const file = normalize(join(modelsDir, decodeURIComponent(url.pathname)));
        if (!file.startsWith(modelsDir) || !existsSync(file) || !statSync(file).isFile()) {
          res.statusCode = 404;
          res.end(`models${url.pathname}: not found. Run \`npm run models\`.`);
          return;
        }
        res.setHeader('Content-Type', mime[extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(file).size);
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(res).on('error', next);
      });
    },
    // Before the service worker is generated (closeBundle), so that it can cache them.
    writeBundle() {
      cpSync(modelsDir, join(outDir, 'models'), { recursive: true });
    },
  };
}

/**
 * The built app's security policy: a meta tag in index.html (frame-ancestors
 * only works as a header, so it is left out there) and dist/_headers with
 * every header, for hosts that read it. `npm run preview` sends them.
 */
function securityHeaders(): Plugin {
  const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'knotless-security-headers',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy },
        injectTo: 'head-prepend',
      },
    ],
    generateBundle() {
      const lines = Object.entries(SECURITY_HEADERS).map(([k, v]) => `  ${k}: ${v}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

/** Models change only with models/manifest.json: their runtime cache is named after it. */
const modelsTag = existsSync(join(modelsDir, 'manifest.json'))
  ? createHash('sha256')
      .update(readFileSync(join(modelsDir, 'manifest.json')))
      .digest('hex')
      .slice(0, 12)
  : 'none';
/** The service worker's cache of the models not precached (the page drops other versions'). */
const modelsCache = `${MODELS_CACHE_PREFIX}${modelsTag}`;

/**
 * Installable and offline: the app, the default engine (MoveNet Lightning)
 * and its head tracker's face detector, the people counter and the wasm backend are cached when the service
 * worker installs; other engines' models are cached the first time they load.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'knotless: posture coach',
    short_name: 'knotless',
    description: 'A posture coach that watches through your webcam, entirely on your own machine.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1f9d74',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    ],
  },
  workbox: {
    globPatterns: [
      '**/*.{js,css,html,svg,png,webmanifest}',
      'models/movenet-lightning.*',
      'models/facemesh-detection-short.*',
      'models/movenet-multipose.*',
      'models/tfjs-wasm/tfjs-backend-wasm.wasm',
      'models/tfjs-wasm/tfjs-backend-wasm-simd.wasm',
    ],
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/models/'),
        handler: 'CacheFirst',
        options: { cacheName: modelsCache },
      },
    ],
  },
});

const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
  .version;
/** KNOTLESS_BUILD_TAG marks a build (the update test builds two). */
const appVersion = process.env.KNOTLESS_BUILD_TAG
  ? `${packageVersion}+${process.env.KNOTLESS_BUILD_TAG}`
  : packageVersion;

const browserLaunch = { executablePath: chromiumPath, args: chromiumArgs };

/**
 * The browser tests that also run in Firefox: the worker, the engines on
 * wasm with real footage, history, alerts. Left to Chromium: losing a WebGL
 * context (Firefox has no WebGL on a machine without a GPU) and the
 * accuracy cases on real footage (the same worker and models as
 * posture-footage; they take a minute and a half).
 */
const firefoxBrowserTests = [
  'alert-presenter',
  'chime',
  'head-tracker',
  'history-store',
  'pose-worker',
  'posture-footage',
  'still-picture',
  'two-people',
  'watch-lock',
].map((name) => `tests/browser/${name}.test.ts`);

/** A project of browser tests (vitest's browser mode, driven by Playwright) in one browser. */
const browserProject = (
  name: string,
  include: string[],
  instance: { browser: string; name?: string; launch: object },
  setupFiles: string[] = [],
) => ({
  extends: true as const,
  test: {
    name,
    include,
    setupFiles,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    browser: {
      enabled: true,
      headless: true,
      provider: 'playwright' as const,
      screenshotFailures: false,
      instances: [instance],
    },
  },
});

export default defineConfig({
  publicDir: 'src/ui/public',
  define: { __APP_VERSION__: JSON.stringify(appVersion), __MODELS_CACHE__: JSON.stringify(modelsCache) },
  plugins: [serveModels(), securityHeaders(), pwa],
  preview: { headers: SECURITY_HEADERS },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-converter',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow-models/pose-detection',
      'comlink',
      'idb',
      'uplot',
    ],
  },
  test: {
    // Two cores: one test file at a time, so timings and the browser stay steady.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      browserProject('browser', ['tests/browser/**/*.test.ts'], {
        browser: 'chromium',
        launch: browserLaunch,
      }),
      browserProject(
        'firefox',
        firefoxBrowserTests,
        { browser: 'firefox', name: 'browser (firefox)', launch: firefoxLaunch },
        ['tests/browser/firefox-setup.ts'],
      ),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
