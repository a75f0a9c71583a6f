import { describe, expect, it } from 'vitest';
import { OneEuroFilter } from '../../../../src/core/posture/one-euro';
import { Draw } from '../../../../scripts/rig/space';

const options = { minCutoffHz: 1.2, beta: 0.02, derivativeCutoffHz: 1 };

describe('OneEuroFilter', () => {
  it('cuts jitter on a still value', () => {
    const f = new OneEuroFilter(options);
    const d = new Draw(3);
    const rand = () => d.normal();
    const out: number[] = [];
    for (let i = 0; i < 300; i++) out.push(f.filter(100 + 2 * rand(), i * 33));
    const tail = out.slice(100);
    const sd = Math.sqrt(tail.reduce((s, v) => s + (v - 100) ** 2, 0) / tail.length);
    expect(sd).toBeLessThan(0.8);
  });

  it('follows a fast move with little lag', () => {
    const f = new OneEuroFilter(options);
    let last = 0;
    for (let i = 0; i <= 30; i++) last = f.filter(i * 10, i * 33); // 300 px/s
    expect(300 - last).toBeLessThan(30);
  });

  it('takes time from its argument: a repeated timestamp changes nothing', () => {
    const f = new OneEuroFilter(options);
    f.filter(0, 0);
    const a = f.filter(10, 100);
    expect(f.filter(50, 100)).toBe(a);
  });
});
