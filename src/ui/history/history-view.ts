/**
 * The history section: a day's timeline (uPlot draws what the pure
 * functions in src/core/history/day-report.ts build), its summary, the
 * one-sided strain, the week or month trend, export and deletion.
 */
import uPlot from 'uplot';
import { byId as $ } from '../shell/dom';
import 'uplot/dist/uPlot.min.css';
import { formatDuration } from '../../core/alerts/message';
import { PROBLEMS } from '../../core/alerts/problems';
import { ARTICLES } from '../../core/articles/articles';
import { articleHref } from '../../core/alerts/problem-articles';
import {
  LAYERS,
  dayChartData,
  daySummary,
  oneSided,
  stackLayers,
  trendData,
  type DayChartData,
  type DaySummary,
  type Layer,
  type TrendData,
} from '../../core/history/day-report';
import { deskAdvice } from '../../core/history/desk-advice';
import { csvChunks, jsonChunks } from '../../core/history/export';
import { addDays, localDay, type MinuteRecord } from '../../core/history/minute';
import type { HistoryStore } from './history-store';

const LAYER_STYLE: Readonly<Record<Layer, { label: string; color: string }>> = {
  good: { label: 'Good posture', color: '#3a9d5d' },
  forwardHead: { label: PROBLEMS.forwardHead.label, color: '#e07b39' },
  roundedShoulders: { label: PROBLEMS.roundedShoulders.label, color: '#d4a017' },
  tilt: { label: PROBLEMS.tilt.label, color: '#c0392b' },
  twist: { label: PROBLEMS.twist.label, color: '#8e44ad' },
  tooClose: { label: PROBLEMS.tooClose.label, color: '#2e86c1' },
  frozen: { label: PROBLEMS.frozen.label, color: '#6c7a89' },
  unjudged: { label: 'In view, not calibrated', color: '#c8ced6' },
};

export interface HistoryElements {
  status: HTMLElement;
  /** Desk-setup advice from the day's measurements (hidden when there is none). */
  deskAdvice: HTMLElement;
  deskAdviceList: HTMLUListElement;
  day: HTMLSelectElement;
  prev: HTMLButtonElement;
  next: HTMLButtonElement;
  summary: HTMLElement;
  dayChart: HTMLElement;
  legend: HTMLElement;
  oneSided: HTMLElement;
  trendRange: HTMLSelectElement;
  trendChart: HTMLElement;
  /** The trend in words, next to its chart. */
  trendSummary: HTMLElement;
  exportCsv: HTMLButtonElement;
  exportJson: HTMLButtonElement;
  remove: HTMLButtonElement;
}

/** The section's elements, by their ids in index.html. */
export function historyElements(): HistoryElements {
  return {
    status: $('history-status'),
    deskAdvice: $('desk-advice'),
    deskAdviceList: $('desk-advice-list'),
    day: $('history-day'),
    prev: $('history-prev'),
    next: $('history-next'),
    summary: $('history-summary'),
    dayChart: $('day-chart'),
    legend: $('day-legend'),
    oneSided: $('one-sided'),
    trendRange: $('trend-range'),
    trendChart: $('trend-chart'),
    trendSummary: $('trend-summary'),
    exportCsv: $('export-csv'),
    exportJson: $('export-json'),
    remove: $('delete-history'),
  };
}

export interface HistoryView {
  /** Draws the picked day again (new data, or a store that changed). */
  refresh(): Promise<void>;
  /** Draws one day's minutes (the part measured in the bench). */
  drawDay(day: string, minutes: readonly MinuteRecord[]): void;
}

const CHART_HEIGHT = 220;
const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function barSeries(label: string, color: string): uPlot.Series {
  return {
    label,
    fill: color,
    stroke: color,
    width: 0,
    points: { show: false },
    paths: uPlot.paths.bars?.({ size: [1, Infinity], align: 1 }),
  };
}

/** An axis in the page's colours (light or dark), read when a chart is drawn. */
function axis(): uPlot.Axis {
  // The page's text colour, resolved (its custom property holds a light-dark() pair).
  const fg = getComputedStyle(document.documentElement).color || 'rgb(27, 31, 36)';
  const faint = fg.replace(/^rgb\((.*)\)$/, 'rgba($1, 0.2)');
  return { stroke: fg, grid: { stroke: faint, width: 1 }, ticks: { stroke: faint, width: 1 } };
}

