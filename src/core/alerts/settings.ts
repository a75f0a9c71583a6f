/**
 * Alert settings: how far from neutral counts as a problem (three
 * sensitivity levels, or custom values), how long a posture must be held,
 * how often an alert may repeat, and which channels speak. Plain JSON, so
 * they can be stored as they are; every stored copy is read back through
 * restoreAlertSettings.
 */
import { PROBLEM_IDS, type ProblemId } from './problems';

export type Sensitivity = 'relaxed' | 'balanced' | 'strict' | 'custom';
export const SENSITIVITIES: readonly Sensitivity[] = ['relaxed', 'balanced', 'strict', 'custom'];

/** How far from neutral a posture must be to count, each in its own unit. */
export interface Thresholds {
  /** Head forward of neutral, cm. */
  forwardHeadCm: number;
  /** Shoulder span narrower than neutral, %. */
  roundedShouldersPct: number;
  /** Shoulder line or head tilted, degrees. */
  tiltDeg: number;
  /** Head shifted sideways over the shoulders (a lean), % of shoulder width. */
  leanPct: number;
  /** Head turned away from the screen, degrees. */
  headTurnDeg: number;
  /** Trunk twisted, degrees. */
  trunkTwistDeg: number;
  /** Nearer the screen than neutral, cm. */
  tooCloseCm: number;
  /** Stillness (0..1, see stillness.ts) from which the body counts as frozen. */
  frozenStillness: number;
  /** Minutes frozen before it is a problem. */
  frozenMin: number;
  /** Minutes seated without a break before it is a problem. */
  sittingMin: number;
}

export const PRESETS: Readonly<Record<Exclude<Sensitivity, 'custom'>, Readonly<Thresholds>>> = Object.freeze({
  relaxed: Object.freeze({
    forwardHeadCm: 5,
    roundedShouldersPct: 12,
    tiltDeg: 9,
    leanPct: 20,
    headTurnDeg: 30,
    trunkTwistDeg: 20,
    tooCloseCm: 15,
    frozenStillness: 0.9,
    frozenMin: 30,
    sittingMin: 60,
  }),
  balanced: Object.freeze({
    forwardHeadCm: 4,
    roundedShouldersPct: 9,
    tiltDeg: 7,
    leanPct: 15,
    headTurnDeg: 25,
    trunkTwistDeg: 15,
    tooCloseCm: 10,
    frozenStillness: 0.85,
    frozenMin: 20,
    sittingMin: 45,
  }),
  strict: Object.freeze({
    forwardHeadCm: 3,
    roundedShouldersPct: 6,
    tiltDeg: 5,
    leanPct: 10,
    headTurnDeg: 18,
    trunkTwistDeg: 12,
    tooCloseCm: 7,
    frozenStillness: 0.8,
    frozenMin: 12,
    sittingMin: 30,
  }),
});

/** Ranges a threshold may take (custom values outside are refused). */
export const THRESHOLD_RANGES: Readonly<Record<keyof Thresholds, readonly [number, number]>> = Object.freeze({
  forwardHeadCm: [1, 20],
  roundedShouldersPct: [2, 40],
  tiltDeg: [2, 30],
  leanPct: [3, 60],
  headTurnDeg: [5, 60],
  trunkTwistDeg: [5, 45],
  tooCloseCm: [3, 40],
  frozenStillness: [0.5, 0.99],
  frozenMin: [3, 180],
  sittingMin: [10, 240],
});

export type ChannelId = 'banner' | 'title' | 'favicon' | 'notification' | 'sound';
export const CHANNEL_IDS: readonly ChannelId[] = ['banner', 'title', 'favicon', 'notification', 'sound'];

export interface AlertSettings {
  /** Default 'balanced'. */
  sensitivity: Sensitivity;
  /** The thresholds used when `sensitivity` is 'custom'; default the balanced ones. */
  custom: Thresholds;
  /** Problems to watch for; default all. */
  enabled: Record<ProblemId, boolean>;
  /** Seconds a posture must be held before the app speaks. Default 30. */
  onsetSec: number;
  /** Minutes before the same alert repeats while the posture is still held. Default 10. */
  cooldownMin: number;
  /** Seconds of looking down (keyboard, phone) that count as a glance and are ignored. Default 10. */
  glanceSec: number;
  /** Seconds without the person in view before monitoring pauses. Default 20. */
  absenceSec: number;
  /** Minutes away that count as a break and restart the sitting timer. Default 3. */
  breakMin: number;
  /** Where alerts are shown; the sound is off by default. */
  channels: Record<ChannelId, boolean>;
}

