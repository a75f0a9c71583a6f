/**
 * The posture state at a glance: whether monitoring is on, and for each
 * problem whether it is fine, building up (and for how long) or held.
 */
import { setData, setText } from '../shell/dom';
import type { AlertSnapshot } from '../../core/alerts/posture-state';
import { formatDuration, problemPhrase } from '../../core/alerts/message';
import { PROBLEM_IDS, PROBLEMS } from '../../core/alerts/problems';

export function buildProblemsPanel(list: HTMLElement): void {
  list.replaceChildren(
    ...PROBLEM_IDS.map((id) => {
      const li = document.createElement('li');
      li.dataset.problem = id;
      li.dataset.phase = 'idle';
      li.innerHTML = '<span class="label"></span> <span class="state">–</span>';
      li.querySelector('.label')!.textContent = PROBLEMS[id].label;
      return li;
    }),
  );
}

/** What the status line says; `clock` turns a sample time into a time of day. */
export function statusText(s: AlertSnapshot, clock: (sampleMs: number) => string): string {
  if (s.status === 'paused') return 'Paused. Press Resume to watch your posture again.';
  if (s.status === 'away') return 'Nobody in view: monitoring is paused until you are back.';
  let text = s.calibrated
    ? 'Monitoring your posture.'
    : 'Watching stillness and sitting time only: calibrate to have your posture judged.';
  if (s.snoozedUntilMs != null) text += ` Alerts snoozed until ${clock(s.snoozedUntilMs)}.`;
  if (s.sittingMs != null) text += ` Seated for ${formatDuration(s.sittingMs)}.`;
  return text;
}

export function showProblems(list: HTMLElement, s: AlertSnapshot): void {
  for (const id of PROBLEM_IDS) {
    const li = list.querySelector<HTMLElement>(`[data-problem="${id}"]`);
    if (!li) continue;
    const p = s.problems[id];
    setData(li, 'phase', p.phase);
    setData(li, 'side', p.side ?? '');
    const state = li.querySelector('.state')!;
    if (s.status !== 'monitoring' || (PROBLEMS[id].needsNeutral && !s.calibrated)) setText(state, '–');
    else if (p.phase === 'idle') setText(state, 'fine');
    else {
      const what = p.side ? problemPhrase(id, p.side).toLowerCase() : '';
      const verb = p.phase === 'active' ? 'held' : 'for';
      setText(state, `${what ? `${what}, ` : ''}${verb} ${formatDuration(p.heldMs)}`);
    }
  }
}