function trendBars(label: string, color: string): uPlot.Series {
  return { ...barSeries(label, color), paths: uPlot.paths.bars?.({ size: [0.7, 40], align: 0 }) };
}

/** A chart's width: its box's, at least 320 px (640 px before the page is laid out). */
const chartWidth = (e: HTMLElement) => Math.max(320, e.clientWidth || 640);

/** The day chart's legend: a swatch for each layer, then the alert mark. */
function fillLegend(legend: HTMLElement): void {
  legend.replaceChildren(
    ...LAYERS.map((l) => {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = LAYER_STYLE[l].color;
      li.append(swatch, LAYER_STYLE[l].label);
      return li;
    }),
    Object.assign(document.createElement('li'), { className: 'alert-mark', textContent: '● alert raised' }),
  );
}

/** The day's timeline as uPlot draws it: its options and its columns (time, stacked layers, alert marks). */
function dayChart(data: DayChartData, width: number): { opts: uPlot.Options; columns: uPlot.AlignedData } {
  const stacked = stackLayers(data);
  const top = Math.max(data.bucketMin, ...stacked[0]!.values.map((v) => v ?? 0));
  const alertY = data.x.map((): number | null => null);
  for (const a of data.alerts) alertY[data.x.indexOf(a.x)] = top * 1.08;
  const opts: uPlot.Options = {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { show: true, points: { show: false } },
    scales: { x: { time: true }, y: { range: [0, top * 1.15] } },
    axes: [
      axis(),
      {
        ...axis(),
        label: `minutes in each ${data.bucketMin} min`,
        size: 50,
        values: (_u, ticks) => ticks.map(String),
      },
    ],
    series: [
      {},
      ...stacked.map(({ layer }) => barSeries(LAYER_STYLE[layer].label, LAYER_STYLE[layer].color)),
      {
        label: 'Alerts',
        stroke: '#b00020',
        paths: () => null,
        points: { show: true, size: 9, fill: '#b00020' },
      },
    ],
  };
  return { opts, columns: [data.x, ...stacked.map((s) => s.values), alertY] };
}

/** Notes on the day chart what it shows: its buckets, its alerts and, for screen readers, its day. */
function labelDayChart(chart: HTMLElement, day: string, data: DayChartData): void {
  chart.dataset.buckets = String(data.x.length);
  chart.dataset.alerts = String(data.alerts.reduce((a, b) => a + b.problems.length, 0));
  chart.setAttribute('aria-label', `Posture over ${day}, in ${data.bucketMin}-minute steps`);
}

/** One term and its description in the summary list. */
function row(dt: string, dd: string | Node): DocumentFragment {
  const f = document.createDocumentFragment();
  const t = document.createElement('dt');
  t.textContent = dt;
  const d = document.createElement('dd');
  d.append(dd);
  f.append(t, d);
  return f;
}

/** The day in figures: time monitored and in view, good posture, the top problem, breaks and alerts. */
function showDayFigures(summary: HTMLElement, day: string, s: DaySummary): void {
  summary.replaceChildren(
    row('Monitored', formatDuration(s.monitoredS * 1000)),
    row('In view', formatDuration(s.presentS * 1000)),
    row(
      'Good posture',
      s.goodShare === null
        ? 'not judged (calibrate first)'
        : `${Math.round(s.goodShare * 100)} % of the time judged`,
    ),
    row(
      'Longest good stretch',
      s.longestGoodFromMs === null
        ? '–'
        : `${formatDuration(s.longestGoodMs)} (from ${clock(s.longestGoodFromMs)})`,
    ),
    row(
      'Top problem',
      s.topProblem
        ? `${PROBLEMS[s.topProblem.id].label}, ${formatDuration(s.topProblem.seconds * 1000)}`
        : 'none',
    ),
    row('Breaks taken', String(s.breaks)),
    row('Alerts', String(s.alerts)),
  );
  summary.dataset.day = day;
}

