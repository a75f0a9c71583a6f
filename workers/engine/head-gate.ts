/**
 * The head tracker's half of the pose loop: a small face detector (the
 * short-range BlazeFace, 128 px input) runs on every sample, and the full
 * pose model only when the head has moved since the pose model last ran,
 * when the crop changed, or when that pose is older than a few seconds
 * (shoulders can move while the head stays put; they are looked at again
 * then). A held head gives back the last pose.
 *
 * What counts as moved is set by what the readings can afford (see
 * scripts/accuracy): the face's centre shifting by 2.5 % of its width (about
 * 4 mm on a 15 cm face), its size changing by 2 % (about 1.2 cm nearer or
 * further at 60 cm), or the line through the eyes turning by 1°.
 *
 * Pure: the detector's raw output, times and crops are passed in.
 */

/** Where the face detector found a face, in the frame's pixels. */
export interface Face {
  score: number;
  /** Box centre and size. */
  cxPx: number;
  cyPx: number;
  widthPx: number;
  heightPx: number;
  /** The person's right eye, left eye, nose tip, mouth centre, right ear, left ear (x, y pairs). */
  points: Float32Array;
}

export const FACE_POINTS = ['right_eye', 'left_eye', 'nose', 'mouth', 'right_ear', 'left_ear'] as const;

/** The detector's input side, pixels. */
export const FACE_INPUT_PX = 128;

/**
 * The anchor centres of the short-range detector, normalised to its input:
 * two per cell of a 16 x 16 grid, then six per cell of an 8 x 8 grid (896).
 */
export function faceAnchors(): Float32Array {
  const out = new Float32Array(896 * 2);
  let i = 0;
  for (const [grid, perCell] of [
    [16, 2],
    [8, 6],
  ] as const) {
    for (let y = 0; y < grid; y++)
      for (let x = 0; x < grid; x++)
        for (let k = 0; k < perCell; k++) {
          out[i++] = (x + 0.5) / grid;
          out[i++] = (y + 0.5) / grid;
        }
  }
  return out;
}

/** Values per anchor in the detector's output: a score logit, then box (4) and six points (12), in input pixels from the anchor. */
const PER_ANCHOR = 17;

/** Where the detector's input was cut from the frame (a square). */
export interface SquareCrop {
  xPx: number;
  yPx: number;
  sizePx: number;
}

/**
 * The most likely face in the detector's output `raw` ([896 x 17]), mapped
 * back to the frame through `crop`; null when none scores `minScore`.
 */
export function decodeFace(
  raw: ArrayLike<number>,
  anchors: Float32Array,
  crop: SquareCrop,
  minScore = 0.5,
): Face | null {
  const n = anchors.length / 2;
  if (raw.length !== n * PER_ANCHOR)
    throw new Error(`face detector: ${raw.length} values, expected ${n * PER_ANCHOR}`);
  let best = -1;
  let bestLogit = -Infinity;
  for (let a = 0; a < n; a++) {
    const logit = raw[a * PER_ANCHOR]!;
    if (logit > bestLogit) {
      bestLogit = logit;
      best = a;
    }
  }
  const score = 1 / (1 + Math.exp(-bestLogit));
  if (best < 0 || score < minScore) return null;
  const o = best * PER_ANCHOR + 1;
  const ax = anchors[best * 2]!;
  const ay = anchors[best * 2 + 1]!;
  const k = crop.sizePx / FACE_INPUT_PX;
  const x = (v: number) => crop.xPx + (ax * FACE_INPUT_PX + v) * k;
  const y = (v: number) => crop.yPx + (ay * FACE_INPUT_PX + v) * k;
  const points = new Float32Array(FACE_POINTS.length * 2);
  for (let p = 0; p < FACE_POINTS.length; p++) {
    points[p * 2] = x(raw[o + 4 + p * 2]!);
    points[p * 2 + 1] = y(raw[o + 5 + p * 2]!);
  }
  return {
    score,
    cxPx: x(raw[o]!),
    cyPx: y(raw[o + 1]!),
    widthPx: raw[o + 2]! * k,
    heightPx: raw[o + 3]! * k,
    points,
  };
}

export interface HeadMoveLimits {
  /** The face's centre (mean of its points) moving by this share of its width. */
  shift: number;
  /** Its width changing by this share. */
  resize: number;
  /** The line through the eyes turning by this much, degrees. */
  turnDeg: number;
}

export const DEFAULT_HEAD_MOVE: Readonly<HeadMoveLimits> = Object.freeze({
  shift: 0.025,
  resize: 0.02,
  turnDeg: 1,
});

