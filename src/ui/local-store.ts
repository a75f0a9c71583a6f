/**
 * What the page keeps in this browser's localStorage: the calibrated
 * neutral (a few dozen numbers), the alert settings, whether to pause
 * while the screen is locked and whether to show the camera picture. Never an image.
 * Every read goes through its restore function, so a corrupt or old record
 * never becomes a wrong verdict.
 */
import { restoreAlertSettings, type AlertSettings } from '../core/alerts/settings';
import { restoreNeutral, type Neutral } from '../core/posture/calibration';

const NEUTRAL_KEY = 'knotless.neutral';
const SETTINGS_KEY = 'knotless.alertSettings';
const LOCK_KEY = 'knotless.pauseWhenLocked';
const PREVIEW_KEY = 'knotless.showPreview';

function load<T>(key: string, restore: (raw: unknown) => T): T {
  let raw: unknown = null;
  try {
    const text = localStorage.getItem(key);
    raw = text ? JSON.parse(text) : null;
  } catch {
    // Unreadable storage or broken JSON: restore from nothing.
  }
  return restore(raw);
}

/** Returns false when the browser refused to store it (private mode, full storage). */
function save(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export const loadNeutral = (): Neutral | null => load(NEUTRAL_KEY, restoreNeutral);
export const saveNeutral = (neutral: Neutral): boolean => save(NEUTRAL_KEY, neutral);
export const loadAlertSettings = (): AlertSettings => load(SETTINGS_KEY, restoreAlertSettings);
export const saveAlertSettings = (settings: AlertSettings): boolean => save(SETTINGS_KEY, settings);
export const loadPauseWhenLocked = (): boolean => load(LOCK_KEY, (raw) => raw === true);
export const savePauseWhenLocked = (on: boolean): boolean => save(LOCK_KEY, on);
export const loadShowPreview = (): boolean => load(PREVIEW_KEY, (raw) => raw !== false);
export const saveShowPreview = (on: boolean): boolean => save(PREVIEW_KEY, on);
