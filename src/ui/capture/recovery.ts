/**
 * Coming back from failures without the person doing anything: the pose
 * worker started again after a crash (waiting longer after each crash in a
 * row), the camera opened again once it is plugged back in.
 */
import { Backoff } from '../../core/backoff';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** How often to look for the camera when the browser says nothing about devices, ms. */
const CAMERA_POLL_MS = 5000;

export interface Recovery {
  /**
   * After a crash: waits (longer after each crash in a row), then calls
   * `restart` unless `stillWanted` says otherwise by then. Returns the wait, ms.
   */
  afterCrash(restart: () => Promise<void>, stillWanted: () => boolean): number;
  /**
   * Tries `reopen` whenever the devices change, and every few seconds, until
   * it returns true or `cancelCameraWait` is called.
   */
  waitForCamera(reopen: () => Promise<boolean>): Promise<void>;
  cancelCameraWait(): void;
}

export function createRecovery(): Recovery {
  const crashes = new Backoff(1000, 60_000, 120_000);
  let waiting: AbortController | null = null;
  return {
    afterCrash(restart, stillWanted) {
      const waitMs = crashes.failed(performance.now());
      void sleep(waitMs).then(() => (stillWanted() ? restart() : undefined));
      return waitMs;
    },
    async waitForCamera(reopen) {
      waiting?.abort();
      const controller = new AbortController();
      waiting = controller;
      const { signal } = controller;
      while (!signal.aborted) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            navigator.mediaDevices?.removeEventListener('devicechange', done);
            signal.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, CAMERA_POLL_MS);
          navigator.mediaDevices?.addEventListener('devicechange', done);
          signal.addEventListener('abort', done);
        });
        if (!signal.aborted && (await reopen())) break;
      }
      if (waiting === controller) waiting = null;
    },
    cancelCameraWait() {
      waiting?.abort();
      waiting = null;
    },
  };
}