/** The time spent leaning or turned to each side, and whether one side wins, with the article on it. */
function showOneSided(target: HTMLElement, s: DaySummary): void {
  const side = oneSided(s);
  const link = Object.assign(document.createElement('a'), {
    href: articleHref('tilt-rotation'),
    textContent: 'Tilting and rotating',
  });
  if (side.leftShare === null) {
    target.replaceChildren('No time spent leaning or turned to one side on this day.');
  } else {
    const pct = Math.round(side.leftShare * 100);
    const text = `Leaning or turned: ${formatDuration(s.leftS * 1000)} to your left, ${formatDuration(s.rightS * 1000)} to your right (${pct} % left, ${100 - pct} % right). `;
    const verdict = side.side
      ? `Mostly to your ${side.side}: knots on one side, between the shoulder blade and the spine, often come from this. Read `
      : s.leftS + s.rightS < 60
        ? 'Too little of it yet to tell whether one side wins. More in '
        : 'Fairly even between the sides. More in ';
    target.replaceChildren(text, verdict, link, '.');
  }
  target.dataset.side = side.side ?? '';
}

/** Desk-setup advice from the day's measurements, each with its article; hidden when there is none. */
function showDeskAdvice(el: HistoryElements, s: DaySummary, minutes: readonly MinuteRecord[]): void {
  const advice = deskAdvice(s, minutes);
  el.deskAdviceList.replaceChildren(
    ...advice.map((a) => {
      const li = document.createElement('li');
      li.dataset.advice = a.id;
      const more = Object.assign(document.createElement('a'), {
        href: articleHref(a.article),
        textContent: ARTICLES[a.article].title,
      });
      li.append(`${a.text} More in `, more, '.');
      return li;
    }),
  );
  el.deskAdvice.hidden = advice.length === 0;
}

/** Everything said about the day under its chart: its figures, the one-sided strain and desk advice. */
function showSummary(el: HistoryElements, day: string, minutes: readonly MinuteRecord[]): void {
  const s = daySummary(day, minutes);
  showDayFigures(el.summary, day, s);
  showOneSided(el.oneSided, s);
  showDeskAdvice(el, s, minutes);
}

/** A trend bar's date: weekday and day for a week, day and month for longer. */
function trendDayLabel(days: readonly string[], count: number): (i: number) => string {
  return (i) => {
    const d = days[i];
    if (!d) return '';
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, dd).toLocaleDateString(
      [],
      count > 7 ? { day: 'numeric', month: 'short' } : { weekday: 'short', day: 'numeric' },
    );
  };
}

/** The trend chart's options: a bar a day, poor posture stacked over good, dates every day or every fifth. */
function trendChartOptions(t: TrendData, count: number, width: number): uPlot.Options {
  const index = t.days.map((_, i) => i);
  const label = trendDayLabel(t.days, count);
  return {
    width,
    height: 160,
    legend: { show: false },
    scales: {
      x: { time: false, range: [-0.6, count - 0.4] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
    },
    axes: [
      {
        ...axis(),
        splits: () => index.filter((i) => count <= 7 || (count - 1 - i) % 5 === 0),
        values: (_u, splits) => splits.map(label),
        grid: { show: false },
      },
      { ...axis(), label: 'hours judged', size: 50 },
    ],
    series: [{}, trendBars('Poor posture', '#e07b39'), trendBars('Good posture', '#3a9d5d')],
  };
}

/** The trend chart's columns: the day's index, good plus poor hours (the bar behind), good hours. */
function trendColumns(t: TrendData): uPlot.AlignedData {
  const good = t.goodH.map((v) => v ?? 0);
  const poor = t.poorH.map((v, i) => (v === null ? null : v + (good[i] ?? 0)));
  return [t.days.map((_, i) => i), poor, t.goodH];
}

/** The trend in words: hours in good and poor posture, and the range of good posture across the days. */
function trendSummaryText(t: TrendData): string {
  const goodSum = t.goodH.reduce<number>((a, v) => a + (v ?? 0), 0);
  const poorSum = t.poorH.reduce<number>((a, v) => a + (v ?? 0), 0);
  const judged = t.goodPct.filter((v): v is number => v != null);
  return judged.length === 0
    ? 'Nothing judged on these days yet.'
    : `Over these ${t.days.length} days: ${formatDuration(goodSum * 3_600_000)} in good posture and ${formatDuration(poorSum * 3_600_000)} in poor posture, on ${judged.length} day${judged.length === 1 ? '' : 's'} with data; good posture from ${Math.round(Math.min(...judged))} % to ${Math.round(Math.max(...judged))} % of a day.`;
}

/** Fills the day picker with the days kept, newest first, today always among them; keeps the pick if it is still there. */
async function fillDays(day: HTMLSelectElement, s: HistoryStore): Promise<void> {
  const today = localDay(Date.now());
  const days = [...new Set([...(await s.days()), today])].sort().reverse();
  const picked = day.value || today;
  day.replaceChildren(...days.map((d) => new Option(d === today ? `${d} (today)` : d, d)));
  day.value = days.includes(picked) ? picked : today;
}

/** Says where history is kept, or what went wrong loading it; enables the day steps that lead somewhere. */
function showStatus(el: HistoryElements, s: HistoryStore, skipped: number): void {
  const notes = [s.problem, skipped ? `${skipped} damaged records were skipped.` : null].filter(Boolean);
  el.status.textContent = notes.join(' ') || `Kept in this browser only (IndexedDB).`;
  el.status.dataset.kind = s.kind;
  el.prev.disabled = el.day.selectedIndex >= el.day.options.length - 1;
  el.next.disabled = el.day.selectedIndex <= 0;
}

/** Redraws on a new day or trend range, and steps to the previous or next day kept. */
function bindDayPicker(el: HistoryElements, refresh: () => Promise<void>): void {
  const pick = (step: number) => {
    const i = el.day.selectedIndex - step;
    if (i >= 0 && i < el.day.options.length) {
      el.day.selectedIndex = i;
      void refresh();
    }
  };
  el.day.addEventListener('change', () => void refresh());
  el.prev.addEventListener('click', () => pick(-1));
  el.next.addEventListener('click', () => pick(1));
  el.trendRange.addEventListener('change', () => void refresh());
}

/** Downloads all history kept, as CSV or JSON, in a file named for today. */
async function downloadHistory(s: HistoryStore, kind: 'csv' | 'json'): Promise<void> {
  const { records } = await s.all();
  const chunks = kind === 'csv' ? csvChunks(records) : jsonChunks(records);
  const blob = new Blob(chunks, { type: kind === 'csv' ? 'text/csv' : 'application/json' });
  const a = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(blob),
    download: `knotless-history-${localDay(Date.now())}.${kind}`,
  });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

