/**
 * The page `npm run accuracy` drives for its real-footage part: every
 * real-footage case (real-footage.ts) through the same worker and engine as
 * the live app (MoveNet Lightning on wasm), as the real-footage browser test
 * runs them. The run comes back without the raw keypoints (scripts/accuracy.ts
 * needs only what the geometry read, and the keypoints are most of its size).
 * Each calibration and case is logged to the console as it starts, for the
 * script to show as progress.
 */
import { createPoseClient } from '../../src/ui/capture/pose-client';
import {
  REAL_CASES,
  runRealCases,
  type CalibrationRecord,
  type CaseRecord,
  type RealFootageRun,
  type RecordedFrame,
} from './real-footage';

/** A recorded frame without its raw keypoints. */
export type SlimFrame = Omit<RecordedFrame, 'keypoints'>;

export interface SlimRun extends Omit<RealFootageRun, 'calibrations' | 'cases'> {
  calibrations: (Omit<CalibrationRecord, 'frames'> & { frames: SlimFrame[] })[];
  cases: (Omit<CaseRecord, 'frames'> & { frames: SlimFrame[] })[];
  /** The engine the cases ran on, as the worker reported it. */
  engine: { engine: string; backend: string; inputPx: number | null };
}

export interface AccuracyOptions {
  /** Run only these cases (ids as in REAL_CASES); all of them when absent. */
  caseIds?: string[];
}

const slim = (frames: readonly RecordedFrame[]): SlimFrame[] =>
  frames.map((f) => {
    const copy: SlimFrame & Partial<Pick<RecordedFrame, 'keypoints'>> = { ...f };
    delete copy.keypoints;
    return copy;
  });

async function runAccuracy(options: AccuracyOptions = {}): Promise<SlimRun> {
  const ids = options.caseIds ? new Set(options.caseIds) : null;
  const cases = ids ? REAL_CASES.filter((c) => ids.has(c.id)) : REAL_CASES;
  if (ids && cases.length !== ids.size) {
    const unknown = [...ids].filter((id) => !REAL_CASES.some((c) => c.id === id));
    throw new Error(`no such real-footage case: ${unknown.join(', ')}`);
  }
  const client = createPoseClient();
  try {
    const info = await client.loadEngine({ engine: 'movenet-lightning', backend: 'wasm' });
    const run = await runRealCases(client, cases, {
      onProgress: (what) => console.log(`accuracy: ${what}`),
    });
    return {
      elapsedMs: run.elapsedMs,
      calibrations: run.calibrations.map((c) => ({ ...c, frames: slim(c.frames) })),
      cases: run.cases.map((c) => ({ ...c, frames: slim(c.frames) })),
      engine: { engine: info.engine, backend: info.backend, inputPx: info.inputPx },
    };
  } finally {
    client.dispose();
  }
}

declare global {
  interface Window {
    knotlessAccuracy: typeof runAccuracy;
  }
}
window.knotlessAccuracy = runAccuracy;
document.getElementById('status')!.textContent = 'ready';
