/**
 * Head-forward offset, cm: how much further in front of the trunk the head is
 * than in the calibrated neutral.
 *
 * A front camera cannot see the neck's angle. It sees the head grow while
 * the shoulders do not, so the offset is a difference of two depths:
 * - the head's depth, from its size (head-pose.ts: the ear-to-ear and
 *   eye-to-eye spacing against their typical 14.5 cm and 6.3 cm, through a
 *   pinhole camera whose focal length follows from the field of view);
 * - the trunk's depth at shoulder level (trunk.ts: from the shoulders' span
 *   and from where they sit under the head, whichever the evidence backs).
 * Rounded shoulders come forward as they come in
 * (ROUNDING_FORWARD_PER_INWARD); that much is added back, so that rounding
 * does not read as the head moving back.
 *
 * Unknown, with the reason, when the evidence cannot tell a forward head
 * from rounded shoulders (trunk.ts says when).
 *
 * Scale: the offset is a depth, so it scales with the assumed head size and
 * field of view (a person whose head is 10 % wider than typical, or a field
 * of view that is 10 % too narrow, reads about 10 % more). The accuracy
 * report (`npm run accuracy`) measures it.
 */
import { ROUNDING_FORWARD_PER_INWARD } from '../body';
import { known, unknown } from '../reading';
import { REASONS } from '../reasons';
import { headDepthDoubt } from '../geometry';
import { difference, type MetricDef } from './metric';

export const headForward: MetricDef = {
  key: 'headForwardCm',
  feature(g, scale) {
    if (!g.head) return unknown(g.headReason ?? REASONS.nobody);
    if (!g.trunk) return unknown(g.trunkReason ?? REASONS.shouldersOutOfPicture);
    if (g.trunk.forwardReason) return unknown(g.trunk.forwardReason);
    const doubt = headDepthDoubt(g, 1);
    if (doubt) return unknown(doubt);
    const inward = scale.shoulderHalfWidthCm - g.trunk.halfWidthCm;
    return known(g.trunk.mid.z + ROUNDING_FORWARD_PER_INWARD * inward - g.head.center.z);
  },
  deviation: difference,
};
