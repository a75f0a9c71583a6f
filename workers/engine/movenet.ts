import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { fullFrameCrop, keepCrop, trackCrop, type CropRegion } from './crop';
import { KEYPOINT_NAMES, type BackendName, type FaceLandmarks, type Keypoint } from '../../src/core/pose';
import { StillPicture } from './still-picture';
import { FACE_INPUT_PX, HeadGate, type Face } from './head-gate';
import type { Detector, Estimate } from './detector';
import { frameSize } from './detector';
import { FaceDetector } from './face-detector';
import { FrameSampler } from './frame-sampler';
import { loadModelOrExplain } from './load-model';
import { withInputSize } from './movenet-input';
import type { EngineOptions, FrameLike } from '../../src/protocol/pose-protocol';

/** The face detector's find as plain data for the result (its six points in frame pixels). */
function landmarksOf(face: Face | null): FaceLandmarks | null {
  return face ? { score: face.score, points: Array.from(face.points) } : null;
}

async function loadArtifacts(url: string): Promise<tf.io.ModelArtifacts> {
  const handler = tf.io.http(url);
  if (!handler.load) throw new Error(`no loader for ${url}`);
  return handler.load();
}

/** The input size each model was exported with. */
const EXPORTED_PX = { 'movenet-lightning': 192, 'movenet-thunder': 256 } as const;
export type MoveNetVariant = keyof typeof EXPORTED_PX;
/**
 * The input size each model runs at unless told otherwise. Lightning runs
 * smaller than exported: a tight crop of head and shoulders keeps enough
 * detail at 160 pixels, for about 70 % of the compute (see the bench).
 */
export const DEFAULT_INPUT_PX: Readonly<Record<MoveNetVariant, number>> = {
  'movenet-lightning': 160,
  'movenet-thunder': 256,
};

/**
 * MoveNet single-pose, fed directly: the frame is cropped to the person's
 * region from the previous frame and scaled to the model's input, so the
 * only tensor work is the model itself. When that input is the same picture
 * as the last one the model ran on (nobody moved), the model does not run:
 * its pose is reused, for up to `reuseStillMs`. Otherwise a small face
 * detector looks first: when the head is where it was the last time the
 * model ran, that pose is reused too, for up to `trackHeadMs`
 * (workers/engine/head-gate.ts). Without the face detector's files the model
 * simply runs on every frame.
 */
export class MoveNetDetector implements Detector {
  private readonly sampler = new FrameSampler();
  /** Where the next frame is cropped; null: the whole frame. */
  private crop: CropRegion | null = null;
  private readonly still = new StillPicture<Keypoint[]>();
  private readonly head = new HeadGate<Keypoint[]>();

  private constructor(
    readonly engine: MoveNetVariant,
    readonly backend: BackendName,
    private readonly model: GraphModel,
    readonly inputPx: number,
    private readonly face: FaceDetector | null,
  ) {}

  /** `inputPx` null: the model's default size (DEFAULT_INPUT_PX). */
  static async load(
    engine: MoveNetVariant,
    backend: BackendName,
    modelBaseUrl: string,
    inputPx: number | null = null,
  ): Promise<MoveNetDetector> {
    const sizePx = inputPx ?? DEFAULT_INPUT_PX[engine];
    const url = `${modelBaseUrl}${engine}.json`;
    const model = await loadModelOrExplain(
      () =>
        loadGraphModel(
          sizePx === EXPORTED_PX[engine]
            ? url
            : { load: async () => withInputSize(await loadArtifacts(url), sizePx) },
        ),
      engine,
      modelBaseUrl,
    );
    // The head tracker is a saving, not a need: without it the model runs on every frame.
    const face = await FaceDetector.load(modelBaseUrl).catch(() => null);
    const detector = new MoveNetDetector(engine, backend, model, sizePx, face);
    detector.warmUp();
    return detector;
  }

