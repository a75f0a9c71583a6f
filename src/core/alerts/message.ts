/**
 * The words of an alert: what the posture is, for how long, on which side,
 * and what to do now. One function, used by every channel (banner, tab
 * title, notification, screen reader), so they all say the same thing.
 */
import { primaryArticle } from './problem-articles';
import type { Article } from '../articles/articles';
import type { ProblemId, Side } from './problems';

/** "45 s", "3 min", "1 h 20 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
}

/** The posture in a few words, with its side where it has one. */
export function problemPhrase(problem: ProblemId, side: Side | null): string {
  const your = side ? ` to your ${side}` : '';
  switch (problem) {
    case 'forwardHead':
      return 'Head pushed forward';
    case 'roundedShoulders':
      return 'Shoulders rounded';
    case 'tilt':
      return `Leaning${your}`;
    case 'twist':
      return `Turned${your}`;
    case 'tooClose':
      return 'Too close to the screen';
    case 'frozen':
      return 'Frozen in one position';
    case 'sittingTooLong':
      return 'Sitting without a break';
  }
}

const ADVICE: Readonly<Record<ProblemId, string>> = {
  forwardHead: 'Sit back and bring your head over your shoulders.',
  roundedShoulders: 'Open your chest and let your shoulder blades settle back.',
  tilt: 'Sit evenly on both sides, without propping yourself on one arm.',
  twist: 'Face the screen square on, with the screen straight in front of you.',
  tooClose: 'Sit back; make the text bigger instead of leaning in.',
  frozen: 'Move: roll your shoulders, shift, look away from the screen.',
  sittingTooLong: 'Stand up and walk for a few minutes.',
};

export interface AlertMessage {
  /** "Leaning to your left for 2 min". */
  title: string;
  /** What to do now. */
  advice: string;
  article: Article;
}

export function alertMessage(problem: ProblemId, side: Side | null, heldMs: number): AlertMessage {
  return {
    title: `${problemPhrase(problem, side)} for ${formatDuration(heldMs)}`,
    advice: ADVICE[problem],
    article: primaryArticle(problem),
  };
}
