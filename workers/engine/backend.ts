import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice, BackendName } from '../../src/core/pose';
import { backendOrder, webglRenderer } from './backend-order';

/**
 * Makes the first working backend of the choice's order current and returns
 * its name. The wasm binaries come from `<modelBaseUrl>tfjs-wasm/`.
 */
export async function selectBackend(choice: BackendChoice, modelBaseUrl: string): Promise<BackendName> {
  setWasmPaths(new URL(`${modelBaseUrl}tfjs-wasm/`, self.location.href).href);
  const failures: string[] = [];
  for (const name of backendOrder(choice, webglRenderer())) {
    try {
      if (tf.getBackend() === name || (await tf.setBackend(name))) {
        await tf.ready();
        return name;
      }
      failures.push(`${name}: not available`);
    } catch (err) {
      failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start (${failures.join('; ')})`);
}