/** The export buttons, and deletion of all history once confirmed (then the section is drawn again). */
function bindExportAndDelete(
  el: HistoryElements,
  store: () => HistoryStore | null,
  refresh: () => Promise<void>,
): void {
  const download = async (kind: 'csv' | 'json') => {
    const s = store();
    if (!s) return;
    await downloadHistory(s, kind);
  };
  el.exportCsv.addEventListener('click', () => void download('csv'));
  el.exportJson.addEventListener('click', () => void download('json'));
  el.remove.addEventListener('click', () => {
    const s = store();
    if (!s) return;
    if (!confirm('Delete all posture history kept in this browser? This cannot be undone.')) return;
    void s.clear().then(refresh, (err: unknown) => {
      el.status.textContent = `Could not delete: ${err instanceof Error ? err.message : String(err)}`;
    });
  });
}

/** Sets up the history section: its legend, the day and trend charts, the day picker, export and deletion. */
export function setupHistoryView(el: HistoryElements, store: () => HistoryStore | null): HistoryView {
  let dayPlot: uPlot | null = null;
  let trendPlot: uPlot | null = null;

  fillLegend(el.legend);

  function drawDay(day: string, minutes: readonly MinuteRecord[]): void {
    const data = dayChartData(day, minutes);
    const { opts, columns } = dayChart(data, chartWidth(el.dayChart));
    dayPlot?.destroy();
    dayPlot = new uPlot(opts, columns, el.dayChart);
    labelDayChart(el.dayChart, day, data);
    showSummary(el, day, minutes);
  }

  async function drawTrend(s: HistoryStore, lastDay: string): Promise<void> {
    const count = Number(el.trendRange.value);
    const totals = await s.dayTotals(addDays(lastDay, 1 - count), lastDay);
    const t = trendData(lastDay, count, totals.records);
    const columns = trendColumns(t);
    trendPlot?.destroy();
    trendPlot = new uPlot(trendChartOptions(t, count, chartWidth(el.trendChart)), columns, el.trendChart);
    el.trendChart.dataset.days = String(t.days.length);
    el.trendSummary.textContent = trendSummaryText(t);
  }

  async function refresh(): Promise<void> {
    const s = store();
    if (!s) return;
    await fillDays(el.day, s);
    const day = el.day.value;
    const loaded = await s.day(day);
    drawDay(day, loaded.records);
    await drawTrend(s, day);
    showStatus(el, s, loaded.skipped);
  }

  bindDayPicker(el, refresh);
  bindExportAndDelete(el, store, refresh);

  return { refresh, drawDay };
}
