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
  type Layer,
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

export function setupHistoryView(el: HistoryElements, store: () => HistoryStore | null): HistoryView {
  let dayPlot: uPlot | null = null;
  let trendPlot: uPlot | null = null;
  const width = (e: HTMLElement) => Math.max(320, e.clientWidth || 640);

  el.legend.replaceChildren(
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

  function drawDay(day: string, minutes: readonly MinuteRecord[]): void {
    const data = dayChartData(day, minutes);
    const stacked = stackLayers(data);
    const top = Math.max(data.bucketMin, ...stacked[0]!.values.map((v) => v ?? 0));
    const alertY = data.x.map((): number | null => null);
    for (const a of data.alerts) alertY[data.x.indexOf(a.x)] = top * 1.08;
    const opts: uPlot.Options = {
      width: width(el.dayChart),
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
    dayPlot?.destroy();
    dayPlot = new uPlot(opts, [data.x, ...stacked.map((s) => s.values), alertY], el.dayChart);
    el.dayChart.dataset.buckets = String(data.x.length);
    el.dayChart.dataset.alerts = String(data.alerts.reduce((a, b) => a + b.problems.length, 0));
    el.dayChart.setAttribute('aria-label', `Posture over ${day}, in ${data.bucketMin}-minute steps`);
    showSummary(day, minutes);
  }

  function row(dt: string, dd: string | Node): DocumentFragment {
    const f = document.createDocumentFragment();
    const t = document.createElement('dt');
    t.textContent = dt;
    const d = document.createElement('dd');
    d.append(dd);
    f.append(t, d);
    return f;
  }

  function showSummary(day: string, minutes: readonly MinuteRecord[]): void {
    const s = daySummary(day, minutes);
    el.summary.replaceChildren(
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
    el.summary.dataset.day = day;
    const side = oneSided(s);
    const link = Object.assign(document.createElement('a'), {
      href: articleHref('tilt-rotation'),
      textContent: 'Tilting and rotating',
    });
    if (side.leftShare === null) {
      el.oneSided.replaceChildren('No time spent leaning or turned to one side on this day.');
    } else {
      const pct = Math.round(side.leftShare * 100);
      const text = `Leaning or turned: ${formatDuration(s.leftS * 1000)} to your left, ${formatDuration(s.rightS * 1000)} to your right (${pct} % left, ${100 - pct} % right). `;
      const verdict = side.side
        ? `Mostly to your ${side.side}: knots on one side, between the shoulder blade and the spine, often come from this. Read `
        : s.leftS + s.rightS < 60
          ? 'Too little of it yet to tell whether one side wins. More in '
          : 'Fairly even between the sides. More in ';
      el.oneSided.replaceChildren(text, verdict, link, '.');
    }
    el.oneSided.dataset.side = side.side ?? '';
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

  async function drawTrend(s: HistoryStore, lastDay: string): Promise<void> {
    const count = Number(el.trendRange.value);
    const totals = await s.dayTotals(addDays(lastDay, 1 - count), lastDay);
    const t = trendData(lastDay, count, totals.records);
    const good = t.goodH.map((v) => v ?? 0);
    const poor = t.poorH.map((v, i) => (v === null ? null : v + (good[i] ?? 0)));
    const index = t.days.map((_, i) => i);
    const label = (i: number) => {
      const d = t.days[i];
      if (!d) return '';
      const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
      return new Date(y, m - 1, dd).toLocaleDateString(
        [],
        count > 7 ? { day: 'numeric', month: 'short' } : { weekday: 'short', day: 'numeric' },
      );
    };
    trendPlot?.destroy();
    trendPlot = new uPlot(
      {
        width: width(el.trendChart),
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
      },
      [index, poor, t.goodH],
      el.trendChart,
    );
    el.trendChart.dataset.days = String(t.days.length);
    const goodSum = t.goodH.reduce<number>((a, v) => a + (v ?? 0), 0);
    const poorSum = t.poorH.reduce<number>((a, v) => a + (v ?? 0), 0);
    const judged = t.goodPct.filter((v): v is number => v != null);
    el.trendSummary.textContent =
      judged.length === 0
        ? 'Nothing judged on these days yet.'
        : `Over these ${t.days.length} days: ${formatDuration(goodSum * 3_600_000)} in good posture and ${formatDuration(poorSum * 3_600_000)} in poor posture, on ${judged.length} day${judged.length === 1 ? '' : 's'} with data; good posture from ${Math.round(Math.min(...judged))} % to ${Math.round(Math.max(...judged))} % of a day.`;
  }

  async function fillDays(s: HistoryStore): Promise<void> {
    const today = localDay(Date.now());
    const days = [...new Set([...(await s.days()), today])].sort().reverse();
    const picked = el.day.value || today;
    el.day.replaceChildren(...days.map((d) => new Option(d === today ? `${d} (today)` : d, d)));
    el.day.value = days.includes(picked) ? picked : today;
  }

  async function refresh(): Promise<void> {
    const s = store();
    if (!s) return;
    await fillDays(s);
    const day = el.day.value;
    const loaded = await s.day(day);
    drawDay(day, loaded.records);
    await drawTrend(s, day);
    const notes = [
      s.problem,
      loaded.skipped ? `${loaded.skipped} damaged records were skipped.` : null,
    ].filter(Boolean);
    el.status.textContent = notes.join(' ') || `Kept in this browser only (IndexedDB).`;
    el.status.dataset.kind = s.kind;
    el.prev.disabled = el.day.selectedIndex >= el.day.options.length - 1;
    el.next.disabled = el.day.selectedIndex <= 0;
  }

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

  const download = async (kind: 'csv' | 'json') => {
    const s = store();
    if (!s) return;
    const { records } = await s.all();
    const chunks = kind === 'csv' ? csvChunks(records) : jsonChunks(records);
    const blob = new Blob(chunks, { type: kind === 'csv' ? 'text/csv' : 'application/json' });
    const a = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(blob),
      download: `knotless-history-${localDay(Date.now())}.${kind}`,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
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

  return { refresh, drawDay };
}
