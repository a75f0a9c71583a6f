/**
 * The page's one connection to the pose worker: the only module that calls
 * comlink's wrap(). Frames go over as transferables; results come back as
 * plain data.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { PostureFrameResult as PoseFrameResult } from '../../../workers/engine/api';
import type { PoseWorkerApi } from '../../../workers/pose.worker';

export type PoseWorker = Remote<PoseWorkerApi>;

export interface PoseClient {
  readonly api: PoseWorker;
  /** Sends one frame (which this call takes over and the worker closes). */
  processFrame(frame: VideoFrame | ImageBitmap, timestampMs: number): Promise<PoseFrameResult | null>;
  /**
   * Hands the track's frames to the worker, where they keep flowing while the
   * page is hidden. False where the browser cannot (no MediaStreamTrackProcessor).
   */
  streamTrack(
    track: MediaStreamTrack,
    onResult: (r: PoseFrameResult) => void,
    onError: (message: string) => void,
  ): Promise<boolean>;
  /** Ends the worker; the client is unusable afterwards. */
  dispose(): void;
}

interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
type TrackProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessor;

function trackProcessorCtor(): TrackProcessorCtor | null {
  const ctor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorCtor }).MediaStreamTrackProcessor;
  return ctor ?? null;
}

/** How often the worker is asked whether it is still there, ms. */
const HEARTBEAT_MS = 5000;
/** A worker that has not answered for this long is taken for dead, ms. */
const HANG_MS = 20_000;

/**
 * Starts the pose worker. `onCrash` is called once, when the worker throws
 * an error nobody caught or stops answering for HANG_MS (stuck in a loop,
 * or gone without a word): the caller disposes of this client and starts
 * another.
 */
export function createPoseClient(onCrash?: (message: string) => void): PoseClient {
  const worker = new Worker(new URL('../../../workers/pose.worker.ts', import.meta.url), {
    type: 'module',
    name: 'pose',
  });
  const api = wrap<PoseWorkerApi>(worker);
  let crashed = false;
  const crash = (message: string) => {
    if (crashed) return;
    crashed = true;
    clearInterval(heartbeat);
    onCrash?.(message);
  };
  worker.addEventListener('error', (e) => crash(e.message || 'it stopped unexpectedly'));
  worker.addEventListener('messageerror', () => crash('a message from it could not be read'));
  // One question at a time; only a question left unanswered counts (timers in a hidden page run late).
  let askedAtMs: number | null = null;
  const heartbeat = setInterval(() => {
    if (askedAtMs !== null) {
      if (performance.now() - askedAtMs > HANG_MS) crash(`it has not answered for ${HANG_MS / 1000} s`);
      return;
    }
    askedAtMs = performance.now();
    api.stats().then(
      () => (askedAtMs = null),
      () => undefined,
    );
  }, HEARTBEAT_MS);
  let processor: TrackProcessor | null = null;
  return {
    api,
    processFrame: (frame, timestampMs) => api.processFrame(transfer(frame, [frame]), timestampMs),
    async streamTrack(track, onResult, onError) {
      const Ctor = trackProcessorCtor();
      if (!Ctor) return false;
      // Kept for as long as the client: a processor the page lets go of can be collected, and its frames stop.
      processor = new Ctor({ track, maxBufferSize: 1 });
      const { readable } = processor;
      await api.startStream(transfer(readable, [readable]), proxy({ onResult, onError }));
      return true;
    },
    dispose() {
      processor = null;
      crashed = true;
      clearInterval(heartbeat);
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