/** The face's centre (mean of its six points), its width (the box's) and its eye line's angle. */
function facePlace(face: Face): { x: number; y: number; width: number; eyeDeg: number } {
  let x = 0;
  let y = 0;
  const n = FACE_POINTS.length;
  for (let p = 0; p < n; p++) {
    x += face.points[p * 2]!;
    y += face.points[p * 2 + 1]!;
  }
  const eyeDeg =
    (Math.atan2(face.points[3]! - face.points[1]!, face.points[2]! - face.points[0]!) * 180) / Math.PI;
  return { x: x / n, y: y / n, width: face.widthPx, eyeDeg };
}

/** Whether the head moved from `before` to `now` by more than `limits` allow. */
export function headMoved(
  before: Face,
  now: Face,
  limits: Readonly<HeadMoveLimits> = DEFAULT_HEAD_MOVE,
): boolean {
  const a = facePlace(before);
  const b = facePlace(now);
  if (!(a.width > 0 && b.width > 0)) return true;
  let turn = Math.abs(b.eyeDeg - a.eyeDeg);
  if (turn > 180) turn = 360 - turn;
  return (
    Math.hypot(b.x - a.x, b.y - a.y) > limits.shift * a.width ||
    Math.abs(b.width - a.width) > limits.resize * a.width ||
    turn > limits.turnDeg
  );
}

/**
 * Keeps the face seen when the pose model last ran (the key) and says
 * whether the pose it gave still holds for a new face. Faces are looked for
 * in a square kept in place while the face stays well inside it, so that
 * the faces compared were found in the same square.
 */
export class HeadGate<T> {
  private key: { face: Face; crop: SquareCrop; faceCrop: SquareCrop; tMs: number; result: T } | null = null;
  private faceSquare: SquareCrop | null = null;

  constructor(private readonly limits: Readonly<HeadMoveLimits> = DEFAULT_HEAD_MOVE) {}

  /** Where to look for the face next; null: nowhere known yet (look in the pose model's crop). */
  get faceCrop(): SquareCrop | null {
    return this.faceSquare;
  }

  /**
   * The key's result when `face` (found at `tMs` in `faceCrop`, the pose
   * model's crop being `crop`) is where the key's face was, both crops are
   * the key's and the key is younger than `maxAgeMs`; otherwise null: run
   * the model.
   */
  reuse(face: Face | null, crop: SquareCrop, faceCrop: SquareCrop, tMs: number, maxAgeMs: number): T | null {
    this.faceSquare = nextFaceCrop(this.faceSquare, face);
    const key = this.key;
    if (!key || !face || maxAgeMs <= 0) return null;
    if (tMs < key.tMs || tMs - key.tMs >= maxAgeMs) return null;
    if (!sameSquare(key.crop, crop) || !sameSquare(key.faceCrop, faceCrop)) return null;
    return headMoved(key.face, face, this.limits) ? null : key.result;
  }

  /** The model ran on the frame where `face` was found in `faceCrop` (null: no face, nothing to key on). */
  ran(face: Face | null, crop: SquareCrop, faceCrop: SquareCrop, tMs: number, result: T): void {
    this.key = face ? { face, crop: { ...crop }, faceCrop: { ...faceCrop }, tMs, result } : null;
  }

  forget(): void {
    this.key = null;
    this.faceSquare = null;
  }
}

/** The face's box is this share of the square the detector looks at next. */
const FACE_IN_CROP = 0.4;

/**
 * The square to look for the face in next: `current` while `face` sits well
 * inside it (so that faces compared were found in the same square), else a
 * new one centred on the face, the face a good part of it.
 */
export function nextFaceCrop(current: SquareCrop | null, face: Face | null): SquareCrop | null {
  if (!face) return null;
  const sizePx = face.widthPx / FACE_IN_CROP;
  if (current) {
    const dx = face.cxPx - (current.xPx + current.sizePx / 2);
    const dy = face.cyPx - (current.yPx + current.sizePx / 2);
    if (
      Math.hypot(dx, dy) <= 0.1 * current.sizePx &&
      Math.abs(sizePx - current.sizePx) <= 0.15 * current.sizePx
    )
      return current;
  }
  return { xPx: face.cxPx - sizePx / 2, yPx: face.cyPx - sizePx / 2, sizePx };
}

function sameSquare(a: SquareCrop, b: SquareCrop): boolean {
  return (
    Math.abs(a.xPx - b.xPx) < 0.01 && Math.abs(a.yPx - b.yPx) < 0.01 && Math.abs(a.sizePx - b.sizePx) < 0.01
  );
}
