/**
 * Reusing the pose of a still picture, on real footage through the real
 * worker and model: while the man of cap12_edit.webm sits still (11-17.5 s)
 * most frames two seconds apart are recognised as the same picture and the
 * model does not run, and the pose given back is the one the model would
 * have found; while he moves towards the camera (25-31 s) the model runs on
 * every frame. A photo moved by two pixels is a new picture; a reused pose
 * is given up once older than allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import clipUrl from '../fixtures/media/cap12_edit.webm?url';
import deskUrl from '../fixtures/media/desk-640x480.png?url';
import { createPoseClient, type PoseClient } from '../../src/ui/capture/pose-client';
import type { PoseFrameResult } from '../../src/core/pose';
import {
  framedFrameAt,
  halfSeconds,
  largestGapPx,
  loadBitmap,
  openClip,
  transformBitmap,
  videoFrame,
} from './media';

let client: PoseClient;
let video: HTMLVideoElement;
let clock = 0;

beforeAll(async () => {
  video = await openClip(clipUrl);
  client = createPoseClient();
  await client.loadEngine({ engine: 'movenet-lightning', backend: 'wasm' });
  // The head tracker (tests/browser/head-tracker.test.ts) off: only a still picture may hold a pose here.
  await client.setEngineOptions({ trackHeadMs: 0 });
});

afterAll(() => client.dispose());

const frameAt = (seconds: number) => framedFrameAt(video, seconds);

async function feed(bitmap: ImageBitmap): Promise<PoseFrameResult> {
  clock += 2000;
  const r = await client.processFrame(videoFrame(bitmap, clock * 1000), clock);
  if (!r) throw new Error('frame dropped');
  return r;
}

const stretch = halfSeconds;

describe('a still picture', () => {
  it('is recognised while he sits still, with the pose the model would have given', async () => {
    const results: PoseFrameResult[] = [];
    const gaps: number[] = [];
    for (const t of stretch(11, 17.5)) {
      const bitmap = await frameAt(t);
      const copy = await transformBitmap(bitmap, {});
      const r = await feed(bitmap);
      results.push(r);
      if (r.timings.reused) {
        // The same frame, the model made to run: the reused pose must be as good.
        await client.setEngineOptions({ reuseStillMs: 0 });
        gaps.push(largestGapPx(r, await feed(copy)));
        await client.setEngineOptions({ reuseStillMs: 10_000 });
      } else copy.close();
    }
    const reused = results.filter((r) => r.timings.reused);
    expect(results.every((r) => r.pose !== null)).toBe(true);
    expect(reused.length / results.length).toBeGreaterThanOrEqual(0.5);
    expect(reused.every((r) => r.timings.inferenceMs === 0)).toBe(true);
    // Keypoint jitter on this footage between two runs of the model reaches a few pixels.
    expect(Math.max(...gaps)).toBeLessThan(12);
  });

  it('is not seen while he moves towards the camera: the model runs on every frame', async () => {
    const results: PoseFrameResult[] = [];
    for (const t of stretch(25, 31)) results.push(await feed(await frameAt(t)));
    expect(results.filter((r) => r.timings.reused)).toEqual([]);
    expect(results.every((r) => r.timings.inferenceMs > 0)).toBe(true);
  });

  it('is a new picture when moved by two pixels, and is given up once older than allowed', async () => {
    const desk = await loadBitmap(deskUrl);
    const at = (dxPx: number) => transformBitmap(desk, { dxPx });
    // The first frame finds the person, the second runs on the crop around them; then the same picture.
    await feed(await at(0));
    await feed(await at(0));
    expect((await feed(await at(0))).timings.reused).toBe(true);
    expect((await feed(await at(2))).timings.reused).toBe(false);
    expect((await feed(await at(2))).timings.reused).toBe(true);
    // Frames are two seconds apart (by the camera's clock): the next is older than allowed.
    await client.setEngineOptions({ reuseStillMs: 300 });
    expect((await feed(await at(2))).timings.reused).toBe(false);
    await client.setEngineOptions({ reuseStillMs: 10_000 });
    const stats = await client.stats();
    expect(stats.framesReused).toBeGreaterThanOrEqual(2);
  });
});
