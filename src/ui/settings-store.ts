/**
 * Alert settings, kept in this browser's localStorage. Reads go through
 * restoreAlertSettings: a corrupt or old record keeps what is valid in it.
 */
import { restoreAlertSettings, type AlertSettings } from '../core/alerts/settings';

const KEY = 'knotless.alertSettings';

export function loadAlertSettings(): AlertSettings {
  try {
    const raw = localStorage.getItem(KEY);
    return restoreAlertSettings(raw ? JSON.parse(raw) : null);
  } catch {
    return restoreAlertSettings(null);
  }
}

/** Returns false when the browser refused to store them (private mode, full storage). */
export function saveAlertSettings(settings: AlertSettings): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}
