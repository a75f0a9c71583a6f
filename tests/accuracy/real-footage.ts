/**
 * Real footage moved by known amounts, through the real worker and model:
 * the cases, and a runner that records every raw keypoint the model gave
 * (so the posture geometry can be replayed offline through PostureTracker)
 * along with what the current geometry read. Runs in any page that can start
 * the pose worker: the vitest browser test tests/browser/real-footage-record.test.ts,
 * or a plain page driven by Playwright (nothing here depends on vitest).
 *
 * The base pictures (tests/fixtures/media/README.md says where each came
 * from; same licences as their sources), made in tests/fixtures/media with:
 *
 *     ffmpeg -i faceapi-screenshot-webcam.png -filter_complex "[0]crop=853:800:0:30,
 *       scale=512:480:flags=area,pad=640:480:32:0,fillborders=left=32:right=96:mode=smear,
 *       split[a][b];[b]gblur=sigma=10,split[l][r];[l]crop=32:480:0:0[lc];[r]crop=96:480:544:0[rc];
 *       [a][lc]overlay=0:0[al];[al][rc]overlay=544:0,format=rgb24,split[x][y];
 *       [x]palettegen=max_colors=256:stats_mode=full[p];[y][p]paletteuse=dither=none"
 *       -frames:v 1 seated-640x480.png
 *     ffmpeg -ss 12.5 -i cap12_edit.webm -frames:v 1 -pred mixed cap12-12s.png
 *     ffmpeg -ss 15.25 -i cap12_edit.webm -frames:v 1 -pred mixed cap12-15s.png
 *     ffmpeg -ss 5 -i cap13_edit2.webm -frames:v 1 -pred mixed cap13-5s.png
 *
 * - seated-640x480.png: the man of faceapi-screenshot-webcam.png (above its
 *   text panel) scaled by 0.6, head in the upper middle and both shoulders
 *   well inside; the strips the source does not cover (32 px left, 96 px
 *   right) repeat its edge columns, blurred (a 256-colour palette, as the
 *   source has);
 * - cap12-12s.png, cap12-15s.png, cap13-5s.png: frames of cap12_edit.webm
 *   and cap13_edit2.webm (400x300) where he faces the camera, upright and
 *   still; laptop framing, the shoulders at the bottom edge.
 * Each base's face centre and head radius were measured by eye on a pixel
 * grid and checked against MoveNet's eye and ear points on the base.
 */
import seatedUrl from '../fixtures/media/seated-640x480.png?url';
import cap12At12Url from '../fixtures/media/cap12-12s.png?url';
import cap12At15Url from '../fixtures/media/cap12-15s.png?url';
import cap13At5Url from '../fixtures/media/cap13-5s.png?url';
import type { Keypoint } from '../../src/core/pose';
import type { PoseClient } from '../../src/ui/capture/pose-client';
import type { PostureFrameResult } from '../../workers/engine/api';
import {
  bitmapOf,
  HELD_STILL_JITTER,
  pixelsOf,
  renderMove,
  type Box,
  type Move,
  type Point,
} from './transforms';

export interface RealBase {
  id: string;
  /** The committed picture, from the project root. */
  file: string;
  url: string;
  width: number;
  height: number;
  /** Between the eyes and the ears, px: the centre of headZoom. */
  faceCentre: Point;
  /** Half the head's height, hair to chin, px: headZoom's inner radius (its outer one is 1.3 times it, short of the shoulders). */
  headRadiusPx: number;
  /** Where the shoulders are, for the moves that change them (bases that show them whole). */
  shoulders?: {
    /** Midway between the shoulder joints, px. */
    centreX: number;
    /** Just below the chin, px: squeezeShoulders leaves everything above it. */
    topY: number;
    /** Around each shoulder's joint and outline, px. */
    boxes: Box[];
    /** Each shoulder from its joint in to the neck, px. */
    boxesToNeck: Box[];
  };
  /** Applied to the picture before anything else, calibration included (a base derived from another). */
  prepare: Move;
}

