/**
 * Runs a rig case through the app's posture tracker, as the worker would:
 * five seconds of calibration at 15 frames a second while the person sits
 * upright (with the small sway of someone holding still), half a minute of
 * ordinary work at 5 frames a second (facing the screen, now and then
 * glancing aside or down for a second or two), then twelve seconds of the
 * moved posture. The reading is the median of its last ten seconds (given
 * only when known in at least 80 % of those frames, score.ts readingOver):
 * what the app has seen of a posture a third of the way to its alert.
 */
import { PostureTracker } from '../../src/core/posture/tracker';
import { GUIDED_STEPS } from '../../src/core/posture/guided';
import { METRIC_KEYS, type MetricKey } from '../../src/core/posture/metrics/metric';
import { shouldersBelowLevelDeg, type RigCase } from './cases';
import { NO_MOVE, pose, type Moves } from './person';
import { detect, project } from './scene';
import { truthOf, type Truth } from './truth';
import { BOUNDED, readingOver, type Reading, type Scored } from '../accuracy/score';
import { Draw } from './space';

export interface RigResult {
  case: RigCase;
  truth: Truth;
  calibration: { ok: boolean; message: string | null; warnings: string[] };
  /** Each metric over the counted held frames (score.ts readingOver). */
  readings: Record<MetricKey, Reading>;
  /** A shoulder beyond or at the picture's edge, found only faintly, or a camera at the shoulders' height, upright or moved (see shoulderTrouble). */
  shouldersCutOrFaint: boolean;
  /** A face point at or beyond the picture's edge (4 %), upright or moved. */
  headAtEdge: boolean;
}

const CALIBRATION_FRAMES = 75;
const CALIBRATION_STEP_MS = 1000 / 15;
const WORK_FRAMES = 150;
const HELD_FRAMES = 60;
const HELD_STEP_MS = 200;
const COUNTED = 50;

/** A person holding still is not a statue: a few millimetres and a degree or so, frame to frame. */
function sway(m: Moves, d: Draw): Moves {
  return {
    ...m,
    headForwardCm: m.headForwardCm + 0.1 * d.normal(),
    headTurnDeg: m.headTurnDeg + 0.6 * d.normal(),
    headTiltDeg: m.headTiltDeg + 0.3 * d.normal(),
    lookDownDeg: m.lookDownDeg + 0.6 * d.normal(),
    sinkCm: m.sinkCm + 0.1 * d.normal(),
    slideCm: m.slideCm + 0.15 * d.normal(),
  };
}

/**
 * Whether the setup hides what the shoulders' readings need: a shoulder at
 * or beyond the picture's edge (within 8 % of it: a pose model pins a point
 * that left the picture a few per cent inside), found faintly, or a camera
 * at the shoulders' height (seen within 8° of level, the shoulders' depth
 * does not move them in the picture, so rounding cannot be told from the
 * trunk moving away).
 */
function shoulderTrouble(c: RigCase, moves: Moves): boolean {
  const { camera, build, seat, detector } = c.setup;
  if (detector.shoulderScore < 0.4) return true;
  const body = pose(build, moves, seat);
  const m = 0.08 * Math.min(camera.widthPx, camera.heightPx);
  const cut = (['left_shoulder', 'right_shoulder'] as const).some((n) => {
    const { xPx, yPx } = project(camera, body.seen[n]);
    return !(xPx > m && xPx < camera.widthPx - m && yPx > m && yPx < camera.heightPx - m);
  });
  const belowLevelDeg = shouldersBelowLevelDeg(camera, body);
  return cut || belowLevelDeg < 8;
}

function headAtEdge(c: RigCase, moves: Moves): boolean {
  const { camera, build, seat } = c.setup;
  const body = pose(build, moves, seat);
  const m = 0.04 * Math.min(camera.widthPx, camera.heightPx);
  return (['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear'] as const).some((n) => {
    const { xPx, yPx } = project(camera, body.seen[n]);
    return !(xPx > m && xPx < camera.widthPx - m && yPx > m && yPx < camera.heightPx - m);
  });
}

/**
 * What the person does during the guided moves, `tMs` after they began
 * (GUIDED_STEPS: look at the screen's left edge, its right edge, the
 * keyboard, then the chin forward and back), each move made within 0.6 s.
 */
function guidedMove(tMs: number): Moves {
  let start = 0;
  for (const step of GUIDED_STEPS) {
    const into = tMs - start;
    start += step.durationMs;
    if (into >= step.durationMs) continue;
    const ramp = Math.min(1, into / 600);
    if (step.id === 'left') return { ...NO_MOVE, headTurnDeg: -25 * ramp };
    if (step.id === 'right') return { ...NO_MOVE, headTurnDeg: 25 * ramp };
    if (step.id === 'down') return { ...NO_MOVE, lookDownDeg: 25 * ramp };
    // The chin forward for the first half, then drawn back.
    const half = step.durationMs / 2;
    return { ...NO_MOVE, headForwardCm: into < half ? 4 * ramp : -2 * Math.min(1, (into - half) / 600) };
  }
  return NO_MOVE;
}

