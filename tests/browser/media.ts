/** Loading the committed real footage into frames, in the browser. */
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
