/**
 * The calibrated neutral, kept in this browser's localStorage (a few hundred
 * bytes of numbers; never an image). Reads go through restoreNeutral.
 */
import { restoreNeutral, type Neutral } from '../core/posture/calibration';

const KEY = 'knotless.neutral';

export function loadNeutral(): Neutral | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? restoreNeutral(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

/** Returns false when the browser refused to store it (private mode, full storage). */
export function saveNeutral(neutral: Neutral): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(neutral));
    return true;
  } catch {
    return false;
  }
}
