/**
 * The guided setup's framing check: from one frame's keypoints, whether the
 * picture lets knotless measure, and if not, what to change, in words a
 * person can act on. Pure.
 *
 * Distances assume a typical webcam (about 54° across) and a typical head
 * (ears about 14.5 cm apart): they only tell "much too close" and "much too
 * far", which is all framing needs.
 */
import { MIN_SCORE, keypoint, type Keypoint, type KeypointName, type PoseFrameResult } from '../../core/pose';

export type CheckId = 'person' | 'alone' | 'face' | 'shoulders' | 'centred' | 'distance' | 'light';

export interface Check {
  id: CheckId;
  ok: boolean;
  /** What is right, or what to change. */
  text: string;
}

export interface Framing {
  ready: boolean;
  checks: Check[];
}

/** Face points seen, on average, with less confidence than this: too dark or blurred to rely on. */
const CLEAR_FACE = 0.5;
/** Ears further apart than this share of the picture's width: nearer than about 40 cm. */
const TOO_CLOSE_SPAN = 0.35;
/** Ears nearer together than this share: further than about 1.4 m. */
const TOO_FAR_SPAN = 0.1;
/** The face's middle this far from the picture's middle (share of its width) is off-centre. */
const OFF_CENTRE = 0.2;
/** Shoulders within this share of the bottom or side edge are taken as cut by it. */
const EDGE = 0.04;

const FACE: readonly KeypointName[] = ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear'];

export function checkFraming(
  r: Pick<PoseFrameResult, 'pose' | 'frameWidth' | 'frameHeight' | 'people'>,
): Framing {
  const checks: Check[] = [];
  const add: Add = (id, ok, good, fix) => checks.push({ id, ok, text: ok ? good : fix });
  const pose = r.pose;
  add('person', pose != null, 'Someone is in view.', 'Nobody is in view: sit in front of the camera.');
  if (r.people != null) {
    add(
      'alone',
      r.people <= 1,
      'One person in view.',
      'More than one person is in view: only the person being coached should be in the picture.',
    );
  }
  if (!pose) return { ready: false, checks };
  const W = r.frameWidth;
  const H = r.frameHeight;
  const seen: Seen = (name) => {
    const k = keypoint(pose.keypoints, name);
    return k && k.score >= MIN_SCORE ? k : null;
  };
  const face = FACE.map(seen).filter((k): k is Keypoint => k != null);
  add(
    'face',
    face.length >= 4,
    'Your face is in view.',
    'Your face is not clear: face the camera, with your whole head in the picture.',
  );
  checkShoulders(add, pose, seen, W, H);
  checkPlace(add, seen, W);
  if (face.length > 0) {
    const mean = face.reduce((a, k) => a + k.score, 0) / face.length;
    add(
      'light',
      mean >= CLEAR_FACE,
      'Your face is clear enough.',
      'Your face is hard to make out: more light on your face, from in front, will help.',
    );
  }
  return { ready: checks.every((c) => c.ok), checks };
}

/** Adds one check: `good` when it is ok, else `fix`. */
type Add = (id: CheckId, ok: boolean, good: string, fix: string) => void;
/** A keypoint found with confidence, else null. */
type Seen = (name: KeypointName) => Keypoint | null;

/** Whether both shoulders are in the picture, and if not, whether its edge cuts them or they are too faint to make out. */
function checkShoulders(
  add: Add,
  pose: NonNullable<PoseFrameResult['pose']>,
  seen: Seen,
  W: number,
  H: number,
): void {
  const atEdge = (k: Keypoint) => k.yPx > H * (1 - EDGE) || k.xPx < W * EDGE || k.xPx > W * (1 - EDGE);
  const shoulders = (['right_shoulder', 'left_shoulder'] as const).map((name) => {
    const k = seen(name);
    const raw = keypoint(pose.keypoints, name);
    // Not found with confidence: beyond the picture if its guess is at the edge, else faint.
    return {
      side: name === 'right_shoulder' ? 'right' : 'left',
      k,
      problem: k ? (atEdge(k) ? 'cut' : null) : raw && !atEdge(raw) ? 'faint' : 'cut',
    };
  });
  const bad = shoulders.filter((s) => s.problem);
  const below = bad.some((s) => s.problem === 'cut' && (!s.k || s.k.yPx > H * (1 - EDGE)));
  const which = bad.length === 2 ? 'shoulders are' : `${bad[0]?.side} shoulder is`;
  add(
    'shoulders',
    bad.length === 0,
    'Both shoulders are in view.',
    bad.every((s) => s.problem === 'faint')
      ? `Your ${which} hard to make out: more light, or clothes that stand out from what is behind you, will help.`
      : below
        ? 'Your shoulders are below the picture: tilt the camera down a little, or sit a little further back.'
        : `Your ${which} cut by the side of the picture: move to the middle, or sit a little further back.`,
  );
}

/** Whether the face is roughly in the picture's middle, and at a usable distance (from the ears' span). */
function checkPlace(add: Add, seen: Seen, W: number): void {
  const le = seen('left_ear');
  const re = seen('right_ear');
  const centre = le && re ? (le.xPx + re.xPx) / 2 : (seen('nose')?.xPx ?? null);
  if (centre != null) {
    const off = centre / W - 0.5;
    // The camera sees a mirror image: a face on the picture's left is the person's right.
    add(
      'centred',
      Math.abs(off) <= OFF_CENTRE,
      'You are roughly in the middle.',
      `You are off to one side: move a little to your ${off < 0 ? 'left' : 'right'}, or turn the camera towards you.`,
    );
  }
  if (le && re) {
    const span = Math.abs(le.xPx - re.xPx) / W;
    add(
      'distance',
      span <= TOO_CLOSE_SPAN && span >= TOO_FAR_SPAN,
      'You are at a usable distance.',
      span > TOO_CLOSE_SPAN
        ? 'You are very close to the camera: sit back, or move the camera further away.'
        : 'You are far from the camera: come closer, or bring the camera nearer.',
    );
  }
}
