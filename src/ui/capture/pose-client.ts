/**
 * The page's one connection to the pose worker: the only module that calls
 * comlink's wrap(), and it holds the worker through the contract in
 * src/protocol, never its code. The page gets intents (load an engine, a
 * frame, a stream, a setting), not the remote: frames go over as
 * transferables, a stream's listener as one proxy, results come back as
 * plain data.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type {
  EngineConfig,
  EngineInfo,
  PoseWorkerProtocol,
  PostureFrameResult,
} from '../../protocol/pose-protocol';

/** A call of the contract as the page makes it: every answer a promise, which may reject. */
type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** The settings and calibration intents: what the page's views send while a worker runs. */
export type PoseControl = Async<
  Omit<PoseWorkerProtocol, 'init' | 'processFrame' | 'startStream' | 'stopStream' | 'dispose'>
>;

export interface PoseClient extends PoseControl {
  /** Loads an engine in the worker; on failure the one it had keeps running. */
  loadEngine(config: Partial<EngineConfig>): Promise<EngineInfo>;
  /** Sends one frame (which this call takes over and the worker closes). */
  processFrame(frame: VideoFrame | ImageBitmap, timestampMs: number): Promise<PostureFrameResult | null>;
  /**
   * Hands the track's frames to the worker, where they keep flowing while the
   * page is hidden. False where the browser cannot (no MediaStreamTrackProcessor).
   */
  streamTrack(
    track: MediaStreamTrack,
    onResult: (r: PostureFrameResult) => void,
    onError: (message: string) => void,
  ): Promise<boolean>;
  /** Ends the stream streamTrack started. */
  stopStream(): Promise<void>;
  /** Ends the worker; the client is unusable afterwards. */
  dispose(): void;
}

/**
 * Sends an intent to the worker running now, if there is one. A failure
 * reaches the page (shown, never dropped), and the answer is then undefined.
 */
export type Tell = <T>(call: (worker: PoseControl) => Promise<T>) => Promise<T | undefined>;

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

/** The intents, forwarded one for one (written out, so that each is type-checked against the contract). */
function controlOf(api: Remote<PoseWorkerProtocol>): PoseControl {
  return {
    setEngineOptions: (partial) => api.setEngineOptions(partial),
    setPageHidden: (hidden) => api.setPageHidden(hidden),
    offerNeutral: (neutral, cameraLabel) => api.offerNeutral(neutral, cameraLabel),
    forgetNeutral: () => api.forgetNeutral(),
    startCalibration: (durationMs, camera, guided) => api.startCalibration(durationMs, camera, guided),
    skipGuided: () => api.skipGuided(),
    cancelCalibration: () => api.cancelCalibration(),
    setFov: (fovDeg) => api.setFov(fovDeg),
    setKnownEyeDistance: (cm) => api.setKnownEyeDistance(cm),
    setAlertSettings: (partial) => api.setAlertSettings(partial),
    snooze: (durationMs) => api.snooze(durationMs),
    pause: () => api.pause(),
    resume: () => api.resume(),
    setSampling: (partial) => api.setSampling(partial),
    setOnBattery: (onBattery) => api.setOnBattery(onBattery),
    stats: () => api.stats(),
  };
}

/**
 * Asks the worker every HEARTBEAT_MS whether it is there, one question at a
 * time; only a question left unanswered for HANG_MS counts (timers in a
 * hidden page run late). Returns the timer.
 */
function watchHeartbeat(api: Remote<PoseWorkerProtocol>, hung: (message: string) => void): number {
  let askedAtMs: number | null = null;
  return setInterval(() => {
    if (askedAtMs !== null) {
      if (performance.now() - askedAtMs > HANG_MS) hung(`it has not answered for ${HANG_MS / 1000} s`);
      return;
    }
    askedAtMs = performance.now();
    api.stats().then(
      () => (askedAtMs = null),
      () => undefined,
    );
  }, HEARTBEAT_MS) as unknown as number;
}

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
  const api = wrap<PoseWorkerProtocol>(worker);
  let crashed = false;
  const crash = (message: string) => {
    if (crashed) return;
    crashed = true;
    clearInterval(heartbeat);
    onCrash?.(message);
  };
  worker.addEventListener('error', (e) => crash(e.message || 'it stopped unexpectedly'));
  worker.addEventListener('messageerror', () => crash('a message from it could not be read'));
  const heartbeat = watchHeartbeat(api, crash);
  let processor: TrackProcessor | null = null;
  return {
    ...controlOf(api),
    loadEngine: (config) => api.init(config),
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
    stopStream: () => api.stopStream(),
    dispose() {
      processor = null;
      crashed = true;
      clearInterval(heartbeat);
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
