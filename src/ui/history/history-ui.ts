/**
 * The page's history: opens the store, records every result of the pose
 * worker (hidden or not), and keeps the Today view drawn while it is shown
 * (today's chart redrawn at most once a minute, and when the view opens).
 */
import { createHistoryRecorder } from './history-recorder';
import { openHistory, type HistoryStore } from './history-store';
import { historyElements, setupHistoryView } from './history-view';
import { setText } from '../shell/dom';
import { formatDuration } from '../../core/alerts/message';
import { localDay } from '../../core/history/minute';
import type { PostureFrameResult } from '../../protocol/pose-protocol';

const REDRAW_MS = 60_000;

export interface HistoryUi {
  record(result: PostureFrameResult): void;
  /** The Today view was opened: drawn again at its present width. */
  shown(): void;
}

/** Says how long today was spent in good posture, from the day's stored totals. */
async function showGoodToday(store: HistoryStore, out: HTMLElement): Promise<void> {
  const today = localDay(Date.now());
  const t = (await store.dayTotals(today, today)).records.find((r) => r.day === today);
  setText(
    out,
    !t || t.calibratedS < 60
      ? 'Good posture today: nothing judged yet.'
      : `Good posture today: ${formatDuration(t.goodS * 1000)}, ${Math.round((100 * t.goodS) / t.calibratedS)} % of the time judged.`,
  );
}

/** `inView`: whether the Today view is the one shown; `goodToday`: where Now says today's good time (kept while Now is seen). */
export function setupHistory(
  inView: () => boolean,
  goodToday?: { out: HTMLElement; inView: () => boolean },
): HistoryUi {
  let store: HistoryStore | null = null;
  const view = setupHistoryView(historyElements(), () => store);
  let drawnAt = 0;
  /** What has gathered written, then the view drawn from it. */
  const redrawNow = () => {
    drawnAt = Date.now();
    void recorder.flush().then(view.refresh);
  };
  const recorder = createHistoryRecorder(
    () => store,
    (s) => {
      const fellBack = document.documentElement.dataset.history !== s.kind;
      document.documentElement.dataset.history = s.kind;
      if (goodToday && !document.hidden && goodToday.inView()) void showGoodToday(s, goodToday.out);
      if (!fellBack && (document.hidden || !inView() || Date.now() - drawnAt < REDRAW_MS)) return;
      drawnAt = Date.now();
      void view.refresh();
    },
  );
  void openHistory().then((s) => {
    store = s;
    drawnAt = Date.now();
    document.documentElement.dataset.history = s.kind;
    void view.refresh();
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && store) redrawNow();
  });
  return {
    record: (result) => recorder.record(result),
    shown() {
      if (store) redrawNow();
    },
  };
}
