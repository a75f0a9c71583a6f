/**
 * Distance to the screen, cm, from the face's size: the depth of the eyes,
 * from the head's place (head-pose.ts, from the ear and eye spacing) and its
 * turn: the eyes sit a typical 8 cm in front of the ear line, so a head
 * turned aside takes them a little further away. The camera is taken to be
 * at the screen.
 *
 * The metric is the change from neutral (negative is nearer); the absolute
 * distance is `screenDistanceCm`, as good as the assumed head size and field
 * of view (within about 10%).
 */
import { EYE_AHEAD_CM, rotate } from '../body';
import { headDepthDoubt, type FrameGeometry } from '../geometry';
import { known, unknown, type Reading } from '../reading';
import { REASONS } from '../reasons';
import { difference, type MetricDef } from './metric';

export function screenDistanceCm(g: FrameGeometry): Reading {
  if (!g.head) return unknown(g.headReason ?? REASONS.nobody);
  const eyes = rotate({ x: 0, y: 0, z: -EYE_AHEAD_CM }, g.head);
  return known(g.head.center.z + eyes.z);
}

export const distance: MetricDef = {
  key: 'distanceCm',
  feature(g) {
    const doubt = headDepthDoubt(g, 3);
    return doubt ? unknown(doubt) : screenDistanceCm(g);
  },
  deviation: difference,
};
