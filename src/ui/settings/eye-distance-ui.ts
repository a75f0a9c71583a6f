/**
 * The "distance to the screen" setting: the person may type how far their
 * eyes are from the screen, measured once, sitting as they calibrate. The
 * next calibration then takes its scale from it (core/posture/calibration.ts
 * knownEyeDistanceCm), so neither a wrong field of view nor an unusual face
 * width scales the centimetre readings. Empty: not told.
 */
import { setHidden, setText } from '../shell/dom';
import { KNOWN_DISTANCE_RANGE_CM } from '../../core/posture/calibration';
import { loadEyeDistance, saveEyeDistance } from './local-store';
import type { PoseControl, Tell } from '../capture/pose-client';

export interface EyeDistanceElements {
  input: HTMLInputElement;
  error: HTMLElement;
  note: HTMLElement;
}

export interface EyeDistanceUi {
  /** A worker started: it gets the stored distance. */
  apply(worker: PoseControl): Promise<void>;
}

const [LOW, HIGH] = KNOWN_DISTANCE_RANGE_CM;
const OUT_OF_RANGE = `Type the distance from your eyes to the screen in centimetres, from ${LOW} to ${HIGH}, or leave it empty. Until then the previous one is kept.`;
const TAKES_EFFECT = 'It is used from your next calibration: press Calibrate once you sit as you measured.';

/** Builds the setting from the stored distance; a change goes to the running worker, if any. */
export function setupEyeDistance(el: EyeDistanceElements, tell: Tell): EyeDistanceUi {
  let stored = loadEyeDistance();
  el.input.min = String(LOW);
  el.input.max = String(HIGH);
  el.input.value = stored == null ? '' : String(stored);

  el.input.addEventListener('change', () => {
    const text = el.input.value.trim();
    const cm = text === '' ? null : Number(text);
    if (cm !== null && !(Number.isFinite(cm) && cm >= LOW && cm <= HIGH)) {
      setText(el.error, OUT_OF_RANGE);
      setHidden(el.error, false);
      el.input.setAttribute('aria-invalid', 'true');
      return;
    }
    setHidden(el.error, true);
    el.input.removeAttribute('aria-invalid');
    stored = cm;
    saveEyeDistance(cm);
    setText(el.note, cm == null ? 'Not told: centimetres follow the field of view.' : TAKES_EFFECT);
    void tell((worker) => worker.setKnownEyeDistance(cm));
  });

  return {
    async apply(worker) {
      await worker.setKnownEyeDistance(stored);
    },
  };
}
