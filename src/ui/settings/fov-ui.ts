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
import type { PoseControl, Tell } from '../capture/pose-client';
import { capitalise } from '../../core/text';

export interface FovElements {
  select: HTMLSelectElement;
  /** Holds the number input; shown while "Custom…" is picked. */
  customField: HTMLElement;
  custom: HTMLInputElement;
  error: HTMLElement;
}

/** The field of view a source runs with, and whether the worker dropped the neutral in use for it. */
export interface FovApplied {
  fov: ResolvedFov;
  neutralDropped: boolean;
}

export interface FovUi {
  /**
   * A source started (`label`: its camera's name, empty for a file): sends
   * the field of view chosen for it to the worker, and returns it.
   */
  apply(worker: PoseControl, label: string): Promise<FovApplied>;
}

const CUSTOM = 'custom';
const OUT_OF_RANGE = `Type the camera's field of view in degrees, from ${CUSTOM_FOV_RANGE[0]} to ${CUSTOM_FOV_RANGE[1]} (its maker gives it as the diagonal field of view). Until then the previous one is kept.`;

/** The select's choices: the camera's estimate (its text set by showAuto), the presets, Custom. */
function fillChoices(el: FovElements): HTMLOptionElement {
  const auto = new Option('', 'auto');
  el.select.replaceChildren(
    auto,
    ...FOV_PRESETS.map((p) => new Option(`${capitalise(p.label)} (${formatFov(p.fovDeg)})`, p.id)),
    new Option('Custom…', CUSTOM),
  );
  el.custom.min = String(CUSTOM_FOV_RANGE[0]);
  el.custom.max = String(CUSTOM_FOV_RANGE[1]);
  return auto;
}

/** Shows (or, with null, hides) the custom figure's error. */
function showError(el: FovElements, text: string | null): void {
  setText(el.error, text ?? '');
  setHidden(el.error, text === null);
  el.custom.setAttribute('aria-invalid', String(text !== null));
}

/**
 * Builds the setting from the stored choice. `changed` is told of every
 * change the person makes while a worker runs, with the worker's answer.
 */
export function setupFov(
  el: FovElements,
  tell: Tell,
  changed: (fov: FovEstimate, neutralDropped: boolean) => void,
): FovUi {
  let choice: FovChoice = loadFovChoice();
  /** The label of the source running, null before one starts. */
  let label: string | null = null;
  let current = resolveFovChoice(choice, '');

  const auto = fillChoices(el);
  const showAuto = () => {
    const estimate = label === null ? null : resolveFovChoice('auto', label);
    setText(
      auto,
      estimate
        ? `Estimate from the camera (${formatFov(estimate.fovDeg)}, ${estimate.source})`
        : 'Estimate from the camera (once it starts)',
    );
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
    if (label === null) return; // the next source to start gets it
    const sent = current;
    const answer = await tell((worker) => worker.setFov(sent.fovDeg));
    if (answer) changed(sent, answer.neutralDropped);
  };
  listenForChoice(el, () => current.fovDeg, commit);

  return {
    async apply(worker, sourceLabel) {
      label = sourceLabel;
      current = resolveFovChoice(choice, label);
      showAuto();
      const answer = await worker.setFov(current.fovDeg);
      return { fov: current, neutralDropped: answer.neutralDropped };
    },
  };
}

/** The select and the custom figure: a valid choice is committed, a figure out of range says so. */
function listenForChoice(
  el: FovElements,
  inUseDeg: () => number,
  commit: (next: FovChoice) => Promise<void>,
) {
  const commitCustom = () => {
    const value = el.custom.valueAsNumber;
    if (!isCustomFov(value)) {
      showError(el, OUT_OF_RANGE);
      return;
    }
    showError(el, null);
    void commit(value);
  };
  el.select.addEventListener('change', () => {
    const custom = el.select.value === CUSTOM;
    setHidden(el.customField, !custom);
    if (!custom) {
      showError(el, null);
      void commit(el.select.value as FovChoice);
      return;
    }
    // Custom starts from the field of view in use, so that picking it changes nothing yet.
    if (el.custom.value === '') el.custom.value = String(inUseDeg());
    el.custom.focus();
    commitCustom();
  });
  el.custom.addEventListener('change', commitCustom);
}
