/**
 * Real footage moved by known amounts, through the real worker and model:
 * a runner (the cases and their pictures are in real-bases.ts) that records
 * every raw keypoint the model gave (so the posture geometry can be replayed
 * offline through PostureTracker, keypoints-fixture.ts) along with what the
 * current geometry read. Runs in any page that can start the pose worker:
 * the vitest browser test tests/browser/real-footage.test.ts, or a plain page
 * driven by Playwright (nothing here depends on vitest).
 */
import type { FaceLandmarks, Keypoint } from '../../src/core/pose';
import type { PoseClient } from '../../src/ui/capture/pose-client';
import { realBase, type RealCase } from './real-bases';
import {
  bitmapOf,
  HELD_STILL_JITTER,
  pasteSources,
  pixelsOf,
  renderMove,
  type Move,
  type PasteSources,
} from './transforms';
import type { PostureFrameResult } from '../../src/protocol/pose-protocol';
import { median } from '../../src/core/numbers';

export type { RealCase } from './real-bases';
export { REAL_CASES } from './real-bases';

export interface RunOptions {
  /** Calibration frames (also the calibration's length: one step less, in steps). Default 16. */
  calibrationFrames: number;
  /** Frames a case is read from, each with a held-still jitter. Default 14. */
  framesPerCase: number;
  /** Frames of the case's picture first, not counted: the crop settles on where the person now is. Default 2. */
  warmupFrames: number;
  /** Time between frames, ms: beyond the smoothing's reset (1 s), each frame is read as new. Default 1500. */
  stepMs: number;
  /** The first frame's time, ms. Default 0 (the first frame is at one step). */
  startMs: number;
  /**
   * The engine's reuse of a still picture's pose, ms; null leaves the
   * engine's default (10 s; calibration never reuses). The held-still
   * jitter changes the model's input enough that no frame passes for the
   * previous one (each frame records `reused`). Default null.
   */
  reuseStillMs: number | null;
  /** Told of each calibration and case as it starts. */
  onProgress?: (what: string) => void;
}

export const DEFAULT_RUN: Readonly<RunOptions> = Object.freeze({
  calibrationFrames: 16,
  framesPerCase: 14,
  warmupFrames: 2,
  stepMs: 1500,
  startMs: 0,
  reuseStillMs: null,
});

/** One frame as the worker returned it: the raw pose, and what the tracker read from it. */
export interface RecordedFrame {
  tMs: number;
  frameWidth: number;
  frameHeight: number;
  /** Exactly as in the result's pose, null when nobody was found. */
  keypoints: Keypoint[] | null;
  people: number | null;
  /** The face detector's find (the head tracker's), null when it found none or did not look. */
  face?: FaceLandmarks | null;
  /** The model did not run (a still picture's pose given back, or the last pose while the head was held). */
  reused: boolean;
  /** Why: the same picture, or the head where it was. */
  heldBy?: 'still' | 'head';
  /** Not counted in the case's medians. */
  warmup: boolean;
  metrics: Record<string, number | null>;
  reasons: Record<string, string>;
  screenDistanceCm: number | null;
}

export interface CalibrationRecord {
  base: string;
  prepare: Move;
  durationMs: number;
  frames: RecordedFrame[];
  /** How calibration ended; `finished` false when no frame ended it. */
  outcome: { finished: boolean; ok: boolean; reason?: string; message?: string; neutral?: unknown };
}

export interface CaseRecord extends RealCase {
  /** Whether the base's calibration was accepted (if not, no metric has a neutral to deviate from). */
  calibrated: boolean;
  /** Warm-up frames first, then the counted ones. */
  frames: RecordedFrame[];
  /** Each metric's median over the counted frames (null when none had it), and screenDistanceCm's. */
  medians: Record<string, number | null>;
  /** For each metric null in some counted frame: the distinct reasons given. */
  nullReasons: Record<string, string[]>;
}

export interface RealFootageRun {
  /** In the order they ran: each base's calibration, then its cases. */
  calibrations: CalibrationRecord[];
  cases: CaseRecord[];
  elapsedMs: number;
}

function record(r: PostureFrameResult, warmup: boolean): RecordedFrame {
  const p = r.posture;
  const reasons: Record<string, string> = {};
  for (const [key, reason] of Object.entries(p.reasons)) if (reason) reasons[key] = reason;
  return {
    tMs: r.timestampMs,
    frameWidth: r.frameWidth,
    frameHeight: r.frameHeight,
    keypoints: r.pose ? r.pose.keypoints : null,
    people: r.people,
    face: r.face,
    reused: r.timings.reused,
    ...(r.timings.heldBy ? { heldBy: r.timings.heldBy } : {}),
    warmup,
    metrics: { ...p.metrics },
    reasons,
    screenDistanceCm: p.screenDistanceCm,
  };
}

