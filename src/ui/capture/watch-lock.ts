/**
 * One tab watches at a time. Two knotless tabs on the same camera would
 * alert twice and record every minute twice; so starting the camera in a
 * tab takes the watch over (a Web Lock, stolen from the tab that had it),
 * and the tab that had it stops and says where watching went. Where the
 * browser has no Web Locks, every tab watches.
 */

const LOCK = 'knotless-watching';

export interface WatchLock {
  /** Takes the watch (from another tab if it has it). Resolves once this tab holds it. */
  take(): Promise<void>;
  /** Gives it up (the camera stopped here). */
  release(): void;
  readonly held: boolean;
}

/** `onTakenOver` runs when another tab takes the watch from this one. */
export function createWatchLock(onTakenOver: () => void): WatchLock {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  let release: (() => void) | null = null;
  let taking: Promise<void> | null = null;

  const take = (): Promise<void> => {
    if (!locks) return Promise.resolve();
    if (release) return Promise.resolve();
    taking ??= new Promise<void>((held) => {
      locks
        .request(LOCK, { steal: true }, () => {
          taking = null;
          held();
          return new Promise<void>((resolve) => (release = resolve));
        })
        .then(
          () => undefined,
          (err: unknown) => {
            // Stolen by another tab (AbortError): it watches now.
            const wasHeld = release !== null;
            release = null;
            taking = null;
            if (wasHeld && err instanceof DOMException && err.name === 'AbortError') onTakenOver();
          },
        );
    });
    return taking;
  };

  return {
    take,
    release() {
      const r = release;
      release = null;
      r?.();
    },
    get held() {
      return !locks || release !== null;
    },
  };
}
