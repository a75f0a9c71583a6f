/**
 * The guided setup, on first run and again from Settings: what knotless
 * does and its privacy promise, the camera started, a live framing check
 * saying what to change, calibration with a visible countdown, and then
 * "you can leave this tab now", with notifications asked for at that
 * moment. Each step is a part of the #setup view; one shows at a time and
 * takes the focus when it opens.
 */
import { byId as $, setData, setHidden, setText } from '../shell/dom';
import { checkFraming, type Check } from './framing';
import { createGuidedMoves, type GuidedMovesView } from '../live/guided-moves';
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
  const parts = findParts(root, actions);
  let step: SetupStep = 'intro';
  let goodSince: number | null = null;

  const show = (next: SetupStep, focus = true) => {
    step = next;
    showStep(root, parts.steps, next, focus);
  };

  listen(parts, actions, show);

  return {
    open(focus = true, cameraRunning = false) {
      goodSince = null;
      show(cameraRunning ? 'framing' : 'intro', focus);
    },
    follow(result) {
      if (step === 'framing') {
        goodSince = followFraming(parts, result, goodSince);
      } else if (step === 'calibrating') {
        const next = followCalibration(parts, result.posture.calibration);
        if (next === 'framing') goodSince = null;
        if (next) show(next);
      }
    },
  };
}

/** The parts of the #setup view that change as the setup goes on. */
interface SetupParts {
  steps: HTMLElement[];
  checks: HTMLUListElement;
  summary: HTMLElement;
  calibrateButton: HTMLButtonElement;
  countdown: HTMLElement;
  moves: GuidedMovesView;
  outcome: HTMLElement;
  notifyButton: HTMLButtonElement;
  notifyStatus: HTMLElement;
}

/** Finds the setup's steps and the parts of them that change; the guided moves are built here. */
function findParts(root: HTMLElement, actions: SetupActions): SetupParts {
  return {
    steps: [...root.querySelectorAll<HTMLElement>('[data-step]')],
    checks: $<HTMLUListElement>('framing-checks'),
    summary: $('framing-summary'),
    calibrateButton: $<HTMLButtonElement>('setup-calibrate'),
    countdown: $('setup-countdown'),
    moves: createGuidedMoves($('setup-guided'), () => actions.skipGuided()),
    outcome: $('setup-outcome'),
    notifyButton: $<HTMLButtonElement>('setup-notify'),
    notifyStatus: $('setup-notify-status'),
  };
}

/** Shows one step and hides the others; `focus`: its heading takes the focus. */
function showStep(root: HTMLElement, steps: readonly HTMLElement[], next: SetupStep, focus: boolean): void {
  for (const el of steps) setHidden(el, el.dataset.step !== next);
  setData(root, 'step', next);
  const heading = steps.find((el) => el.dataset.step === next)?.querySelector<HTMLElement>('h3');
  if (focus && heading && root.isConnected && !root.hidden) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

/** The setup's buttons: start the camera, calibrate, ask for notifications, finish. */
function listen(parts: SetupParts, actions: SetupActions, show: (next: SetupStep) => void): void {
  const { calibrateButton, countdown, notifyButton, notifyStatus } = parts;
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
      setText(notifyStatus, notificationsSaid(p));
      notifyButton.disabled = p !== 'default';
    });
  });
  $<HTMLButtonElement>('setup-finish').addEventListener('click', () => actions.finish());
}

/** What the answer to the notification request means for alerts. */
function notificationsSaid(p: NotificationPermission | 'unsupported'): string {
  return p === 'granted'
    ? 'Notifications are on: an alert reaches you in another tab or window.'
    : p === 'unsupported'
      ? 'This browser has no system notifications: alerts show in the tab title and icon.'
      : 'Notifications stay off: alerts show in the tab title and icon. You can change this in Settings.';
}

/**
 * The framing step on one result: the checks listed, and Calibrate offered
 * once the framing has held good for STEADY_MS. Returns since when it has
 * held good (null: it does not).
 */
function followFraming(
  parts: SetupParts,
  result: PostureFrameResult,
  goodSince: number | null,
): number | null {
  const framing = checkFraming(result);
  showChecks(parts.checks, framing.checks);
  const since = framing.ready ? (goodSince ?? result.timestampMs) : null;
  const steady = since != null && result.timestampMs - since >= STEADY_MS;
  parts.calibrateButton.disabled = !steady;
  setText(
    parts.summary,
    steady
      ? 'The picture is good. Sit upright as you usually would at your best, then press Calibrate.'
      : framing.ready
        ? 'Looking good: hold on a moment…'
        : 'Change what is marked ✗; this list follows you live.',
  );
  return since;
}

/** Lists the framing checks, each ✓ or ✗; rebuilt only when one changed. */
function showChecks(list: HTMLUListElement, checks: readonly Check[]): void {
  const key = checks.map((c) => `${c.id}${c.ok}${c.text}`).join('|');
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(
    ...checks.map((c) => {
      const li = document.createElement('li');
      li.dataset.check = c.id;
      li.dataset.ok = String(c.ok);
      li.textContent = `${c.ok ? '✓' : '✗'} ${c.text}`;
      return li;
    }),
  );
}

/**
 * The calibrating step on one result: the countdown, then the guided
 * moves, then the outcome. Returns the step that follows once calibration
 * finished (done, or back to framing when it did not take), else null.
 */
function followCalibration(
  parts: SetupParts,
  c: PostureFrameResult['posture']['calibration'],
): SetupStep | null {
  const { countdown, moves, outcome, summary } = parts;
  if (c?.state === 'collecting') {
    setText(countdown, `Hold still: ${Math.ceil(c.remainingMs / 1000)} s`);
  } else if (c?.state === 'guided') {
    setText(countdown, 'Your upright posture is taken. Now a few moves, so that knotless learns your face:');
    moves.show(c.guided);
  } else if (c?.state === 'finished') {
    moves.show(null);
    if (c.outcome.ok) {
      const warnings = c.outcome.neutral.warnings ?? [];
      setText(
        outcome,
        warnings.length > 0 ? `Calibrated, with a caveat: ${warnings.join(' ')}` : 'Calibrated.',
      );
      return 'done';
    }
    setText(summary, `Calibration did not take: ${c.outcome.message}`);
    return 'framing';
  }
  return null;
}
