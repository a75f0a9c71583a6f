/**
 * The "Camera field of view" setting: an estimate from the camera's name,
 * a preset, or the person's own figure. Every reading in centimetres scales
 * with it, so the worker gets it before any neutral when a source starts,
 * and a change while a neutral is in use asks for a new calibration.
 */
import { setHidden, setText } from '../shell/dom';
import {
  CUSTOM_FOV_RANGE,
  FOV_PRESETS,
  formatFov,
  isCustomFov,
  resolveFovChoice,
  type FovChoice,
  type FovEstimate,
  type ResolvedFov,
} from '../../core/posture/fov';
import { loadFovChoice, saveFovChoice } from './local-store';
import type { PoseWorker } from '../capture/pose-client';

export interface FovElements {
  select: HTMLSelectElement;
  /** Holds the number input; shown while "Custom…" is picked. */
  customField: HTMLElement;
  custom: HTMLInputElement;
  error: HTMLElement;
}

export interface FovUi {
  /**
   * A source started (`label`: its camera's name, empty for a file): sends
   * the field of view chosen for it to the worker, and returns it.
   */
  apply(api: PoseWorker, label: string): Promise<ResolvedFov>;
}

const CUSTOM = 'custom';
const OUT_OF_RANGE = `Type the camera's field of view in degrees, from ${CUSTOM_FOV_RANGE[0]} to ${CUSTOM_FOV_RANGE[1]} (its maker gives it as the diagonal field of view). Until then the previous one is kept.`;

/**
 * Builds the setting from the stored choice. `changed` is told of every
 * change the person makes while a worker runs, after the worker has it.
 */
export function setupFov(
  el: FovElements,
  api: () => PoseWorker | null,
  changed: (api: PoseWorker, fov: FovEstimate) => Promise<void>,
): FovUi {
  let choice: FovChoice = loadFovChoice();
  /** The label of the source running, null before one starts. */
  let label: string | null = null;
  let current = resolveFovChoice(choice, '');

  const auto = new Option('', 'auto');
  el.select.replaceChildren(
    auto,
    ...FOV_PRESETS.map((p) => new Option(`${capitalise(p.label)} (${formatFov(p.fovDeg)})`, p.id)),
    new Option('Custom…', CUSTOM),
  );
  el.custom.min = String(CUSTOM_FOV_RANGE[0]);
  el.custom.max = String(CUSTOM_FOV_RANGE[1]);

  const showAuto = () => {
    const estimate = label === null ? null : resolveFovChoice('auto', label);
    setText(
      auto,
      estimate
        ? `Estimate from the camera (${formatFov(estimate.fovDeg)}, ${estimate.source})`
        : 'Estimate from the camera (once it starts)',
    );
  };
  const showError = (text: string | null) => {
    setText(el.error, text ?? '');
    setHidden(el.error, text === null);
    el.custom.setAttribute('aria-invalid', String(text !== null));
  };

  el.select.value = typeof choice === 'number' ? CUSTOM : choice;
  if (typeof choice === 'number') el.custom.value = String(choice);
  setHidden(el.customField, typeof choice !== 'number');
  showAuto();

  /** Keeps the choice, and hands what it resolves to to a running worker. */
  const commit = async (next: FovChoice) => {
    choice = next;
    saveFovChoice(next);
    current = resolveFovChoice(next, label ?? '');
    const worker = api();
    if (!worker || label === null) return; // the next source to start gets it
    await worker.setFov(current.fovDeg);
    await changed(worker, current);
  };

  const commitCustom = () => {
    const value = el.custom.valueAsNumber;
    if (!isCustomFov(value)) {
      showError(OUT_OF_RANGE);
      return;
    }
    showError(null);
    void commit(value);
  };

  el.select.addEventListener('change', () => {
    const custom = el.select.value === CUSTOM;
    setHidden(el.customField, !custom);
    if (!custom) {
      showError(null);
      void commit(el.select.value as FovChoice);
      return;
    }
    // Custom starts from the field of view in use, so that picking it changes nothing yet.
    if (el.custom.value === '') el.custom.value = String(current.fovDeg);
    el.custom.focus();
    commitCustom();
  });
  el.custom.addEventListener('change', commitCustom);

  return {
    async apply(worker, sourceLabel) {
      label = sourceLabel;
      current = resolveFovChoice(choice, label);
      showAuto();
      await worker.setFov(current.fovDeg);
      return current;
    },
  };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
