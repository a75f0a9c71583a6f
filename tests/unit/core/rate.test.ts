import { describe, expect, it } from 'vitest';
import { RateMeter, summarize } from '../../../src/core/rate';

describe('RateMeter', () => {
  it('measures events per second over its window, with time passed in', () => {
    const meter = new RateMeter(2000);
    expect(meter.perSecond(0)).toBe(0);
    for (let t = 0; t <= 3000; t += 100) meter.tick(t); // 10 per second
    expect(meter.perSecond(3000)).toBeCloseTo(10, 5);
  });

  it('forgets events older than the window', () => {
    const meter = new RateMeter(1000);
    for (let t = 0; t < 1000; t += 50) meter.tick(t); // 20/s
    for (let t = 1000; t <= 3000; t += 250) meter.tick(t); // then 4/s
    expect(meter.perSecond(3000)).toBeCloseTo(4, 5);
    expect(meter.perSecond(10_000)).toBe(0);
  });
});

describe('summarize', () => {
  it('gives the median and p95', () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, p95: 3 });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(hundred).p95).toBe(96);
  });

  it('is NaN for no values', () => {
    expect(summarize([]).median).toBeNaN();
  });
});
