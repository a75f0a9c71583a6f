/**
 * The guided setup, on first run and again from Settings: what knotless
 * does and its privacy promise, the camera started, a live framing check
 * saying what to change, calibration with a visible countdown, and then
 * "you can leave this tab now", with notifications asked for at that
 * moment. Each step is a part of the #setup view; one shows at a time and
 * takes the focus when it opens.
 */
import { byId as $, setData, setHidden, setText } from '../shell/dom';
import { checkFraming } from './framing';
import { createGuidedMoves } from '../live/guided-moves';
import type { PostureFrameResult } from '../../protocol/pose-protocol';

export type SetupStep = 'intro' | 'framing' | 'calibrating' | 'done';

export interface SetupActions {
  /** Starts the camera; resolves false when it could not (the page says why). */
  startCamera(): Promise<boolean>;
  /** Starts calibration. */
  calibrate(): void;
  /** Skips the guided moves of the calibration under way. */
  skipGuided(): void;
  /** Asks for notification permission; resolves with what the browser says. */
  askNotifications(): Promise<NotificationPermission | 'unsupported'>;
  /** The setup was finished: remember it and go to `#now`. */
  finish(): void;
}

export interface GuidedSetup {
  /**
   * Starts over (the view was opened): at the first step, or at the framing
   * check when the camera already runs. `focus`: move the focus to it (not at page load).
   */
  open(focus?: boolean, cameraRunning?: boolean): void;
  /** Every result while the setup is shown. */
  follow(result: PostureFrameResult): void;
}

/** The framing must hold good this long before calibration is offered, ms. */
const STEADY_MS = 1500;

export function setupGuidedSetup(root: HTMLElement, actions: SetupActions): GuidedSetup {
  const steps = [...root.querySelectorAll<HTMLElement>('[data-step]')];
  const checks = $<HTMLUListElement>('framing-checks');
  const summary = $('framing-summary');
  const calibrateButton = $<HTMLButtonElement>('setup-calibrate');
  const countdown = $('setup-countdown');
  const moves = createGuidedMoves($('setup-guided'), () => actions.skipGuided());
  const outcome = $('setup-outcome');
  const notifyButton = $<HTMLButtonElement>('setup-notify');
  const notifyStatus = $('setup-notify-status');
  let step: SetupStep = 'intro';
  let goodSince: number | null = null;

  const show = (next: SetupStep, focus = true) => {
    step = next;
    for (const el of steps) setHidden(el, el.dataset.step !== next);
    setData(root, 'step', next);
    const heading = steps.find((el) => el.dataset.step === next)?.querySelector<HTMLElement>('h3');
    if (focus && heading && root.isConnected && !root.hidden) {
      heading.tabIndex = -1;
      heading.focus();
    }
  };

  $<HTMLButtonElement>('setup-start').addEventListener('click', () => {
    void actions.startCamera().then((ok) => {
      if (ok) show('framing');
    });
  });
  calibrateButton.addEventListener('click', () => {
    actions.calibrate();
    setText(countdown, 'Sit upright, look at the screen and hold still…');
    show('calibrating');
  });
  notifyButton.addEventListener('click', () => {
    void actions.askNotifications().then((p) => {
      setText(
        notifyStatus,
        p === 'granted'
          ? 'Notifications are on: an alert reaches you in another tab or window.'
          : p === 'unsupported'
            ? 'This browser has no system notifications: alerts show in the tab title and icon.'
            : 'Notifications stay off: alerts show in the tab title and icon. You can change this in Settings.',
      );
      notifyButton.disabled = p !== 'default';
    });
  });
  $<HTMLButtonElement>('setup-finish').addEventListener('click', () => actions.finish());

  return {
    open(focus = true, cameraRunning = false) {
      goodSince = null;
      show(cameraRunning ? 'framing' : 'intro', focus);
    },
    follow(result) {
      if (step === 'framing') {
        const framing = checkFraming(result);
        const key = framing.checks.map((c) => `${c.id}${c.ok}${c.text}`).join('|');
        if (checks.dataset.key !== key) {
          checks.dataset.key = key;
          checks.replaceChildren(
            ...framing.checks.map((c) => {
              const li = document.createElement('li');
              li.dataset.check = c.id;
              li.dataset.ok = String(c.ok);
              li.textContent = `${c.ok ? '✓' : '✗'} ${c.text}`;
              return li;
            }),
          );
        }
        goodSince = framing.ready ? (goodSince ?? result.timestampMs) : null;
        const steady = goodSince != null && result.timestampMs - goodSince >= STEADY_MS;
        calibrateButton.disabled = !steady;
        setText(
          summary,
          steady
            ? 'The picture is good. Sit upright as you usually would at your best, then press Calibrate.'
            : framing.ready
              ? 'Looking good: hold on a moment…'
              : 'Change what is marked ✗; this list follows you live.',
        );
      } else if (step === 'calibrating') {
        const c = result.posture.calibration;
        if (c?.state === 'collecting') {
          setText(countdown, `Hold still: ${Math.ceil(c.remainingMs / 1000)} s`);
        } else if (c?.state === 'guided') {
          setText(
            countdown,
            'Your upright posture is taken. Now a few moves, so that knotless learns your face:',
          );
          moves.show(c.guided);
        } else if (c?.state === 'finished') {
          moves.show(null);
          if (c.outcome.ok) {
            const warnings = c.outcome.neutral.warnings ?? [];
            setText(
              outcome,
              warnings.length > 0 ? `Calibrated, with a caveat: ${warnings.join(' ')}` : 'Calibrated.',
            );
            show('done');
          } else {
            setText(summary, `Calibration did not take: ${c.outcome.message}`);
            goodSince = null;
            show('framing');
          }
        }
      }
    },
  };
}
