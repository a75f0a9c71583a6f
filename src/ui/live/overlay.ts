/** Draws the skeleton over the preview. Nothing is drawn while the page is hidden. */
import { MIN_SCORE, keypoint, type KeypointName, type PoseFrameResult } from '../../core/pose';

const BONES: readonly [KeypointName, KeypointName][] = [
  ['left_ear', 'left_eye'],
  ['left_eye', 'nose'],
  ['nose', 'right_eye'],
  ['right_eye', 'right_ear'],
  ['left_shoulder', 'right_shoulder'],
  ['left_shoulder', 'left_elbow'],
  ['left_elbow', 'left_wrist'],
  ['right_shoulder', 'right_elbow'],
  ['right_elbow', 'right_wrist'],
  ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_hip'],
  ['left_hip', 'right_hip'],
];

/** What each canvas shows now, so that the same pose is not drawn again (a still picture's pose comes back unchanged). */
const shown = new WeakMap<HTMLCanvasElement, { key: string; drawn: number }>();

function poseKey(result: PoseFrameResult): string {
  const kps = result.pose?.keypoints ?? [];
  return `${result.frameWidth}x${result.frameHeight}:${kps.map((k) => (k.score < MIN_SCORE ? '-' : `${k.xPx.toFixed(1)},${k.yPx.toFixed(1)}`)).join(';')}`;
}

/**
 * Draws the pose on `canvas` (sized to the frame) and returns how many
 * keypoints were drawn; the count is also left in `data-keypoints`.
 */
export function drawPose(canvas: HTMLCanvasElement, result: PoseFrameResult): number {
  const key = poseKey(result);
  const same = shown.get(canvas);
  if (same?.key === key) return same.drawn;
  if (canvas.width !== result.frameWidth || canvas.height !== result.frameHeight) {
    canvas.width = result.frameWidth;
    canvas.height = result.frameHeight;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const kps = result.pose?.keypoints ?? [];
  const unit = Math.max(2, canvas.width / 160);
  ctx.lineWidth = unit;
  ctx.lineCap = 'round';
  ctx.strokeStyle = 'rgba(80, 220, 160, 0.9)';
  for (const [a, b] of BONES) {
    const p = keypoint(kps, a);
    const q = keypoint(kps, b);
    if (!p || !q || p.score < MIN_SCORE || q.score < MIN_SCORE) continue;
    ctx.beginPath();
    ctx.moveTo(p.xPx, p.yPx);
    ctx.lineTo(q.xPx, q.yPx);
    ctx.stroke();
  }
  let drawn = 0;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.95)';
  for (const k of kps) {
    if (k.score < MIN_SCORE) continue;
    ctx.beginPath();
    ctx.arc(k.xPx, k.yPx, unit * 1.4, 0, Math.PI * 2);
    ctx.fill();
    drawn += 1;
  }
  canvas.dataset.keypoints = String(drawn);
  shown.set(canvas, { key, drawn });
  return drawn;
}

export function clearPose(canvas: HTMLCanvasElement): void {
  canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
  canvas.dataset.keypoints = '0';
  shown.delete(canvas);
}
