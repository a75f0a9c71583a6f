import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { selectBackend } from './backend';
import type { Detector, RuntimeProbe } from './detector';
import { MoveNetDetector } from './movenet';
import type { EngineConfig } from '../../src/protocol/pose-protocol';

/** Picks the backend, then loads the configured engine's model on it. */
export async function createDetector(config: Readonly<EngineConfig>): Promise<Detector> {
  const backend = await selectBackend(config.backend, config.modelBaseUrl);
  switch (config.engine) {
    case 'movenet-lightning':
    case 'movenet-thunder':
      return MoveNetDetector.load(config.engine, backend, config.modelBaseUrl, config.inputPx);
    case 'blazepose-lite':
    case 'blazepose-full': {
      const { BlazePoseDetector } = await import('./pose-detection');
      return BlazePoseDetector.load(config.engine, backend, config.modelBaseUrl);
    }
    case 'baseline': {
      const { BaselineDetector } = await import('./pose-detection');
      return BaselineDetector.load(backend, config.modelBaseUrl);
    }
  }
}

export const tfjsRuntime: RuntimeProbe = {
  tensors: () => tf.memory().numTensors,
  threads: () => (tf.getBackend() === 'wasm' ? getThreadsCount() : 1),
  webglLost() {
    const webgl = tf.findBackend('webgl') as { gpgpu?: { gl?: WebGLRenderingContext } } | null;
    return webgl?.gpgpu?.gl?.isContextLost() ?? false;
  },
  resetWebgl() {
    if (tf.getBackend() === 'webgl') return;
    tf.removeBackend('webgl');
    tf.registerBackend('webgl', () => new MathBackendWebGL(), 2);
  },
};
