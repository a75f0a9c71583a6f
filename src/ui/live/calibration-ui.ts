/**
 * Calibration in the page: starting it, showing its progress and outcome
 * (what the setup lets the app measure, and what not and why), keeping the
 * neutral the worker finished, and offering the stored one to the worker
 * when the camera starts (which uses it unless it was taken with another
 * camera or another field of view).
 */
import { setData, setHidden, setText } from '../shell/dom';
import type { Neutral } from '../../core/posture/calibration';
import type { PostureSample } from '../../core/posture/tracker';
import type { PostureFrameResult } from '../../protocol/pose-protocol';
import { READING_NAMES, type MetricKey } from '../../core/posture/metrics/metric';
import { UNKNOWN_CAMERA_SOURCE, formatFov, sameFov, type FovEstimate } from '../../core/posture/fov';
import { deleteNeutral, loadNeutral, saveNeutral } from '../settings/local-store';
import type { PoseControl, Tell } from '../capture/pose-client';
import { showSample } from './posture-panel';
import { createGuidedMoves } from './guided-moves';

const CALIBRATION_MS = 5000;

export const FOV_CHANGED =
  "The camera's field of view changed: calibrate again, so that distances are measured with the new one.";

export interface CalibrationElements {
  button: HTMLButtonElement;
  status: HTMLElement;
  progress: HTMLProgressElement;
  /** The calibration's warnings, one item each (hidden when none). */
  warnings: HTMLUListElement;
  /** What the calibration measures, and what not and why. */
  readings: HTMLElement;
  /** Where the guided moves after the still part are shown. */
  guided: HTMLElement;
  metrics: HTMLElement;
  /** A stored neutral was taken with another camera: the person sets up again. */
  onCameraChanged?: () => void;
}

export interface CalibrationView {
  /** Starts calibrating; `guided`: the still part is followed by the guided moves (a live camera). */
  start(track: MediaStreamTrack | null, guided: boolean): Promise<void>;
  /**
   * A source started, its field of view already sent to the worker: offers
   * it the stored neutral, which it uses when it was taken with this camera
   * and this field of view.
   */
  useStored(worker: PoseControl, track: MediaStreamTrack, fov: FovEstimate): Promise<void>;
  /**
   * The worker has a new field of view (the person changed it, or an image
   * started); `neutralDropped`: the neutral in use was taken with another
   * one, so the worker dropped it: it goes from storage too, and the person
   * is asked to calibrate again.
   */
  fovChanged(fov: FovEstimate, neutralDropped: boolean): void;
  /** Every result, hidden or not: calibration's progress, and its outcome kept when it ends. */
  follow(result: PostureFrameResult): void;
  /** The metrics against the neutral (only while the page is seen). */
  show(result: PostureFrameResult): void;
}

/** The texts that say which neutral is in use and how it was measured. */
function describer(currentFov: () => FovEstimate | null) {
  /** "measured with a 78° field of view (typical external webcam)" */
  const measuredWith = (neutral: Neutral): string => {
    if (neutral.knownEyeDistanceCm != null) {
      return `scaled to the ${neutral.knownEyeDistanceCm.toFixed(0)} cm you measured to the screen`;
    }
    const fov = currentFov();
    const degrees = formatFov(neutral.fovDeg);
    const source = fov && sameFov(fov.fovDeg, neutral.fovDeg) ? ` (${fov.source})` : '';
    return `measured with ${degrees.startsWith('8') ? 'an' : 'a'} ${degrees} field of view${source}`;
  };
  const unknownCameraHint = (): string =>
    currentFov()?.source === UNKNOWN_CAMERA_SOURCE
      ? " If your camera's maker gives its field of view, choose it under Camera field of view, then calibrate again."
      : '';
  return { measuredWith, unknownCameraHint };
}

/** Starts calibrating on `track`; when the worker will not, the button is given back and the status says so. */
async function startCalibration(
  el: CalibrationElements,
  tell: Tell,
  track: MediaStreamTrack | null,
  guided: boolean,
): Promise<void> {
  el.button.disabled = true;
  const settings = track?.getSettings();
  el.status.textContent = 'Sit upright, look at the screen and hold still…';
  el.progress.hidden = false;
  el.progress.value = 0;
  const camera = {
    label: track?.label ?? '',
    widthPx: settings?.width ?? 0,
    heightPx: settings?.height ?? 0,
  };
  const started = await tell(async (worker) => {
    await worker.startCalibration(CALIBRATION_MS, camera, guided);
    return true;
  });
  if (started) return;
  el.button.disabled = false;
  el.progress.hidden = true;
  el.status.textContent = 'Calibration could not start. Press Calibrate to try again.';
}

