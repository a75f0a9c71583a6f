import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/core/backoff';

describe('Backoff', () => {
  it('doubles the wait after each failure in a row, up to the ceiling', () => {
    const b = new Backoff(1000, 8000, 60_000);
    const waits = [0, 2000, 5000, 10_000, 20_000, 30_000].map((t) => b.failed(t));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(b.count).toBe(6);
  });

  it('starts over once it has run long enough since the last failure', () => {
    const b = new Backoff(1000, 60_000, 120_000);
    b.failed(0);
    b.failed(1000);
    expect(b.failed(3000)).toBe(4000);
    expect(b.failed(3000 + 119_999)).toBe(8000);
    expect(b.failed(3000 + 119_999 + 120_000)).toBe(1000);
    expect(b.count).toBe(1);
  });
});
