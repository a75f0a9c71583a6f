import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import deskUrl from '../fixtures/media/desk-640x480.png?url';
import { createDetector, tfjsRuntime } from '../../workers/engine/create-detector';
import { PoseEngine } from '../../workers/engine/pose-engine';
import { copyBitmap, loadBitmap } from './media';

/**
 * The engine on real WebGL (SwiftShader here), in the page: when the GPU
 * context is lost, the same model takes over on wasm and the frame is not lost.
 */
describe('losing the WebGL context', () => {
  let desk: ImageBitmap;
  beforeAll(async () => {
    desk = await loadBitmap(deskUrl);
  });

  it('goes on with the same engine on wasm, from the frame that found it lost', async () => {
    const engine = new PoseEngine(createDetector, () => performance.now(), tfjsRuntime);
    const info = await engine.init({ engine: 'movenet-lightning', backend: 'webgl' });
    expect(info.backend).toBe('webgl');
    const before = await engine.processFrame(await copyBitmap(desk), 0);
    expect(before).toMatchObject({ backend: 'webgl', engine: 'movenet-lightning' });
    expect(before?.pose).not.toBeNull();

    const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
    gl.getExtension('WEBGL_lose_context')!.loseContext();
    expect(gl.isContextLost()).toBe(true);

    const after = await engine.processFrame(await copyBitmap(desk), 1000);
    expect(after).toMatchObject({ backend: 'wasm', engine: 'movenet-lightning' });
    expect(after?.pose).not.toBeNull();
    expect(tf.getBackend()).toBe('wasm');
    engine.dispose();
  });

  it('gives up a frame the loss caught mid-way and runs it again on wasm; WebGL can be chosen afresh later', async () => {
    const engine = new PoseEngine(createDetector, () => performance.now(), tfjsRuntime);
    expect((await engine.init({ engine: 'movenet-lightning', backend: 'webgl' })).backend).toBe('webgl');
    expect((await engine.processFrame(await copyBitmap(desk), 0))?.backend).toBe('webgl');
    const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
    const pending = engine.processFrame(await copyBitmap(desk), 1000);
    gl.getExtension('WEBGL_lose_context')!.loseContext();
    const after = await pending;
    expect(after).toMatchObject({ backend: 'wasm', engine: 'movenet-lightning' });
    expect(after?.pose).not.toBeNull();
    // A fresh WebGL context when it is chosen again.
    expect((await engine.init({ engine: 'movenet-lightning', backend: 'webgl' })).backend).toBe('webgl');
    expect((await engine.processFrame(await copyBitmap(desk), 2000))?.backend).toBe('webgl');
    engine.dispose();
  });
});
