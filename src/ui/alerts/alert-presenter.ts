/**
 * Shows alerts through every channel the person left on: a banner in the
 * page (with a live region for screen readers), the tab title, a badge on
 * the tab icon, a system notification while the page is hidden, and an
 * optional chime. All channels say the same words (core/alerts/message.ts)
 * and link the same article.
 */
import type { AlertEvent, AlertSnapshot } from '../../core/alerts/posture-state';
import { alertMessage } from '../../core/alerts/message';
import type { ProblemId, Side } from '../../core/alerts/problems';
import type { ChannelId } from '../../core/alerts/settings';
import { articleHref } from '../../core/alerts/problem-articles';
import type { Chime } from './chime';
import type { FaviconBadge } from './favicon-badge';

export interface AlertElements {
  banner: HTMLElement;
  list: HTMLUListElement;
  /** A visually hidden aria-live region. */
  announcer: HTMLElement;
}

export interface AlertOutputs {
  doc: Document;
  favicon: FaviconBadge;
  chime: Chime;
  /** Shows a system notification; null when not allowed. */
  notify: (title: string, body: string, tag: string, onClick: () => void) => Notification | null;
}

interface Shown {
  side: Side | null;
  li: HTMLLIElement;
}

export class AlertPresenter {
  private readonly shown = new Map<ProblemId, Shown>();
  private readonly baseTitle: string;
  /** Notifications shown, per problem, closed when the problem clears. */
  private readonly notifications = new Map<ProblemId, Notification>();

  constructor(
    private readonly els: AlertElements,
    private channels: Record<ChannelId, boolean>,
    private readonly out: AlertOutputs,
  ) {
    this.baseTitle = out.doc.title;
  }

  setChannels(channels: Record<ChannelId, boolean>): void {
    this.channels = channels;
    this.refreshChrome();
  }

  /** Takes one frame's snapshot: raises and clears alerts, and keeps the shown durations current. */
  handle(snapshot: AlertSnapshot, hidden: boolean): void {
    for (const e of snapshot.events) {
      if (e.kind === 'alert') this.raise(e, hidden);
      else this.lower(e.problem);
    }
    if (hidden) return;
    for (const [problem, shown] of this.shown) {
      const p = snapshot.problems[problem];
      if (p.phase === 'active') this.fill(shown.li, problem, shown.side, p.heldMs);
    }
  }

  /** Takes one alert off the banner (it comes back after the cooldown if still held). */
  dismiss(problem: ProblemId): void {
    this.lower(problem);
  }

  /** Takes every alert down (snooze, pause). */
  clearAll(): void {
    for (const problem of [...this.shown.keys()]) this.lower(problem);
  }

  /** The problems on show. */
  get showing(): ProblemId[] {
    return [...this.shown.keys()];
  }

  private raise(e: Extract<AlertEvent, { kind: 'alert' }>, hidden: boolean): void {
    const m = alertMessage(e.problem, e.side, e.heldMs);
    let shown = this.shown.get(e.problem);
    if (!shown) {
      const li = this.out.doc.createElement('li');
      shown = { side: e.side, li };
      this.shown.set(e.problem, shown);
      this.els.list.append(li);
    }
    shown.side = e.side;
    this.fill(shown.li, e.problem, e.side, e.heldMs);
    if (this.channels.banner) this.els.announcer.textContent = `${m.title}. ${m.advice}`;
    if (this.channels.sound) this.out.chime.play();
    if (this.channels.notification && hidden) {
      this.notifications.get(e.problem)?.close();
      const n = this.out.notify(`${m.title}`, `${m.advice} Open knotless to read why.`, e.problem, () => {
        window.focus();
        location.hash = articleHref(m.article.id);
      });
      if (n) this.notifications.set(e.problem, n);
    }
    this.refreshChrome();
  }

  private lower(problem: ProblemId): void {
    const shown = this.shown.get(problem);
    if (!shown) return;
    shown.li.remove();
    this.shown.delete(problem);
    this.notifications.get(problem)?.close();
    this.notifications.delete(problem);
    this.refreshChrome();
  }

  private fill(li: HTMLLIElement, problem: ProblemId, side: Side | null, heldMs: number): void {
    const m = alertMessage(problem, side, heldMs);
    li.dataset.problem = problem;
    li.dataset.side = side ?? '';
    if (!li.firstChild) {
      li.innerHTML =
        '<strong class="what"></strong> <span class="advice"></span> <a class="why"></a> <button type="button" class="dismiss">Dismiss</button>';
      li.querySelector('.dismiss')!.addEventListener('click', () => this.dismiss(problem));
    }
    li.querySelector('.what')!.textContent = m.title;
    li.querySelector('.advice')!.textContent = m.advice;
    const a = li.querySelector<HTMLAnchorElement>('.why')!;
    a.href = articleHref(m.article.id);
    a.textContent = `Why it knots your upper back: ${m.article.title}`;
    li.querySelector('.dismiss')!.setAttribute('aria-label', `Dismiss: ${m.title}`);
  }

  /** Banner visibility, tab title and icon badge, from what is on show and the channels. */
  private refreshChrome(): void {
    const first = [...this.shown.entries()][0];
    this.els.banner.hidden = !first || !this.channels.banner;
    if (first && this.channels.title) {
      const m = alertMessage(first[0], first[1].side, 0);
      this.out.doc.title = `⚠ ${m.title.replace(/ for .*$/, '')} · ${this.baseTitle}`;
    } else this.out.doc.title = this.baseTitle;
    if (first && this.channels.favicon) void this.out.favicon.show();
    else this.out.favicon.hide();
  }
}

/** A system notification when permission was granted; null otherwise. */
export function systemNotify(
  title: string,
  body: string,
  tag: string,
  onClick: () => void,
  icon: string,
): Notification | null {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
  const n = new Notification(title, { body, tag, icon });
  n.onclick = () => {
    onClick();
    n.close();
  };
  return n;
}