const SEATED: RealBase = {
  id: 'seated',
  file: 'tests/fixtures/media/seated-640x480.png',
  url: seatedUrl,
  width: 640,
  height: 480,
  // Eyes at y 170-178 and ears at 190-207 (MoveNet); hair top at 70, chin (beard) at 300.
  faceCentre: { x: 305, y: 185 },
  headRadiusPx: 115,
  shoulders: {
    // MoveNet's shoulders: (515, 343) and (185, 361).
    centreX: 350,
    topY: 300,
    boxes: [
      { x: 80, y: 290, width: 200, height: 170 },
      { x: 440, y: 270, width: 200, height: 170 },
    ],
    boxesToNeck: [
      { x: 60, y: 290, width: 250, height: 190 },
      { x: 400, y: 250, width: 240, height: 230 },
    ],
  },
  prepare: { kind: 'none' },
};

/** The seated man in bulky clothes: shoulders blurred and flattened towards their mean colour. */
const SEATED_FADED: RealBase = {
  ...SEATED,
  id: 'seated-faded',
  prepare: { kind: 'fadeShoulders', strength: 0.85, boxes: SEATED.shoulders!.boxes },
};

const CAP12_12S: RealBase = {
  id: 'cap12-12s',
  file: 'tests/fixtures/media/cap12-12s.png',
  url: cap12At12Url,
  width: 400,
  height: 300,
  // Eyes at y 150-152, ears at 184 (MoveNet); hair top at 75, chin at 242.
  faceCentre: { x: 206, y: 165 },
  headRadiusPx: 84,
  prepare: { kind: 'none' },
};

/** Three seconds later: he has hardly moved (a second look at the same posture). */
const CAP12_15S: RealBase = {
  ...CAP12_12S,
  id: 'cap12-15s',
  file: 'tests/fixtures/media/cap12-15s.png',
  url: cap12At15Url,
};

const CAP13_5S: RealBase = {
  id: 'cap13-5s',
  file: 'tests/fixtures/media/cap13-5s.png',
  url: cap13At5Url,
  width: 400,
  height: 300,
  // Eyes at y 157, ears at 185 (MoveNet); hair top at 90, chin at 245.
  faceCentre: { x: 203, y: 170 },
  headRadiusPx: 78,
  prepare: { kind: 'none' },
};

export const REAL_BASES: readonly RealBase[] = [SEATED, SEATED_FADED, CAP12_12S, CAP12_15S, CAP13_5S];

export interface RealCase {
  /** `<base>/<move>`. */
  id: string;
  base: string;
  /** What was done to the base picture, fully spelled out (pixels, degrees). */
  move: Move;
}

const NONE: Move = { kind: 'none' };
const translate = (dxPx: number, dyPx: number): Move => ({ kind: 'translate', dxPx, dyPx });
const centre = (b: RealBase): Point => ({ x: b.width / 2, y: b.height / 2 });
const zoom = (b: RealBase, scale: number): Move => ({ kind: 'zoom', scale, centre: centre(b) });
/** Where the hips would be: below the frame, under its centre. */
const hips = (b: RealBase): Point => ({ x: b.width / 2, y: b.height * 1.6 });
const rotate = (deg: number, pivot: Point): Move => ({ kind: 'rotate', deg, pivot });
const headZoom = (b: RealBase, scale: number): Move => ({
  kind: 'headZoom',
  scale,
  centre: b.faceCentre,
  innerRadiusPx: b.headRadiusPx,
  outerRadiusPx: Math.round(b.headRadiusPx * 1.3),
});
function shouldersOf(b: RealBase): NonNullable<RealBase['shoulders']> {
  if (!b.shoulders) throw new Error(`${b.id}: its shoulders are not measured`);
  return b.shoulders;
}
const squeeze = (b: RealBase, factor: number): Move => ({
  kind: 'squeezeShoulders',
  factor,
  centreX: shouldersOf(b).centreX,
  topY: shouldersOf(b).topY,
  blendPx: 20,
});
/** Moves in order; a head move goes first, on the picture its centre was measured on. */
const combine = (...moves: Move[]): Move => ({ kind: 'combine', moves });

