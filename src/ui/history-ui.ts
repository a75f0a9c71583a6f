/**
 * The page's history: opens the store, records every result of the pose
 * worker (hidden or not), and keeps the Today view drawn while it is shown
 * (today's chart redrawn at most once a minute, and when the view opens).
 */
import type { PostureFrameResult } from '../../workers/engine/api';
import { createHistoryRecorder } from './history-recorder';
import { openHistory, type HistoryStore } from './history-store';
import { historyElements, setupHistoryView } from './history-view';

const REDRAW_MS = 60_000;

export interface HistoryUi {
  record(result: PostureFrameResult): void;
  /** The Today view was opened: drawn again at its present width. */
  shown(): void;
}

/** `inView`: whether the Today view is the one shown. */
export function setupHistory(inView: () => boolean): HistoryUi {
  let store: HistoryStore | null = null;
  const view = setupHistoryView(historyElements(), () => store);
  let drawnAt = 0;
  const recorder = createHistoryRecorder(
    () => store,
    (s) => {
      const fellBack = document.documentElement.dataset.history !== s.kind;
      document.documentElement.dataset.history = s.kind;
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
    if (!document.hidden && store) {
      drawnAt = Date.now();
      void recorder.flush().then(view.refresh);
    }
  });
  return {
    record: (result) => recorder.record(result),
    shown() {
      if (!store) return;
      drawnAt = Date.now();
      void recorder.flush().then(view.refresh);
    },
  };
}
