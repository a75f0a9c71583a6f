/**
 * The accuracy bounds on real footage: the project's own photos and video
 * frames moved by known amounts (scripts/accuracy/real-footage.ts), through the
 * real worker and model, read against what each move must do
 * (scripts/accuracy/real-truth.ts). `npm run accuracy` prints every case.
 *
 * With VITE_RECORD_REAL_FOOTAGE=1 in the environment the run's raw keypoints
 * are also written to tests/fixtures/real-footage.keypoints.json, for
 * replaying the geometry offline:
 *
 *     VITE_RECORD_REAL_FOOTAGE=1 npx vitest run --project browser tests/browser/real-footage.test.ts
 *
 * The bounds (scripts/accuracy/score.ts) are the ones the app aims at; what
 * these tests hold it to is what it reaches today (REACHED), so that a
 * change that loses ground fails. Most of the cases that miss a bound miss
 * it by the model's own keypoints (its eye and ear lines turn up to 2° more
 * or less than a turned picture; its shoulders shift with a head made
 * larger), which the README's accuracy section lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server } from '@vitest/browser/context';
import { createPoseClient, type PoseClient } from '../../src/ui/capture/pose-client';
import {
  DEFAULT_RUN,
  REAL_CASES,
  runRealCases,
  type RealFootageRun,
} from '../../scripts/accuracy/real-footage';
import { fixtureText, toFixture } from '../../scripts/accuracy/keypoints-fixture';
import { moveKind, scoreRealRun, type RealScored } from '../../scripts/accuracy/real-truth';
import { outcomeOf, summarize, type Summary } from '../../scripts/accuracy/score';
import type { EngineName } from '../../src/core/pose';

const RECORD = import.meta.env.VITE_RECORD_REAL_FOOTAGE === '1';
/** The engine the cases run on (VITE_REAL_ENGINE, for recording another engine's keypoints). */
const ENGINE = (import.meta.env.VITE_REAL_ENGINE as EngineName | undefined) ?? 'movenet-lightning';
const FIXTURE = `tests/fixtures/real-footage${ENGINE === 'movenet-lightning' ? '' : `.${ENGINE}`}.keypoints.json`;

/** What the app reaches on the real footage today. */
const REACHED = {
  /** Share of the clear cases whose every reading is given and within its bound (the aim: all). */
  clearAllWithin: 0.72,
  /** Readings given and out of their bound, over every case (the aim: none). */
  outOfBound: 43,
  /** Worst errors where the aim is each reading's bound: sinking and sliding, head forward, covered shoulders. */
  shift: { headForwardCm: 1.7, tiltDeg: 2.3 },
  headForwardCm: 1.7,
  nearerDistanceOut: 2,
  covered: { out: 16, tiltDeg: 3.5 },
};

let client: PoseClient;
let run: RealFootageRun;
let scored: RealScored[];
let summary: Summary;

beforeAll(async () => {
  client = createPoseClient();
  const info = await client.loadEngine({ engine: ENGINE, backend: 'wasm' });
  run = await runRealCases(client, REAL_CASES);
  scored = scoreRealRun(run);
  summary = summarize(scored);
  if (RECORD) {
    const about =
      'Recorded by tests/browser/real-footage.test.ts from the cases of scripts/accuracy/real-footage.ts ' +
      '(base pictures in tests/fixtures/media, moves in scripts/accuracy/transforms.ts). Frame i of a calibration ' +
      'had HELD_STILL_JITTER[i % 14] on top of the base; frame i of a case had HELD_STILL_JITTER[(i - warmupFrames) mod 14] ' +
      'on top of its move. Read with scripts/accuracy/keypoints-fixture.ts.';
    const engine = { engine: info.engine, backend: info.backend, inputPx: info.inputPx };
    await server.commands.writeFile(FIXTURE, fixtureText(toFixture(run, engine, DEFAULT_RUN.stepMs, about)));
  }
}, 900_000);

afterAll(() => client.dispose());