function summarise(frames: readonly RecordedFrame[]): Pick<CaseRecord, 'medians' | 'nullReasons'> {
  const counted = frames.filter((f) => !f.warmup);
  const keys = [...new Set(counted.flatMap((f) => Object.keys(f.metrics)))];
  const medians: Record<string, number | null> = {};
  const nullReasons: Record<string, string[]> = {};
  for (const key of keys) {
    medians[key] = median(counted.flatMap((f) => (f.metrics[key] == null ? [] : [f.metrics[key]])));
    const reasons = counted.flatMap((f) =>
      f.metrics[key] == null && f.reasons[key] ? [f.reasons[key]] : [],
    );
    if (reasons.length > 0) nullReasons[key] = [...new Set(reasons)];
  }
  medians.screenDistanceCm = median(
    counted.flatMap((f) => (f.screenDistanceCm == null ? [] : [f.screenDistanceCm])),
  );
  return { medians, nullReasons };
}

/**
 * Runs `cases` through the client's worker (initialised, with its engine's
 * default options: crop tracking on, as the app runs). For each base, in
 * the order its first case appears: the neutral is forgotten and the base
 * calibrated on jittered frames of it (refused or not, its cases still
 * run); then each case's warm-up and counted frames. The crop is reset
 * before each calibration and each case, so that none starts where the
 * last one left the person.
 */
export async function runRealCases(
  client: PoseClient,
  cases: readonly RealCase[],
  options: Partial<RunOptions> = {},
): Promise<RealFootageRun> {
  const o: RunOptions = { ...DEFAULT_RUN, ...options };
  const t0 = performance.now();
  let clock = o.startMs;
  if (o.reuseStillMs !== null) await client.setEngineOptions({ reuseStillMs: o.reuseStillMs });

  const sources = await loadPasteSources(cases);
  const feed = async (pixels: ImageData, move: Move, jitterIndex: number): Promise<PostureFrameResult> => {
    const n = HELD_STILL_JITTER.length;
    const jitter = HELD_STILL_JITTER[((jitterIndex % n) + n) % n];
    const bitmap = bitmapOf(renderMove(pixels, move, jitter, sources));
    clock += o.stepMs;
    const r = await client.processFrame(new VideoFrame(bitmap, { timestamp: clock * 1000 }), clock);
    bitmap.close();
    if (!r) throw new Error(`frame at ${clock} ms dropped (another was in flight)`);
    return r;
  };
  const resetCrop = async () => {
    await client.setEngineOptions({ trackCrop: false });
    await client.setEngineOptions({ trackCrop: true });
  };

  const calibrations: CalibrationRecord[] = [];
  const records: CaseRecord[] = [];
  const baseIds = [...new Set(cases.map((c) => c.base))];
  for (const baseId of baseIds) {
    const base = realBase(baseId);
    const pixels = renderMove(await basePixels(baseId), base.prepare, undefined, sources);

    o.onProgress?.(`calibrate ${base.id}`);
    await client.forgetNeutral();
    await resetCrop();
    const durationMs = o.stepMs * (o.calibrationFrames - 1);
    await client.startCalibration(durationMs, null);
    const calibration: CalibrationRecord = {
      base: base.id,
      prepare: base.prepare,
      durationMs,
      frames: [],
      outcome: { finished: false, ok: false },
    };
    // A few frames to spare: calibration ends on the first frame at or past its duration.
    for (let i = 0; i < o.calibrationFrames + 3; i++) {
      const r = await feed(pixels, { kind: 'none' }, i);
      calibration.frames.push(record(r, false));
      const status = r.posture.calibration;
      if (status?.state !== 'finished') continue;
      const outcome = status.outcome;
      calibration.outcome = outcome.ok
        ? { finished: true, ok: true, neutral: outcome.neutral }
        : { finished: true, ok: false, reason: outcome.reason, message: outcome.message };
      break;
    }
    if (!calibration.outcome.finished) await client.cancelCalibration();
    calibrations.push(calibration);

    for (const c of cases.filter((k) => k.base === base.id)) {
      o.onProgress?.(c.id);
      await resetCrop();
      const frames: RecordedFrame[] = [];
      for (let i = 0; i < o.warmupFrames + o.framesPerCase; i++) {
        const warmup = i < o.warmupFrames;
        // Warm-up frames take the last jitters; counted ones go through the list from the start.
        const jitter = warmup ? HELD_STILL_JITTER.length - o.warmupFrames + i : i - o.warmupFrames;
        frames.push(record(await feed(pixels, c.move, jitter), warmup));
      }
      records.push({ ...c, calibrated: calibration.outcome.ok, frames, ...summarise(frames) });
    }
  }
  return { calibrations, cases: records, elapsedMs: performance.now() - t0 };
}

/** A base's picture as it is committed (before its `prepare`). */
async function basePixels(id: string): Promise<ImageData> {
  const base = realBase(id);
  const source = await loadBitmap(base.url);
  try {
    if (source.width !== base.width || source.height !== base.height) {
      throw new Error(`${base.file} is ${source.width}x${source.height}, not ${base.width}x${base.height}`);
    }
    return pixelsOf(source);
  } finally {
    source.close();
  }
}

/** The pictures the cases' and their bases' moves paste pixels from. */
async function loadPasteSources(cases: readonly RealCase[]): Promise<PasteSources> {
  const ids = new Set(
    cases.flatMap((c) => [...pasteSources(c.move), ...pasteSources(realBase(c.base).prepare)]),
  );
  const out = new Map<string, ImageData>();
  for (const id of ids) out.set(id, await basePixels(id));
  return out;
}

async function loadBitmap(url: string): Promise<ImageBitmap> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return createImageBitmap(await res.blob());
}
