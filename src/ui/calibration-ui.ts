/**
 * Calibration in the page: starting it, showing its progress and outcome,
 * keeping the neutral, and handing a stored neutral to the worker when the
 * camera starts (unless it was taken with another camera).
 */
import { setData } from './dom';
import type { PostureFrameResult } from '../../workers/engine/api';
import { loadNeutral, saveNeutral } from './local-store';
import type { PoseWorker } from './pose-client';
import { showSample } from './posture-panel';

const CALIBRATION_MS = 5000;

export interface CalibrationElements {
  button: HTMLButtonElement;
  status: HTMLElement;
  progress: HTMLProgressElement;
  metrics: HTMLElement;
}

export interface CalibrationView {
  start(api: PoseWorker, track: MediaStreamTrack | null): Promise<void>;
  useStored(api: PoseWorker, track: MediaStreamTrack): Promise<void>;
  /** Every result, hidden or not: calibration's progress, and its outcome kept when it ends. */
  follow(result: PostureFrameResult): void;
  /** The metrics against the neutral (only while the page is seen). */
  show(result: PostureFrameResult): void;
}

export function createCalibrationView(el: CalibrationElements): CalibrationView {
  return {
    async start(api, track) {
      el.button.disabled = true;
      const settings = track?.getSettings();
      el.status.textContent = 'Sit upright, look at the screen and hold still…';
      el.progress.hidden = false;
      el.progress.value = 0;
      await api.startCalibration(CALIBRATION_MS, {
        label: track?.label ?? '',
        widthPx: settings?.width ?? 0,
        heightPx: settings?.height ?? 0,
      });
    },

    async useStored(api, track) {
      const neutral = loadNeutral();
      if (!neutral) {
        el.status.textContent =
          'Not calibrated yet: sit upright, then press Calibrate. Until then nothing is judged.';
        return;
      }
      if (neutral.camera.label && track.label && neutral.camera.label !== track.label) {
        await api.setNeutral(null);
        el.status.textContent = `You calibrated with another camera (${neutral.camera.label}). Press Calibrate again for this one.`;
        return;
      }
      await api.setNeutral(neutral);
      el.status.textContent = `Calibrated on ${new Date(neutral.createdAtMs).toLocaleString()}. Recalibrate any time.`;
    },

    follow(result) {
      const p = result.posture;
      const c = p.calibration;
      if (c?.state === 'collecting') {
        el.progress.hidden = false;
        el.progress.value = c.progress;
        el.status.textContent = `Sit upright, look at the screen and hold still… ${Math.ceil(c.remainingMs / 1000)} s`;
      } else if (c?.state === 'finished') {
        el.progress.hidden = true;
        el.button.disabled = false;
        if (c.outcome.ok) {
          const stored = saveNeutral(c.outcome.neutral);
          el.status.textContent = `Calibrated: your neutral posture, about ${c.outcome.neutral.screenDistanceCm.toFixed(0)} cm from the screen.${
            stored ? '' : ' This browser would not store it, so it lasts until the page closes.'
          }`;
        } else {
          el.status.textContent = `Not calibrated: ${c.outcome.message}`;
        }
      } else if (p.needsRecalibration) {
        el.status.textContent = 'The camera resolution changed since you calibrated. Press Calibrate again.';
      }
    },

    show(result) {
      setData(el.metrics, 'calibrated', String(result.posture.calibrated));
      showSample(el.metrics, result.posture);
    },
  };
}
