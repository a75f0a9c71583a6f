/**
 * The alert settings form: sensitivity (with custom thresholds), timing,
 * which problems to watch and which channels speak. Built from the settings
 * data; every change is checked with resolveAlertSettings and handed on.
 */
import { PROBLEM_IDS, PROBLEMS } from '../../core/alerts/problems';
import {
  CHANNEL_IDS,
  SENSITIVITIES,
  THRESHOLD_RANGES,
  TIME_RANGES,
  resolveAlertSettings,
  thresholdsOf,
  type AlertSettings,
  type ChannelId,
  type Sensitivity,
  type Thresholds,
} from '../../core/alerts/settings';

const CHANNEL_LABELS: Record<ChannelId, string> = {
  banner: 'Banner in the page (read out by screen readers)',
  title: 'Tab title',
  favicon: 'Badge on the tab icon',
  notification: 'System notification while this tab is hidden',
  sound: 'Soft chime',
};

const THRESHOLD_LABELS: Record<keyof Thresholds, string> = {
  forwardHeadCm: 'Head forward (cm)',
  roundedShouldersPct: 'Shoulders rounded (%)',
  tiltDeg: 'Shoulder or head tilt (°)',
  leanPct: 'Sideways lean (% of shoulder width)',
  headTurnDeg: 'Head turned (°)',
  trunkTwistDeg: 'Trunk twisted (°)',
  tooCloseCm: 'Nearer the screen (cm)',
  frozenStillness: 'Stillness counted as frozen (0-1)',
  frozenMin: 'Minutes frozen',
  sittingMin: 'Minutes sitting without a break',
};

const TIMING: readonly [keyof typeof TIME_RANGES, string][] = [
  ['onsetSec', 'Hold a posture this many seconds before an alert'],
  ['cooldownMin', 'Repeat an alert at most every (minutes)'],
  ['glanceSec', 'Ignore looking down shorter than (seconds)'],
  ['absenceSec', 'Pause when nobody is in view for (seconds)'],
  ['breakMin', 'A break is at least (minutes) away'],
];

function input(name: string, value: number, step: number, [min, max]: readonly [number, number]) {
  const el = document.createElement('input');
  el.type = 'number';
  el.name = name;
  el.min = String(min);
  el.max = String(max);
  el.step = String(step);
  el.value = String(value);
  el.required = true;
  return el;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  label.append(text, ' ', control);
  return label;
}

function checkbox(name: string, checked: boolean): HTMLInputElement {
  const el = document.createElement('input');
  el.type = 'checkbox';
  el.name = name;
  el.checked = checked;
  return el;
}

/**
 * Fills `form` with the controls for `settings`; `onChange` gets every valid
 * change; an invalid value is reported on its control and not passed on.
 */
export function buildSettingsForm(
  form: HTMLFormElement,
  settings: AlertSettings,
  onChange: (next: AlertSettings, changed: string) => void,
): void {
  let current = settings;
  const sensitivity = document.createElement('select');
  sensitivity.name = 'sensitivity';
  for (const s of SENSITIVITIES) sensitivity.add(new Option(s[0]!.toUpperCase() + s.slice(1), s));
  sensitivity.value = settings.sensitivity;

  const custom = document.createElement('fieldset');
  custom.className = 'custom';
  custom.append(Object.assign(document.createElement('legend'), { textContent: 'Thresholds' }));
  for (const key of Object.keys(THRESHOLD_LABELS) as (keyof Thresholds)[]) {
    const step = key === 'frozenStillness' ? 0.01 : key.endsWith('Min') ? 1 : 0.5;
    custom.append(
      labelled(
        THRESHOLD_LABELS[key],
        input(`custom.${key}`, thresholdsOf(settings)[key], step, THRESHOLD_RANGES[key]),
      ),
    );
  }
  const showThresholds = () => {
    const t = thresholdsOf(current);
    for (const el of custom.querySelectorAll<HTMLInputElement>('input')) {
      el.disabled = current.sensitivity !== 'custom';
      if (el.disabled) el.value = String(t[el.name.slice('custom.'.length) as keyof Thresholds]);
    }
  };

  const timing = document.createElement('fieldset');
  timing.append(Object.assign(document.createElement('legend'), { textContent: 'Timing' }));
  for (const [key, text] of TIMING)
    timing.append(labelled(text, input(key, current[key], 1, TIME_RANGES[key])));

  const problems = document.createElement('fieldset');
  problems.append(Object.assign(document.createElement('legend'), { textContent: 'Watch for' }));
  for (const id of PROBLEM_IDS)
    problems.append(labelled(PROBLEMS[id].label, checkbox(`enabled.${id}`, current.enabled[id])));

  const channels = document.createElement('fieldset');
  channels.append(Object.assign(document.createElement('legend'), { textContent: 'Tell me with' }));
  for (const id of CHANNEL_IDS)
    channels.append(labelled(CHANNEL_LABELS[id], checkbox(`channels.${id}`, current.channels[id])));

  form.replaceChildren(labelled('Sensitivity', sensitivity), custom, timing, problems, channels);
  showThresholds();

  form.addEventListener('change', (ev) => {
    const el = ev.target as HTMLInputElement | HTMLSelectElement;
    const [group, key] = el.name.includes('.') ? el.name.split('.') : [null, el.name];
    let partial: Partial<AlertSettings>;
    if (group === 'custom') {
      // The threshold inputs are enabled only under custom sensitivity.
      partial = { custom: { ...current.custom, [key!]: Number(el.value) } };
    } else if (group === 'enabled' || group === 'channels') {
      partial = { [group]: { ...current[group], [key!]: (el as HTMLInputElement).checked } };
    } else if (key === 'sensitivity') {
      const s = el.value as Sensitivity;
      // Switching to custom starts from the thresholds in force.
      partial =
        s === 'custom' && current.sensitivity !== 'custom'
          ? { sensitivity: s, custom: { ...thresholdsOf(current) } }
          : { sensitivity: s };
    } else partial = { [key!]: Number(el.value) };
    try {
      current = resolveAlertSettings(partial, current);
      if ('setCustomValidity' in el) el.setCustomValidity('');
      showThresholds();
      onChange(current, el.name);
    } catch (err) {
      if (el instanceof HTMLInputElement) {
        el.setCustomValidity(err instanceof Error ? err.message : String(err));
        el.reportValidity();
      }
    }
  });
}
