import { describe, expect, it, vi } from 'vitest';
import { KEYPOINT_NAMES, type Keypoint } from '../../../src/core/pose';
import type { Detector, Estimate } from '../../../workers/engine/detector';
import { PoseEngine, upperBodyScore } from '../../../workers/engine/pose-engine';
import { backendOrder, isSoftwareRenderer } from '../../../workers/engine/backend-order';
import {
  resolveEngineConfig,
  resolveEngineOptions,
  DEFAULT_ENGINE_OPTIONS,
} from '../../../workers/engine/config';
import type { FrameLike } from '../../../src/protocol/pose-protocol';

/** A frame stand-in that records whether it was closed. */
function fakeFrame(width = 640, height = 480) {
  return {
    width,
    height,
    closed: false,
    close() {
      this.closed = true;
    },
  };
}
const asFrame = (f: ReturnType<typeof fakeFrame>) => f as unknown as FrameLike;

const pose = (score: number): Keypoint[] =>
  KEYPOINT_NAMES.map((name, i) => ({ name, xPx: i, yPx: i, xNorm: i / 640, yNorm: i / 480, score }));

/** A detector that answers with fixture keypoints when told to. */
class FakeDetector implements Detector {
  readonly engine = 'movenet-lightning' as const;
  readonly backend = 'wasm' as const;
  resets = 0;
  disposed = false;
  pending: ((e: Estimate) => void) | null = null;
  constructor(
    private readonly score: number | null = 0.8,
    private readonly manual = false,
  ) {}
  estimate(): Promise<Estimate> {
    const answer: Estimate = {
      pose: this.score === null ? null : { keypoints: pose(this.score) },
      prepMs: 1,
      inferenceMs: 5,
    };
    if (!this.manual) return Promise.resolve(answer);
    return new Promise((resolve) => (this.pending = () => resolve(answer)));
  }
  finish(): void {
    this.pending?.({ pose: null, prepMs: 0, inferenceMs: 0 });
    this.pending = null;
  }
  reset(): void {
    this.resets += 1;
  }
  dispose(): void {
    this.disposed = true;
  }
}

function engineWith(detector: FakeDetector) {
  let t = 0;
  const engine = new PoseEngine(
    () => Promise.resolve(detector),
    () => (t += 10),
    { tensors: () => 42, threads: () => 1 },
  );
  return engine;
}

