import { describe, expect, it } from 'vitest';
import { KeypointSmoother } from '../../../../src/core/posture/smoothing';
import { Draw, seatedKeypoints } from '../../../../scripts/rig/seated';

describe('KeypointSmoother', () => {
  it('holds a single point that leaps while the others stay, then follows if it stays away', () => {
    const s = new KeypointSmoother();
    const base = seatedKeypoints();
    for (let i = 0; i < 10; i++) s.smooth(base, i * 33);
    const shoulder = base.find((k) => k.name === 'left_shoulder')!;
    const leapt = base.map((k) => (k.name === 'left_shoulder' ? { ...k, xPx: k.xPx + 150 } : k));
    const held = s.smooth(leapt, 10 * 33).find((k) => k.name === 'left_shoulder')!;
    expect(Math.abs(held.xPx - shoulder.xPx)).toBeLessThan(1);
    let followed = held;
    for (let i = 11; i < 40; i++) followed = s.smooth(leapt, i * 33).find((k) => k.name === 'left_shoulder')!;
    expect(followed.xPx).toBeGreaterThan(shoulder.xPx + 140);
  });

  it('reduces jitter without moving the mean', () => {
    const s = new KeypointSmoother();
    const draw = new Draw(5);
    const xs: number[] = [];
    const truth = seatedKeypoints().find((k) => k.name === 'nose')!.xPx;
    for (let i = 0; i < 200; i++) {
      const out = s.smooth(seatedKeypoints({}, { noiseShare: 0.006, draw }), i * 33);
      if (i > 50) xs.push(out.find((k) => k.name === 'nose')!.xPx);
    }
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - truth)).toBeLessThan(0.5);
    expect(sd).toBeLessThan(1);
  });

  it('leaves low-confidence points out of the filter and passes them through', () => {
    const s = new KeypointSmoother();
    const base = seatedKeypoints().map((k) => (k.name === 'nose' ? { ...k, score: 0.1 } : k));
    const out = s.smooth(base, 0);
    expect(out.find((k) => k.name === 'nose')).toEqual(base.find((k) => k.name === 'nose'));
  });
});
