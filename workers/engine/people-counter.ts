import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { fullFrameCrop } from './crop';
import type { PeopleCounter } from './detector';
import { frameSize } from './detector';
import { FrameSampler } from './frame-sampler';
import { MIN_SCORE } from '../../src/core/pose';
import { loadModelOrExplain } from './load-model';
import type { FrameLike } from '../../src/protocol/pose-protocol';

const SIZE = 256;

/**
 * Counts people with MoveNet MultiPose (up to six). Slower than the
 * single-pose models, so it runs now and then: during calibration, to refuse
 * a neutral taken with someone else in view.
 */
export class MultiPoseCounter implements PeopleCounter {
  private readonly sampler = new FrameSampler();

  private constructor(private readonly model: GraphModel) {}

  static async load(modelBaseUrl: string): Promise<MultiPoseCounter> {
    const model = await loadModelOrExplain(
      () => loadGraphModel(`${modelBaseUrl}movenet-multipose.json`),
      'movenet-multipose',
      modelBaseUrl,
    );
    return new MultiPoseCounter(model);
  }

  async count(frame: FrameLike): Promise<number> {
    const { width, height } = frameSize(frame);
    const pixels = await this.sampler.square(frame, fullFrameCrop(width, height), SIZE);
    const output = tf.tidy(
      () => this.model.execute(tf.tensor4d(pixels, [1, SIZE, SIZE, 3], 'int32')) as tf.Tensor,
    );
    try {
      const data = (await output.data()) as Float32Array;
      let people = 0;
      // [1, 6, 56]: 17 x (y, x, score), then the box (ymin, xmin, ymax, xmax, score).
      for (let i = 0; i < 6; i++) if ((data[i * 56 + 55] ?? 0) >= MIN_SCORE) people += 1;
      return people;
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
    this.sampler.dispose();
  }
}
