import { beforeEach, describe, expect, it } from 'vitest';
import { AlertPresenter } from '../../src/ui/alerts/alert-presenter';
import { Chime } from '../../src/ui/alerts/chime';
import { FaviconBadge } from '../../src/ui/alerts/favicon-badge';
import type { AlertEvent, AlertSnapshot } from '../../src/core/alerts/posture-state';
import { PROBLEM_IDS, type ProblemId } from '../../src/core/alerts/problems';
import { DEFAULT_ALERT_SETTINGS, type ChannelId } from '../../src/core/alerts/settings';

/** The presenter in a real page: its DOM, tab title and icon, with the notification call recorded. */

function snapshot(
  tMs: number,
  events: AlertEvent[],
  active: Partial<Record<ProblemId, number>> = {},
): AlertSnapshot {
  const problems = Object.fromEntries(
    PROBLEM_IDS.map((id) => [
      id,
      { phase: id in active ? 'active' : 'idle', side: null, heldMs: active[id] ?? 0, share: null },
    ]),
  ) as AlertSnapshot['problems'];
  return {
    tMs,
    status: 'monitoring',
    calibrated: true,
    snoozedUntilMs: null,
    problems,
    sittingMs: 0,
    events,
  };
}

const alert = (
  problem: ProblemId,
  side: 'left' | 'right' | null,
  heldMs: number,
  tMs = heldMs,
): AlertEvent => ({
  kind: 'alert',
  problem,
  side,
  tMs,
  heldMs,
  repeat: false,
});
const clear = (problem: ProblemId, tMs: number): AlertEvent => ({
  kind: 'clear',
  problem,
  tMs,
  reason: 'recovered',
});

describe('alert presenter', () => {
  let banner: HTMLElement;
  let list: HTMLUListElement;
  let announcer: HTMLElement;
  let notified: { title: string; body: string; tag: string; closed: boolean; click: () => void }[];
  let icon: HTMLLinkElement;

  const make = (channels: Partial<Record<ChannelId, boolean>> = {}) =>
    new AlertPresenter(
      { banner, list, announcer },
      { ...DEFAULT_ALERT_SETTINGS.channels, ...channels },
      {
        doc: document,
        favicon: new FaviconBadge(),
        chime: new Chime(),
        notify: (title, body, tag, click) => {
          const n = { title, body, tag, closed: false, click };
          notified.push(n);
          return { close: () => void (n.closed = true) } as unknown as Notification;
        },
      },
    );

  beforeEach(() => {
    document.body.innerHTML =
      '<section id="b" hidden><ul id="l"></ul></section><div id="a" aria-live="assertive"></div>';
    banner = document.getElementById('b')!;
    list = document.getElementById('l') as HTMLUListElement;
    announcer = document.getElementById('a')!;
    document.title = 'knotless';
    document.head.querySelector('link[rel="icon"]')?.remove();
    icon = Object.assign(document.createElement('link'), { rel: 'icon', href: '/src/ui/favicon.svg' });
    document.head.append(icon);
    notified = [];
  });

  it('shows an alert on every in-page channel, names side and duration, links the article, and takes it all down on clear', async () => {
    const p = make();
    p.handle(snapshot(40_000, [alert('tilt', 'left', 40_000)], { tilt: 40_000 }), false);
    expect(banner.hidden).toBe(false);
    const li = list.querySelector('li')!;
    expect(li.dataset.problem).toBe('tilt');
    expect(li.dataset.side).toBe('left');
    expect(li.querySelector('.what')!.textContent).toBe('Leaning to your left for 40 s');
    expect(li.querySelector('a')!.getAttribute('href')).toBe('#causes/tilt-rotation');
    expect(announcer.textContent).toMatch(/^Leaning to your left for 40 s\. /);
    expect(document.title).toBe('⚠ Leaning to your left · knotless');
    await expect.poll(() => icon.href).toMatch(/^data:image\/png/);
    // The shown duration follows the held time.
    p.handle(snapshot(100_000, [], { tilt: 100_000 }), false);
    expect(li.querySelector('.what')!.textContent).toBe('Leaning to your left for 1 min');
    // Visible page: no system notification.
    expect(notified).toEqual([]);
    p.handle(snapshot(101_000, [clear('tilt', 101_000)]), false);
    expect(list.children).toHaveLength(0);
    expect(banner.hidden).toBe(true);
    expect(document.title).toBe('knotless');
    expect(icon.href).toMatch(/\/src\/ui\/favicon\.svg$/);
  });

  it('notifies only while the page is hidden, one per problem, and closes it when the problem clears', () => {
    const p = make();
    p.handle(snapshot(30_000, [alert('forwardHead', null, 30_000)], { forwardHead: 30_000 }), true);
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({
      title: 'Head pushed forward for 30 s',
      tag: 'forwardHead',
      closed: false,
    });
    expect(notified[0]!.body).toMatch(/Open knotless to read why/);
    notified[0]!.click();
    expect(location.hash).toBe('#causes/posture');
    p.handle(snapshot(40_000, [clear('forwardHead', 40_000)]), true);
    expect(notified[0]!.closed).toBe(true);
  });

  it('keeps quiet on every channel that is switched off', async () => {
    const p = make({ banner: false, title: false, favicon: false, notification: false });
    p.handle(snapshot(30_000, [alert('twist', 'right', 30_000)], { twist: 30_000 }), true);
    expect(banner.hidden).toBe(true);
    expect(announcer.textContent).toBe('');
    expect(document.title).toBe('knotless');
    expect(notified).toEqual([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(icon.href).toMatch(/\/src\/ui\/favicon\.svg$/);
    // Turning the banner back on shows what is still active.
    p.setChannels({ ...DEFAULT_ALERT_SETTINGS.channels, notification: false });
    expect(banner.hidden).toBe(false);
    expect(document.title).toBe('⚠ Turned to your right · knotless');
  });

  it('lets the person dismiss one alert and keeps the others', () => {
    const p = make();
    p.handle(
      snapshot(30_000, [alert('tilt', 'right', 30_000), alert('forwardHead', null, 30_000)], {
        tilt: 30_000,
        forwardHead: 30_000,
      }),
      false,
    );
    expect(p.showing).toEqual(['tilt', 'forwardHead']);
    (list.querySelector('li[data-problem="tilt"] .dismiss') as HTMLButtonElement).click();
    expect(p.showing).toEqual(['forwardHead']);
    expect(document.title).toBe('⚠ Head pushed forward · knotless');
    p.clearAll();
    expect(banner.hidden).toBe(true);
  });
});
