/**
 * How bad each posture problem is in one posture sample, against the
 * thresholds in force: a level per problem and, for sided problems, the
 * side (the person's own; positive metrics are towards their right).
 *
 * - forwardHead: headForwardCm.
 * - roundedShoulders: shoulderRoundingPct.
 * - tilt: the worst of shoulderTiltDeg and headRollDeg (against tiltDeg)
 *   and headShiftPct (a lean at the hips, against leanPct).
 * - twist: the worst of headYawDeg (against headTurnDeg) and trunkYawDeg
 *   (against trunkTwistDeg). Trunk twist counts only while the body is not
 *   leaning: its cue (the shoulders' lopsidedness about the neck) also moves
 *   when the head swings sideways in a lean, so a lean would read as twist.
 * - tooClose: distanceCm nearer than neutral (negative) by tooCloseCm.
 * - frozen: stillness at or above frozenStillness.
 *
 * A problem is 'bad' at its threshold, 'good' below EXIT_SHARE of it,
 * 'between' in the gap (the hysteresis band), 'unknown' when none of its
 * metrics could be read.
 */
import type { PostureSample } from '../posture/tracker';
import type { ProblemId, Side } from './problems';
import type { Level } from './problem-timer';
import type { Thresholds } from './settings';

/** A problem clears below this share of its threshold. */
const EXIT_SHARE = 0.6;
/** Stillness must fall this far below the frozen threshold to clear. */
const FROZEN_EXIT_DROP = 0.15;

export interface ProblemLevel {
  level: Level;
  side: Side | null;
  /** How far along: the worst metric as a share of its threshold (1 = at the threshold). */
  share: number | null;
}

type Part = readonly [value: number | null, threshold: number];

/** The worst of several signed readings, each against its own threshold. */
function worst(parts: readonly Part[], sided: boolean): ProblemLevel {
  let best: { share: number; sign: number } | null = null;
  for (const [v, threshold] of parts) {
    if (v == null) continue;
    const share = (sided ? Math.abs(v) : v) / threshold;
    if (!best || share > best.share) best = { share, sign: Math.sign(v) };
  }
  if (!best) return { level: 'unknown', side: null, share: null };
  const level: Level = best.share >= 1 ? 'bad' : best.share < EXIT_SHARE ? 'good' : 'between';
  const side: Side | null = sided && level !== 'good' ? (best.sign >= 0 ? 'right' : 'left') : null;
  return { level, side, share: best.share };
}

export function levelsOf(
  sample: Pick<PostureSample, 'metrics' | 'stillness'>,
  t: Thresholds,
): Record<Exclude<ProblemId, 'sittingTooLong'>, ProblemLevel> {
  const m = sample.metrics;
  const still = sample.stillness;
  const frozen: ProblemLevel =
    still == null
      ? { level: 'unknown', side: null, share: null }
      : {
          level:
            still >= t.frozenStillness
              ? 'bad'
              : still < t.frozenStillness - FROZEN_EXIT_DROP
                ? 'good'
                : 'between',
          side: null,
          share: still / t.frozenStillness,
        };
  const tilt = worst(
    [
      [m.shoulderTiltDeg, t.tiltDeg],
      [m.headRollDeg, t.tiltDeg],
      [m.headShiftPct, t.leanPct],
    ],
    true,
  );
  const leaning = tilt.level === 'bad' || tilt.level === 'between';
  return {
    forwardHead: worst([[m.headForwardCm, t.forwardHeadCm]], false),
    roundedShoulders: worst([[m.shoulderRoundingPct, t.roundedShouldersPct]], false),
    tilt,
    twist: worst(
      [
        [m.headYawDeg, t.headTurnDeg],
        [leaning ? null : m.trunkYawDeg, t.trunkTwistDeg],
      ],
      true,
    ),
    tooClose: worst([[m.distanceCm == null ? null : -m.distanceCm, t.tooCloseCm]], false),
    frozen,
  };
}
