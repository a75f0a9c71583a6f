/**
 * The recorded real-footage run as a compact file
 * (tests/fixtures/real-footage.keypoints.json): only what replaying it
 * through the posture tracker needs, the frames' sizes, times, raw
 * keypoints and people counts, in the order the worker saw them, with each
 * segment's base and move. Pixels are rounded to 0.1, scores to 0.001.
 *
 * Replay (see `replay`): one tracker for the whole file; a calibration
 * segment forgets the neutral and starts a calibration of `durationMs`
 * before its frames (its last frame ends it); a case's frames follow, the
 * first `warmupFrames` of them not counted.
 *
 * Pure data and functions: usable in Node as in the browser.
 */
import { KEYPOINT_NAMES, type FaceLandmarks, type Keypoint } from '../../src/core/pose';
import type { Move } from './transforms';
import type { RealFootageRun, RecordedFrame } from './real-footage';

export const FIXTURE_FORMAT = 'knotless-real-footage-keypoints/1';

/**
 * [time ms, people counted (null: no count), [x, y, score] x 17 in KEYPOINT_NAMES order, flat (null:
 * nobody), and optionally the face detector's [score, x, y x 6 in FACE_POINTS order] (null: none)].
 */
export type FixtureFrame =
  | [tMs: number, people: number | null, keypoints: number[] | null]
  | [tMs: number, people: number | null, keypoints: number[] | null, face: number[] | null];

export type FixtureSegment =
  | {
      kind: 'calibration';
      base: string;
      /** What was done to the base picture before anything (calibration included). */
      prepare: Move;
      frameWidth: number;
      frameHeight: number;
      durationMs: number;
      /** What the worker's tracker decided, for reference. */
      outcome: { ok: boolean; reason?: string };
      frames: FixtureFrame[];
    }
  | {
      kind: 'case';
      id: string;
      base: string;
      move: Move;
      frameWidth: number;
      frameHeight: number;
      /** The first frames, not counted. */
      warmupFrames: number;
      frames: FixtureFrame[];
    };

export interface KeypointsFixture {
  format: typeof FIXTURE_FORMAT;
  about: string;
  engine: { engine: string; backend: string; inputPx: number | null };
  /** Time between frames, ms: more than the smoothing's reset, so every frame is read as new. */
  stepMs: number;
  keypointNames: readonly string[];
  segments: FixtureSegment[];
}

const round = (v: number, places: number) => {
  const f = 10 ** places;
  return Math.round(v * f) / f;
};

function frameOf(f: RecordedFrame): FixtureFrame {
  const flat = f.keypoints
    ? KEYPOINT_NAMES.flatMap((name) => {
        const k = f.keypoints!.find((p) => p.name === name);
        if (!k) throw new Error(`keypoint ${name} missing at ${f.tMs} ms`);
        return [round(k.xPx, 1), round(k.yPx, 1), round(k.score, 3)];
      })
    : null;
  if (f.face === undefined) return [f.tMs, f.people, flat];
  const face = f.face ? [round(f.face.score, 3), ...f.face.points.map((v) => round(v, 1))] : null;
  return [f.tMs, f.people, flat, face];
}

function sizeOf(frames: readonly RecordedFrame[]): { frameWidth: number; frameHeight: number } {
  const first = frames[0];
  if (!first) throw new Error('a segment without frames');
  if (frames.some((f) => f.frameWidth !== first.frameWidth || f.frameHeight !== first.frameHeight)) {
    throw new Error('frames of one segment differ in size');
  }
  return { frameWidth: first.frameWidth, frameHeight: first.frameHeight };
}

/** The run as a fixture, segments in the order they ran. */
export function toFixture(
  run: RealFootageRun,
  engine: KeypointsFixture['engine'],
  stepMs: number,
  about: string,
): KeypointsFixture {
  const segments: FixtureSegment[] = [];
  for (const cal of run.calibrations) {
    const { ok, reason } = cal.outcome;
    segments.push({
      kind: 'calibration',
      base: cal.base,
      prepare: cal.prepare,
      ...sizeOf(cal.frames),
      durationMs: cal.durationMs,
      outcome: reason ? { ok, reason } : { ok },
      frames: cal.frames.map(frameOf),
    });
    for (const c of run.cases.filter((k) => k.base === cal.base)) {
      segments.push({
        kind: 'case',
        id: c.id,
        base: c.base,
        move: c.move,
        ...sizeOf(c.frames),
        warmupFrames: c.frames.filter((f) => f.warmup).length,
        frames: c.frames.map(frameOf),
      });
    }
  }
  return { format: FIXTURE_FORMAT, about, engine, stepMs, keypointNames: KEYPOINT_NAMES, segments };
}

