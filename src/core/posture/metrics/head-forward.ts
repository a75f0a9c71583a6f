/**
 * Head-forward offset, cm: how much further in front of the trunk the head is
 * than in the calibrated neutral.
 *
 * A front camera cannot see the neck's angle. It sees the head grow while
 * the shoulders do not, so the offset is a difference of two depths:
 * - the head's depth, from its size (head-pose.ts: the ear-to-ear and
 *   eye-to-eye spacing against their typical 14.5 cm and 6.3 cm, through a
 *   pinhole camera whose focal length follows from the assumed field of view);
 * - the trunk's depth at shoulder level, from the shoulders (shoulders.ts:
 *   their span against the width measured at calibration, or their height
 *   below the camera, whichever reads nearer).
 * Calibration assumes the ears are straight above the shoulder points when
 * sitting upright, which is what fixes this person's shoulder width and
 * height in centimetres.
 *
 * When the shoulder blades glide forward (rounded shoulders) the shoulder
 * points come forward too, about as far as they move in (PROTRACTION_FORWARD
 * _PER_INWARD); that much is added back so that rounding the shoulders does
 * not read as the head moving back.
 *
 * Assumptions: the camera sits still on or near the screen; the field of view
 * is right (a 10% error in it scales the offset by 10%); the person's head is
 * of typical size (the same scaling). Held still for a second (30 frames with
 * 1.5 px of keypoint noise) the offset is within 1 cm of the truth at 50-90 cm
 * (tests/unit/core/posture/rig.test.ts).
 */
import { known, unknown } from '../reading';
import { difference, type MetricDef } from './metric';

export const PROTRACTION_FORWARD_PER_INWARD = 1;

export const headForward: MetricDef = {
  key: 'headForwardCm',
  feature(g, scale) {
    if (!g.head) return unknown(g.headReason ?? 'no head');
    if (!g.shoulders) return unknown(g.shouldersReason ?? 'no shoulders');
    const inward = scale.shoulderHalfWidthCm - g.shoulders.halfWidthCm;
    const trunkDepth = g.shoulders.mid.z + PROTRACTION_FORWARD_PER_INWARD * inward;
    return known(trunkDepth - g.head.center.z);
  },
  deviation: difference,
};