describe('PoseEngine', () => {
  it('drops and closes frames before a model is loaded', async () => {
    const engine = engineWith(new FakeDetector());
    const frame = fakeFrame();
    expect(await engine.processFrame(asFrame(frame), 0)).toBeNull();
    expect(frame.closed).toBe(true);
    expect(engine.stats()).toMatchObject({ framesProcessed: 0, framesDropped: 1, tensors: 42 });
  });

  it('returns plain data with timings, and closes the frame', async () => {
    const engine = engineWith(new FakeDetector(0.8));
    expect(await engine.init({ engine: 'movenet-lightning' })).toMatchObject({
      engine: 'movenet-lightning',
      backend: 'wasm',
      threads: 1,
    });
    const frame = fakeFrame(400, 300);
    const result = await engine.processFrame(asFrame(frame), 1234);
    expect(frame.closed).toBe(true);
    expect(result).toMatchObject({
      timestampMs: 1234,
      frameWidth: 400,
      frameHeight: 300,
      engine: 'movenet-lightning',
    });
    expect(result?.pose?.keypoints).toHaveLength(17);
    expect(result?.timings).toEqual({ prepMs: 1, inferenceMs: 5, totalMs: 10, reused: false });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('keeps one frame in flight: a frame arriving meanwhile is dropped, not queued', async () => {
    const detector = new FakeDetector(0.8, true);
    const engine = engineWith(detector);
    await engine.init();
    const first = fakeFrame();
    const second = fakeFrame();
    const firstResult = engine.processFrame(asFrame(first), 0);
    expect(engine.isBusy).toBe(true);
    expect(await engine.processFrame(asFrame(second), 1)).toBeNull();
    expect(second.closed).toBe(true);
    expect(first.closed).toBe(false);
    detector.finish();
    await firstResult;
    expect(first.closed).toBe(true);
    expect(engine.isBusy).toBe(false);
    expect(engine.stats()).toMatchObject({ framesProcessed: 1, framesDropped: 1 });
  });

  it('says nobody is there below the pose score, and forgets its tracking then', async () => {
    const weak = new FakeDetector(0.1);
    const engine = engineWith(weak);
    await engine.init();
    expect((await engine.processFrame(asFrame(fakeFrame()), 0))?.pose).toBeNull();
    expect(weak.resets).toBe(1);
    engine.setOptions({ minPoseScore: 0.05 });
    expect((await engine.processFrame(asFrame(fakeFrame()), 1))?.pose?.score).toBeCloseTo(0.1);
    const none = engineWith(new FakeDetector(null));
    await none.init();
    expect((await none.processFrame(asFrame(fakeFrame()), 0))?.pose).toBeNull();
  });

  it('waits for the frame in flight before replacing the model', async () => {
    const first = new FakeDetector(0.8, true);
    const second = new FakeDetector(0.8);
    const factory = vi.fn().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    const engine = new PoseEngine(factory);
    await engine.init();
    const inFlight = engine.processFrame(asFrame(fakeFrame()), 0);
    const reinit = engine.init({ engine: 'movenet-thunder' });
    await Promise.resolve();
    expect(first.disposed).toBe(false);
    first.finish();
    await inFlight;
    await reinit;
    expect(first.disposed).toBe(true);
    expect(factory).toHaveBeenLastCalledWith(expect.objectContaining({ engine: 'movenet-thunder' }));
  });

  it('passes a model loading failure on, and keeps the model it had', async () => {
    const working = new FakeDetector(0.8);
    const factory = vi
      .fn()
      .mockResolvedValueOnce(working)
      .mockRejectedValueOnce(new Error('The movenet-thunder model could not be loaded'));
    const engine = new PoseEngine(factory);
    await engine.init();
    await expect(engine.init({ engine: 'movenet-thunder' })).rejects.toThrow(/could not be loaded/);
    expect(working.disposed).toBe(false);
    expect((await engine.processFrame(asFrame(fakeFrame()), 0))?.pose).not.toBeNull();
  });
});

describe('engine config', () => {
  it('fills defaults and refuses unknown values with a clear message', () => {
    expect(resolveEngineConfig()).toMatchObject({ engine: 'movenet-lightning', backend: 'auto' });
    expect(resolveEngineConfig({ modelBaseUrl: '/m' }).modelBaseUrl).toBe('/m/');
    expect(() => resolveEngineConfig({ engine: 'posenet' as never })).toThrow(/Unknown engine "posenet"/);
    expect(() => resolveEngineConfig({ backend: 'webgpu' as never })).toThrow(/Unknown backend/);
    expect(() => resolveEngineOptions(DEFAULT_ENGINE_OPTIONS, { minPoseScore: 2 })).toThrow(/minPoseScore/);
    expect(DEFAULT_ENGINE_OPTIONS.minPoseScore).toBe(0.3);
  });

  it('upperBodyScore is the mean over face and shoulders', () => {
    expect(upperBodyScore(pose(0.5))).toBeCloseTo(0.5);
    expect(upperBodyScore([{ name: 'nose', score: 0.7 }])).toBeCloseTo(0.1);
  });
});

describe('backend choice', () => {
  it('uses WebGL only on a real GPU', () => {
    expect(
      isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'),
    ).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(backendOrder('auto', 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620)')).toEqual([
      'webgl',
      'wasm',
      'cpu',
    ]);
    expect(backendOrder('auto', 'SwiftShader')).toEqual(['wasm', 'cpu']);
    expect(backendOrder('auto', null)).toEqual(['wasm', 'cpu']);
    expect(backendOrder('webgl', null)).toEqual(['webgl', 'wasm', 'cpu']);
  });
});
