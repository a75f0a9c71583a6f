import { expose } from 'comlink';
import { createPoseApi } from './engine/api';
import { createDetector, tfjsRuntime } from './engine/create-detector';
import { MultiPoseCounter } from './engine/people-counter';
import { PoseEngine } from './engine/pose-engine';

expose(
  createPoseApi(
    new PoseEngine(
      createDetector,
      () => performance.now(),
      tfjsRuntime,
      (url) => MultiPoseCounter.load(url),
    ),
  ),
);
