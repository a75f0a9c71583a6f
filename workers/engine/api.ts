import type { PoseFrameResult } from '../../src/core/pose';
import type { EngineConfig, EngineOptions } from './config';
import type { FrameLike } from './detector';
import { FrameStream } from './frame-stream';
import type { EngineInfo, EngineStats, PoseEngine } from './pose-engine';

export interface StreamListener {
  onResult(result: PoseFrameResult): void;
  onError(message: string): void;
}

/**
 * The worker's API: a handful of calls around one engine. Frames come either
 * one at a time (`processFrame`, the frame transferred and closed here) or as
 * a stream handed over once (`startStream`), whose results go to the one
 * listener given with it.
 */
export function createPoseApi(engine: PoseEngine) {
  let stream: FrameStream | null = null;

  async function stopStream(): Promise<void> {
    const s = stream;
    stream = null;
    await s?.stop();
  }

  return {
    init: (config: Partial<EngineConfig> = {}): Promise<EngineInfo> => engine.init(config),
    processFrame: (frame: FrameLike, timestampMs: number): Promise<PoseFrameResult | null> =>
      engine.processFrame(frame, timestampMs),
    setOptions: (partial: Partial<EngineOptions>): EngineOptions => engine.setOptions(partial),
    async startStream(readable: ReadableStream<VideoFrame>, listener: StreamListener): Promise<void> {
      await stopStream();
      stream = new FrameStream(
        engine,
        readable,
        (r) => listener.onResult(r),
        (m) => listener.onError(m),
      );
    },
    stopStream,
    stats: (): EngineStats => engine.stats(),
    async dispose(): Promise<void> {
      await stopStream();
      engine.dispose();
    },
  };
}

export type PoseApi = ReturnType<typeof createPoseApi>;
