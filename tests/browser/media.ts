/** Loading the committed real footage into frames, in the browser. */
import { keypoint, UPPER_BODY, type PoseFrameResult } from '../../src/core/pose';

export async function loadBitmap(url: string): Promise<ImageBitmap> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return createImageBitmap(await res.blob());
}

/** A copy of the bitmap, optionally mirrored left to right. */
export async function copyBitmap(source: ImageBitmap, mirror = false): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(source.width, source.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  if (mirror) {
    ctx.translate(source.width, 0);
    ctx.scale(-1, 1);
  }
  ctx.drawImage(source, 0, 0);
  return canvas.transferToImageBitmap();
}

/** A camera-like frame from a bitmap. */
export function videoFrame(source: ImageBitmap, timestampUs = 0): VideoFrame {
  return new VideoFrame(source, { timestamp: timestampUs });
}

export interface FrameTransform {
  /** Rotation about the centre, degrees, clockwise on screen. */
  rotateDeg?: number;
  /** Zoom about the centre (above 1 shows the scene larger, as if closer). */
  scale?: number;
  mirror?: boolean;
  /** Shift, pixels. */
  dxPx?: number;
  dyPx?: number;
}

/** The frame rotated, zoomed, mirrored or shifted about its centre, same size, black outside. */
export async function transformBitmap(source: ImageBitmap, t: FrameTransform): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(source.width, source.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, source.width, source.height);
  ctx.translate(source.width / 2 + (t.dxPx ?? 0), source.height / 2 + (t.dyPx ?? 0));
  ctx.rotate(((t.rotateDeg ?? 0) * Math.PI) / 180);
  const s = t.scale ?? 1;
  ctx.scale(t.mirror ? -s : s, s);
  ctx.drawImage(source, -source.width / 2, -source.height / 2);
  return canvas.transferToImageBitmap();
}

/** Two frames side by side, each squeezed to half the width: two real people in one view. */
export async function sideBySide(a: ImageBitmap, b: ImageBitmap): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(a.width, a.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const half = a.width / 2;
  for (const [img, x] of [
    [a, 0],
    [b, half],
  ] as const) {
    // Keep each person's proportions: scale to half the width, centred vertically.
    const s = half / img.width;
    ctx.drawImage(img, x, (a.height - img.height * s) / 2, half, img.height * s);
  }
  return canvas.transferToImageBitmap();
}

/** A video element with `url` loaded, ready to seek. */
export async function openClip(url: string): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.src = url;
  await new Promise((resolve, reject) => {
    video.onloadeddata = resolve;
    video.onerror = () => reject(new Error(`cannot play ${url}`));
  });
  return video;
}

/**
 * How far the frame shown may be from the time sought, s: the clip's frames
 * are about 40 ms apart, not evenly; the times the tests seek are half a
 * second apart or more.
 */
const SEEK_TOLERANCE_S = 0.15;
/** How long a seek may take to show its frame before it is tried again, ms. */
const SEEK_WAIT_MS = 3000;
const SEEK_ATTEMPTS = 3;

function seek(video: HTMLVideoElement, seconds: number): Promise<void> {
  return new Promise<void>((resolve) => {
    video.onseeked = () => resolve();
    video.currentTime = seconds;
  });
}

/** True once the video presents a frame at `seconds`; false if none comes within `timeoutMs`. */
function presented(video: HTMLVideoElement, seconds: number, timeoutMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let handle = 0;
    const timer = setTimeout(() => {
      video.cancelVideoFrameCallback(handle);
      resolve(false);
    }, timeoutMs);
    const next = () => {
      handle = video.requestVideoFrameCallback((_now, frame) => {
        if (Math.abs(frame.mediaTime - seconds) >= SEEK_TOLERANCE_S) return next();
        clearTimeout(timer);
        resolve(true);
      });
    };
    next();
  });
}

/**
 * The clip's frame at `seconds`, once the video has presented it: on a busy
 * machine Chromium fires `seeked` while the element can still show the frame
 * from before, and that frame would pass for a still picture.
 */
export async function videoFrameAt(video: HTMLVideoElement, seconds: number): Promise<VideoFrame> {
  for (let attempt = 0; attempt < SEEK_ATTEMPTS; attempt++) {
    if (attempt > 0) await seek(video, 0);
    const shown = presented(video, seconds, SEEK_WAIT_MS);
    await seek(video, seconds);
    if (await shown) return new VideoFrame(video);
  }
  throw new Error(`the clip never showed its frame at ${seconds} s (${SEEK_ATTEMPTS} seeks)`);
}

/** The clip's picture at `seconds` in a 640x480 camera frame, framed as in the app's tests (512x384, black around). */
export async function framedFrameAt(video: HTMLVideoElement, seconds: number): Promise<ImageBitmap> {
  const frame = await videoFrameAt(video, seconds);
  try {
    const canvas = new OffscreenCanvas(640, 480);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 640, 480);
    ctx.drawImage(frame, 64, 48, 512, 384);
    return canvas.transferToImageBitmap();
  } finally {
    frame.close();
  }
}

/** Times every half second over a stretch of a clip, seconds. */
export const halfSeconds = (from: number, to: number): number[] =>
  Array.from({ length: Math.round((to - from) / 0.5) + 1 }, (_, i) => from + i * 0.5);

/** The largest distance between two poses' face and shoulder points, px (Infinity when one lacks a point). */
export function largestGapPx(a: PoseFrameResult, b: PoseFrameResult): number {
  let gap = 0;
  for (const name of UPPER_BODY) {
    const p = a.pose && keypoint(a.pose.keypoints, name);
    const q = b.pose && keypoint(b.pose.keypoints, name);
    gap = Math.max(gap, p && q ? Math.hypot(p.xPx - q.xPx, p.yPx - q.yPx) : Infinity);
  }
  return gap;
}
