/**
 * Pausing while the screen is locked, through the Idle Detection API
 * (Chromium), which needs the person's permission: asked when they tick the
 * box, never at load. The choice is kept (local-store.ts); once permission
 * was granted, it starts again by itself on the next visit.
 */
import { loadPauseWhenLocked, savePauseWhenLocked } from '../settings/local-store';

interface IdleDetectorLike extends EventTarget {
  screenState: 'locked' | 'unlocked' | null;
  start(options: { threshold: number; signal: AbortSignal }): Promise<void>;
}

interface IdleDetectorClass {
  new (): IdleDetectorLike;
  requestPermission(): Promise<PermissionState>;
}

const Detector = (globalThis as unknown as { IdleDetector?: IdleDetectorClass }).IdleDetector;

export function setupIdlePause(
  box: HTMLInputElement,
  status: HTMLElement,
  onLocked: (locked: boolean) => void,
): void {
  let abort: AbortController | null = null;

  if (!Detector) {
    box.disabled = true;
    status.textContent =
      'This browser cannot tell when the screen is locked; nobody in view pauses monitoring instead.';
    return;
  }
  const Idle = Detector;

  const stop = () => {
    abort?.abort();
    abort = null;
    onLocked(false);
  };

  const start = async (): Promise<boolean> => {
    stop();
    const controller = new AbortController();
    abort = controller;
    try {
      const detector = new Idle();
      detector.addEventListener('change', () => onLocked(detector.screenState === 'locked'));
      await detector.start({ threshold: 60_000, signal: controller.signal });
      onLocked(detector.screenState === 'locked');
      status.textContent = 'Monitoring pauses while the screen is locked.';
      return true;
    } catch (err) {
      status.textContent = `The screen lock cannot be watched here (${err instanceof Error ? err.message : String(err)}).`;
      return false;
    }
  };

  box.addEventListener('change', () => {
    void (async () => {
      if (!box.checked) {
        stop();
        status.textContent = '';
        savePauseWhenLocked(false);
        return;
      }
      // Asked here, on the person's own click.
      const permission = await Idle.requestPermission().catch(() => 'denied' as PermissionState);
      if (permission !== 'granted') {
        box.checked = false;
        status.textContent =
          'Permission to see the screen lock was not given; nobody in view still pauses monitoring.';
        return;
      }
      box.checked = await start();
      savePauseWhenLocked(box.checked);
    })();
  });

  // Back on a later visit: start without asking if permission is already there.
  if (loadPauseWhenLocked()) {
    void navigator.permissions
      .query({ name: 'idle-detection' as PermissionName })
      .then(async (p) => {
        if (p.state === 'granted') box.checked = await start();
      })
      .catch(() => undefined);
  }
}
