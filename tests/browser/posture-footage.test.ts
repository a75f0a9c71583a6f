/**
 * Posture metrics from real footage through the real worker and model
 * (MoveNet Lightning on wasm): a real webcam frame rotated, mirrored and zoomed
 * by known amounts must move the metrics by those amounts. A held posture is
 * read as the median of seven frames shifted by a few pixels (as a camera's
 * frames of someone sitting still differ); frames are 1.5 s apart so that
 * smoothing treats each as new.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deskUrl from '../fixtures/media/desk-640x480.png?url';
import emptyUrl from '../fixtures/media/empty-640x480.png?url';
import seatedUrl from '../fixtures/media/faceapi-screenshot-webcam.png?url';
import { createPoseClient, type PoseClient } from '../../src/ui/capture/pose-client';
import type { PostureSample } from '../../src/core/posture/tracker';
import { median } from '../../src/core/numbers';
import type { CalibrationOutcome } from '../../src/core/posture/calibration';
import { loadBitmap, sideBySide, transformBitmap, videoFrame, type FrameTransform } from './media';

const STEP_MS = 1500;
let client: PoseClient;
let desk: ImageBitmap;
let seated: ImageBitmap;
let empty: ImageBitmap;
let clock = 0;

beforeAll(async () => {
  [desk, seated, empty] = await Promise.all([
    loadBitmap(deskUrl),
    loadBitmap(seatedUrl),
    loadBitmap(emptyUrl),
  ]);
  client = createPoseClient();
  await client.loadEngine({ engine: 'movenet-lightning', backend: 'wasm' });
  // Whole frames every time, and the model run on each, so that a reading does not depend on the test before it.
  await client.setEngineOptions({ trackCrop: false, trackHeadMs: 0 });
});

afterAll(() => client.dispose());

async function feedOne(source: ImageBitmap, t: FrameTransform = {}): Promise<PostureSample> {
  const bitmap = await transformBitmap(source, t);
  clock += STEP_MS;
  const r = await client.processFrame(videoFrame(bitmap, clock * 1000), clock);
  bitmap.close();
  if (!r) throw new Error('frame dropped');
  return r.posture;
}

/** Shifts and sub-percent zooms, as between a camera's frames of someone sitting still. */
const JITTER: FrameTransform[] = [
  { dxPx: 0, dyPx: 0, scale: 1 },
  { dxPx: -3, dyPx: 2, scale: 0.995 },
  { dxPx: 3, dyPx: -2, scale: 1.005 },
  { dxPx: -2, dyPx: -3, scale: 1.01 },
  { dxPx: 2, dyPx: 3, scale: 0.99 },
  { dxPx: 4, dyPx: 0, scale: 1 },
  { dxPx: -4, dyPx: 0, scale: 1 },
];

/** A held posture: the median of each reading over five slightly shifted frames. */
async function feed(source: ImageBitmap, t: FrameTransform = {}): Promise<PostureSample> {
  const samples: PostureSample[] = [];
  for (const j of JITTER) {
    samples.push(
      await feedOne(source, { ...t, dxPx: j.dxPx, dyPx: j.dyPx, scale: (t.scale ?? 1) * (j.scale ?? 1) }),
    );
  }
  const first = samples[0]!;
  const metrics = { ...first.metrics };
  for (const key of Object.keys(metrics) as (keyof typeof metrics)[]) {
    metrics[key] = median(samples.flatMap((s) => (s.metrics[key] == null ? [] : [s.metrics[key]])));
  }
  const dist = median(samples.flatMap((s) => (s.screenDistanceCm == null ? [] : [s.screenDistanceCm])));
  return { ...first, metrics, screenDistanceCm: dist };
}

/** Calibrates on `frames` successive frames (each possibly different). */
async function calibrate(
  frames: number,
  frame: (i: number) => Promise<ImageBitmap> | ImageBitmap,
): Promise<CalibrationOutcome> {
  await client.startCalibration(STEP_MS * (frames - 1), null);
  for (let i = 0; i < frames; i++) {
    const s = await feedOne(await frame(i), JITTER[i % JITTER.length]);
    if (s.calibration?.state === 'finished') return s.calibration.outcome;
  }
  throw new Error('calibration did not finish');
}

