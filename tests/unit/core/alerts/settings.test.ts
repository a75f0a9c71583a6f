import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_SETTINGS,
  PRESETS,
  resolveAlertSettings,
  restoreAlertSettings,
  thresholdsOf,
} from '../../../../src/core/alerts/settings';

describe('alert settings', () => {
  it('defaults to balanced, 30 s onset, all problems, no sound', () => {
    const s = resolveAlertSettings();
    expect(s.sensitivity).toBe('balanced');
    expect(s.onsetSec).toBe(30);
    expect(Object.values(s.enabled).every(Boolean)).toBe(true);
    expect(s.channels.sound).toBe(false);
    expect(thresholdsOf(s)).toEqual(PRESETS.balanced);
  });

  it('orders the presets from relaxed to strict', () => {
    for (const key of ['forwardHeadCm', 'tiltDeg', 'headTurnDeg', 'sittingMin'] as const) {
      expect(PRESETS.relaxed[key]).toBeGreaterThan(PRESETS.balanced[key]);
      expect(PRESETS.balanced[key]).toBeGreaterThan(PRESETS.strict[key]);
    }
  });

  it('uses the custom thresholds only when custom is picked', () => {
    const s = resolveAlertSettings({ custom: { ...PRESETS.balanced, tiltDeg: 3 } });
    expect(thresholdsOf(s).tiltDeg).toBe(PRESETS.balanced.tiltDeg);
    expect(thresholdsOf({ ...s, sensitivity: 'custom' }).tiltDeg).toBe(3);
  });

  it('refuses out-of-range values with a message naming them', () => {
    expect(() => resolveAlertSettings({ onsetSec: 0 })).toThrow(/onsetSec must be between 3 and 600/);
    expect(() => resolveAlertSettings({ custom: { ...PRESETS.strict, tiltDeg: 90 } })).toThrow(/tiltDeg/);
    expect(() => resolveAlertSettings({ sensitivity: 'loud' as never })).toThrow(/sensitivity/);
  });

  it('merges over the current settings without touching the defaults', () => {
    const a = resolveAlertSettings({ onsetSec: 12 });
    const b = resolveAlertSettings({ channels: { ...a.channels, sound: true } }, a);
    expect(b.onsetSec).toBe(12);
    expect(b.channels.sound).toBe(true);
    expect(DEFAULT_ALERT_SETTINGS.channels.sound).toBe(false);
    expect(DEFAULT_ALERT_SETTINGS.onsetSec).toBe(30);
  });

  it('restores stored settings: keeps the valid fields, defaults the rest, never throws', () => {
    expect(restoreAlertSettings(null)).toEqual(resolveAlertSettings());
    expect(restoreAlertSettings('garbage')).toEqual(resolveAlertSettings());
    const r = restoreAlertSettings({
      sensitivity: 'strict',
      onsetSec: 45,
      cooldownMin: -3,
      glanceSec: 'x',
      custom: { tiltDeg: 4, forwardHeadCm: 1e9 },
      enabled: { tilt: false, frozen: 'no' },
      channels: { sound: true },
      extra: 1,
    });
    expect(r.sensitivity).toBe('strict');
    expect(r.onsetSec).toBe(45);
    expect(r.cooldownMin).toBe(DEFAULT_ALERT_SETTINGS.cooldownMin);
    expect(r.glanceSec).toBe(DEFAULT_ALERT_SETTINGS.glanceSec);
    expect(r.custom.tiltDeg).toBe(4);
    expect(r.custom.forwardHeadCm).toBe(PRESETS.balanced.forwardHeadCm);
    expect(r.enabled.tilt).toBe(false);
    expect(r.enabled.frozen).toBe(true);
    expect(r.channels.sound).toBe(true);
    expect(r.channels.banner).toBe(true);
    expect(r).not.toHaveProperty('extra');
    // What is restored is itself valid.
    expect(() => resolveAlertSettings(r)).not.toThrow();
  });
});
