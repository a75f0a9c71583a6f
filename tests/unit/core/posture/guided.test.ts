import { describe, expect, it } from 'vitest';
import { HEAD_MODEL, HEAD_POINTS, rotate, type Orientation } from '../../../../src/core/posture/body';
import {
  GuidedCalibration,
  SETTLE_MS,
  type GuidedFrame,
  type GuidedStep,
} from '../../../../src/core/posture/guided';
import { solveHeadPose, type HeadObservations } from '../../../../src/core/posture/head-pose';

const rad = (d: number) => (d * Math.PI) / 180;
const STEPS: GuidedStep[] = [
  { id: 'left', durationMs: 3000, optional: false },
  { id: 'right', durationMs: 3000, optional: false },
  { id: 'down', durationMs: 3000, optional: false },
  { id: 'chin', durationMs: 4000, optional: true },
];
const START = {
  head: { x: 0, y: 0, z: 70 },
  orientation: { yaw: 0, pitch: 0, roll: 0 },
  trunkDepthCm: 72,
  face: {} as HeadObservations,
};

/** A face of depth `depth` (a share of the generic one's) at `center`, turned by `o`: its points, and the generic fit of them. */
function frame(tMs: number, o: Orientation, depth = 1, center = START.head): GuidedFrame {
  const obs: HeadObservations = {};
  for (const name of HEAD_POINTS) {
    const m = HEAD_MODEL[name];
    const p = rotate({ x: m.x, y: m.y, z: m.z * depth }, o);
    const z = center.z + p.z;
    obs[name] = { point: { u: (center.x + p.x) / z, v: (center.y + p.y) / z }, weight: 1 };
  }
  const head = solveHeadPose(obs)!;
  return { tMs, obs, head, turn: { yaw: head.yaw, pitch: head.pitch, roll: head.roll }, trunkDepthCm: 72 };
}

START.face = frame(0, { yaw: 0, pitch: 0, roll: 0 }, 1.2).obs;

/** Runs the steps at 15 frames a second with what `move` says the person does `intoMs` into each step. */
function run(
  move: (step: GuidedStep['id'], intoMs: number) => { o: Orientation; center?: typeof START.head },
  depth = 1,
) {
  const g = new GuidedCalibration(START, STEPS);
  const shown: string[] = [];
  let t = 0;
  let stepStart = 0;
  let last = '';
  while (!g.done && t < 20_000) {
    const status = g.add(t, null);
    if (!status) break;
    if (status.step !== last) {
      last = status.step;
      stepStart = t;
      shown.push(status.step);
    }
    const m = move(status.step, t - stepStart);
    g.add(t + 1, frame(t + 1, m.o, depth, m.center));
    t += 1000 / 15;
  }
  return { g, shown, result: g.result() };
}

const still = { yaw: 0, pitch: 0, roll: 0 };

describe('GuidedCalibration', () => {
  it('goes through the steps in order, each for its time, and says what it saw', () => {
    const { shown, result } = run((step) => ({
      o:
        step === 'left' ? { ...still, yaw: rad(-25) } : step === 'right' ? { ...still, yaw: rad(25) } : still,
    }));
    expect(shown).toEqual(['left', 'right', 'down', 'chin']);
    expect(result.steps).toEqual({ left: 'done', right: 'done', down: 'missed', chin: 'missed' });
  });

  it('learns the face depth from the held turns and nods, for a face deeper than the generic one', () => {
    const { result } = run(
      (step) => ({
        o:
          step === 'left'
            ? { ...still, yaw: rad(-25) }
            : step === 'right'
              ? { ...still, yaw: rad(25) }
              : step === 'down'
                ? { ...still, pitch: rad(22) }
                : still,
      }),
      1.2,
    );
    expect(result.faceDepths.length).toBeGreaterThan(20);
    const sorted = [...result.faceDepths].sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeCloseTo(1.2, 1);
    // A turn about an upright axis: the axis does not lean.
    expect(result.axisTilts.length).toBeGreaterThan(10);
    for (const t of result.axisTilts) expect(Math.abs(t)).toBeLessThan(rad(3));
  });

  it('learns nothing from the first moments of a step (the person is still moving there)', () => {
    const g = new GuidedCalibration(START, STEPS);
    g.add(0, null);
    for (let t = 1; t < SETTLE_MS; t += 66) g.add(t, frame(t, { ...still, yaw: rad(-25) }));
    expect(g.result().faceDepths).toEqual([]);
  });

  it('measures how far the head drops for each centimetre it comes forward, as a range', () => {
    // The chin 4 cm forward dropping 1.2 cm (0.3 per cm), then 2 cm back rising 0.6 cm.
    const { result } = run((step, into) =>
      step === 'chin'
        ? { o: still, center: into < 2000 ? { x: 0, y: 1.2, z: 66 } : { x: 0, y: -0.6, z: 72 } }
        : { o: still },
    );
    expect(result.steps.chin).toBe('done');
    const d = result.dropPerForward!;
    expect((d.least + d.most) / 2).toBeCloseTo(0.3, 2);
    expect(d.most - d.least).toBeCloseTo(0.3, 6);
  });

  it('marks every step left when skipped, and measures no drop without the chin', () => {
    const g = new GuidedCalibration(START, STEPS);
    g.add(0, null);
    g.skip();
    expect(g.done).toBe(true);
    expect(g.add(100, null)).toBeNull();
    expect(g.result()).toEqual({
      faceDepths: [],
      axisTilts: [],
      dropPerForward: null,
      steps: { left: 'skipped', right: 'skipped', down: 'skipped', chin: 'skipped' },
    });
  });

  it('counts down each step', () => {
    const g = new GuidedCalibration(START, STEPS);
    expect(g.add(0, null)).toMatchObject({
      step: 'left',
      index: 0,
      count: 4,
      progress: 0,
      remainingMs: 3000,
    });
    expect(g.add(1500, null)).toMatchObject({ step: 'left', progress: 0.5, remainingMs: 1500, seen: false });
    expect(g.add(3000, null)).toMatchObject({ step: 'right', index: 1, progress: 0 });
  });
});
