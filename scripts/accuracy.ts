/**
 * npm run accuracy [-- --rig-only | --real-only]
 *
 * How the posture readings measure up to their accuracy bounds
 * (scripts/accuracy/score.ts), in two parts:
 * - the rig (scripts/rig): every case in Node through the posture tracker.
 *   The groups 'alone' and 'combined' are held to the bounds; the group
 *   'fov' (the same setup and move, the app told the true field of view,
 *   ×1.15 and ÷1.15) gives the field-of-view section: how much each reading
 *   scales when the field of view is told wrong (scripts/accuracy/fov-scale.ts);
 * - real footage (scripts/accuracy/real-footage.ts): real photos moved by
 *   known amounts through the real worker and model (MoveNet Lightning on
 *   wasm) in headless Chromium, on scripts/accuracy/accuracy.html.
 *
 * Progress goes to stderr. On stdout, for each part: a table with a row per
 * case (truth → reading for head forward, rounding, shoulder tilt, head roll
 * and distance change; ✗ marks a reading out of its bound), then its
 * summary. The LAST line of stdout is one JSON object, read by other tools:
 *
 *   {"rig": Part | null, "real": Part | null, "fieldOfView": Fov | null,
 *    "worst": {"headForwardCm", "shoulderRoundingPct", "tiltDeg"},
 *    "unknowns": N, "ok": boolean}
 *
 * Part: {cases, clearCases, unknownCases, unknownShare, worst: {headForward,
 * rounding, tilt: {errorAbs, case}}, failures (a count), seconds}; the
 * real part also has frames and heldByHead (counted case frames, and those
 * whose pose the head tracker held). Fov:
 * {wrongBy (0.15), largestScale (per metric, the largest |ratio − 1|),
 * largestOffFocal (head forward and distance: the largest |ratio − f_told/f_true|),
 * focalRatios ([told ×1.15, told ÷1.15]: f_told/f_true, the mean over the
 * setups, whose true fields of view differ), focalRatioRanges (the same,
 * [min, max] over the setups)}. "worst" is the largest error of both parts
 * per metric group (cm, %, °), "unknowns" the clear cases of both parts
 * with a bounded reading unknown. A part not run is null.
 *
 * Exit code 0 when every bound holds; 1 when one does not (a failure, or
 * either part's share of unknown cases above MAX_UNKNOWN_SHARE); 2 for bad
 * arguments; 3 when a part could not run (no JSON line then).
 */
import {
  bound,
  BOUNDED,
  GROUP_OF,
  isClear,
  MAX_UNKNOWN_SHARE,
  outcomeOf,
  summarize,
  type BoundedKey,
  type Outcomes,
  type Scored,
  type Summary,
} from './accuracy/score';
import { moveKind, MOVE_KINDS, scoreRealRun, type RealScored } from './accuracy/real-truth';
import {
  DEPTH_METRICS,
  FOV_METRICS,
  fovScale,
  type FovMetric,
  type FovRun,
  type FovScale,
  type Largest,
} from './accuracy/fov-scale';
import type { SlimRun } from './accuracy/accuracy-page';
import type { RealFootageRun } from './accuracy/real-footage';
import { rigCases, type Setup } from './rig/cases';
import { runCase, toScored, type RigResult } from './rig/run';
import { FIXTURE_FORMAT, replayRun, type KeypointsFixture } from './accuracy/keypoints-fixture';
import { PostureTracker } from '../src/core/posture/tracker';
import { launchChromium, startAppServer } from './harness';
import { readFileSync } from 'node:fs';
import { roundTo } from '../src/core/numbers';

const USAGE = 'usage: npm run accuracy [-- --rig-only | --real-only] [--real-from recorded.keypoints.json]';

interface Args {
  rig: boolean;
  real: boolean;
  /** Score the real part from recorded keypoints (keypoints-fixture.ts) instead of running the model. */
  realFrom: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  let rigOnly = false;
  let realOnly = false;
  let realFrom: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--rig-only') rigOnly = true;
    else if (a === '--real-only') realOnly = true;
    else if (a === '--real-from' && argv[i + 1]) realFrom = argv[++i]!;
    else if (a === '--help' || a === '-h') {
      console.error(USAGE);
      process.exit(2);
    } else {
      console.error(`accuracy: unknown argument ${a}\n${USAGE}`);
      process.exit(2);
    }
  }
  if (rigOnly && realOnly) {
    console.error(`accuracy: --rig-only and --real-only exclude each other\n${USAGE}`);
    process.exit(2);
  }
  return { rig: !realOnly, real: !rigOnly, realFrom };
}