const allProblems = (on: boolean) =>
  Object.fromEntries(PROBLEM_IDS.map((id) => [id, on])) as Record<ProblemId, boolean>;

export const DEFAULT_ALERT_SETTINGS: Readonly<AlertSettings> = Object.freeze({
  sensitivity: 'balanced',
  custom: { ...PRESETS.balanced },
  enabled: allProblems(true),
  onsetSec: 30,
  cooldownMin: 10,
  glanceSec: 10,
  absenceSec: 20,
  breakMin: 3,
  channels: { banner: true, title: true, favicon: true, notification: true, sound: false },
});

/** Ranges the timing settings may take. */
export const TIME_RANGES = {
  onsetSec: [3, 600],
  cooldownMin: [1, 240],
  glanceSec: [0, 60],
  absenceSec: [3, 600],
  breakMin: [1, 60],
} as const;

type TimeKey = keyof typeof TIME_RANGES;

/** The thresholds in force for these settings. */
export function thresholdsOf(s: AlertSettings): Thresholds {
  return s.sensitivity === 'custom' ? s.custom : PRESETS[s.sensitivity];
}

const inRange = (v: unknown, [lo, hi]: readonly [number, number]): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

/** Merges `partial` over `base`, checking every value; throws with a clear message on a bad one. */
export function resolveAlertSettings(
  partial: Partial<AlertSettings> = {},
  base: AlertSettings = DEFAULT_ALERT_SETTINGS,
): AlertSettings {
  const s: AlertSettings = {
    ...base,
    ...partial,
    custom: { ...base.custom, ...partial.custom },
    enabled: { ...base.enabled, ...partial.enabled },
    channels: { ...base.channels, ...partial.channels },
  };
  if (!SENSITIVITIES.includes(s.sensitivity))
    throw new Error(`sensitivity must be one of ${SENSITIVITIES.join(', ')} (got ${String(s.sensitivity)})`);
  for (const [key, range] of Object.entries(THRESHOLD_RANGES) as [keyof Thresholds, [number, number]][]) {
    if (!inRange(s.custom[key], range))
      throw new Error(`${key} must be between ${range[0]} and ${range[1]} (got ${String(s.custom[key])})`);
  }
  for (const [key, range] of Object.entries(TIME_RANGES) as [TimeKey, [number, number]][]) {
    if (!inRange(s[key], range))
      throw new Error(`${key} must be between ${range[0]} and ${range[1]} (got ${String(s[key])})`);
  }
  return s;
}

/**
 * Settings read back from storage: every known field that is valid is kept,
 * anything missing or invalid takes its default, anything unknown is dropped.
 * Never throws.
 */
export function restoreAlertSettings(raw: unknown): AlertSettings {
  const d = DEFAULT_ALERT_SETTINGS;
  if (typeof raw !== 'object' || raw === null) return resolveAlertSettings();
  const r = raw as Record<string, unknown>;
  const record = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const custom = { ...d.custom };
  for (const [key, range] of Object.entries(THRESHOLD_RANGES) as [keyof Thresholds, [number, number]][]) {
    const v = record(r.custom)[key];
    if (inRange(v, range)) custom[key] = v;
  }
  const flags = <K extends string>(keys: readonly K[], from: unknown, defaults: Record<K, boolean>) =>
    Object.fromEntries(
      keys.map((k) => {
        const v = record(from)[k];
        return [k, typeof v === 'boolean' ? v : defaults[k]];
      }),
    ) as Record<K, boolean>;
  const s: AlertSettings = {
    sensitivity: SENSITIVITIES.includes(r.sensitivity as Sensitivity)
      ? (r.sensitivity as Sensitivity)
      : d.sensitivity,
    custom,
    enabled: flags(PROBLEM_IDS, r.enabled, d.enabled),
    channels: flags(CHANNEL_IDS, r.channels, d.channels),
    onsetSec: d.onsetSec,
    cooldownMin: d.cooldownMin,
    glanceSec: d.glanceSec,
    absenceSec: d.absenceSec,
    breakMin: d.breakMin,
  };
  for (const [key, range] of Object.entries(TIME_RANGES) as [TimeKey, [number, number]][]) {
    if (inRange(r[key], range)) s[key] = r[key];
  }
  return s;
}
