import { describe, expect, it } from 'vitest';
import type { Detector, Estimate } from '../../../workers/engine/detector';
import { PoseEngine } from '../../../workers/engine/pose-engine';
import { createPoseApi } from '../../../workers/engine/api';
import { DEFAULT_ENGINE_OPTIONS } from '../../../workers/engine/config';
import type { FrameLike, PostureFrameResult } from '../../../src/protocol/pose-protocol';
import { PLAIN_CAMERA, seatedKeypoints } from '../../../scripts/rig/seated';

/** A detector that always sees the rig's average person sitting upright. */
const upright: Detector = {
  engine: 'movenet-lightning',
  backend: 'wasm',
  estimate: async (): Promise<Estimate> => ({
    pose: { keypoints: seatedKeypoints() },
    prepMs: 1,
    inferenceMs: 1,
  }),
  reset: () => undefined,
  dispose: () => undefined,
};

const frame = () =>
  ({
    width: PLAIN_CAMERA.widthPx,
    height: PLAIN_CAMERA.heightPx,
    close: () => undefined,
  }) as unknown as FrameLike;

async function setup(wallClockMs = 1_700_000_000_000) {
  const engine = new PoseEngine(async () => upright);
  const api = createPoseApi(engine, { now: () => wallClockMs });
  await api.init({ engine: 'movenet-lightning' });
  let tMs = 0;
  /** Frames 100 ms apart until one's calibration status has finished; returns that result. */
  const calibrate = async (label = 'Desk camera'): Promise<PostureFrameResult> => {
    api.startCalibration(1000, { label, widthPx: PLAIN_CAMERA.widthPx, heightPx: PLAIN_CAMERA.heightPx });
    for (let i = 0; i < 50; i++) {
      const r = await api.processFrame(frame(), (tMs += 100));
      if (r?.posture.calibration?.state === 'finished') return r;
    }
    throw new Error('calibration did not finish');
  };
  return { engine, api, calibrate, next: () => api.processFrame(frame(), (tMs += 100)) };
}

describe('the worker API: one owner per value', () => {
  it("keeps the page's engine options under calibration's, and a write made during calibration survives its end", async () => {
    const { engine, api, calibrate } = await setup();
    api.setEngineOptions({ trackCrop: false });
    api.startCalibration(1000);
    expect(engine.getOptions()).toMatchObject({ reuseStillMs: 0, trackHeadMs: 0, trackCrop: false });
    // The page writes while calibration runs: calibration's layer still wins meanwhile.
    expect(api.setEngineOptions({ reuseStillMs: 3000 })).toMatchObject({ reuseStillMs: 0 });
    await calibrate();
    expect(engine.getOptions()).toMatchObject({
      reuseStillMs: 3000,
      trackHeadMs: DEFAULT_ENGINE_OPTIONS.trackHeadMs,
      trackCrop: false,
    });
  });

  it('refuses a bad option and keeps the ones in force', async () => {
    const { engine, api } = await setup();
    api.setEngineOptions({ reuseStillMs: 500 });
    expect(() => api.setEngineOptions({ reuseStillMs: -1, trackCrop: false })).toThrow(/reuseStillMs/);
    expect(engine.getOptions()).toMatchObject({ reuseStillMs: 500, trackCrop: true });
  });

  it('follows the page: people counted every minute and a held pose kept 10 s while seen, every five minutes and 30 s while hidden', async () => {
    const { engine, api, next } = await setup();
    expect(engine.getOptions().countPeopleEveryMs).toBe(0);
    api.setPageHidden(true);
    expect(engine.getOptions()).toMatchObject({
      countPeopleEveryMs: 300_000,
      trackHeadMs: 30_000,
      reuseStillMs: 30_000,
    });
    expect((await next())?.sampling.pageHidden).toBe(true);
    api.setPageHidden(false);
    expect(engine.getOptions()).toMatchObject({
      countPeopleEveryMs: 60_000,
      trackHeadMs: 10_000,
      reuseStillMs: 10_000,
    });
    // What the page set itself stays over the visibility's defaults.
    api.setEngineOptions({ trackHeadMs: 0 });
    api.setPageHidden(true);
    expect(engine.getOptions()).toMatchObject({ trackHeadMs: 0, reuseStillMs: 30_000 });
  });

  it("dates the neutral by the wall clock, the same in the result the page stores as in the worker's", async () => {
    const { api, calibrate, next } = await setup(1_733_000_000_000);
    const done = await calibrate();
    const c = done.posture.calibration;
    if (c?.state !== 'finished' || !c.outcome.ok) throw new Error('calibration refused');
    expect(c.outcome.neutral.createdAtMs).toBe(1_733_000_000_000);
    expect((await next())?.posture.calibrated).toBe(true);
    // The stored neutral, offered back on the next visit with the same camera and field of view, is used.
    api.forgetNeutral();
    expect((await next())?.posture.calibrated).toBe(false);
    expect(api.offerNeutral(c.outcome.neutral, 'Desk camera')).toEqual({ used: true });
    expect((await next())?.posture.calibrated).toBe(true);
  });

  it('uses a stored neutral only with its own camera and field of view, and drops one a new field of view outdates', async () => {
    const { api, calibrate, next } = await setup();
    const c = (await calibrate()).posture.calibration;
    if (c?.state !== 'finished' || !c.outcome.ok) throw new Error('calibration refused');
    const neutral = c.outcome.neutral;
    expect(api.offerNeutral(neutral, 'Another camera')).toEqual({ used: false, why: 'other-camera' });
    expect((await next())?.posture.calibrated).toBe(false);
    expect(api.offerNeutral(neutral, '')).toEqual({ used: true });
    expect(api.setFov(neutral.fovDeg)).toEqual({ fovDeg: neutral.fovDeg, neutralDropped: false });
    expect(api.setFov(neutral.fovDeg + 10)).toEqual({ fovDeg: neutral.fovDeg + 10, neutralDropped: true });
    expect((await next())?.posture.calibrated).toBe(false);
    expect(api.offerNeutral(neutral, 'Desk camera')).toEqual({ used: false, why: 'fov-changed' });
  });
});
