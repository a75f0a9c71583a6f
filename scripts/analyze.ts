/**
 * npm run analyze -- <file> [--calibrate-seconds N] [--fps F] [--engine NAME]
 *                     [--sensitivity relaxed|balanced|strict] [--onset-seconds S]
 *
 * Runs a recording (webm, mp4, y4m, png, jpg) through the app's own pose
 * worker and posture tracker in headless Chromium, using its first N seconds
 * (default 3) as the neutral posture. Prints one JSON line per second of
 * video, one line `{"t", "alert", "side", "heldS"}` for each alert the app's
 * posture state raised (after the line of its second), then one summary line (see src/analyze/report.ts for the
 * fields). Videos are decoded with ffmpeg. Exit code 0; 2 for bad arguments or an unreadable file; 3 when
 * calibration was refused (the lines are printed all the same).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { ENGINES, type EngineName } from '../src/core/pose';
import { alertLines, interleave, secondLines, summarize } from '../src/analyze/report';
import { resolveAlertSettings, type AlertSettings, type Sensitivity } from '../src/core/alerts/settings';
import type { AnalyzedFrame, AnalyzeOptions } from '../src/analyze/analyze-page';
import { launchChromium, startAppServer, tmpDir } from './harness';

const VIDEO = new Set(['.webm', '.mp4', '.y4m', '.mov', '.mkv']);
const IMAGE = new Set(['.png', '.jpg', '.jpeg']);

function fail(message: string): never {
  console.error(`analyze: ${message}`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let file: string | null = null;
  let calibrateSeconds = 3;
  let fps = 10;
  let engine: EngineName = 'movenet-lightning';
  const alertSettings: Partial<AlertSettings> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i] ?? fail(`${a} needs a value`);
    if (a === '--calibrate-seconds') calibrateSeconds = Number(value());
    else if (a === '--fps') fps = Number(value());
    else if (a === '--engine') engine = value() as EngineName;
    else if (a === '--sensitivity') alertSettings.sensitivity = value() as Sensitivity;
    else if (a === '--onset-seconds') alertSettings.onsetSec = Number(value());
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else if (file) fail(`one file at a time (got ${file} and ${a})`);
    else file = a;
  }
  if (!file)
    fail(
      'usage: npm run analyze -- <file> [--calibrate-seconds N] [--fps F] [--engine NAME] [--sensitivity relaxed|balanced|strict] [--onset-seconds S]',
    );
  if (alertSettings.sensitivity === 'custom') fail('--sensitivity must be relaxed, balanced or strict');
  try {
    resolveAlertSettings(alertSettings);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (!(calibrateSeconds > 0)) fail('--calibrate-seconds must be a positive number');
  if (!(fps > 0 && fps <= 60)) fail('--fps must be between 0 and 60');
  if (!ENGINES.some((e) => e.name === engine))
    fail(`unknown engine ${engine}; one of ${ENGINES.map((e) => e.name).join(', ')}`);
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (!existsSync(path) || !statSync(path).isFile()) fail(`${file}: no such file`);
  const ext = extname(path).toLowerCase();
  if (!VIDEO.has(ext) && !IMAGE.has(ext))
    fail(`${file}: expected a video (webm, mp4, y4m) or an image (png, jpg)`);
  return { path, ext, calibrateSeconds, fps, engine, alertSettings };
}

/** Decodes the video's frames at `fps` into JPEG files with ffmpeg; returns them in order. */
function decodeFrames(path: string, fps: number): { dir: string; files: string[] } {
  mkdirSync(tmpDir, { recursive: true });
  const dir = mkdtempSync(join(tmpDir, 'analyze-'));
  try {
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-i',
      path,
      '-an',
      '-vf',
      `fps=${fps}`,
      '-q:v',
      '2',
      join(dir, '%06d.jpg'),
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    fail(
      `ffmpeg could not read ${path} (${err instanceof Error ? err.message : String(err)}). Is ffmpeg installed?`,
    );
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  if (files.length === 0) fail(`${path}: no video frames`);
  return { dir, files: files.map((f) => join(dir, f)) };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const still = IMAGE.has(args.ext);
  const decoded = still ? { dir: null, files: [args.path] } : decodeFrames(args.path, args.fps);
  const server = await startAppServer();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`analyze: page error: ${e.message}`));
    const frameUrls = decoded.files.map((_, i) => `${server.url}__analyze_frame__/${i}`);
    await page.route(`${server.url}__analyze_frame__/*`, (route) => {
      const i = Number(route.request().url().split('/').pop());
      return route.fulfill({ path: decoded.files[i]! });
    });
    await page.goto(`${server.url}src/analyze/analyze.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, {
      timeout: 120_000,
    });
    const options: AnalyzeOptions = {
      frameUrls,
      still,
      calibrateSeconds: args.calibrateSeconds,
      fps: args.fps,
      engine: args.engine,
      alertSettings: args.alertSettings,
    };
    const frames: AnalyzedFrame[] = await page.evaluate((o) => window.knotlessAnalyze(o), options);
    const samples = frames.map((f) => f.result.posture);
    const lines = secondLines(samples);
    const alerts = alertLines(frames.flatMap((f) => f.result.events));
    for (const line of interleave(lines, alerts)) console.log(JSON.stringify(line));
    const summary = summarize(samples, lines, alerts);
    console.log(JSON.stringify(summary));
    if (summary.calibration && !summary.calibration.ok) process.exitCode = 3;
  } finally {
    await browser.close();
    await server.close();
    if (decoded.dir) rmSync(decoded.dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`analyze: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
