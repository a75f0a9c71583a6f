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

export function setupAlerts(tell: Tell): AlertsUi {
  const ui = {
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
  let settings = loadAlertSettings();
  /** Why monitoring is paused: the person's own Pause, a locked screen, or both. */
  const pausedBy = new Set<'user' | 'locked'>();
  let lastSnapshot: AlertSnapshot | null = null;
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

  const showNotificationStatus = () => {
    const p = typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
    ui.notificationStatus.textContent = !settings.channels.notification
      ? ''
      : p === 'granted'
        ? 'System notifications are allowed.'
        : p === 'denied'
          ? 'System notifications are blocked for this site in the browser settings; the other channels still work.'
          : p === 'unsupported'
            ? 'This browser has no system notifications.'
            : 'knotless will ask to show notifications when you calibrate.';
  };
  const askForNotifications = () => {
    if (!settings.channels.notification || typeof Notification === 'undefined') return;
    if (Notification.permission === 'default')
      void Notification.requestPermission().then(showNotificationStatus);
  };

  buildProblemsPanel(ui.problems);
  buildArticles(ui.articles);
  buildSettingsForm(ui.form, settings, (next, changed) => {
    settings = next;
    const stored = saveAlertSettings(next);
    ui.form.dataset.stored = String(stored);
    presenter.setChannels(next.channels);
    void tell((worker) => worker.setAlertSettings(next));
    if (changed === 'channels.notification' && next.channels.notification) askForNotifications();
    if (changed === 'channels.sound' && next.channels.sound) {
      chime.unlock();
      chime.play();
    }
    showNotificationStatus();
    if (!stored)
      ui.notificationStatus.textContent +=
        ' This browser would not store the settings, so they last until the page closes.';
  });
  showNotificationStatus();

  const applyPause = () => {
    if (pausedBy.size > 0) {
      presenter.clearAll();
      void tell((worker) => worker.pause());
    } else void tell((worker) => worker.resume());
  };
  ui.pause.addEventListener('click', () => {
    if (pausedBy.has('user')) pausedBy.delete('user');
    else pausedBy.add('user');
    ui.pause.textContent = pausedBy.has('user') ? 'Resume' : 'Pause';
    applyPause();
  });
  // In the banner, and at hand in Now.
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-snooze-min]')) {
    button.addEventListener('click', () => {
      presenter.clearAll();
      void tell((worker) => worker.snooze(Number(button.dataset.snoozeMin) * 60_000));
    });
  }
  ui.unsnooze.addEventListener('click', () => void tell((worker) => worker.snooze(0)));

  const clock = (sampleMs: number) => {
    const now = lastSnapshot?.tMs ?? sampleMs;
    return new Date(Date.now() + sampleMs - now).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
    });
  };

  return {
    async configure(worker) {
      await worker.setAlertSettings(settings);
      if (pausedBy.size > 0) await worker.pause();
    },
    handle(snapshot) {
      lastSnapshot = snapshot;
      presenter.handle(snapshot, document.hidden);
      if (document.hidden) return;
      setText(
        ui.status,
        snapshot.status === 'paused' && !pausedBy.has('user')
          ? 'Paused while the screen is locked.'
          : statusText(snapshot, clock),
      );
      setData(ui.status, 'status', snapshot.status);
      const now = nowStatus(snapshot);
      setData(ui.headline, 'level', now.level);
      setText(ui.headlineWords, now.text);
      setHidden(ui.unsnooze, snapshot.snoozedUntilMs == null);
      showProblems(ui.problems, snapshot);
    },
    setScreenLocked(locked) {
      if (locked === pausedBy.has('locked')) return;
      if (locked) pausedBy.add('locked');
      else pausedBy.delete('locked');
      applyPause();
    },
    unlockSound() {
      chime.unlock();
    },
    onCalibrate() {
      chime.unlock();
      askForNotifications();
    },
  };
}
