/**
 * Gets frames from a source to the pose worker. A live track (camera, or a
 * video file played through captureStream) is handed to the worker whole
 * where the browser allows it (MediaStreamTrackProcessor: Chromium), so
 * frames keep flowing when the page is hidden. Elsewhere, and for still
 * images, the page pulls frames itself, one in flight at a time.
 */
import type { PoseClient } from './pose-client';
import type { PostureFrameResult as PoseFrameResult } from '../../protocol/pose-protocol';

export interface Feed {
  /** 'worker-stream' or 'page-pull': how frames travel. */
  readonly mode: 'worker-stream' | 'page-pull';
  stop(): Promise<void>;
}

export interface FeedHandlers {
  onResult(result: PoseFrameResult): void;
  onError(message: string): void;
}

export async function feedTrack(
  client: PoseClient,
  track: MediaStreamTrack,
  video: HTMLVideoElement,
  handlers: FeedHandlers,
): Promise<Feed> {
  if (await client.streamTrack(track, handlers.onResult, handlers.onError)) {
    return { mode: 'worker-stream', stop: () => client.stopStream() };
  }
  return pullFrames(client, () => (video.readyState >= 2 ? new VideoFrame(video) : null), handlers);
}

/**
 * Pulls frames from `grab` as fast as the worker takes them, at most
 * `maxFps`, and no faster than the rate the worker asks for with each result.
 */
export function pullFrames(
  client: PoseClient,
  grab: () => VideoFrame | ImageBitmap | null | Promise<VideoFrame | ImageBitmap | null>,
  handlers: FeedHandlers,
  maxFps = 30,
): Feed {
  let running = true;
  let intervalMs = 1000 / maxFps;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const frame = await grab();
        if (frame) {
          const result = await client.processFrame(frame, performance.now());
          if (result) intervalMs = Math.max(1000 / maxFps, result.sampling.intervalMs);
          if (result && running) handlers.onResult(result);
        }
      } catch (err) {
        handlers.onError(err instanceof Error ? err.message : String(err));
      }
      const wait = Math.max(0, intervalMs - (performance.now() - started));
      await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    mode: 'page-pull',
    async stop() {
      running = false;
      await loop;
    },
  };
}