  async estimate(frame: FrameLike, options: Readonly<EngineOptions>, tMs: number): Promise<Estimate> {
    const { width, height } = frameSize(frame);
    const crop: CropRegion = (options.trackCrop && this.crop) || fullFrameCrop(width, height);
    const t0 = performance.now();
    const pixels = await this.sampler.square(frame, crop, this.inputPx);
    const same = this.still.reuse(pixels, this.inputPx, 3, crop, tMs, options.reuseStillMs);
    let t1 = performance.now();
    if (same)
      return { pose: { keypoints: same }, prepMs: t1 - t0, inferenceMs: 0, reused: true, heldBy: 'still' };
    let face: Face | null = null;
    let faceCrop: CropRegion = crop;
    let faceMs = 0;
    if (this.face) {
      faceCrop = this.head.faceCrop ?? crop;
      await this.sampler.squareInto(frame, faceCrop, FACE_INPUT_PX, this.face.pixels, true);
      const t2 = performance.now();
      face = await this.face.detect(faceCrop);
      faceMs = performance.now() - t2;
      const held = this.head.reuse(face, crop, faceCrop, tMs, options.trackHeadMs);
      const prepMs = t2 - t0;
      if (held)
        return {
          pose: { keypoints: held },
          prepMs,
          inferenceMs: faceMs,
          reused: true,
          heldBy: 'head',
          face: landmarksOf(face),
        };
      t1 = performance.now();
    }
    const raw = options.flipAverage ? await this.runBothWays(pixels) : await this.run(pixels);
    const inferenceMs = performance.now() - t1 + faceMs;
    const keypoints = KEYPOINT_NAMES.map((name, i): Keypoint => {
      const yPx = crop.yPx + (raw[i * 3] ?? 0) * crop.sizePx;
      const xPx = crop.xPx + (raw[i * 3 + 1] ?? 0) * crop.sizePx;
      return { name, xPx, yPx, xNorm: xPx / width, yNorm: yPx / height, score: raw[i * 3 + 2] ?? 0 };
    });
    this.still.ran(crop, tMs, keypoints);
    this.head.ran(face, crop, faceCrop, tMs, keypoints);
    this.crop = options.trackCrop ? keepCrop(this.crop, trackCrop(keypoints, width, height)) : null;
    return {
      pose: { keypoints },
      prepMs: t1 - t0 - faceMs,
      inferenceMs,
      reused: false,
      face: landmarksOf(face),
    };
  }

  /** Looks at the whole frame next (the still picture is kept: it knows which crop it was cut at). */
  reset(): void {
    this.crop = null;
    this.head.forget();
  }

  dispose(): void {
    this.model.dispose();
    this.face?.dispose();
    this.sampler.dispose();
  }

  /** [y, x, score] x 17, normalised to the crop. */
  private async run(pixels: Int32Array): Promise<Float32Array> {
    const output = tf.tidy(() => {
      const input = tf.tensor4d(pixels, [1, this.inputPx, this.inputPx, 3], 'int32');
      return this.model.execute(input) as tf.Tensor;
    });
    try {
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  }

  /** The model on the crop and on its mirror image, averaged (the mirror's left and right swapped back). */
  private async runBothWays(pixels: Int32Array): Promise<Float32Array> {
    const n = this.inputPx;
    const mirrored = new Int32Array(pixels.length);
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const from = (y * n + x) * 3;
        const to = (y * n + (n - 1 - x)) * 3;
        mirrored[to] = pixels[from]!;
        mirrored[to + 1] = pixels[from + 1]!;
        mirrored[to + 2] = pixels[from + 2]!;
      }
    }
    const a = await this.run(pixels);
    const m = await this.run(mirrored);
    const out = new Float32Array(a.length);
    for (let i = 0; i < 17; i++) {
      // COCO order: nose, then left/right pairs.
      const j = i === 0 ? 0 : i % 2 === 1 ? i + 1 : i - 1;
      out[i * 3] = (a[i * 3]! + m[j * 3]!) / 2;
      // In the crop's 0..1 units the mirror takes x to 1 - x.
      out[i * 3 + 1] = (a[i * 3 + 1]! + 1 - m[j * 3 + 1]!) / 2;
      out[i * 3 + 2] = (a[i * 3 + 2]! + m[j * 3 + 2]!) / 2;
    }
    return out;
  }

  /** The first run compiles kernels; do it at load, not on the first real frame. */
  private warmUp(): void {
    tf.tidy(() => {
      const input = tf.zeros([1, this.inputPx, this.inputPx, 3], 'int32');
      (this.model.execute(input) as tf.Tensor).dataSync();
    });
  }
}
