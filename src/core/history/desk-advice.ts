/**
 * Advice about the desk, from a day of measurements. Slouching, or
 * straining to see the screen, strains the upper back, and adjusting the
 * chair, the table and the screen's height helps: so a day spent looking
 * down points at the screen's height, leaning in or sitting close at the
 * screen's distance or the text's size, and a lean always to one side at
 * what is on that side (the mouse, an armrest). Pure.
 */
import { oneSided, type DaySummary } from './day-report';
import { meanOf, type MinuteRecord } from './minute';

export type AdviceId = 'raiseScreen' | 'nearerScreen' | 'oneSide';

export interface Advice {
  id: AdviceId;
  text: string;
  /** The article it leans on. */
  article: 'posture' | 'tilt-rotation';
}

/** Advice needs this much judged time in the day, s: less is a glimpse, not a habit. */
const ADVICE_MIN_JUDGED_S = 20 * 60;
/** Looking down this far on average, against the calibrated neutral, degrees. */
const LOOKING_DOWN_DEG = 10;
/** Leaning in or too close for this share of the judged time. */
const LEANING_IN_SHARE = 0.15;

export function deskAdvice(s: DaySummary, minutes: readonly MinuteRecord[]): Advice[] {
  if (s.judgedS < ADVICE_MIN_JUDGED_S) return [];
  const out: Advice[] = [];
  let sum = 0;
  let count = 0;
  for (const r of minutes) {
    if (r.day !== s.day || meanOf(r, 'headPitchDeg') == null) continue;
    sum += r.sums.headPitchDeg;
    count += r.counts.headPitchDeg;
  }
  const down = count > 0 ? sum / count : null;
  if (down != null && down >= LOOKING_DOWN_DEG) {
    out.push({
      id: 'raiseScreen',
      article: 'posture',
      text: `You looked down about ${Math.round(down)}° more than when you calibrated, on average over the day. Setting the screen higher (a laptop on a stand, with a separate keyboard), so that you look at it straight on, can help.`,
    });
  }
  const leaningIn = s.problemS.forwardHead + s.problemS.tooClose;
  if (leaningIn >= LEANING_IN_SHARE * s.judgedS) {
    out.push({
      id: 'nearerScreen',
      article: 'posture',
      text: `You leant in or sat close to the screen for ${Math.round((100 * leaningIn) / s.judgedS)} % of the time. Straining to see the screen does that: bring the screen nearer, or make the text larger, so that you can read it sitting back.`,
    });
  }
  const side = oneSided(s).side;
  if (side) {
    out.push({
      id: 'oneSide',
      article: 'tilt-rotation',
      text: `You leant or turned mostly to your ${side}. Check what is on that side: a mouse out of easy reach, or an armrest at the wrong height, keeps pulling you over.`,
    });
  }
  return out;
}