const progress = (message: string) => process.stderr.write(`accuracy: ${message}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);

/** Rounded to `digits` decimals (a number, for the JSON line). */
const round = (x: number, digits = 3) => roundTo(x, digits);
/** One decimal, without a minus sign on zero. */
const one = (x: number) => (Math.abs(x) < 0.05 ? '0.0' : x.toFixed(1));

// ---------------------------------------------------------------- the case table

const COLUMNS: readonly { key: BoundedKey; title: string }[] = [
  { key: 'headForwardCm', title: 'head forward (cm)' },
  { key: 'shoulderRoundingPct', title: 'rounding (%)' },
  { key: 'shoulderTiltDeg', title: 'shoulder tilt (°)' },
  { key: 'headRollDeg', title: 'head roll (°)' },
  { key: 'distanceCm', title: 'distance change (cm)' },
];

const REASON_CHARS = 40;

/** A case as the tables show it: a scored case and a note. */
interface TableRow {
  scored: Scored;
  note: string;
}

/** truth → reading, with ✗ out of bound (or unknown without a reason), ~ out of a bound not held here. */
function cell(row: TableRow, key: BoundedKey): string {
  const { scored } = row;
  const truth = scored.truth[key];
  const { value, reason, knownShare } = scored.readings[key];
  if (value == null) {
    const seen = knownShare > 0 ? `, given in ${Math.round(knownShare * 100)} % of frames` : '';
    if (!reason) return `${one(truth)} → unknown (no reason${seen}) ✗`;
    const short = reason.length > REASON_CHARS ? `${reason.slice(0, REASON_CHARS)}…` : reason;
    return `${one(truth)} → unknown (${short}${seen})`;
  }
  const o = outcomeOf(scored, key);
  return `${one(truth)} → ${one(value)}${o === 'out' ? ' ✗' : o === 'unbounded' && Math.abs(value - truth) > bound(key, scored.truth) ? ' ~' : ''}`;
}

/** Prints rows of cells with every column padded to its widest cell. */
function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  out(line(header));
  out(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) out(line(r));
}

function printCaseTable(title: string, rows: readonly TableRow[]): void {
  out(`== ${title}: truth → reading ==`);
  out(
    '(✗ out of its bound, or unknown without a reason; ~ out of its bound but not held to it in this case; a reading is given when known in 80 % of the held frames; distance change: negative is nearer)',
  );
  printTable(
    ['case', ...COLUMNS.map((c) => c.title), 'note'],
    rows.map((r) => [r.scored.id, ...COLUMNS.map((c) => cell(r, c.key)), r.note]),
  );
  out();
}

// ---------------------------------------------------------------- summaries

const GROUP_TITLES: Readonly<Record<string, string>> = {
  headForward: 'head forward (cm)',
  rounding: 'rounding (%)',
  tilt: 'shoulder tilt and head roll (°)',
  distance: 'distance change (cm)',
};

/** Clear cases with a bounded reading unknown: as summarize() counts them. */
function unknownCases(rows: readonly Scored[]): { id: string; what: string }[] {
  return rows.filter(isClear).flatMap((r) => {
    const unknown = BOUNDED.filter((k) => r.readings[k].value == null);
    if (unknown.length === 0) return [];
    const what = unknown.map((k) => `${k}: ${r.readings[k].reason ?? 'no reason given'}`).join('; ');
    return [{ id: r.id, what }];
  });
}

function printSummary(title: string, rows: readonly Scored[], s: Summary, seconds: number): void {
  out(`== ${title}: summary ==`);
  out(
    `${s.cases} cases, ${s.clearCases} clear (no shoulder cut by the frame or faint, the face inside the picture); ${seconds.toFixed(1)} s`,
  );
  const o = s.outcomes;
  const c = s.clearOutcomes;
  out(
    `clear cases with every reading given and within its bound: ${s.clearAllWithin} of ${s.clearCases} (${(s.clearAllWithinShare * 100).toFixed(1)} %)`,
  );
  out(
    `readings: ${o.within} given and within, ${o.out} given and out of bound, ${o.unknown} unknown (${(s.unknownReadingShare * 100).toFixed(1)} %); in clear cases ${c.within} / ${c.out} / ${c.unknown}`,
  );
  for (const [group, w] of Object.entries(s.worst)) {
    out(`worst ${GROUP_TITLES[group] ?? group}: ${w.errorAbs.toFixed(2)}${w.case ? ` (${w.case})` : ''}`);
  }
  const byMetric = BOUNDED.filter((k) => s.unknownByMetric[k] > 0)
    .map((k) => `${k} ${s.unknownByMetric[k]}`)
    .join(', ');
  out(
    `unknown: ${s.unknownCases} of ${s.clearCases} clear cases (${(s.unknownShare * 100).toFixed(1)} %, at most ${
      MAX_UNKNOWN_SHARE * 100
    } % allowed)${byMetric ? `; by metric: ${byMetric}` : ''}`,
  );
  for (const u of unknownCases(rows)) out(`  ${u.id}: ${u.what}`);
  out(`failures: ${s.failures.length}`);
  for (const f of s.failures) out(`  ${f.id}: ${f.key} ${f.problem}`);
  out();
}

interface PartJson {
  cases: number;
  clearCases: number;
  unknownCases: number;
  unknownShare: number;
  clearAllWithin: number;
  clearAllWithinShare: number;
  outcomes: Outcomes;
  clearOutcomes: Outcomes;
  unknownReadingShare: number;
  worst: Record<string, { errorAbs: number; case: string | null }>;
  failures: number;
  seconds: number;
}

const partJson = (s: Summary, seconds: number): PartJson => ({
  cases: s.cases,
  clearCases: s.clearCases,
  unknownCases: s.unknownCases,
  unknownShare: round(s.unknownShare),
  clearAllWithin: s.clearAllWithin,
  clearAllWithinShare: round(s.clearAllWithinShare),
  outcomes: s.outcomes,
  clearOutcomes: s.clearOutcomes,
  unknownReadingShare: round(s.unknownReadingShare),
  worst: Object.fromEntries(
    Object.entries(s.worst).map(([g, w]) => [g, { errorAbs: round(w.errorAbs), case: w.case }]),
  ),
  failures: s.failures.length,
  seconds: round(seconds, 1),
});

const partOk = (s: Summary) => s.failures.length === 0 && s.unknownShare <= MAX_UNKNOWN_SHARE;

// ---------------------------------------------------------------- the rig

interface RigPart {
  summary: Summary;
  seconds: number;
  fov: FovScale;
}

function runRig(): RigPart {
  const cases = rigCases();
  progress(`rig: ${cases.length} cases`);
  const t0 = performance.now();
  const results: RigResult[] = [];
  for (const c of cases) {
    results.push(runCase(c));
    if (results.length % 50 === 0 || results.length === cases.length) {
      progress(`rig: ${results.length}/${cases.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  progress(`rig: done in ${seconds.toFixed(1)} s`);

  const bounded = results.filter((r) => r.case.group === 'alone' || r.case.group === 'combined');
  const scored = bounded.map(toScored);
  const summary = summarize(scored);
  printCaseTable(
    'rig (groups alone and combined)',
    bounded.map((r, i) => ({
      scored: scored[i]!,
      note: [
        r.shouldersCutOrFaint ? 'shoulders cut or faint' : '',
        r.calibration.ok ? '' : `calibration refused: ${r.calibration.message ?? ''}`,
      ]
        .filter(Boolean)
        .join('; '),
    })),
  );
  const refused = bounded.filter((r) => !r.calibration.ok);
  if (refused.length > 0) {
    out(`calibration refused in ${refused.length} rig cases:`);
    for (const r of refused) out(`  ${r.case.id}: ${r.calibration.message ?? ''}`);
    out();
  }
  printSummary('rig (groups alone and combined)', scored, summary, seconds);
  printRigByMove(bounded, scored);

  // The trunk turned about the spine: not bounded (two shoulder points barely show it), shown.
  const twists = results.filter((r) => r.case.group === 'twist');
  printCaseTable(
    'rig, trunk turned (group twist: shown, not held to the bounds)',
    twists.map((r) => ({
      scored: { ...toScored(r), unbounded: BOUNDED },
      note: '',
    })),
  );

  const fov = fovScale(fovRuns(results.filter((r) => r.case.group === 'fov')));
  printFov(fov);
  return { summary, seconds, fov };
}

/** The move a rig case makes, for the table by move: the moves made alone by name, the rest combined. */
function rigMove(r: RigResult): string {
  if (r.case.group === 'combined') return 'two or three of the above combined';
  const label = r.case.id.slice(r.case.id.indexOf(': ') + 2);
  return label.replace(/ -?[\d.]+$/, '');
}

/** Per move: clear cases, those with every reading given and within, unknown, and the worst errors. */
function printRigByMove(results: readonly RigResult[], scored: readonly Scored[]): void {
  out('== rig by move (clear cases) ==');
  const moves = [...new Set(results.map(rigMove))];
  const rows = [...moves, 'all'].map((move) => {
    const rows = scored.filter((_, i) => move === 'all' || rigMove(results[i]!) === move);
    const s = summarize(rows);
    const w = (g: string) => s.worst[g]?.errorAbs.toFixed(1) ?? '-';
    return [
      move,
      String(s.clearCases),
      `${s.clearAllWithin} (${(s.clearAllWithinShare * 100).toFixed(0)} %)`,
      String(s.unknownCases),
      `${w('headForward')} / ${w('rounding')} / ${w('tilt')} / ${w('distance')}`,
    ];
  });
  printTable(
    [
      'move',
      'clear cases',
      'every reading within',
      'unknown',
      'worst: head forward cm / rounding % / tilt, roll ° / distance cm',
    ],
    rows,
  );
  out();
}

/** The rig's 'fov' cases as fovScale() takes them: the setup by identity, the move by its label in the id. */
function fovRuns(results: readonly RigResult[]): FovRun[] {
  const setups = new Map<Setup, number>();
  return results.map((r) => {
    if (!setups.has(r.case.setup)) setups.set(r.case.setup, setups.size + 1);
    const id = r.case.id;
    return {
      setup: `fov setup ${setups.get(r.case.setup)!}`,
      move: id.slice(id.indexOf(': ') + 2),
      trueFovDeg: r.case.setup.camera.fovDeg,
      toldFovDeg: r.case.assumedFovDeg,
      readings: r.readings,
    };
  });
}

const FOV_TITLES: Readonly<Record<FovMetric, string>> = {
  headForwardCm: 'head forward',
  distanceCm: 'distance change',
  shoulderRoundingPct: 'rounding',
  shoulderTiltDeg: 'shoulder tilt',
  headRollDeg: 'head roll',
};

const told = (factor: number) => (factor > 1 ? `×${factor.toFixed(2)}` : `÷${(1 / factor).toFixed(2)}`);
const where = (l: Largest) => `${l.setup}, ${l.move}, told ${told(l.factor)}`;

function printFov(fov: FovScale): void {
  out('== field of view told wrong (rig group fov): reading(told wrong) / reading(told true) ==');
  out(
    '(each cell: the reading told the true field of view, then the ratio; "-": not compared, that reading unknown or under 1 unit)',
  );
  printTable(
    ['setup', 'move', 'true FOV', 'told', 'f_told/f_true', ...FOV_METRICS.map((k) => FOV_TITLES[k])],
    fov.rows.map((row) => [
      row.setup,
      row.move,
      `${row.trueFovDeg.toFixed(1)}°`,
      `${told(row.factor)} (${row.toldFovDeg.toFixed(1)}°)`,
      row.focalRatio.toFixed(3),
      ...FOV_METRICS.map((k) => {
        const base = row.trueReadings[k];
        if (!(k in row.ratios)) return base == null ? '- (unknown)' : `- (${one(base)})`;
        const ratio = row.ratios[k];
        return `${one(base!)}: ${ratio == null ? 'unknown' : `×${ratio.toFixed(3)}`}`;
      }),
    ]),
  );
  out();
  out('== field of view: summary ==');
  for (const k of FOV_METRICS) {
    const l = fov.largestScale[k];
    out(
      `largest |ratio − 1|, ${FOV_TITLES[k]}: ${l ? `${l.value.toFixed(3)} (${where(l)})` : 'none compared'}`,
    );
  }
  for (const k of DEPTH_METRICS) {
    const l = fov.largestOffFocal[k];
    out(
      `largest |ratio − f_told/f_true|, ${FOV_TITLES[k]}: ${l ? `${l.value.toFixed(3)} (${where(l)})` : 'none compared'}`,
    );
  }
  for (const [factor, ratios] of focalRatiosByFactor(fov)) {
    out(
      `f_told/f_true told ${told(factor)}: ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)} over the setups`,
    );
  }
  out();
}

/** The focal ratios of the rows, per factor told (the widest told first), each setup once. */
function focalRatiosByFactor(fov: FovScale): [number, number[]][] {
  const by = new Map<number, Map<string, number>>();
  for (const row of fov.rows) {
    const factor = round(row.factor, 4);
    if (!by.has(factor)) by.set(factor, new Map());
    by.get(factor)!.set(row.setup, row.focalRatio);
  }
  return [...by]
    .sort((a, b) => b[0] - a[0])
    .map(([factor, setups]) => [factor, [...setups.values()]] as [number, number[]]);
}

function fovJson(fov: FovScale) {
  const byFactor = focalRatiosByFactor(fov);
  const wrongBy = Math.max(0, ...fov.rows.map((r) => Math.max(r.factor, 1 / r.factor) - 1));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    wrongBy: round(wrongBy),
    largestScale: Object.fromEntries(
      FOV_METRICS.map((k) => [k, fov.largestScale[k] ? round(fov.largestScale[k].value) : null]),
    ),
    largestOffFocal: Object.fromEntries(
      DEPTH_METRICS.map((k) => [k, fov.largestOffFocal[k] ? round(fov.largestOffFocal[k].value) : null]),
    ),
    focalRatios: byFactor.map(([, ratios]) => round(mean(ratios))),
    focalRatioRanges: byFactor.map(([, ratios]) => [round(Math.min(...ratios)), round(Math.max(...ratios))]),
  };
}

