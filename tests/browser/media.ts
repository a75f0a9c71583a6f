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