/** Runs a case; `guided` false calibrates with the still part alone (as analyzing a recording does). */
export function runCase(c: RigCase, guided = true): RigResult {
  const { camera, build, seat, detector } = c.setup;
  const d = new Draw(c.seed);
  const tracker = new PostureTracker({
    fovDeg: c.assumedFovDeg,
    knownEyeDistanceCm: c.knownEyeDistanceCm ?? null,
  });
  const frame = (tMs: number, moves: Moves) =>
    tracker.update({
      tMs,
      frameWidth: camera.widthPx,
      frameHeight: camera.heightPx,
      keypoints: detect(pose(build, sway(moves, d), seat), camera, detector, d),
      people: 1,
    });

  tracker.startCalibration(
    (CALIBRATION_FRAMES - 1) * CALIBRATION_STEP_MS,
    null,
    guided ? GUIDED_STEPS : null,
  );
  let calibration: RigResult['calibration'] = { ok: false, message: 'did not finish', warnings: [] };
  const guidedMs = guided ? GUIDED_STEPS.reduce((t, s) => t + s.durationMs, 0) + 500 : 0;
  const frames = CALIBRATION_FRAMES + Math.ceil(guidedMs / CALIBRATION_STEP_MS);
  for (let i = 0; i < frames; i++) {
    const tMs = i * CALIBRATION_STEP_MS;
    const s = frame(
      tMs,
      i < CALIBRATION_FRAMES ? NO_MOVE : guidedMove(tMs - CALIBRATION_FRAMES * CALIBRATION_STEP_MS),
    );
    if (s.calibration?.state === 'finished') {
      const o = s.calibration.outcome;
      calibration = o.ok
        ? { ok: true, message: null, warnings: [...((o.neutral as { warnings?: string[] }).warnings ?? [])] }
        : { ok: false, message: o.message, warnings: [] };
    }
  }
  let t = frames * CALIBRATION_STEP_MS + 1500;
  for (const moves of ordinaryWork(d)) {
    frame(t, moves);
    t += HELD_STEP_MS;
  }
  const start = t + 1500;
  const held = new Map<MetricKey, { value: number | null; reason: string | null }[]>(
    METRIC_KEYS.map((key) => [key, []]),
  );
  for (let i = 0; i < HELD_FRAMES; i++) {
    const s = frame(start + i * HELD_STEP_MS, c.moves);
    if (i < HELD_FRAMES - COUNTED) continue;
    for (const key of METRIC_KEYS)
      held.get(key)!.push({ value: s.metrics[key], reason: s.reasons[key] ?? null });
  }
  const readings = Object.fromEntries(METRIC_KEYS.map((key) => [key, readingOver(held.get(key)!)])) as Record<
    MetricKey,
    Reading
  >;
  return {
    case: c,
    truth: truthOf(pose(build, NO_MOVE, seat), pose(build, c.moves, seat), camera),
    calibration,
    readings,
    shouldersCutOrFaint: shoulderTrouble(c, NO_MOVE) || shoulderTrouble(c, c.moves),
    headAtEdge: headAtEdge(c, NO_MOVE) || headAtEdge(c, c.moves),
  };
}

/** A rig result as the accuracy bounds see it. */
export function toScored(r: RigResult): Scored {
  return {
    id: r.case.id,
    truth: r.truth,
    readings: Object.fromEntries(BOUNDED.map((k) => [k, r.readings[k]])) as Scored['readings'],
    shoulderTrouble: r.shouldersCutOrFaint,
    headTrouble: r.headAtEdge,
  };
}

/**
 * Half a minute of work after calibrating: mostly facing the screen, with a
 * glance aside (a turn of 12-30°) or down (a nod of 8-25°), or the head
 * leaning in to read (1.5-4 cm), every few seconds, each held for a second
 * or two. One posture per frame.
 */
function ordinaryWork(d: Draw): Moves[] {
  const out: Moves[] = [];
  while (out.length < WORK_FRAMES) {
    for (let i = Math.round(d.between(8, 15)); i > 0; i--) out.push(NO_MOVE);
    const kind = d.between(0, 1);
    const glance: Moves =
      kind < 0.45
        ? { ...NO_MOVE, headTurnDeg: (d.chance(0.5) ? 1 : -1) * d.between(12, 30) }
        : kind < 0.7
          ? { ...NO_MOVE, lookDownDeg: d.between(8, 25) }
          : { ...NO_MOVE, headForwardCm: d.between(1.5, 4) };
    for (let i = Math.round(d.between(5, 10)); i > 0; i--) out.push(glance);
  }
  return out.slice(0, WORK_FRAMES);
}