// ---------------------------------------------------------------- real footage

interface RealPart {
  summary: Summary;
  seconds: number;
  /** Counted case frames, and those whose pose the head tracker held (the model did not run). */
  frames: number;
  heldByHead: number;
  byKind: ByKind;
}

/** The real cases through the model in Chromium, as the app runs them. */
async function runRealInBrowser(): Promise<SlimRun> {
  progress('real: starting the app server and Chromium');
  const server = await startAppServer();
  let run: SlimRun;
  try {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      let step = 0;
      page.on('console', (m) => {
        const text = m.text();
        if (text.startsWith('accuracy: ')) progress(`real: [${++step}] ${text.slice('accuracy: '.length)}`);
        else if (m.type() === 'error') progress(`real: page console: ${text}`);
      });
      page.on('pageerror', (e) => progress(`real: page error: ${e.message}`));
      await page.goto(`${server.url}scripts/accuracy/accuracy.html`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, {
        timeout: 120_000,
      });
      run = await page.evaluate(() => window.knotlessAccuracy());
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
  progress(
    `real: ${(run.elapsedMs / 1000).toFixed(1)} s of cases on ${run.engine.engine}/${run.engine.backend}, input ${run.engine.inputPx ?? 'default'} px`,
  );
  return run;
}

/** The keypoints of a recorded run (keypoints-fixture.ts) through today's posture tracker. */
function replayRecorded(file: string): Pick<RealFootageRun, 'calibrations' | 'cases'> {
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as KeypointsFixture;
  if (fixture.format !== FIXTURE_FORMAT) throw new Error(`${file}: not a ${FIXTURE_FORMAT} file`);
  progress(`real: replaying ${file} (${fixture.engine.engine}, ${fixture.segments.length} segments)`);
  return replayRun(fixture, new PostureTracker());
}

async function runReal(from: string | null): Promise<RealPart> {
  const t0 = performance.now();
  // scoreRealRun reads only what the geometry read, which the slim run keeps.
  const run = from
    ? replayRecorded(from)
    : ((await runRealInBrowser()) as unknown as Pick<RealFootageRun, 'calibrations' | 'cases'>);
  const seconds = (performance.now() - t0) / 1000;
  progress(`real: done in ${seconds.toFixed(1)} s`);
  const scored: RealScored[] = scoreRealRun(run);
  const summary = summarize(scored);
  printCaseTable(
    'real footage',
    scored.map((r) => ({
      scored: r,
      note: r.shoulderTrouble ? 'shoulders cut or faint' : '',
    })),
  );
  out('calibration of each base picture:');
  for (const c of run.calibrations) {
    const o = c.outcome;
    const state = !o.finished ? 'did not finish' : o.ok ? 'ok' : `refused: ${o.message ?? o.reason ?? ''}`;
    out(`  ${c.base}: ${state}`);
  }
  const unscored = run.cases.filter((c) => !scored.some((s) => s.id === c.id));
  if (unscored.length > 0) {
    out(`not scored (their base picture did not calibrate): ${unscored.length}`);
    for (const c of unscored) out(`  ${c.id}`);
  }
  const counted = run.cases.flatMap((c) => c.frames.filter((f) => !f.warmup));
  const heldByHead = counted.filter((f) => f.heldBy === 'head').length;
  out(
    `case frames read at the default settings: ${counted.length}, of which ${heldByHead} had their pose held by the head tracker (the model did not run)`,
  );
  out();
  printSummary('real footage', scored, summary, seconds);
  const byKind = printByKind(scored);
  return { summary, seconds, frames: counted.length, heldByHead, byKind };
}

/** Per kind of move (real-truth.ts MOVE_KINDS): the readings' outcomes and the worst error of each group. */
type ByKind = Record<string, { cases: number; outcomes: Outcomes; worst: Summary['worst'] }>;

function printByKind(scored: readonly RealScored[]): ByKind {
  out('== real footage by kind of move ==');
  const byKind: ByKind = {};
  const rows: string[][] = [];
  for (const k of MOVE_KINDS) {
    const cases = scored.filter((r) => moveKind(r.id) === k.kind);
    if (cases.length === 0) continue;
    const s = summarize(cases);
    byKind[k.kind] = {
      cases: cases.length,
      outcomes: s.outcomes,
      worst: Object.fromEntries(
        Object.entries(s.worst).map(([g, w]) => [g, { errorAbs: round(w.errorAbs), case: w.case }]),
      ),
    };
    const w = (g: string) => s.worst[g]?.errorAbs.toFixed(2) ?? '-';
    const o = s.outcomes;
    rows.push([
      k.title,
      String(cases.length),
      `${o.within} / ${o.out} / ${o.unknown}`,
      `${w('headForward')} / ${w('rounding')} / ${w('tilt')} / ${w('distance')}`,
    ]);
  }
  printTable(
    [
      'move',
      'cases',
      'readings within / out / unknown',
      'worst: head forward cm / rounding % / tilt ° / distance cm',
    ],
    rows,
  );
  out();
  return byKind;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const want = parseArgs(process.argv.slice(2));
  let rig: RigPart | null = null;
  let real: RealPart | null = null;
  try {
    if (want.rig) rig = runRig();
    if (want.real) real = await runReal(want.realFrom);
  } catch (err) {
    console.error(`accuracy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(3);
  }

  const parts = [rig, real].filter((p): p is RigPart | RealPart => p !== null);
  const worstOf = (group: string) =>
    round(Math.max(0, ...parts.map((p) => p.summary.worst[group]?.errorAbs ?? 0)));
  const ok = parts.every((p) => partOk(p.summary));
  const line = {
    rig: rig && partJson(rig.summary, rig.seconds),
    real: real && {
      ...partJson(real.summary, real.seconds),
      frames: real.frames,
      heldByHead: real.heldByHead,
      byKind: real.byKind,
    },
    fieldOfView: rig && fovJson(rig.fov),
    worst: {
      headForwardCm: worstOf(GROUP_OF.headForwardCm),
      shoulderRoundingPct: worstOf(GROUP_OF.shoulderRoundingPct),
      tiltDeg: worstOf(GROUP_OF.shoulderTiltDeg),
      distanceCm: worstOf(GROUP_OF.distanceCm),
    },
    unknowns: parts.reduce((n, p) => n + p.summary.unknownCases, 0),
    ok,
  };
  out(JSON.stringify(line));
  process.exitCode = ok ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(`accuracy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(3);
});
