/**
 * How much a field of view told wrong scales the readings. Pure: used by
 * `npm run accuracy` (on the rig's 'fov' group) and by tests.
 *
 * The same setup and move is read with the app told the true field of
 * view and told it wrong (e.g. ×1.15 and ÷1.15). For each wrong run and
 * each metric, the ratio reading(wrong) / reading(true). A pinhole camera's
 * depths follow its focal length, so the depth-based readings (head
 * forward, distance change) are expected to scale by about the focal-length
 * ratio the error implies, f_told / f_true = tan(true / 2) / tan(told / 2)
 * (diagonal fields of view, as the app takes them); angles and the
 * shoulders' rounding (a share of their own span) are expected to stay put
 * (ratio about 1).
 */

export const FOV_METRICS = [
  'headForwardCm',
  'distanceCm',
  'shoulderRoundingPct',
  'shoulderTiltDeg',
  'headRollDeg',
] as const;

export type FovMetric = (typeof FOV_METRICS)[number];

/** The metrics measured through depth: expected to follow the focal-length ratio. */
export const DEPTH_METRICS = ['headForwardCm', 'distanceCm'] as const satisfies readonly FovMetric[];

export type DepthMetric = (typeof DEPTH_METRICS)[number];

/** A true-FOV reading smaller in magnitude than this (cm, %, °) is too small to take a ratio of. */
export const MIN_TRUE_READING = 1;

/** One run of a setup and move, told some field of view. */
export interface FovRun {
  /** Runs with the same setup and move are compared with each other. */
  setup: string;
  move: string;
  /** The camera's true diagonal field of view, degrees. */
  trueFovDeg: number;
  /** The diagonal field of view the app was told, degrees. */
  toldFovDeg: number;
  /** What the app read (null: unknown). */
  readings: Readonly<Record<FovMetric, { value: number | null }>>;
}

export interface FovScaleRow {
  setup: string;
  move: string;
  trueFovDeg: number;
  toldFovDeg: number;
  /** toldFovDeg / trueFovDeg. */
  factor: number;
  /** f_told / f_true = tan(true / 2) / tan(told / 2). */
  focalRatio: number;
  /** Each metric's reading when told the true field of view (null: unknown). */
  trueReadings: Record<FovMetric, number | null>;
  /**
   * reading(wrong) / reading(true) per metric; null when the wrong run's
   * reading is unknown; absent when the true run's reading is unknown or
   * smaller in magnitude than MIN_TRUE_READING.
   */
  ratios: Partial<Record<FovMetric, number | null>>;
}

/** The largest departure of a ratio from what it is held against, and where. */
export interface Largest {
  value: number;
  setup: string;
  move: string;
  factor: number;
}

export interface FovScale {
  rows: FovScaleRow[];
  /** Per metric: the largest |ratio − 1| (null: no ratio was taken). */
  largestScale: Record<FovMetric, Largest | null>;
  /** Per depth-based metric: the largest |ratio − focalRatio| (null: no ratio was taken). */
  largestOffFocal: Record<DepthMetric, Largest | null>;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** f_told / f_true for diagonal fields of view. */
export function focalRatio(trueFovDeg: number, toldFovDeg: number): number {
  return Math.tan(rad(trueFovDeg) / 2) / Math.tan(rad(toldFovDeg) / 2);
}

/** Told the truth: the same angle, up to rounding. */
const toldTrue = (r: FovRun) => Math.abs(r.toldFovDeg - r.trueFovDeg) <= 1e-9 * r.trueFovDeg;

/**
 * The ratios of every wrong-FOV run to its true-FOV run, in the order the
 * runs come. Every setup and move that has a wrong run must have exactly
 * one true run (otherwise it throws: the runs are not what they claim).
 */
export function fovScale(runs: readonly FovRun[]): FovScale {
  const groups = new Map<string, FovRun[]>();
  for (const r of runs) {
    const key = JSON.stringify([r.setup, r.move]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows: FovScaleRow[] = [];
  for (const group of groups.values()) {
    const truths = group.filter(toldTrue);
    const wrong = group.filter((r) => !toldTrue(r));
    if (wrong.length === 0) continue;
    const first = group[0]!;
    if (truths.length !== 1) {
      throw new Error(
        `${first.setup} / ${first.move}: ${truths.length} runs told the true field of view (expected 1)`,
      );
    }
    const t = truths[0]!;
    const trueReadings = Object.fromEntries(FOV_METRICS.map((k) => [k, t.readings[k].value])) as Record<
      FovMetric,
      number | null
    >;
    for (const w of wrong) {
      if (w.trueFovDeg !== t.trueFovDeg) {
        throw new Error(`${w.setup} / ${w.move}: runs disagree on the true field of view`);
      }
      const ratios: FovScaleRow['ratios'] = {};
      for (const k of FOV_METRICS) {
        const base = trueReadings[k];
        if (base == null || Math.abs(base) < MIN_TRUE_READING) continue;
        const v = w.readings[k].value;
        ratios[k] = v == null ? null : v / base;
      }
      rows.push({
        setup: w.setup,
        move: w.move,
        trueFovDeg: w.trueFovDeg,
        toldFovDeg: w.toldFovDeg,
        factor: w.toldFovDeg / w.trueFovDeg,
        focalRatio: focalRatio(w.trueFovDeg, w.toldFovDeg),
        trueReadings,
        ratios,
      });
    }
  }

  const largest = (key: FovMetric, against: (row: FovScaleRow) => number): Largest | null => {
    let out: Largest | null = null;
    for (const row of rows) {
      const ratio = row.ratios[key];
      if (ratio == null) continue;
      const value = Math.abs(ratio - against(row));
      if (!out || value > out.value) out = { value, setup: row.setup, move: row.move, factor: row.factor };
    }
    return out;
  };
  const largestScale = Object.fromEntries(FOV_METRICS.map((k) => [k, largest(k, () => 1)])) as Record<
    FovMetric,
    Largest | null
  >;
  const largestOffFocal = Object.fromEntries(
    DEPTH_METRICS.map((k) => [k, largest(k, (row) => row.focalRatio)]),
  ) as Record<DepthMetric, Largest | null>;
  return { rows, largestScale, largestOffFocal };
}
