/**
 * The page's one connection to the pose worker: the only module that calls
 * comlink's wrap(). Frames go over as transferables; results come back as
 * plain data.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { PostureFrameResult as PoseFrameResult } from '../../workers/engine/api';
import type { PoseWorkerApi } from '../../workers/pose.worker';

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

export function supportsTrackStreaming(): boolean {
  return trackProcessorCtor() !== null;
}

export function createPoseClient(onCrash?: (message: string) => void): PoseClient {
  const worker = new Worker(new URL('../../workers/pose.worker.ts', import.meta.url), {
    type: 'module',
    name: 'pose',
  });
  if (onCrash) {
    worker.addEventListener('error', (e) => onCrash(e.message || 'The pose worker stopped unexpectedly'));
  }
  const api = wrap<PoseWorkerApi>(worker);
  return {
    api,
    processFrame: (frame, timestampMs) => api.processFrame(transfer(frame, [frame]), timestampMs),
    async streamTrack(track, onResult, onError) {
      const Ctor = trackProcessorCtor();
      if (!Ctor) return false;
      const { readable } = new Ctor({ track, maxBufferSize: 1 });
      await api.startStream(transfer(readable, [readable]), proxy({ onResult, onError }));
      return true;
    },
    dispose() {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
