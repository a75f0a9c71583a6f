import { describe, expect, it } from 'vitest';
import { StillnessMeter } from '../../../../src/core/posture/stillness';
import { Draw } from '../../../../scripts/rig/space';

describe('StillnessMeter', () => {
  it('is unknown until 10 s of data, then near 1 for a still head with jitter', () => {
    const m = new StillnessMeter();
    const d = new Draw(9);
    const rand = () => d.normal();
    for (let t = 0; t < 4900; t += 100) m.add(t, { x: rand(), y: rand(), z: 60 + rand() }, rand(), rand());
    expect(m.stillness(4900)).toBeNull();
    for (let t = 4900; t < 60_000; t += 100)
      m.add(t, { x: rand(), y: rand(), z: 60 + rand() }, rand(), rand());
    expect(m.stillness(60_000)).toBeGreaterThan(0.85);
  });

  it('drops towards 0 when the head keeps moving', () => {
    const m = new StillnessMeter();
    for (let t = 0; t < 60_000; t += 100) m.add(t, { x: 8 * Math.sin(t / 3000), y: 0, z: 60 }, 0, 0);
    expect(m.stillness(60_000)).toBeLessThan(0.1);
  });

  it('forgets what is older than its window', () => {
    const m = new StillnessMeter({ windowMs: 30_000, minSpanMs: 10_000, scaleCm: 2 });
    for (let t = 0; t < 30_000; t += 100) m.add(t, { x: 10 * Math.sin(t / 2000), y: 0, z: 60 }, 0, 0);
    for (let t = 30_000; t < 70_000; t += 100) m.add(t, { x: 0, y: 0, z: 60 }, 0, 0);
    expect(m.stillness(70_000)).toBeGreaterThan(0.99);
  });
});
