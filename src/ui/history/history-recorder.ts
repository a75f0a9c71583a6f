/**
 * Turns the pose worker's results into stored history: per-minute totals
 * gathered in memory and written in batches, at least every FLUSH_MS while
 * results come (checked on each result, so it holds in a hidden tab whose
 * timers the browser slows), and at once when the page is hidden or left.
 * A crash loses at most the last batch.
 */
import { MinuteAggregator, historySample } from '../../core/history/aggregate';
import type { HistoryStore } from './history-store';
import type { PostureFrameResult } from '../../protocol/pose-protocol';

/** Written at least this often, ms (with one result a second or more, nothing older than 10 s is ever unsaved). */
const FLUSH_MS = 8000;

export interface HistoryRecorder {
  record(result: Pick<PostureFrameResult, 'alerts' | 'posture'>, wallMs?: number): void;
  /** Writes what has gathered; resolves when it is stored (or kept in memory). */
  flush(): Promise<void>;
}

export function createHistoryRecorder(
  store: () => HistoryStore | null,
  onWritten: (store: HistoryStore) => void = () => undefined,
  dayOf?: (ms: number) => string,
): HistoryRecorder {
  const aggregator = new MinuteAggregator(dayOf);
  let lastFlush = Date.now();
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    lastFlush = Date.now();
    const s = store();
    if (!s) return writing;
    const records = aggregator.drain();
    if (!records.length) return writing;
    // Started now, not after the write before it (the database keeps their
    // order): as the page is left, there is no later.
    const written = s.add(records).then(() => onWritten(s)); // never lost: a failing database hands them to memory
    writing = Promise.all([writing, written]).then(() => undefined);
    return writing;
  };

  const onLeave = () => void flush();
  document.addEventListener('visibilitychange', onLeave);
  window.addEventListener('pagehide', onLeave);
  setInterval(() => {
    if (Date.now() - lastFlush >= FLUSH_MS) void flush();
  }, FLUSH_MS);

  return {
    record(result, wallMs = Date.now()) {
      aggregator.add(historySample(result.alerts, result.posture, wallMs));
      if (wallMs - lastFlush >= FLUSH_MS) void flush();
    },
    flush,
  };
}