describe('accuracy on real footage', () => {
  it('runs every case at the default settings (no still picture reused, the unmoved man always found)', () => {
    expect(run.cases.map((c) => c.id)).toEqual(REAL_CASES.map((c) => c.id));
    const frames = run.cases.flatMap((c) => c.frames);
    // The held-still jitter changes every picture; the head tracker may hold a pose while the head stays put.
    expect(frames.filter((f) => f.reused && f.heldBy !== 'head')).toHaveLength(0);
    // The first frame of every case runs the model (the crop was reset), so no case is read from another's pose.
    expect(run.cases.every((c) => c.frames[0]?.reused === false)).toBe(true);
    expect(run.cases.find((c) => c.id === 'seated/none')?.frames.every((f) => f.keypoints !== null)).toBe(
      true,
    );
    // Every base picture calibrates, the six people and the covered shoulders included.
    expect(run.calibrations.filter((c) => !c.outcome.ok).map((c) => c.base)).toEqual([]);
  });

  it('gives every reading within its bound in most clear cases, and few out of bound anywhere', () => {
    expect(summary.clearCases).toBeGreaterThan(90);
    const failures = summary.failures.map((f) => `${f.id}: ${f.key} ${f.problem}`).join('\n');
    expect(summary.clearAllWithinShare, failures).toBeGreaterThanOrEqual(REACHED.clearAllWithin);
    expect(summary.outcomes.out, failures).toBeLessThanOrEqual(REACHED.outOfBound);
  });

  it("leaves at most 15 % of the clear cases' readings unknown, each with the app's reason", () => {
    const c = summary.clearOutcomes;
    expect(c.unknown / (c.within + c.out + c.unknown)).toBeLessThanOrEqual(0.15);
    expect(summary.failures.filter((f) => f.problem.startsWith('unknown'))).toEqual([]);
  });

  it('reads a person who sank, rose or slid as nothing: head forward, rounding and tilt stay within bounds', () => {
    const shifted = kind('shift');
    expect(shifted.length).toBeGreaterThan(30);
    const s = summarize(shifted);
    expect(s.outcomes.within).toBeGreaterThan(100);
    expect(s.worst.headForward!.errorAbs).toBeLessThanOrEqual(REACHED.shift.headForwardCm);
    expect(s.worst.rounding!.errorAbs).toBeLessThanOrEqual(4);
    expect(s.worst.tilt!.errorAbs).toBeLessThanOrEqual(REACHED.shift.tiltDeg);
  });

  it('reads a head come forward as head forward, and the whole person nearer as nearer', () => {
    const forward = kind('headForward').filter((r) => r.readings.headForwardCm.value != null);
    expect(forward.length).toBeGreaterThan(20);
    for (const r of forward) {
      const fwd = r.readings.headForwardCm.value!;
      expect(fwd, r.id).toBeGreaterThan(0.6 * r.truth.headForwardCm);
      expect(fwd, r.id).toBeLessThan(1.3 * r.truth.headForwardCm);
    }
    expect(summarize(kind('headForward')).worst.headForward!.errorAbs).toBeLessThanOrEqual(
      REACHED.headForwardCm,
    );
    const nearer = kind('nearer').filter((r) => r.readings.distanceCm.value != null);
    expect(nearer.length).toBeGreaterThan(12);
    for (const r of nearer) {
      // Nearer reads nearer, within a third of the change; and no head forward.
      const d = r.readings.distanceCm.value!;
      expect(Math.abs(d - r.truth.distanceCm), `${r.id} distance`).toBeLessThan(
        Math.abs(r.truth.distanceCm) / 3,
      );
      const head = r.readings.headForwardCm;
      if (head.value == null) expect(head.reason, `${r.id} head forward`).toMatch(/bottom edge/);
      else expect(Math.abs(head.value), `${r.id} head forward`).toBeLessThan(1.5);
    }
    expect(nearer.filter((r) => outcomeOf(r, 'distanceCm') === 'out').length).toBeLessThanOrEqual(
      REACHED.nearerDistanceOut,
    );
  });

  it('with a shoulder covered, reads it within bound or leaves it unknown with the reason', () => {
    const covered = kind('covered');
    expect(covered.length).toBeGreaterThan(80);
    const s = summarize(covered);
    // Most covered shoulders are caught; what is given stays near its bound.
    expect(s.outcomes.unknown).toBeGreaterThan(s.outcomes.out * 5);
    expect(s.outcomes.out).toBeLessThanOrEqual(REACHED.covered.out);
    expect(s.worst.tilt!.errorAbs).toBeLessThanOrEqual(REACHED.covered.tiltDeg);
    for (const r of covered) {
      for (const key of ['shoulderRoundingPct', 'shoulderTiltDeg'] as const) {
        const reading = r.readings[key];
        if (reading.value == null) expect(reading.reason, `${r.id} ${key}`).toMatch(/shoulder/);
      }
    }
  });

  it('reads the laptop framing of cap12 (shoulders at the bottom edge): shoulder readings or the reason', () => {
    const laptop = scored.filter((s) => s.base.startsWith('cap12'));
    expect(laptop.length).toBeGreaterThan(8);
    for (const s of laptop) {
      for (const key of ['shoulderRoundingPct', 'shoulderTiltDeg'] as const) {
        const r = s.readings[key];
        if (r.value == null) expect(r.reason, `${s.id} ${key}`).toMatch(/bottom edge|outside the picture/);
      }
    }
  });

  it('accepts bulky clothes (faint shoulders) with a warning that names what it cannot measure', () => {
    const faded = run.calibrations.find((c) => c.base === 'seated-faded')!;
    expect(faded.outcome.ok).toBe(true);
    const neutral = faded.outcome.neutral as { warnings: string[]; readings: string[] };
    expect(neutral.warnings.join(' ')).toMatch(/hard to make out/);
    expect(neutral.readings).toContain('headRollDeg');
    expect(neutral.readings).not.toContain('shoulderRoundingPct');
  });
});

/** The scored cases of one kind of move (real-truth.ts MOVE_KINDS). */
const kind = (k: string): RealScored[] => scored.filter((r) => moveKind(r.id) === k);
