/**
 * What the page keeps in this browser's localStorage: the calibrated
 * neutral (a few dozen numbers), the alert settings, whether to pause
 * while the screen is locked, whether to show the camera picture and the
 * camera's field of view, the distance to the screen the person told, the
 * colour scheme and whether the guided setup was done. Never an image.
 * Every read goes through its restore function, so a corrupt or old record
 * never becomes a wrong verdict.
 */
import { restoreAlertSettings, type AlertSettings } from '../../core/alerts/settings';
import { restoreNeutral, type Neutral } from '../../core/posture/calibration';
import { restoreFovChoice, type FovChoice } from '../../core/posture/fov';

const NEUTRAL_KEY = 'knotless.neutral';
const SETTINGS_KEY = 'knotless.alertSettings';
const LOCK_KEY = 'knotless.pauseWhenLocked';
const PREVIEW_KEY = 'knotless.showPreview';
const FOV_KEY = 'knotless.fieldOfView';
const SCHEME_KEY = 'knotless.colourScheme';
const SETUP_KEY = 'knotless.setupDone';
const EYE_DISTANCE_KEY = 'knotless.eyeDistanceCm';

/** What the page says about each stored item when it cannot be read. */
const LABELS: Record<string, string> = {
  [NEUTRAL_KEY]: 'your calibration',
  [SETTINGS_KEY]: 'your alert settings',
  [LOCK_KEY]: 'the screen-lock choice',
  [PREVIEW_KEY]: 'the camera-picture choice',
  [FOV_KEY]: "the camera's field of view",
  [SCHEME_KEY]: 'the colour choice',
  [SETUP_KEY]: 'whether the guided setup was done',
  [EYE_DISTANCE_KEY]: 'your distance to the screen',
};

/** Keys found stored but unreadable (broken JSON, wrong shape), since the page opened. */
const damaged = new Set<string>();

/**
 * Reads `key` through `restore`. `rejects` tells whether a parsed value was
 * refused as a whole; such a value, or text that is not JSON, is noted as damaged.
 */
function load<T>(
  key: string,
  restore: (raw: unknown) => T,
  rejects: (raw: unknown, restored: T) => boolean,
): T {
  let text: string | null = null;
  try {
    text = localStorage.getItem(key);
  } catch {
    return restore(null); // storage itself unreadable (blocked by the browser)
  }
  if (text === null) return restore(null);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    damaged.add(key);
    return restore(null);
  }
  const restored = restore(raw);
  if (rejects(raw, restored)) damaged.add(key);
  return restored;
}

const notObject = (raw: unknown) => typeof raw !== 'object' || raw === null || Array.isArray(raw);
const notBoolean = (raw: unknown) => typeof raw !== 'boolean';

/**
 * Reads every stored item once and names those that could not be read (they
 * are back to their defaults; the others are kept). Empty when all is well.
 */
export function damagedItems(): string[] {
  loadNeutral();
  loadAlertSettings();
  loadPauseWhenLocked();
  loadShowPreview();
  loadFovChoice();
  loadScheme();
  loadSetupDone();
  loadEyeDistance();
  return [...damaged].map((key) => LABELS[key] ?? key);
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

export const loadNeutral = (): Neutral | null =>
  load(NEUTRAL_KEY, restoreNeutral, (_, restored) => restored === null);
export const saveNeutral = (neutral: Neutral): boolean => save(NEUTRAL_KEY, neutral);
export function deleteNeutral(): void {
  try {
    localStorage.removeItem(NEUTRAL_KEY);
  } catch {
    // Storage blocked: nothing was stored either.
  }
}
export const loadAlertSettings = (): AlertSettings => load(SETTINGS_KEY, restoreAlertSettings, notObject);
export const saveAlertSettings = (settings: AlertSettings): boolean => save(SETTINGS_KEY, settings);
export const loadPauseWhenLocked = (): boolean => load(LOCK_KEY, (raw) => raw === true, notBoolean);
export const savePauseWhenLocked = (on: boolean): boolean => save(LOCK_KEY, on);
export const loadShowPreview = (): boolean => load(PREVIEW_KEY, (raw) => raw !== false, notBoolean);
export const saveShowPreview = (on: boolean): boolean => save(PREVIEW_KEY, on);
/** 'auto' (estimated from the camera's name) when nothing, or something that is not a choice, is stored. */
export const loadFovChoice = (): FovChoice =>
  load(
    FOV_KEY,
    (raw) => restoreFovChoice(raw) ?? 'auto',
    (raw) => restoreFovChoice(raw) === null,
  );
export const saveFovChoice = (choice: FovChoice): boolean => save(FOV_KEY, choice);

export type Scheme = 'system' | 'light' | 'dark';
const SCHEMES: readonly Scheme[] = ['system', 'light', 'dark'];
export const loadScheme = (): Scheme =>
  load(
    SCHEME_KEY,
    (raw) => (SCHEMES.includes(raw as Scheme) ? (raw as Scheme) : 'system'),
    (raw) => !SCHEMES.includes(raw as Scheme),
  );
export const saveScheme = (scheme: Scheme): boolean => save(SCHEME_KEY, scheme);
export const loadSetupDone = (): boolean => load(SETUP_KEY, (raw) => raw === true, notBoolean);
export const saveSetupDone = (done: boolean): boolean => save(SETUP_KEY, done);

const restoreDistance = (raw: unknown): number | null =>
  typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : null;
/** The eyes' distance to the screen the person told, cm; null when not told (or not a distance). */
export const loadEyeDistance = (): number | null =>
  load(EYE_DISTANCE_KEY, restoreDistance, (raw, restored) => raw !== null && restored === null);
export const saveEyeDistance = (cm: number | null): boolean => save(EYE_DISTANCE_KEY, cm);
