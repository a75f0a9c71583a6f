/**
 * The Now view's one status: a few words and a level (shown as colour and
 * as a symbol, never colour alone). Pure, from the alert state.
 */
import type { AlertSnapshot } from '../../core/alerts/posture-state';
import { formatDuration, problemPhrase } from '../../core/alerts/message';
import { PROBLEM_IDS, PROBLEMS, type ProblemId } from '../../core/alerts/problems';

/** A posture is named once held this long: a glance aside or down is not worth a change of status, ms. */
export const NAMED_AFTER_MS = 10_000;
const SLOW: ReadonlySet<ProblemId> = new Set<ProblemId>(['sittingTooLong', 'frozen']);

export type StatusLevel = 'off' | 'good' | 'building' | 'alert';

export interface NowStatus {
  level: StatusLevel;
  /** "Good posture", "Head pushed forward for 20 s", "Alert: leaning to your left". */
  text: string;
}

export function nowStatus(s: AlertSnapshot): NowStatus {
  if (s.status === 'paused') return { level: 'off', text: 'Paused' };
  if (s.status === 'away') return { level: 'off', text: 'Nobody in view' };
  const judged = PROBLEM_IDS.filter((id) => s.calibrated || !PROBLEMS[id].needsNeutral);
  const held = judged.filter((id) => s.problems[id].phase === 'active');
  // Sitting time and stillness build up slowly all the time: they are named once they alert.
  const building = judged
    .filter(
      (id) => s.problems[id].phase === 'building' && !SLOW.has(id) && s.problems[id].heldMs >= NAMED_AFTER_MS,
    )
    .sort((a, b) => s.problems[b].heldMs - s.problems[a].heldMs);
  if (held.length > 0) {
    const id = held[0]!;
    const more = held.length > 1 ? ` (and ${held.length - 1} more)` : '';
    return { level: 'alert', text: `Alert: ${problemPhrase(id, s.problems[id].side).toLowerCase()}${more}` };
  }
  if (building.length > 0) {
    const id = building[0]!;
    return {
      level: 'building',
      text: `${problemPhrase(id, s.problems[id].side)} for ${formatDuration(s.problems[id].heldMs)}`,
    };
  }
  return s.calibrated
    ? { level: 'good', text: 'Good posture' }
    : { level: 'off', text: 'Not calibrated yet' };
}
