/** The live posture readout: one bar per metric, centred on the calibrated neutral. */
import { setData, setHidden, setStyle, setText } from '../shell/dom';
import type { MetricKey } from '../../core/posture/metrics/metric';
import type { PostureSample } from '../../core/posture/tracker';
import { capitalise } from '../../core/text';

interface Row {
  key: MetricKey | 'stillness';
  label: string;
  unit: string;
  /** The bar's full scale either side of neutral. */
  range: number;
}

const ROWS: readonly Row[] = [
  { key: 'headForwardCm', label: 'Head forward', unit: 'cm', range: 10 },
  { key: 'shoulderRoundingPct', label: 'Shoulders rounded', unit: '%', range: 20 },
  { key: 'shoulderElevationCm', label: 'Shoulders raised', unit: 'cm', range: 5 },
  { key: 'shoulderTiltDeg', label: 'Shoulder tilt (+ right low)', unit: '°', range: 15 },
  { key: 'headRollDeg', label: 'Head tilt (+ right)', unit: '°', range: 15 },
  { key: 'headShiftPct', label: 'Head shift (+ right)', unit: '%', range: 20 },
  { key: 'headYawDeg', label: 'Head turn (+ right)', unit: '°', range: 30 },
  { key: 'headPitchDeg', label: 'Looking down', unit: '°', range: 30 },
  { key: 'trunkYawDeg', label: 'Trunk twist (+ right)', unit: '°', range: 30 },
  { key: 'distanceCm', label: 'Distance change', unit: 'cm', range: 20 },
  { key: 'stillness', label: 'Stillness (0-1)', unit: '', range: 1 },
];

export function buildPanel(list: HTMLElement): void {
  list.replaceChildren(
    ...ROWS.map((row) => {
      const li = document.createElement('li');
      li.dataset.metric = row.key;
      li.innerHTML = `<span class="label"></span><span class="bar" aria-hidden="true"><span class="fill"></span></span><output>–</output><small class="why" hidden></small>`;
      li.querySelector('.label')!.textContent = row.label;
      return li;
    }),
  );
}

export function showSample(list: HTMLElement, sample: PostureSample): void {
  for (const row of ROWS) {
    const li = list.querySelector<HTMLElement>(`[data-metric="${row.key}"]`);
    if (!li) continue;
    const value = row.key === 'stillness' ? sample.stillness : sample.metrics[row.key];
    const out = li.querySelector('output')!;
    const fill = li.querySelector<HTMLElement>('.fill')!;
    const why = li.querySelector<HTMLElement>('.why')!;
    if (value == null) {
      // Unknown, and why: said next to the reading, in words a person can act on.
      setText(out, 'unknown');
      setText(why, `${capitalise(sample.reasons[row.key] ?? 'not measured')}.`);
      setHidden(why, false);
      setData(li, 'value', '');
      setStyle(fill, 'width', '0px');
      continue;
    }
    setHidden(why, true);
    setText(
      out,
      `${value > 0 && row.key !== 'stillness' ? '+' : ''}${value.toFixed(row.unit === '' ? 2 : 1)}${row.unit ? ` ${row.unit}` : ''}`,
    );
    // Bars move in steps of a tenth of a percent: finer moves are invisible and would only repaint.
    const share = Math.round(Math.max(-1, Math.min(1, value / row.range)) * 1000) / 1000;
    if (row.key === 'stillness') {
      setStyle(fill, 'left', '0px');
      setStyle(fill, 'width', `${share * 100}%`);
    } else {
      setStyle(fill, 'left', share >= 0 ? '50%' : `${50 + share * 50}%`);
      setStyle(fill, 'width', `${Math.abs(share) * 50}%`);
    }
    setData(li, 'value', value.toFixed(3));
  }
}
