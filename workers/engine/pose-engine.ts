import { UPPER_BODY, type PoseFrameResult } from '../../src/core/pose';
import { DEFAULT_ENGINE_OPTIONS, resolveEngineConfig, resolveEngineOptions } from './config';
import type {
  CounterFactory,
  Detector,
  DetectorFactory,
  Estimate,
  PeopleCounter,
  RuntimeProbe,
} from './detector';
import { frameSize } from './detector';
import type {
  EngineConfig,
  EngineInfo,
  EngineOptions,
  EngineStats,
  FrameLike,
} from '../../src/protocol/pose-protocol';

/**
 * Runs one detector over frames, one at a time: a frame that arrives while
 * another is being processed is closed and dropped, never queued. Every frame
 * handed in is closed here, whatever happens.
 */
export class PoseEngine {
  private detector: Detector | null = null;
  private inFlight: Promise<unknown> | null = null;
  private options: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS };
  private processed = 0;
  private dropped = 0;
  private reused = 0;
  private config: EngineConfig | null = null;
  private modelBaseUrl = '';
  private counter: Promise<PeopleCounter | null> | null = null;
  private lastCountMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly createDetector: DetectorFactory,
    private readonly now: () => number = () => performance.now(),
    private readonly runtime: RuntimeProbe = { tensors: () => 0, threads: () => 1 },
    private readonly createCounter: CounterFactory | null = null,
  ) {}

  /**
   * Loads the configured model, then swaps it in for any loaded before. Until
   * it is ready the old model keeps working; if it fails, the old one stays.
   */
  async init(partial: Partial<EngineConfig> = {}): Promise<EngineInfo> {
    const config = resolveEngineConfig(partial);
    this.config = config;
    this.modelBaseUrl = config.modelBaseUrl;
    const t0 = this.now();
    const detector = await this.createDetector(config);
    const loadMs = this.now() - t0;
    const old = this.detector;
    this.detector = detector;
    await this.inFlight?.catch(() => undefined); // never dispose a model mid-frame
    old?.dispose();
    return {
      engine: detector.engine,
      backend: detector.backend,
      threads: this.runtime.threads(),
      loadMs,
      inputPx: detector.inputPx ?? null,
    };
  }

  get ready(): boolean {
    return this.detector !== null;
  }

  /** True while a frame is being processed: the next one would be dropped. */
  get isBusy(): boolean {
    return this.inFlight !== null;
  }

  setOptions(partial: Partial<EngineOptions>): EngineOptions {
    this.options = resolveEngineOptions(this.options, partial);
    if (partial.trackCrop === false) this.detector?.reset();
    return { ...this.options };
  }

  getOptions(): EngineOptions {
    return { ...this.options };
  }

  /**
   * The pose in `frame`, or null when the frame was dropped (no model yet, or
   * busy with the previous frame). The frame is closed before this resolves.
   */
  async processFrame(frame: FrameLike, timestampMs: number): Promise<PoseFrameResult | null> {
    const detector = this.detector;
    if (!detector || this.inFlight) {
      frame.close();
      this.dropped += 1;
      return null;
    }
    const run = this.run(detector, frame, timestampMs);
    this.inFlight = run;
    try {
      return await run;
    } finally {
      this.inFlight = null;
    }
  }

  /**
   * The WebGL context is gone: the same engine is loaded on wasm and takes
   * over (results then name the backend that ran, which the page shows).
   */
  private async leaveWebgl(lost: Detector): Promise<Detector> {
    const detector = await this.createDetector({
      ...resolveEngineConfig(this.config ?? {}),
      backend: 'wasm',
    });
    this.detector = detector;
    try {
      lost.dispose();
    } catch {
      // Its textures went with the context.
    }
    this.runtime.resetWebgl?.();
    return detector;
  }

  /** `work` on WebGL, given up when the context is lost meanwhile (a lost context never finishes it). */
  private unlessLost<T>(detector: Detector, work: Promise<T>): Promise<T> {
    if (detector.backend !== 'webgl' || !this.runtime.webglLost) return work;
    return new Promise<T>((resolve, reject) => {
      const watch = setInterval(() => {
        if (!this.webglLost(detector)) return;
        clearInterval(watch);
        reject(new Error('the WebGL context was lost'));
      }, LOST_CHECK_MS);
      work.then(resolve, reject).finally(() => clearInterval(watch));
    });
  }

  private webglLost(detector: Detector): boolean {
    return detector.backend === 'webgl' && (this.runtime.webglLost?.() ?? false);
  }

  private async estimate(
    detector: Detector,
    frame: FrameLike,
    tMs: number,
  ): Promise<{ detector: Detector; estimate: Estimate }> {
    if (this.webglLost(detector)) detector = await this.leaveWebgl(detector);
    try {
      return {
        detector,
        estimate: await this.unlessLost(detector, detector.estimate(frame, this.options, tMs)),
      };
    } catch (err) {
      if (!this.webglLost(detector)) throw err;
      const next = await this.leaveWebgl(detector);
      return { detector: next, estimate: await next.estimate(frame, this.options, tMs) };
    }
  }

  private async run(given: Detector, frame: FrameLike, timestampMs: number): Promise<PoseFrameResult> {
    const t0 = this.now();
    try {
      const { width, height } = frameSize(frame);
      const { detector, estimate } = await this.estimate(given, frame, timestampMs);
      const { pose, prepMs, inferenceMs } = estimate;
      const reused = estimate.reused ?? false;
      const score = pose ? upperBodyScore(pose.keypoints) : 0;
      const present = pose !== null && score >= this.options.minPoseScore;
      if (!present) detector.reset();
      const people = await this.countPeople(frame, timestampMs);
      this.processed += 1;
      if (reused) this.reused += 1;
      return {
        timestampMs,
        frameWidth: width,
        frameHeight: height,
        pose: present ? { score, keypoints: pose.keypoints } : null,
        engine: detector.engine,
        backend: detector.backend,
        timings: {
          prepMs,
          inferenceMs,
          totalMs: this.now() - t0,
          reused,
          ...(estimate.heldBy ? { heldBy: estimate.heldBy } : {}),
        },
        people,
        face: present ? (estimate.face ?? null) : null,
      };
    } finally {
      frame.close();
    }
  }

  /** Counts people when due; null when not due or the counter is unavailable (it loads on first need). */
  private async countPeople(frame: FrameLike, timestampMs: number): Promise<number | null> {
    const every = this.options.countPeopleEveryMs;
    if (!every || !this.createCounter || timestampMs - this.lastCountMs < every) return null;
    this.counter ??= this.createCounter(this.modelBaseUrl).catch(() => null);
    const counter = await this.counter;
    if (!counter) return null;
    this.lastCountMs = timestampMs;
    return counter.count(frame);
  }

  stats(): EngineStats {
    return {
      framesProcessed: this.processed,
      framesDropped: this.dropped,
      framesReused: this.reused,
      tensors: this.runtime.tensors(),
    };
  }

  dispose(): void {
    this.disposeDetector();
    void this.counter?.then((c) => c?.dispose());
    this.counter = null;
  }

  private disposeDetector(): void {
    this.detector?.dispose();
    this.detector = null;
  }
}

/** How often a frame on WebGL checks that its context is still there, ms. */
const LOST_CHECK_MS = 250;

/** Mean score of the face and shoulder points: how sure the model is someone is there. */
export function upperBodyScore(keypoints: readonly { name: string; score: number }[]): number {
  let sum = 0;
  for (const name of UPPER_BODY) sum += keypoints.find((k) => k.name === name)?.score ?? 0;
  return sum / UPPER_BODY.length;
}