/** JSON with one frame a line: compact, and a change of one frame is a change of one line. */
export function fixtureText(fixture: KeypointsFixture): string {
  const { segments, ...top } = fixture;
  const lines = segments.map((s) => {
    const { frames, ...head } = s;
    const rows = frames.map((f) => JSON.stringify(f)).join(',\n');
    return `${JSON.stringify(head).slice(0, -1)},"frames":[\n${rows}\n]}`;
  });
  return `${JSON.stringify(top).slice(0, -1)},"segments":[\n${lines.join(',\n')}\n]}\n`;
}

export interface ReplayInput {
  tMs: number;
  frameWidth: number;
  frameHeight: number;
  keypoints: Keypoint[] | null;
  people: number | null;
  face: FaceLandmarks | null;
}

/** A segment's frames as the tracker's input. */
export function segmentInputs(segment: FixtureSegment): ReplayInput[] {
  const { frameWidth, frameHeight } = segment;
  return segment.frames.map(([tMs, people, flat, face]) => ({
    tMs,
    frameWidth,
    frameHeight,
    people,
    face: face ? { score: face[0]!, points: face.slice(1) } : null,
    keypoints: flat
      ? KEYPOINT_NAMES.map((name, i): Keypoint => {
          const xPx = flat[i * 3] ?? 0;
          const yPx = flat[i * 3 + 1] ?? 0;
          return {
            name,
            xPx,
            yPx,
            xNorm: xPx / frameWidth,
            yNorm: yPx / frameHeight,
            score: flat[i * 3 + 2] ?? 0,
          };
        })
      : null,
  }));
}

/** What replay needs of a tracker (src/core/posture/tracker.ts's PostureTracker has it). */
export interface ReplayTracker<S> {
  setNeutral(neutral: null): void;
  startCalibration(durationMs: number, camera: null): void;
  update(input: ReplayInput): S;
}

/** Every segment's frames through one tracker, as the worker ran them; returns each segment's samples. */
export function replay<S>(
  fixture: KeypointsFixture,
  tracker: ReplayTracker<S>,
): { segment: FixtureSegment; samples: S[] }[] {
  return fixture.segments.map((segment) => {
    if (segment.kind === 'calibration') {
      tracker.setNeutral(null);
      tracker.startCalibration(segment.durationMs, null);
    }
    return { segment, samples: segmentInputs(segment).map((input) => tracker.update(input)) };
  });
}

/** What replayRun needs of a tracker's sample (PostureTracker's PostureSample has it). */
export interface ReplaySample {
  metrics: Record<string, number | null>;
  reasons: Partial<Record<string, string>>;
  screenDistanceCm: number | null;
  calibration: {
    state: string;
    outcome?: { ok: boolean; reason?: string; message?: string; neutral?: unknown };
  } | null;
}

/**
 * The fixture replayed through `tracker` as a run of the real cases: what
 * the geometry of today reads from the keypoints the model gave then, in
 * the shape scoreRealRun (real-truth.ts) scores.
 */
export function replayRun<S extends ReplaySample>(
  fixture: KeypointsFixture,
  tracker: ReplayTracker<S>,
): Pick<RealFootageRun, 'calibrations' | 'cases'> {
  const calibrations: RealFootageRun['calibrations'] = [];
  const cases: RealFootageRun['cases'] = [];
  for (const { segment, samples } of replay(fixture, tracker)) {
    const inputs = segmentInputs(segment);
    const frames = samples.map((s, i): RecordedFrame => {
      const reasons: Record<string, string> = {};
      for (const [k, v] of Object.entries(s.reasons)) if (v) reasons[k] = v;
      return {
        ...inputs[i]!,
        reused: false,
        warmup: segment.kind === 'case' && i < segment.warmupFrames,
        metrics: { ...s.metrics },
        reasons,
        screenDistanceCm: s.screenDistanceCm,
      };
    });
    if (segment.kind === 'calibration') {
      const done = samples.find((s) => s.calibration?.state === 'finished')?.calibration?.outcome;
      calibrations.push({
        base: segment.base,
        prepare: segment.prepare,
        durationMs: segment.durationMs,
        frames,
        outcome: done ? { finished: true, ...done } : { finished: false, ok: false },
      });
    } else {
      const ok = calibrations.find((c) => c.base === segment.base)?.outcome.ok ?? false;
      cases.push({
        id: segment.id,
        base: segment.base,
        move: segment.move,
        calibrated: ok,
        frames,
        medians: {},
        nullReasons: {},
      });
    }
  }
  return { calibrations, cases };
}
