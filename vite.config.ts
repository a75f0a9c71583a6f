/// <reference types="vitest/config" />
/// <reference types="@vitest/browser/providers/playwright" />
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { chromiumArgs, chromiumPath } from './scripts/chromium';

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
    closeBundle() {
      cpSync(modelsDir, join(outDir, 'models'), { recursive: true });
    },
  };
}

const browserLaunch = { executablePath: chromiumPath, args: chromiumArgs };

export default defineConfig({
  plugins: [serveModels()],
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
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            provider: 'playwright',
            screenshotFailures: false,
            instances: [{ browser: 'chromium', launch: browserLaunch }],
          },
        },
      },
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
