/**
 * Runs bench-headed.ts alone: `npx vite-node scripts/bench-headed-cli.ts`.
 * BENCH_HEADED_MINUTES (default 3): minutes of each stretch;
 * BENCH_HEADED_ROUNDS (default 2); BENCH_CAMERA_FPS (default 5): frames a
 * second the fake camera delivers, playing cap12's stillest stretch.
 * Prints a table, then (last line) the result as JSON.
 */
import { stillClip } from './app-session';
import { benchHeaded, type HeadedStretch } from './bench-headed';
import { startAppServer } from './harness';

const MINUTES = Number(process.env.BENCH_HEADED_MINUTES ?? 3);
const ROUNDS = Number(process.env.BENCH_HEADED_ROUNDS ?? 2);
const CAMERA_FPS = Number(process.env.BENCH_CAMERA_FPS ?? 5);

const processes = (r: Record<string, number>) =>
  Object.entries(r)
    .filter(([, v]) => v >= 0.1)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

const row = (what: string, s: HeadedStretch) =>
  `${what.padEnd(22)}${s.cpuPct.toFixed(1).padStart(6)} %  ${String(s.framesPerMin ?? s.samplesPerMin ?? '-').padStart(7)} ${s.framesPerMin !== null ? 'frames' : 'samples'}/min  (${processes(s.byProcess)})`;

async function main(): Promise<void> {
  const server = await startAppServer();
  try {
    const clip = await stillClip(CAMERA_FPS);
    const t0 = Date.now();
    const r = await benchHeaded(server.url, clip, MINUTES, ROUNDS);
    console.log(
      `headed Chromium under Xvfb, fake camera at ${CAMERA_FPS} frames/s, ${MINUTES} min a stretch, ${ROUNDS} rounds, ${((Date.now() - t0) / 60_000).toFixed(1)} min in all`,
    );
    r.rounds.forEach((round, i) => {
      console.log(`round ${i + 1}         CPU (% of a core)   rate          by process (%)`);
      console.log(row('  camera floor, in view', round.floorInView));
      console.log(row('  camera floor, hidden', round.floorHidden));
      console.log(row('  preview floor, in view', round.previewFloorInView));
      console.log(row('  app, in view', round.appInView));
      console.log(row('  app, picture off', round.appInViewPictureOff));
      console.log(row('  app, hidden', round.appHidden));
    });
    console.log(
      `mean: camera floor ${r.cameraFloorCpuPct}% in view, ${r.cameraFloorCpuPctHidden}% hidden, ${r.previewFloorCpuPct}% with the picture; app ${r.cpuPctOfCore}% in view (${r.samplesPerMin} samples/min), ${r.cpuPctOfCorePictureOff}% picture off, ${r.cpuPctOfCoreHidden}% hidden (${r.hiddenSamplesPerMin} samples/min)`,
    );
    console.log(JSON.stringify(r));
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