function seatedCases(b: RealBase): RealCase[] {
  const c = (name: string, move: Move): RealCase => ({ id: `${b.id}/${name}`, base: b.id, move });
  return [
    c('none', NONE),
    c('sink-30', translate(0, 30)),
    c('sink-60', translate(0, 60)),
    c('rise-30', translate(0, -30)),
    c('slide-left-60', translate(-60, 0)),
    c('slide-right-60', translate(60, 0)),
    c('zoom-0.9', zoom(b, 0.9)),
    c('zoom-1.1', zoom(b, 1.1)),
    c('zoom-1.2', zoom(b, 1.2)),
    c('head-zoom-1.06', headZoom(b, 1.06)),
    c('head-zoom-1.12', headZoom(b, 1.12)),
    c('head-zoom-1.18', headZoom(b, 1.18)),
    c('lean-hips-4', rotate(4, hips(b))),
    c('lean-hips--4', rotate(-4, hips(b))),
    c('lean-hips-8', rotate(8, hips(b))),
    c('lean-hips--8', rotate(-8, hips(b))),
    c('rotate-centre-8', rotate(8, centre(b))),
    c('squeeze-0.95', squeeze(b, 0.95)),
    c('squeeze-0.92', squeeze(b, 0.92)),
    c('sink-30+head-zoom-1.12', combine(headZoom(b, 1.12), translate(0, 30))),
    c('lean-hips-4+slide-40', combine(rotate(4, hips(b)), translate(40, 0))),
    c('zoom-1.1+head-zoom-1.1', combine(headZoom(b, 1.1), zoom(b, 1.1))),
    // The right shoulder (image left) mostly below 0.3, the left one about 0.4.
    c('fade-shoulders', SEATED_FADED.prepare),
    // Both shoulders faint; now and then nobody is found.
    c('fade-shoulders-to-neck', { kind: 'fadeShoulders', strength: 1, boxes: shouldersOf(b).boxesToNeck }),
    // The shoulder joints (y 343-361) reach the bottom edge, then leave the frame by 30-50 px.
    c('shoulders-at-edge', translate(0, 125)),
    c('shoulders-out', translate(0, 170)),
  ];
}

function laptopCases(b: RealBase): RealCase[] {
  const c = (name: string, move: Move): RealCase => ({ id: `${b.id}/${name}`, base: b.id, move });
  return [
    c('none', NONE),
    c('slide-left-40', translate(-40, 0)),
    c('slide-right-40', translate(40, 0)),
    c('rise-20', translate(0, -20)),
    c('head-zoom-1.1', headZoom(b, 1.1)),
    c('rotate-centre-6', rotate(6, centre(b))),
    c('rotate-centre--6', rotate(-6, centre(b))),
    c('zoom-0.85', zoom(b, 0.85)),
  ];
}

export const REAL_CASES: readonly RealCase[] = [
  ...seatedCases(SEATED),
  { id: 'seated-faded/none', base: SEATED_FADED.id, move: NONE },
  ...laptopCases(CAP12_12S),
  ...laptopCases(CAP12_15S),
  ...laptopCases(CAP13_5S),
];

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

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
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
  if (o.reuseStillMs !== null) await client.api.setOptions({ reuseStillMs: o.reuseStillMs });

  const feed = async (pixels: ImageData, move: Move, jitterIndex: number): Promise<PostureFrameResult> => {
    const n = HELD_STILL_JITTER.length;
    const jitter = HELD_STILL_JITTER[((jitterIndex % n) + n) % n];
    const bitmap = bitmapOf(renderMove(pixels, move, jitter));
    clock += o.stepMs;
    const r = await client.processFrame(new VideoFrame(bitmap, { timestamp: clock * 1000 }), clock);
    bitmap.close();
    if (!r) throw new Error(`frame at ${clock} ms dropped (another was in flight)`);
    return r;
  };
  const resetCrop = async () => {
    await client.api.setOptions({ trackCrop: false });
    await client.api.setOptions({ trackCrop: true });
  };

  const calibrations: CalibrationRecord[] = [];
  const records: CaseRecord[] = [];
  const baseIds = [...new Set(cases.map((c) => c.base))];
  for (const baseId of baseIds) {
    const base = REAL_BASES.find((b) => b.id === baseId);
    if (!base) throw new Error(`unknown base ${baseId}`);
    const source = await loadBitmap(base.url);
    if (source.width !== base.width || source.height !== base.height) {
      throw new Error(`${base.file} is ${source.width}x${source.height}, not ${base.width}x${base.height}`);
    }
    const pixels = renderMove(pixelsOf(source), base.prepare);
    source.close();

    o.onProgress?.(`calibrate ${base.id}`);
    await client.api.setNeutral(null);
    await resetCrop();
    const durationMs = o.stepMs * (o.calibrationFrames - 1);
    await client.api.startCalibration(durationMs, null);
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
    if (!calibration.outcome.finished) await client.api.cancelCalibration();
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

async function loadBitmap(url: string): Promise<ImageBitmap> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return createImageBitmap(await res.blob());
}
