import { describe, expect, it } from 'vitest';
import type { Keypoint, KeypointName } from '../../../src/core/pose';
import { checkFraming } from '../../../src/ui/setup/framing';

/**
 * Pictures described by hand, in pixels of a 640x480 frame: a person
 * facing the camera with the ears 100 px apart (about 90 cm away for a
 * typical webcam), the shoulders 190 px apart, 120 px below the ears.
 */
function person(dx = 0, dy = 0, scale = 1, score = 0.9): Keypoint[] {
  const at: Partial<Record<KeypointName, [number, number]>> = {
    nose: [320, 200],
    left_eye: [340, 185],
    right_eye: [300, 185],
    left_ear: [370, 195],
    right_ear: [270, 195],
    left_shoulder: [415, 315],
    right_shoulder: [225, 315],
  };
  return Object.entries(at).map(([name, [x, y]]) => {
    const xPx = 320 + (x - 320) * scale + dx;
    const yPx = 200 + (y - 200) * scale + dy;
    return { name: name as KeypointName, xPx, yPx, xNorm: xPx / 640, yNorm: yPx / 480, score };
  });
}

const frame = (keypoints: Keypoint[] | null, people: number | null = 1) => ({
  frameWidth: 640,
  frameHeight: 480,
  people,
  pose: keypoints && { score: 0.9, keypoints },
});

const failing = (f: ReturnType<typeof checkFraming>) => f.checks.filter((c) => !c.ok).map((c) => c.id);

describe('the framing check', () => {
  it('passes a person in the middle, at a usable distance, clearly seen', () => {
    const f = checkFraming(frame(person()));
    expect(f.ready).toBe(true);
    expect(f.checks.map((c) => c.id)).toEqual([
      'person',
      'alone',
      'face',
      'shoulders',
      'centred',
      'distance',
      'light',
    ]);
  });

  it('says nobody, or more than one person, is in view', () => {
    expect(checkFraming(frame(null)).checks).toEqual([
      { id: 'person', ok: false, text: 'Nobody is in view: sit in front of the camera.' },
      { id: 'alone', ok: true, text: 'One person in view.' },
    ]);
    expect(failing(checkFraming(frame(person(), 2)))).toEqual(['alone']);
  });

  it('sends shoulders below the picture to the camera angle, and cut ones to the middle', () => {
    const low = checkFraming(frame(person(0, 160)));
    expect(failing(low)).toEqual(['shoulders']);
    expect(low.checks.find((c) => c.id === 'shoulders')?.text).toMatch(
      /below the picture: tilt the camera down/,
    );
    // 200 px towards the picture's left: the right shoulder (on the picture's left) is past the edge.
    const side = checkFraming(frame(person(-200, 0)));
    expect(failing(side)).toEqual(['shoulders', 'centred']);
    expect(side.checks.find((c) => c.id === 'shoulders')?.text).toMatch(/right shoulder is cut by the side/);
    // On the picture's left is the person's right: they move to their left.
    expect(side.checks.find((c) => c.id === 'centred')?.text).toMatch(/move a little to your left/);
  });

  it('tells too close from too far', () => {
    const close = checkFraming(frame(person(0, -60, 2.4)));
    expect(close.checks.find((c) => c.id === 'distance')).toMatchObject({
      ok: false,
      text: expect.stringMatching(/very close/),
    });
    const far = checkFraming(frame(person(0, 0, 0.5)));
    expect(far.checks.find((c) => c.id === 'distance')).toMatchObject({
      ok: false,
      text: expect.stringMatching(/far from the camera/),
    });
  });

  it('asks for light when the face is found only faintly', () => {
    expect(failing(checkFraming(frame(person(0, 0, 1, 0.4))))).toEqual(['light']);
    // Too faint to see at all: the face is not clear, and the shoulders are there but faint, not cut.
    const dark = checkFraming(frame(person(0, 0, 1, 0.2)));
    expect(failing(dark)).toEqual(['face', 'shoulders']);
    expect(dark.checks.find((c) => c.id === 'shoulders')?.text).toMatch(/shoulders are hard to make out/);
  });
});
