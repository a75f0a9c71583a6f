/**
 * Distance to the screen, cm, from the face's size: the depth of the eyes,
 * taken as the head's depth (head-pose.ts, from the ear and eye spacing)
 * less the eyes' typical 8 cm in front of the ear line. The camera is taken
 * to be at the screen.
 *
 * The metric is the change from neutral (negative is nearer); the absolute
 * distance is `screenDistanceCm`, as good as the assumed head size and field
 * of view (within about 10%).
 */
import { EYE_AHEAD_CM } from '../body';
import { headDepthDoubt, type FrameGeometry } from '../geometry';
import { known, unknown, type Reading } from '../reading';
import { REASONS } from '../reasons';
import { difference, type MetricDef } from './metric';

export function screenDistanceCm(g: FrameGeometry): Reading {
  return g.head ? known(g.head.center.z - EYE_AHEAD_CM) : unknown(g.headReason ?? REASONS.nobody);
}

export const distance: MetricDef = {
  key: 'distanceCm',
  feature(g) {
    const doubt = headDepthDoubt(g, 3);
    return doubt ? unknown(doubt) : screenDistanceCm(g);
  },
  deviation: difference,
};
