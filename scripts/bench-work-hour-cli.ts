/**
 * Runs the working hour alone: `npx vite-node scripts/bench-work-hour-cli.ts`.
 * BENCH_WORK_HOUR_SCALE (default 1, about ten minutes a pass, three passes);
 * BENCH_CAMERA_FPS (default 5). Prints the result as JSON.
 */
import { benchWorkHour } from './bench-work-hour';
import { startAppServer } from './harness';

const server = await startAppServer();
try {
  const r = await benchWorkHour(
    server.url,
    Number(process.env.BENCH_WORK_HOUR_SCALE ?? 1),
    Number(process.env.BENCH_CAMERA_FPS ?? 5),
  );
  console.log(JSON.stringify(r));
} finally {
  await server.close();
}