async function calibrateOn(source: ImageBitmap, t: FrameTransform = {}): Promise<void> {
  const outcome = await calibrate(12, () => transformBitmap(source, t));
  if (!outcome.ok) throw new Error(outcome.message);
}

// The seated still shows the head and both shoulders whole (the 640x480 desk crop of it cuts the
// head at the top, so rotating or zooming it loses the head).
describe.each([{ name: 'seated (853x1280)', image: () => seated }])('real footage, $name', ({ image }) => {
  it.each([-10, -6, -3, 3, 6, 10])(
    'a frame rotated by %i degrees tilts shoulders and head by as much',
    async (deg) => {
      await calibrateOn(image());
      const s = await feed(image(), { rotateDeg: deg });
      // Clockwise on screen lifts the image's left side, the person's right: a lean to their left.
      // MoveNet's points do not turn rigidly with the picture: measured up to 2.3 degrees off here
      // (the geometry itself is exact to 1 degree on the rig), so real footage is held to 2.5.
      expect(
        Math.abs(s.metrics.shoulderTiltDeg! + deg),
        `shoulder tilt ${s.metrics.shoulderTiltDeg}`,
      ).toBeLessThanOrEqual(2.5);
      expect(
        Math.abs(s.metrics.headRollDeg! + deg),
        `head roll ${s.metrics.headRollDeg}`,
      ).toBeLessThanOrEqual(2.5);
    },
  );

  it('a mirrored frame flips the side of tilt and turn and changes nothing else', async () => {
    const tilted: FrameTransform = { rotateDeg: 6 };
    await calibrateOn(image());
    const plain = await feed(image(), tilted);
    await calibrateOn(image(), { mirror: true });
    const mirrored = await feed(image(), { ...tilted, mirror: true, rotateDeg: -6 });
    for (const [key, bound] of [
      ['shoulderTiltDeg', 2.5],
      ['headRollDeg', 2.5],
      ['headYawDeg', 3],
      ['headShiftPct', 3],
    ] as const) {
      expect(Math.abs(mirrored.metrics[key]! + plain.metrics[key]!), key).toBeLessThanOrEqual(bound);
    }
    expect(Math.sign(mirrored.metrics.shoulderTiltDeg!)).toBe(-Math.sign(plain.metrics.shoulderTiltDeg!));
    // The model is not mirror-symmetric either: its points on the mirrored frame differ by a few
    // pixels, which moves the depth-based readings by up to about 3 cm.
    for (const [key, bound] of [
      ['headForwardCm', 3.5],
      ['distanceCm', 2],
      ['headPitchDeg', 3],
    ] as const) {
      expect(Math.abs(mirrored.metrics[key]! - plain.metrics[key]!), key).toBeLessThan(bound);
    }
    expect(Math.abs(mirrored.screenDistanceCm! - plain.screenDistanceCm!)).toBeLessThan(2);
  });

  it('a frame zoomed by 1.25 (as if closer) brings the head nearer by that factor', async () => {
    await calibrateOn(image());
    const before = await feed(image());
    const after = await feed(image(), { scale: 1.25 });
    // Head depth (eyes plus their 8 cm ahead of the ears) scales as 1 / zoom under the pinhole model.
    const ratio = (after.screenDistanceCm! + 8) / (before.screenDistanceCm! + 8);
    expect(ratio).toBeGreaterThan(0.8 * 0.97);
    expect(ratio).toBeLessThan(0.8 * 1.03);
    expect(after.metrics.distanceCm!).toBeLessThan(-5);
  });
});

describe('calibration on real footage', () => {
  it('accepts a still, upright person', async () => {
    const outcome = await calibrate(12, () => seated);
    expect(outcome.ok).toBe(true);
  });

  it('refuses an empty room', async () => {
    const outcome = await calibrate(12, () => empty);
    expect(outcome).toMatchObject({ ok: false, reason: 'nobody' });
  });

  it('refuses two people in view', async () => {
    const pair = await sideBySide(desk, seated);
    const outcome = await calibrate(12, () => pair);
    expect(outcome).toMatchObject({ ok: false, reason: 'two-people' });
  });

  it('refuses a person who moves (walks up to the camera)', async () => {
    const outcome = await calibrate(12, (i) => transformBitmap(seated, { scale: 1 + i * 0.03 }));
    expect(outcome).toMatchObject({ ok: false, reason: 'moved' });
  });
});