/** `tell` sends the calibration's intents (start, skip the guided moves) to the worker. */
export function createCalibrationView(el: CalibrationElements, tell: Tell): CalibrationView {
  /** The field of view in the worker, and where its figure comes from (for the texts). */
  let fov: FovEstimate | null = null;
  const showOutcome = outcomeView(el);
  const say = describer(() => fov);
  const moves = createGuidedMoves(el.guided, () => void tell((worker) => worker.skipGuided()));
  const showNone = (text: string) => {
    showOutcome(null);
    el.status.textContent = text;
  };
  const follow = followCalibration(el, moves, (c) => {
    if (!c.ok) {
      // A refused calibration leaves the previous neutral in the worker; its lines would contradict the refusal.
      showNone(`Not calibrated: ${c.message}`);
      return;
    }
    // Kept as the worker has it (dated by the wall clock there), for the next visit.
    const stored = saveNeutral(c.neutral);
    showOutcome(c.neutral);
    el.status.textContent = `Calibrated: your neutral posture, about ${c.neutral.screenDistanceCm.toFixed(0)} cm from the screen, ${say.measuredWith(c.neutral)}.${say.unknownCameraHint()}${
      stored ? '' : ' This browser would not store it, so it lasts until the page closes.'
    }`;
  });

  return {
    start: (track, guided) => startCalibration(el, tell, track, guided),

    async useStored(worker, track, sourceFov) {
      fov = sourceFov;
      const neutral = loadNeutral();
      if (!neutral) {
        await worker.forgetNeutral();
        showNone('Not calibrated yet: sit upright, then press Calibrate. Until then nothing is judged.');
        return;
      }
      const offer = await worker.offerNeutral(neutral, track.label);
      if (offer.used) {
        showOutcome(neutral);
        el.status.textContent = `Calibrated on ${new Date(neutral.createdAtMs).toLocaleString()}, ${say.measuredWith(neutral)}. Recalibrate any time.`;
      } else if (offer.why === 'other-camera') {
        showNone(
          `You calibrated with another camera (${neutral.camera.label}). Press Calibrate again for this one.`,
        );
        el.onCameraChanged?.();
      } else {
        deleteNeutral();
        showNone(FOV_CHANGED);
      }
    },

    fovChanged(changed, neutralDropped) {
      fov = changed;
      if (!neutralDropped) return;
      deleteNeutral();
      showNone(FOV_CHANGED);
    },

    follow,

    show(result) {
      setData(el.metrics, 'calibrated', String(result.posture.calibrated));
      showSample(el.metrics, result.posture);
    },
  };
}

type Outcome = Extract<NonNullable<PostureSample['calibration']>, { state: 'finished' }>['outcome'];

/** Shows a calibration's progress frame by frame; `finished` is told its outcome once. */
function followCalibration(
  el: CalibrationElements,
  moves: ReturnType<typeof createGuidedMoves>,
  finished: (outcome: Outcome) => void,
): (result: PostureFrameResult) => void {
  return (result) => {
    const p = result.posture;
    const c = p.calibration;
    if (c?.state === 'collecting') {
      el.progress.hidden = false;
      el.progress.value = c.progress;
      el.status.textContent = `Sit upright, look at the screen and hold still… ${Math.ceil(c.remainingMs / 1000)} s`;
    } else if (c?.state === 'guided') {
      el.progress.hidden = true;
      setText(
        el.status,
        'Your upright posture is taken. Now a few moves, so that knotless learns your face:',
      );
      moves.show(c.guided);
    } else if (c?.state === 'finished') {
      el.progress.hidden = true;
      moves.show(null);
      el.button.disabled = false;
      finished(c.outcome);
    } else if (p.needsRecalibration) {
      setText(el.status, 'The camera resolution changed since you calibrated. Press Calibrate again.');
    }
  };
}

/** A reading's name inside a sentence: "head forward". */
const readingName = (key: MetricKey): string => READING_NAMES[key].toLowerCase();

/** "a", "a and b", "a, b and c". */
const listed = (items: readonly string[]): string =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');

/**
 * Shows a neutral's warnings, and the line saying what it measures and what
 * not (both hidden without a neutral); rebuilt only when they change.
 */
function outcomeView(el: CalibrationElements): (neutral: Neutral | null) => void {
  let shownWarnings = '';
  let shownReadings = '';
  return (neutral) => {
    const warnings = neutral?.warnings ?? [];
    if (JSON.stringify(warnings) !== shownWarnings) {
      shownWarnings = JSON.stringify(warnings);
      el.warnings.replaceChildren(
        ...warnings.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
      );
    }
    setHidden(el.warnings, warnings.length === 0);

    const measured = neutral?.readings.map(readingName) ?? [];
    // Readings missing for the same reason share it: "shoulder rounding and shoulder tilt (why)".
    const byReason = new Map<string, string[]>();
    for (const [reading, why] of Object.entries(neutral?.unavailable ?? {})) {
      byReason.set(why, [...(byReason.get(why) ?? []), readingName(reading as MetricKey)]);
    }
    const missing = [...byReason].map(([why, names]) => `${listed(names)} (${why})`);
    if (JSON.stringify([measured, missing]) !== shownReadings) {
      shownReadings = JSON.stringify([measured, missing]);
      el.readings.replaceChildren(
        part('Measures:', measured.length > 0 ? listed(measured) : 'nothing'),
        ...(missing.length > 0 ? [' ', part('Not measured:', missing.join('; '))] : []),
      );
    }
    setHidden(el.readings, neutral === null);
  };
}

/** "<strong>Label:</strong> text." */
function part(label: string, text: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.append(Object.assign(document.createElement('strong'), { textContent: label }), ` ${text}.`);
  return span;
}
