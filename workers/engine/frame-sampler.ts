import type { CropRegion } from './crop';
import { RAW_FORMATS, resampleToRgb, type RawImage, type RawPixelFormat, type SourceRect } from './resample';
import { frameSize } from './detector';
import type { FrameLike } from '../../src/protocol/pose-protocol';

/**
 * Turns a frame into the few pixels a model needs, before any tensor exists.
 * A VideoFrame in a common format is copied out raw (copyTo: no conversion)
 * and cropped, scaled and converted in one pass; anything else is drawn on a
 * reused 2D canvas. Either way tfjs only ever sees the model's input size.
 * Buffers are allocated once and reused: what `square` and `rect` return is
 * valid until the next call.
 */
export class FrameSampler {
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  private raw = new Uint8Array(0);
  private rgb = new Int32Array(0);
  private rgba = new Uint8ClampedArray(new ArrayBuffer(0));
  /** The last frame's pixels as copied out, or null when it took the canvas path. */
  private lastRaw: RawImage | null = null;

  /** The crop, scaled to `sizePx` square, as RGB int32 (HWC), padding black. */
  async square(frame: FrameLike, crop: CropRegion, sizePx: number): Promise<Int32Array> {
    const n = sizePx * sizePx * 3;
    if (this.rgb.length !== n) this.rgb = new Int32Array(n);
    await this.squareInto(frame, crop, sizePx, this.rgb);
    return this.rgb;
  }

  /**
   * The same as `square`, into `out`. `sameFrame`: `frame` is the one the
   * last call copied out, whose pixels are used again without a copy.
   */
  async squareInto(
    frame: FrameLike,
    crop: CropRegion,
    sizePx: number,
    out: Int32Array,
    sameFrame = false,
  ): Promise<void> {
    const n = sizePx * sizePx * 3;
    if (out.length < n) throw new Error(`output holds ${out.length} values, needs ${n}`);
    const rect = { xPx: crop.xPx, yPx: crop.yPx, widthPx: crop.sizePx, heightPx: crop.sizePx };
    const raw = sameFrame && this.lastRaw ? this.lastRaw : await this.copyRaw(frame);
    if (raw) {
      resampleToRgb(raw, rect, sizePx, sizePx, out, 3);
      return;
    }
    const rgba = this.draw(frame, rect, sizePx, sizePx).data;
    for (let i = 0, j = 0; j < n; i += 4, j += 3) {
      out[j] = rgba[i] ?? 0;
      out[j + 1] = rgba[i + 1] ?? 0;
      out[j + 2] = rgba[i + 2] ?? 0;
    }
  }

  /** The whole frame scaled to `width` x `height`, as RGBA. */
  async rect(frame: FrameLike, width: number, height: number): Promise<ImageData> {
    const { width: fw, height: fh } = frameSize(frame);
    const rect = { xPx: 0, yPx: 0, widthPx: fw, heightPx: fh };
    const raw = await this.copyRaw(frame);
    if (!raw) return this.draw(frame, rect, width, height);
    const n = width * height * 4;
    if (this.rgba.length !== n) this.rgba = new Uint8ClampedArray(new ArrayBuffer(n));
    resampleToRgb(raw, rect, width, height, this.rgba, 4);
    return new ImageData(this.rgba, width, height);
  }

  dispose(): void {
    this.canvas = null;
    this.ctx = null;
    this.lastRaw = null;
    this.raw = new Uint8Array(0);
    this.rgb = new Int32Array(0);
    this.rgba = new Uint8ClampedArray(new ArrayBuffer(0));
  }

  /** The frame's pixels as they are, or null when this needs the canvas path. */
  private async copyRaw(frame: FrameLike): Promise<RawImage | null> {
    this.lastRaw = null;
    if (
      !('displayWidth' in frame) ||
      !frame.format ||
      !RAW_FORMATS.includes(frame.format as RawPixelFormat)
    ) {
      return null;
    }
    const size = frame.allocationSize();
    if (this.raw.length < size) this.raw = new Uint8Array(size);
    const planes = await frame.copyTo(this.raw);
    return (this.lastRaw = {
      format: frame.format as RawPixelFormat,
      widthPx: frame.visibleRect?.width ?? frame.codedWidth,
      heightPx: frame.visibleRect?.height ?? frame.codedHeight,
      data: this.raw,
      planes,
    });
  }

  /** The canvas path: draws `rect` of the frame into `width` x `height`, padding black. */
  private draw(frame: FrameLike, rect: SourceRect, width: number, height: number): ImageData {
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
    const ctx = this.ctx;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    // Clip the source to the frame ourselves: the destination follows.
    const { width: fw, height: fh } = frameSize(frame);
    const kx = width / rect.widthPx;
    const ky = height / rect.heightPx;
    const sx = Math.max(0, rect.xPx);
    const sy = Math.max(0, rect.yPx);
    const sw = Math.min(fw, rect.xPx + rect.widthPx) - sx;
    const sh = Math.min(fh, rect.yPx + rect.heightPx) - sy;
    if (sw > 0 && sh > 0) {
      ctx.drawImage(frame, sx, sy, sw, sh, (sx - rect.xPx) * kx, (sy - rect.yPx) * ky, sw * kx, sh * ky);
    }
    return ctx.getImageData(0, 0, width, height);
  }
}
