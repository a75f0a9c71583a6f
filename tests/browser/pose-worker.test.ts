import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deskUrl from '../fixtures/media/desk-640x480.png?url';
import emptyUrl from '../fixtures/media/empty-640x480.png?url';
import labels from '../fixtures/desk-640x480.labels.json';
import { createPoseClient, type PoseClient } from '../../src/ui/capture/pose-client';
import { keypoint, type EngineName, type KeypointName, type PoseFrameResult } from '../../src/core/pose';
import { copyBitmap, loadBitmap, videoFrame } from './media';

/** Every engine, on wasm (this machine has no GPU). */
const ENGINES: EngineName[] = ['movenet-lightning', 'movenet-thunder', 'blazepose-lite', 'blazepose-full'];

let desk: ImageBitmap;
let empty: ImageBitmap;

beforeAll(async () => {
  desk = await loadBitmap(deskUrl);
  empty = await loadBitmap(emptyUrl);
});

function distancePx(result: PoseFrameResult, name: KeypointName, at: readonly number[]): number {
  const k = result.pose && keypoint(result.pose.keypoints, name);
  if (!k) return Infinity;
  return Math.hypot(k.xPx - (at[0] ?? NaN), k.yPx - (at[1] ?? NaN));
}

describe.each([192, 128])('movenet-lightning at %i pixels', (inputPx) => {
  it('finds the face and shoulders where they were labelled by eye, and says the size it ran at', async () => {
    const client = createPoseClient();
    try {
      const info = await client.loadEngine({ engine: 'movenet-lightning', backend: 'wasm', inputPx });
      expect(info.inputPx).toBe(inputPx);
      const result = await client.processFrame(videoFrame(await copyBitmap(desk)), 0);
      for (const [name, at] of Object.entries(labels.points)) {
        const tolerance = name.endsWith('shoulder')
          ? labels.tolerancePx.movenet.shoulder
          : labels.tolerancePx.movenet.face;
        expect(result && distancePx(result, name as KeypointName, at), name).toBeLessThan(tolerance);
      }
    } finally {
      client.dispose();
    }
  });
});

describe.each(ENGINES)('%s in the worker', (engine) => {
  let client: PoseClient;

  beforeAll(async () => {
    client = createPoseClient();
    const info = await client.loadEngine({ engine, backend: 'wasm' });
    expect(info).toMatchObject({ engine, backend: 'wasm' });
    // MoveNet Lightning runs below its exported 192 pixels by default.
    if (engine === 'movenet-lightning') expect(info.inputPx).toBe(160);
  });

  afterAll(() => client.dispose());

  const stated = engine.startsWith('blazepose') ? labels.tolerancePx.blazepose : labels.tolerancePx.movenet;
  const faceTolerance = stated.face;
  const tolerance = (name: string) => (name.endsWith('shoulder') ? stated.shoulder : stated.face);

  it('finds the face and shoulders where they were labelled by eye', async () => {
    // Twice: the second frame uses the crop tracked from the first.
    for (let i = 0; i < 2; i++) {
      const result = await client.processFrame(videoFrame(await copyBitmap(desk)), i * 33);
      // A dropped frame (null) fails here rather than passing silently.
      expect(result, `frame ${i}`).not.toBeNull();
      if (!result) throw new Error(`frame ${i} was dropped`);
      expect(result.pose).not.toBeNull();
      expect(result).toMatchObject({ engine, backend: 'wasm', frameWidth: 640, frameHeight: 480 });
      expect(result.timings.inferenceMs).toBeGreaterThan(0);
      expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.inferenceMs);
      for (const [name, at] of Object.entries(labels.points)) {
        expect(distancePx(result, name as KeypointName, at), `${name} (frame ${i})`).toBeLessThan(
          tolerance(name),
        );
      }
      const nose = result.pose && keypoint(result.pose.keypoints, 'nose');
      expect(nose?.xNorm).toBeCloseTo((nose?.xPx ?? NaN) / 640, 6);
    }
  });

  it('swaps left and right on a mirrored frame', async () => {
    await client.setEngineOptions({ trackCrop: false });
    const plain = await client.processFrame(videoFrame(await copyBitmap(desk)), 100);
    const mirrored = await client.processFrame(videoFrame(await copyBitmap(desk, true)), 133);
    await client.setEngineOptions({ trackCrop: true });
    const plainKps = plain?.pose?.keypoints ?? [];
    const mirroredKps = mirrored?.pose?.keypoints ?? [];
    for (const part of ['eye', 'ear', 'shoulder'] as const) {
      for (const [side, other] of [
        ['left', 'right'],
        ['right', 'left'],
      ] as const) {
        const m = keypoint(mirroredKps, `${side}_${part}`);
        const p = keypoint(plainKps, `${other}_${part}`);
        // What was the person's right is now at the mirror image of it, called left.
        const gap = Math.hypot((m?.xPx ?? NaN) - (640 - (p?.xPx ?? NaN)), (m?.yPx ?? NaN) - (p?.yPx ?? NaN));
        expect(gap, `${side}_${part}`).toBeLessThan(tolerance(part));
      }
    }
    const m = keypoint(mirroredKps, 'nose');
    const p = keypoint(plainKps, 'nose');
    expect(Math.abs((m?.xPx ?? NaN) - (640 - (p?.xPx ?? NaN)))).toBeLessThan(faceTolerance);
  });

  it('returns no pose for a frame with nobody in it', async () => {
    for (let i = 0; i < 2; i++) {
      const result = await client.processFrame(videoFrame(await copyBitmap(empty)), 200 + i);
      expect(result).not.toBeNull();
      expect(result?.pose).toBeNull();
    }
  });

  it('keeps the tensor count flat over 50 frames and closes every frame', async () => {
    // The same two photos again and again: the model must run on each, not reuse a still picture's pose.
    await client.setEngineOptions({ reuseStillMs: 0, trackHeadMs: 0 });
    await client.processFrame(videoFrame(await copyBitmap(desk)), 300);
    const before = (await client.stats()).tensors;
    const frames: VideoFrame[] = [];
    for (let i = 0; i < 50; i++) {
      const frame = videoFrame(i % 5 === 4 ? empty : desk, i);
      frames.push(frame);
      await client.processFrame(frame, 400 + i * 33);
    }
    const after = await client.stats();
    await client.setEngineOptions({ reuseStillMs: 10_000, trackHeadMs: 10_000 });
    expect(after.tensors).toBe(before);
    // Transferred frames are detached here and closed in the worker.
    expect(frames.every((f) => f.format === null)).toBe(true);
  });
});
