import { afterEach, describe, expect, it } from 'vitest';
import { createWatchLock, type WatchLock } from '../../src/ui/capture/watch-lock';

/** The watch lock against Chromium's real Web Locks (two locks in one page stand for two tabs). */

const made: WatchLock[] = [];
afterEach(() => {
  for (const l of made.splice(0)) l.release();
});

function tab(): { lock: WatchLock; takenOver: number } {
  const t = {
    takenOver: 0,
    lock: createWatchLock(() => (t.takenOver += 1)),
  };
  made.push(t.lock);
  return t;
}

const holders = async () =>
  (await navigator.locks.query()).held?.filter((l) => l.name === 'knotless-watching');

describe('one tab watches at a time', () => {
  it('hands the watch to the tab that starts last, and tells the one that had it', async () => {
    const a = tab();
    const b = tab();
    await a.lock.take();
    expect(a.lock.held).toBe(true);
    expect(await holders()).toHaveLength(1);

    await b.lock.take();
    expect(b.lock.held).toBe(true);
    await expect.poll(() => a.takenOver).toBe(1);
    expect(a.lock.held).toBe(false);
    expect(await holders()).toHaveLength(1);

    await a.lock.take(); // and back
    await expect.poll(() => b.takenOver).toBe(1);
    expect([a.lock.held, b.lock.held]).toEqual([true, false]);
    expect(a.takenOver).toBe(1);
  });

  it('frees the watch when released, without telling anyone', async () => {
    const a = tab();
    await a.lock.take();
    await a.lock.take(); // taking it again while held changes nothing
    expect(await holders()).toHaveLength(1);
    a.lock.release();
    await expect.poll(holders).toHaveLength(0);
    expect(a.lock.held).toBe(false);
    expect(a.takenOver).toBe(0);
  });
});
