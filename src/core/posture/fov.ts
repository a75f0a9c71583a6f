/**
 * The camera's diagonal field of view: every reading in centimetres scales
 * with it, and a webcam does not report it. The person picks a preset, types
 * their camera's figure, or lets the app estimate it from the camera's name
 * as the browser reports it.
 */
import { DEFAULT_FOV_DEG } from './camera';

export type FovPresetId = 'laptop' | 'external' | 'wide' | 'narrow';

export interface FovPreset {
  id: FovPresetId;
  /** Lower case: it also ends a sentence, "(typical external webcam)". */
  label: string;
  fovDeg: number;
}

export const FOV_PRESETS: readonly FovPreset[] = Object.freeze([
  { id: 'laptop', label: 'laptop built-in camera', fovDeg: DEFAULT_FOV_DEG },
  { id: 'external', label: 'typical external webcam', fovDeg: 78 },
  { id: 'wide', label: 'wide-angle webcam', fovDeg: 90 },
  { id: 'narrow', label: 'narrow or zoomed-in camera', fovDeg: 55 },
]);

/** The field of view a person may type, degrees (webcams sit well inside it). */
export const CUSTOM_FOV_RANGE: readonly [min: number, max: number] = Object.freeze([30, 120]);

/** What the person chose: an estimate from the camera's name, a preset, or their own figure in degrees. */
export type FovChoice = 'auto' | FovPresetId | number;

export interface FovEstimate {
  fovDeg: number;
  /** Where the figure comes from, as the page shows it: "Logitech C920 (maker's figure)". */
  source: string;
}

export interface ResolvedFov extends FovEstimate {
  /** The choice it came from; a stored value that is not a choice counts as 'auto'. */
  choice: FovChoice;
}

interface KnownCamera {
  name: string;
  /** Matched against the label as the browser reports it, e.g. "HD Pro Webcam C920 (046d:082d)". */
  pattern: RegExp;
  fovDeg: number;
}

/**
 * Webcams whose makers publish their diagonal field of view; the figures are
 * the makers' own (Logitech, Microsoft, Razer and Elgato spec sheets). For a
 * camera whose field of view can be switched, the figure is its default.
 * Variants with another lens (Kiyo Pro, Kiyo X, Facecam Pro, Facecam MK.2,
 * Brio models other than those listed) are left out on purpose: a wrong
 * figure is worse than the usual value, which the person can see and change.
 * First match wins, so the more specific names come first.
 */
const KNOWN_CAMERAS: readonly KnownCamera[] = [
  { name: 'Logitech C270', pattern: /\bc270\b/i, fovDeg: 55 },
  { name: 'Logitech C310', pattern: /\bc310\b/i, fovDeg: 60 },
  { name: 'Logitech C920', pattern: /\bc920[a-z]?\b/i, fovDeg: 78 },
  { name: 'Logitech C922', pattern: /\bc922[a-z]?\b/i, fovDeg: 78 },
  { name: 'Logitech C925e', pattern: /\bc925e\b/i, fovDeg: 78 },
  { name: 'Logitech C930e', pattern: /\bc930e\b/i, fovDeg: 90 },
  { name: 'Logitech Brio 100', pattern: /\bbrio\s*100\b/i, fovDeg: 58 },
  { name: 'Logitech Brio 300', pattern: /\bbrio\s*300\b/i, fovDeg: 70 },
  // The Brio 4K, and the Brio 500 and 505: 90° unless switched in Logitech's software.
  { name: 'Logitech Brio', pattern: /\bbrio\b(?!\s*\d{3}\b)|\bbrio\s*50[05]\b/i, fovDeg: 90 },
  { name: 'Logitech StreamCam', pattern: /\bstreamcam\b/i, fovDeg: 78 },
  { name: 'Microsoft LifeCam HD-3000', pattern: /\blifecam hd-3000\b/i, fovDeg: 68.5 },
  { name: 'Microsoft LifeCam Studio', pattern: /\blifecam studio\b/i, fovDeg: 75 },
  { name: 'Razer Kiyo', pattern: /\bkiyo\b(?!\s*(pro|x)\b)/i, fovDeg: 81.6 },
  { name: 'Elgato Facecam', pattern: /\bfacecam\b(?!\s*(pro|mk|neo)\b)/i, fovDeg: 82 },
];

/** Words in the names browsers give the camera built into a laptop (or a tablet's front camera). */
const BUILT_IN = /facetime|integrated|built-in|hd webcam|internal|user facing/i;

const LAPTOP = FOV_PRESETS[0]!;

export const UNKNOWN_CAMERA_SOURCE = 'unknown camera: the usual value';

/** The field of view of the camera with this label, from its maker's figure where the camera is known. */
export function estimateFov(label: string): FovEstimate {
  const known = KNOWN_CAMERAS.find((c) => c.pattern.test(label));
  if (known) return { fovDeg: known.fovDeg, source: `${known.name} (maker's figure)` };
  if (BUILT_IN.test(label)) return { fovDeg: LAPTOP.fovDeg, source: 'built-in laptop camera' };
  return { fovDeg: DEFAULT_FOV_DEG, source: UNKNOWN_CAMERA_SOURCE };
}

/** True for a field of view a person may type. */
export function isCustomFov(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= CUSTOM_FOV_RANGE[0] &&
    value <= CUSTOM_FOV_RANGE[1]
  );
}

/** A stored choice read back; null when it is not one (then the caller estimates). */
export function restoreFovChoice(raw: unknown): FovChoice | null {
  if (raw === 'auto' || isCustomFov(raw)) return raw;
  return FOV_PRESETS.find((p) => p.id === raw)?.id ?? null;
}

/** The field of view to use, given what the person chose (anything else counts as 'auto') and the camera's label. */
export function resolveFovChoice(stored: unknown, label: string): ResolvedFov {
  const choice = restoreFovChoice(stored) ?? 'auto';
  if (typeof choice === 'number') return { choice, fovDeg: choice, source: 'your own figure' };
  const preset = FOV_PRESETS.find((p) => p.id === choice);
  if (preset) return { choice, fovDeg: preset.fovDeg, source: preset.label };
  return { choice, ...estimateFov(label) };
}

/** Two fields of view the same for the readings (a stored figure read back, or typed again). */
export function sameFov(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.01;
}

/** 78 → "78°", 81.6 → "81.6°". */
export function formatFov(fovDeg: number): string {
  return `${Number.isInteger(fovDeg) ? fovDeg : fovDeg.toFixed(1)}°`;
}
