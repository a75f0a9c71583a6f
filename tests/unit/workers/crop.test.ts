import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACK_CROP, fullFrameCrop, keepCrop, trackCrop } from '../../../workers/engine/crop';
import type { Keypoint, KeypointName } from '../../../src/core/pose';

const kp = (name: KeypointName, xPx: number, yPx: number, score = 0.9): Keypoint => ({
  name,
  xPx,
  yPx,
  xNorm: xPx / 640,
  yNorm: yPx / 480,
  score,
});

describe('fullFrameCrop', () => {
  it('centres the frame in a square of its longer side', () => {
    expect(fullFrameCrop(640, 480)).toEqual({ xPx: 0, yPx: -80, sizePx: 640 });
    expect(fullFrameCrop(480, 640)).toEqual({ xPx: -80, yPx: 0, sizePx: 640 });
  });
});

describe('trackCrop', () => {
  const face = [
    kp('nose', 320, 200),
    kp('left_eye', 340, 180),
    kp('right_eye', 300, 180),
    kp('left_shoulder', 420, 330),
  ];

  it('centres a square around the confident keypoints with a margin', () => {
    const crop = trackCrop([...face, kp('right_shoulder', 220, 330)], 640, 480);
    // Keypoints span x 220..420, y 180..330: extent 200, centre (320, 255).
    expect(crop.sizePx).toBeCloseTo(200 * DEFAULT_TRACK_CROP.margin);
    expect(crop.xPx + crop.sizePx / 2).toBeCloseTo(320);
    expect(crop.yPx + crop.sizePx / 2).toBeCloseTo(255);
  });

  it('ignores weak keypoints and falls back to the full frame when too few are sure', () => {
    const weak = face.map((k) => ({ ...k, score: 0.1 }));
    expect(trackCrop(weak, 640, 480)).toEqual(fullFrameCrop(640, 480));
    const withOutlier = trackCrop([...face, kp('right_ankle', 0, 479, 0.05)], 640, 480);
    expect(withOutlier.sizePx).toBeLessThan(640);
  });

  it('is drawn around the face and shoulders only: a sure elbow or hip does not stretch it', () => {
    const upper = [...face, kp('right_shoulder', 220, 330)];
    const plain = trackCrop(upper, 640, 480);
    const withArms = trackCrop([...upper, kp('left_elbow', 600, 470), kp('right_hip', 100, 479)], 640, 480);
    expect(withArms).toEqual(plain);
  });

  it('never shrinks below the minimum nor grows past the frame', () => {
    const tight = [
      kp('nose', 320, 200),
      kp('left_eye', 321, 199),
      kp('right_eye', 319, 199),
      kp('left_ear', 322, 200),
    ];
    expect(trackCrop(tight, 640, 480).sizePx).toBeCloseTo(0.4 * 480);
    const wide = [
      kp('nose', 0, 0),
      kp('left_eye', 640, 0),
      kp('right_eye', 0, 480),
      kp('left_ear', 640, 480),
    ];
    expect(trackCrop(wide, 640, 480).sizePx).toBe(640);
  });
});

describe('keepCrop', () => {
  const current = { xPx: 100, yPx: 50, sizePx: 300 };

  it('takes the new crop when there is none yet', () => {
    const next = { xPx: 10, yPx: 20, sizePx: 200 };
    expect(keepCrop(null, next)).toBe(next);
  });

  it('keeps the current crop while the new one stays within 5 % of its side and resizes by at most 10 %', () => {
    // Centre 12 px right and 9 px down (15 px = 5 % of 300), side 30 px larger (shifting the corner back by 15).
    expect(keepCrop(current, { xPx: 97, yPx: 44, sizePx: 330 })).toBe(current);
    expect(keepCrop(current, { xPx: 114.5, yPx: 64.5, sizePx: 271 })).toBe(current);
  });

  it('moves to the new crop once it has wandered or resized further', () => {
    const moved = { xPx: 116, yPx: 50, sizePx: 300 };
    expect(keepCrop(current, moved)).toBe(moved);
    const grown = { xPx: 80, yPx: 30, sizePx: 340 };
    expect(keepCrop(current, grown)).toBe(grown);
  });
});
