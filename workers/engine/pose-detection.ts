/**
 * Engines built on @tensorflow-models/pose-detection: BlazePose (MediaPipe's
 * BlazePose detector and landmark models, as tfjs graph models) and the
 * reference path (pose-detection's MoveNet handed the full frame). Loaded
 * lazily: the default engine does not pull this library into the worker.
 */
import * as poseDetection from '@tensorflow-models/pose-detection';
import { KEYPOINT_NAMES, type BackendName, type KeypointName, type Keypoint } from '../../src/core/pose';
import type { Detector, Estimate } from './detector';
import { frameSize } from './detector';
import { FrameSampler } from './frame-sampler';
import { loadModelOrExplain } from './load-model';
import type { FrameLike } from '../../src/protocol/pose-protocol';

/** BlazePose's 33 landmark indices for the 17 points every engine reports. */
const BLAZEPOSE_INDEX: Record<KeypointName, number> = {
  nose: 0,
  left_eye: 2,
  right_eye: 5,
  left_ear: 7,
  right_ear: 8,
  left_shoulder: 11,
  right_shoulder: 12,
  left_elbow: 13,
  right_elbow: 14,
  left_wrist: 15,
  right_wrist: 16,
  left_hip: 23,
  right_hip: 24,
  left_knee: 25,
  right_knee: 26,
  left_ankle: 27,
  right_ankle: 28,
};

/** Longest side BlazePose is handed: its detector looks at 224x224 anyway. */
const BLAZEPOSE_INPUT_PX = 320;

export class BlazePoseDetector implements Detector {
  private readonly sampler = new FrameSampler();

  private constructor(
    readonly engine: 'blazepose-lite' | 'blazepose-full',
    readonly backend: BackendName,
    private readonly detector: poseDetection.PoseDetector,
  ) {}

  static async load(
    engine: 'blazepose-lite' | 'blazepose-full',
    backend: BackendName,
    modelBaseUrl: string,
  ): Promise<BlazePoseDetector> {
    const modelType = engine === 'blazepose-lite' ? 'lite' : 'full';
    const detector = await loadModelOrExplain(
      () =>
        poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
          runtime: 'tfjs',
          modelType,
          enableSmoothing: false,
          detectorModelUrl: `${modelBaseUrl}blazepose-detector.json`,
          landmarkModelUrl: `${modelBaseUrl}blazepose-${modelType}.json`,
        }),
      engine,
      modelBaseUrl,
    );
    return new BlazePoseDetector(engine, backend, detector);
  }

  async estimate(frame: FrameLike): Promise<Estimate> {
    const { width, height } = frameSize(frame);
    const scale = Math.min(1, BLAZEPOSE_INPUT_PX / Math.max(width, height));
    const w = Math.round(width * scale);
    const h = Math.round(height * scale);
    const tPrep = performance.now();
    const image = await this.sampler.rect(frame, w, h);
    const prepMs = performance.now() - tPrep;
    const t0 = performance.now();
    const poses = await this.detector.estimatePoses(image, { maxPoses: 1, flipHorizontal: false });
    const inferenceMs = performance.now() - t0;
    const found = poses[0];
    if (!found) return { pose: null, prepMs, inferenceMs };
    const keypoints = KEYPOINT_NAMES.map((name): Keypoint => {
      const k = found.keypoints[BLAZEPOSE_INDEX[name]];
      const xPx = (k?.x ?? 0) / scale;
      const yPx = (k?.y ?? 0) / scale;
      return { name, xPx, yPx, xNorm: xPx / width, yNorm: yPx / height, score: k?.score ?? 0 };
    });
    return { pose: { keypoints }, prepMs, inferenceMs };
  }

  reset(): void {
    this.detector.reset();
  }

  dispose(): void {
    this.detector.dispose();
    this.sampler.dispose();
  }
}

/**
 * The naive path, kept as the yardstick: pose-detection's MoveNet Lightning
 * handed the whole frame, converting and resizing it with tensors.
 */
export class BaselineDetector implements Detector {
  readonly engine = 'baseline' as const;

  private constructor(
    readonly backend: BackendName,
    private readonly detector: poseDetection.PoseDetector,
  ) {}

  static async load(backend: BackendName, modelBaseUrl: string): Promise<BaselineDetector> {
    const detector = await loadModelOrExplain(
      () =>
        poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
          modelType: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING,
          modelUrl: `${modelBaseUrl}movenet-lightning.json`,
          enableSmoothing: false,
        }),
      'baseline',
      modelBaseUrl,
    );
    return new BaselineDetector(backend, detector);
  }

  async estimate(frame: FrameLike): Promise<Estimate> {
    const { width, height } = frameSize(frame);
    const tPrep = performance.now();
    const bitmap = 'displayWidth' in frame ? await createImageBitmap(frame) : frame;
    const prepMs = performance.now() - tPrep;
    const t0 = performance.now();
    try {
      const poses = await this.detector.estimatePoses(bitmap, { maxPoses: 1, flipHorizontal: false });
      const inferenceMs = performance.now() - t0;
      const found = poses[0];
      if (!found) return { pose: null, prepMs, inferenceMs };
      const keypoints = KEYPOINT_NAMES.map((name, i): Keypoint => {
        const k = found.keypoints[i];
        const xPx = k?.x ?? 0;
        const yPx = k?.y ?? 0;
        return { name, xPx, yPx, xNorm: xPx / width, yNorm: yPx / height, score: k?.score ?? 0 };
      });
      return { pose: { keypoints }, prepMs, inferenceMs };
    } finally {
      if (bitmap !== frame) bitmap.close();
    }
  }

  reset(): void {
    this.detector.reset();
  }

  dispose(): void {
    this.detector.dispose();
  }
}
