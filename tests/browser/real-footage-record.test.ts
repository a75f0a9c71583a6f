/**
 * Every real-footage case (tests/accuracy/real-footage.ts) through the real
 * worker and model: every case runs, and the unmoved seated man is found
 * in every frame. With VITE_RECORD_REAL_FOOTAGE=1 in the environment the run is
 * written to tests/fixtures/real-footage.keypoints.json (the raw keypoints,
 * for replaying the posture geometry offline) and a summary of what the
 * current geometry read is printed:
 *
 *     VITE_RECORD_REAL_FOOTAGE=1 npx vitest run --project browser tests/browser/real-footage-record.test.ts
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { server } from '@vitest/browser/context';
import { createPoseClient, type PoseClient } from '../../src/ui/pose-client';
import { DEFAULT_RUN, REAL_CASES, runRealCases } from '../accuracy/real-footage';
import { fixtureText, toFixture } from '../accuracy/keypoints-fixture';

const RECORD = import.meta.env.VITE_RECORD_REAL_FOOTAGE === '1';
const FIXTURE = 'tests/fixtures/real-footage.keypoints.json';

let client: PoseClient;
let engine: { engine: string; backend: string; inputPx: number | null };

beforeAll(async () => {
  client = createPoseClient();
  const info = await client.api.init({ engine: 'movenet-lightning', backend: 'wasm' });
  engine = { engine: info.engine, backend: info.backend, inputPx: info.inputPx };
});

afterAll(() => client.dispose());

it('runs every real-footage case', { timeout: 900_000 }, async () => {
  const run = await runRealCases(client, REAL_CASES);

  expect(run.cases.map((c) => c.id)).toEqual(REAL_CASES.map((c) => c.id));
  for (const c of run.cases)
    expect(c.frames, c.id).toHaveLength(DEFAULT_RUN.warmupFrames + DEFAULT_RUN.framesPerCase);
  const still = run.cases.find((c) => c.id === 'seated/none');
  expect(still?.frames.every((f) => f.keypoints !== null)).toBe(true);
  // The model looked at every frame: jittered frames are never the same picture's reused pose.
  expect(run.cases.flatMap((c) => c.frames).filter((f) => f.reused)).toHaveLength(0);

  if (!RECORD) return;
  const about =
    'Recorded by tests/browser/real-footage-record.test.ts from the cases of tests/accuracy/real-footage.ts ' +
    '(base pictures in tests/fixtures/media, moves in tests/accuracy/transforms.ts). Frame i of a calibration ' +
    'had HELD_STILL_JITTER[i % 14] on top of the base; frame i of a case had HELD_STILL_JITTER[(i - warmupFrames) mod 14] ' +
    'on top of its move. Read with tests/accuracy/keypoints-fixture.ts.';
  await server.commands.writeFile(FIXTURE, fixtureText(toFixture(run, engine, DEFAULT_RUN.stepMs, about)));
  console.log(
    JSON.stringify({
      elapsedMs: Math.round(run.elapsedMs),
      calibrations: run.calibrations.map((c) => ({ base: c.base, ...c.outcome, neutral: undefined })),
      cases: run.cases.map((c) => ({ id: c.id, medians: c.medians, nullReasons: c.nullReasons })),
    }),
  );
});
