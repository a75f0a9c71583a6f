import type { CropRegion } from '../../src/core/crop';
import type { FrameLike } from './detector';
import { frameSize } from './detector';

/**
 * Turns a frame into the few pixels a model needs, before any tensor exists:
 * the GPU-or-SIMD scaler of a 2D canvas resizes the crop straight to the
 * model's input size, so tfjs converts 192x192 pixels rather than 640x480.
 * The canvas and the output buffer are allocated once and reused; what
 * `square` and `rect` return is valid until the next call.
 */
export class FrameSampler {
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  private rgb = new Int32Array(0);

  /** The crop, scaled to `sizePx` square, as RGB int32 (HWC), padding black. */
  square(frame: FrameLike, crop: CropRegion, sizePx: number): Int32Array {
    const ctx = this.context(sizePx, sizePx);
    ctx.fillRect(0, 0, sizePx, sizePx);
    const scale = sizePx / crop.sizePx;
    // Clip the source to the frame ourselves: the destination follows.
    const { width, height } = frameSize(frame);
    const sx = Math.max(0, crop.xPx);
    const sy = Math.max(0, crop.yPx);
    const sw = Math.min(width, crop.xPx + crop.sizePx) - sx;
    const sh = Math.min(height, crop.yPx + crop.sizePx) - sy;
    if (sw > 0 && sh > 0) {
      ctx.drawImage(frame, sx, sy, sw, sh, (sx - crop.xPx) * scale, (sy - crop.yPx) * scale, sw * scale, sh * scale);
    }
    const rgba = ctx.getImageData(0, 0, sizePx, sizePx).data;
    const n = sizePx * sizePx * 3;
    if (this.rgb.length !== n) this.rgb = new Int32Array(n);
    const rgb = this.rgb;
    for (let i = 0, j = 0; j < n; i += 4, j += 3) {
      rgb[j] = rgba[i] ?? 0;
      rgb[j + 1] = rgba[i + 1] ?? 0;
      rgb[j + 2] = rgba[i + 2] ?? 0;
    }
    return rgb;
  }

  /** The whole frame scaled to `width` x `height`. */
  rect(frame: FrameLike, width: number, height: number): ImageData {
    const ctx = this.context(width, height);
    ctx.drawImage(frame, 0, 0, width, height);
    return ctx.getImageData(0, 0, width, height);
  }

  dispose(): void {
    this.canvas = null;
    this.ctx = null;
    this.rgb = new Int32Array(0);
  }

  private context(width: number, height: number): OffscreenCanvasRenderingContext2D {
    if (!this.canvas || !this.ctx) {
      this.canvas = new OffscreenCanvas(width, height);
      const ctx = this.canvas.getContext('2d', { willReadFrequently: true, alpha: false });
      if (!ctx) throw new Error('This browser has no 2D OffscreenCanvas in workers');
      this.ctx = ctx;
    }
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.ctx.fillStyle = '#000';
    return this.ctx;
  }
}
