import type { PoseFrameResult } from '../../src/core/pose';
import type { PoseEngine } from './pose-engine';

/** How early a frame may come and still be taken, as a share of the minimum interval. */
const EARLY_SHARE = 0.1;

export type ResultListener = (result: PoseFrameResult) => void;

/**
 * Reads a stream of camera frames (from MediaStreamTrackProcessor, handed to
 * the worker) and runs the engine on them. Frames keep coming whether or not
 * the page is visible, since no page timer drives them. A frame is dropped
 * (closed unseen) while the engine is busy or sooner than the minimum
 * interval after the last one used.
 */
export class FrameStream {
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private lastUsedMs = -Infinity;
  private stopped = false;
  /** Resolves when the stream ends or is stopped. */
  readonly done: Promise<void>;

  constructor(
    private readonly engine: PoseEngine,
    readable: ReadableStream<VideoFrame>,
    private readonly onResult: ResultListener,
    private readonly onError: (message: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.reader = readable.getReader();
    this.done = this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.reader?.cancel().catch(() => undefined);
    await this.done;
  }

  private async pump(): Promise<void> {
    const reader = this.reader;
    if (!reader) return;
    try {
      for (;;) {
        const { value: frame, done } = await reader.read();
        if (done || this.stopped) {
          frame?.close();
          break;
        }
        const tMs = this.now();
        // A frame a little early (within EARLY_SHARE of the interval) is taken: waiting for the
        // next one would stretch every interval by up to a whole camera frame.
        const minMs = this.engine.getOptions().minFrameIntervalMs * (1 - EARLY_SHARE);
        if (this.engine.isBusy || tMs - this.lastUsedMs < minMs) {
          frame.close();
          continue;
        }
        this.lastUsedMs = tMs;
        this.engine.processFrame(frame, tMs).then(
          (result) => result && this.onResult(result),
          (err: unknown) => this.onError(err instanceof Error ? err.message : String(err)),
        );
      }
    } catch (err) {
      if (!this.stopped) this.onError(err instanceof Error ? err.message : String(err));
    } finally {
      reader.releaseLock();
      this.reader = null;
    }
  }
}
