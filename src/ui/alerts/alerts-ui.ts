/**
 * The alert side of the page: the presenter, the posture-state panel, the
 * settings form, snooze and pause, and the moment to ask for notification
 * permission: when the person calibrates (they have chosen to be coached)
 * or switches the channel on, never at load.
 */
import { byId as $, setData, setHidden, setText } from '../shell/dom';
import type { AlertSnapshot } from '../../core/alerts/posture-state';
import { AlertPresenter, systemNotify } from './alert-presenter';
import { buildSettingsForm } from './alert-settings-view';
import { buildArticles } from '../articles/articles-view';
import { nowStatus } from '../live/now-status';
import { Chime } from './chime';
import { FaviconBadge } from './favicon-badge';
import type { PoseControl, Tell } from '../capture/pose-client';
import { buildProblemsPanel, showProblems, statusText } from './problems-panel';
import { loadAlertSettings, saveAlertSettings } from '../settings/local-store';
import type { AlertSettings } from '../../core/alerts/settings';

export interface AlertsUi {
  /** Hands the settings, and a pause, to a (new) worker. */
  configure(worker: PoseControl): Promise<void>;
  /** One frame's posture state. */
  handle(snapshot: AlertSnapshot): void;
  /** The screen was locked or unlocked (Idle Detection): monitoring pauses meanwhile. */
  setScreenLocked(locked: boolean): void;
  /** On a click that starts the camera: lets the chime play later. */
  unlockSound(): void;
  /** On the Calibrate click, when the person has chosen to be coached: asks for notifications if wanted. */
  onCalibrate(): void;
}

/** The alert side's elements. */
function alertElements() {
  return {
    banner: $('alert-banner'),
    list: $<HTMLUListElement>('alert-list'),
    announcer: $('alert-announcer'),
    status: $('monitor-status'),
    headline: $('now-headline'),
    headlineWords: $('now-headline-words'),
    pause: $<HTMLButtonElement>('pause'),
    unsnooze: $<HTMLButtonElement>('unsnooze'),
    problems: $('problems'),
    form: $<HTMLFormElement>('alert-settings-form'),
    notificationStatus: $('notification-status'),
    articles: $('articles'),
  };
}
type AlertElements = ReturnType<typeof alertElements>;

/** What the notification channel can do here, said under the settings; and the one moment to ask for it. */
function notificationPermission(ui: AlertElements, settings: () => AlertSettings) {
  const show = () => {
    const p = typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
    ui.notificationStatus.textContent = !settings().channels.notification
      ? ''
      : p === 'granted'
        ? 'System notifications are allowed.'
        : p === 'denied'
          ? 'System notifications are blocked for this site in the browser settings; the other channels still work.'
          : p === 'unsupported'
            ? 'This browser has no system notifications.'
            : 'knotless will ask to show notifications when you calibrate.';
  };
  const ask = () => {
    if (!settings().channels.notification || typeof Notification === 'undefined') return;
    if (Notification.permission === 'default') void Notification.requestPermission().then(show);
  };
  return { show, ask };
}

/** The alert presenter, with the page's favicon, chime and system notifications. */
function createPresenter(ui: AlertElements, settings: AlertSettings) {
  const chime = new Chime();
  const favicon = new FaviconBadge();
  const presenter = new AlertPresenter(
    { banner: ui.banner, list: ui.list, announcer: ui.announcer },
    settings.channels,
    {
      doc: document,
      favicon,
      chime,
      notify: (title, body, tag, onClick) => systemNotify(title, body, tag, onClick, favicon.plainHref),
    },
  );
  return { presenter, chime };
}

/** The Pause button and the snooze buttons (in the banner, and at hand in Now). */
function listenPauseAndSnooze(
  ui: AlertElements,
  tell: Tell,
  presenter: AlertPresenter,
  pause: Pausing,
): void {
  ui.pause.addEventListener('click', () => {
    pause.toggle('user');
    ui.pause.textContent = pause.by.has('user') ? 'Resume' : 'Pause';
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-snooze-min]')) {
    button.addEventListener('click', () => {
      presenter.clearAll();
      void tell((worker) => worker.snooze(Number(button.dataset.snoozeMin) * 60_000));
    });
  }
  ui.unsnooze.addEventListener('click', () => void tell((worker) => worker.snooze(0)));
}

/** Why monitoring is paused: the person's own Pause, a locked screen, or both; the worker judges nothing meanwhile. */
interface Pausing {
  readonly by: ReadonlySet<'user' | 'locked'>;
  toggle(why: 'user' | 'locked', on?: boolean): void;
}

function pausing(tell: Tell, presenter: AlertPresenter): Pausing {
  const by = new Set<'user' | 'locked'>();
  return {
    by,
    toggle(why, on = !by.has(why)) {
      if (on) by.add(why);
      else by.delete(why);
      if (by.size > 0) {
        presenter.clearAll();
        void tell((worker) => worker.pause());
      } else void tell((worker) => worker.resume());
    },
  };
}

/** One snapshot on Now: the monitor's status line, the headline and the problems panel. */
function showSnapshot(ui: AlertElements, snapshot: AlertSnapshot, pausedByUser: boolean): void {
  const clock = (sampleMs: number) =>
    new Date(Date.now() + sampleMs - snapshot.tMs).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
    });
  setText(
    ui.status,
    snapshot.status === 'paused' && !pausedByUser
      ? 'Paused while the screen is locked.'
      : statusText(snapshot, clock),
  );
  setData(ui.status, 'status', snapshot.status);
  const now = nowStatus(snapshot);
  setData(ui.headline, 'level', now.level);
  setText(ui.headlineWords, now.text);
  setHidden(ui.unsnooze, snapshot.snoozedUntilMs == null);
  showProblems(ui.problems, snapshot);
}

export function setupAlerts(tell: Tell): AlertsUi {
  const ui = alertElements();
  let settings = loadAlertSettings();
  const { presenter, chime } = createPresenter(ui, settings);
  const permission = notificationPermission(ui, () => settings);
  const pause = pausing(tell, presenter);

  buildProblemsPanel(ui.problems);
  buildArticles(ui.articles);
  buildSettingsForm(ui.form, settings, (next, changed) => {
    settings = next;
    const stored = saveAlertSettings(next);
    ui.form.dataset.stored = String(stored);
    presenter.setChannels(next.channels);
    void tell((worker) => worker.setAlertSettings(next));
    if (changed === 'channels.notification' && next.channels.notification) permission.ask();
    if (changed === 'channels.sound' && next.channels.sound) {
      chime.unlock();
      chime.play();
    }
    permission.show();
    if (!stored)
      ui.notificationStatus.textContent +=
        ' This browser would not store the settings, so they last until the page closes.';
  });
  permission.show();
  listenPauseAndSnooze(ui, tell, presenter, pause);

  return {
    async configure(worker) {
      await worker.setAlertSettings(settings);
      if (pause.by.size > 0) await worker.pause();
    },
    handle(snapshot) {
      presenter.handle(snapshot, document.hidden);
      if (!document.hidden) showSnapshot(ui, snapshot, pause.by.has('user'));
    },
    setScreenLocked(locked) {
      if (locked !== pause.by.has('locked')) pause.toggle('locked', locked);
    },
    unlockSound() {
      chime.unlock();
    },
    onCalibrate() {
      chime.unlock();
      permission.ask();
    },
  };
}
