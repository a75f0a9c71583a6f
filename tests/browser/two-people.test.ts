/**
 * Someone else comes into view while monitoring: the worker keeps following
 * the person it was calibrated with (the crop follows them from frame to
 * frame), their readings stay theirs, and the people count says two.
 * Real footage: the seated person of faceapi-screenshot-webcam.png on the
 * right, joined on the left by the person of desk-640x480.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deskUrl from '../fixtures/media/desk-640x480.png?url';
import emptyUrl from '../fixtures/media/empty-640x480.png?url';
import seatedUrl from '../fixtures/media/faceapi-screenshot-webcam.png?url';
import { createPoseClient, type PoseClient } from '../../src/ui/capture/pose-client';
import { loadBitmap, sideBySide, transformBitmap, videoFrame } from './media';
import type { PostureFrameResult } from '../../src/protocol/pose-protocol';

const STEP_MS = 1500;
let client: PoseClient;
let alone: ImageBitmap;
let joined: ImageBitmap;
let clock = 0;

beforeAll(async () => {
  const [desk, seated, empty] = await Promise.all([
    loadBitmap(deskUrl),
    loadBitmap(seatedUrl),
    loadBitmap(emptyUrl),
  ]);
  alone = await sideBySide(empty, seated);
  joined = await sideBySide(desk, seated);
  client = createPoseClient();
  await client.loadEngine({ engine: 'movenet-lightning', backend: 'wasm' });
});

afterAll(() => client.dispose());

async function feed(source: ImageBitmap, jitterPx = 0): Promise<PostureFrameResult> {
  const bitmap = await transformBitmap(source, { dxPx: jitterPx, dyPx: -jitterPx });
  clock += STEP_MS;
  const r = await client.processFrame(videoFrame(bitmap, clock * 1000), clock);
  bitmap.close();
  if (!r) throw new Error('frame dropped');
  return r;
}

describe('a second person in view while monitoring', () => {
  it('keeps following the calibrated person, and counts two people', async () => {
    await client.startCalibration(STEP_MS * 8, null);
    let outcome = null;
    for (let i = 0; i < 12 && !outcome; i++) {
      const c = (await feed(alone)).posture.calibration;
      if (c?.state === 'finished') outcome = c.outcome;
    }
    expect(outcome).toMatchObject({ ok: true });

    await client.setEngineOptions({ countPeopleEveryMs: 1 });
    const results: PostureFrameResult[] = [];
    for (let i = 0; i < 8; i++) results.push(await feed(joined, (i % 3) - 1));
    expect(results.map((r) => r.people).filter((n) => n !== null)).toContain(2);
    for (const r of results) {
      expect(r.posture.present).toBe(true);
      // The keypoints are the seated person's, on the right half of the frame.
      const nose = r.pose!.keypoints.find((k) => k.name === 'nose')!;
      expect(nose.xPx).toBeGreaterThan(320);
      expect(Math.abs(r.posture.metrics.shoulderTiltDeg ?? 99)).toBeLessThan(3);
      expect(Math.abs(r.posture.metrics.headForwardCm ?? 99)).toBeLessThan(3);
      expect(r.alerts.status).toBe('monitoring');
    }
  });
});
