/**
 * The browser half of `npm run bench`: the real page-side client and the
 * real worker, fed a real 640x480 photo as camera-like VideoFrames, one in
 * flight. End to end is from the frame's creation on the page to its result
 * back on the page. Every engine is loaded in its own worker first; their
 * frames are then taken in turns, a round each, so that the ratios compare
 * engines over the same stretch of time.
 *
 * The photo's frames are stamped two seconds apart, as the app samples a
 * person sitting steadily. The still-picture reuse is off (the same photo
 * every time would always be reused), so MoveNet's model runs unless the
 * head tracker holds the pose (head unmoved, pose younger than 10 s): one
 * frame in five here. A run with `trackHeadMs: 0` makes the model run on
 * every frame, for comparison.
 *
 * With `footage`, the frames are a real recording's instead (decoded on the
 * page before any timing, stamped at their own times): a person moving, as
 * the app sees them between glances and shifts, with the still-picture
 * reuse on as the app runs it.
 */
import { summarize } from '../../src/core/rate';
import type { BackendChoice, EngineName } from '../../src/core/pose';
import { createPoseClient } from '../../src/ui/capture/pose-client';
import { webglRenderer } from '../../workers/engine/backend-order';

const deskUrl = new URL('../../tests/fixtures/media/desk-640x480.png', import.meta.url).href;
/** The recording whose moving stretch the per-sample table reads (a person shifting, turning, nodding, coming nearer). */
const movingClipUrl = new URL('../../tests/fixtures/media/cap12_edit.webm', import.meta.url).href;

export interface EngineBench {
  engine: EngineName;
  backend: string;
  threads: number;
  /** MoveNet's input, pixels square (null: the engine chooses). */
  inputPx: number | null;
  /** Whether the head tracker could hold a pose (MoveNet at the default trackHeadMs). */
  headTracker: boolean;
  /** Share of the timed frames whose pose the head tracker held (the pose model did not run). */
  heldShare: number;
  meanMs: number;
  loadMs: number;
  firstMs: number;
  medianMs: number;
  p95Ms: number;
  inferenceMedianMs: number;
  prepMedianMs: number;
  workerMedianMs: number;
  outsideInferencePct: number;
  frames: number;
  tensorGrowth: number;
}

/** The frames an engine is fed: the i-th picture and its time. */
interface FrameSource {
  picture(i: number): ImageBitmap;
  stepMs: number;
  /** The same picture every frame: the still-picture reuse is turned off. */
  still: boolean;
}

/** One engine's worker, loaded and warmed up, timing the frames it is given. */
async function openEngine(
  engine: EngineName,
  backend: BackendChoice,
  inputPx: number | null,
  trackHeadMs: number | undefined,
  source: FrameSource,
  warmup: number,
) {
  const client = createPoseClient();
  const info = await client.loadEngine({ engine, backend, inputPx });
  const options = await client.setEngineOptions({
    ...(source.still ? { reuseStillMs: 0 } : {}),
    ...(trackHeadMs === undefined ? {} : { trackHeadMs }),
  });
  let clockMs = 0;
  let n = 0;
  const once = async () => {
    const t0 = performance.now();
    clockMs += source.stepMs;
    const frame = new VideoFrame(source.picture(n++), { timestamp: clockMs * 1000 });
    const result = await client.processFrame(frame, clockMs);
    if (!result) throw new Error(`${engine}: a frame was dropped with nothing in flight`);
    return { e2eMs: performance.now() - t0, ...result.timings };
  };
  const first = await once();
  for (let i = 0; i < warmup; i++) await once();
  const tensorsBefore = (await client.stats()).tensors;
  const e2e: number[] = [];
  const inference: number[] = [];
  const prep: number[] = [];
  const worker: number[] = [];
  let held = 0;
  return {
    async run(frames: number): Promise<void> {
      for (let i = 0; i < frames; i++) {
        const r = await once();
        e2e.push(r.e2eMs);
        inference.push(r.inferenceMs);
        prep.push(r.prepMs);
        worker.push(r.totalMs);
        if (r.heldBy === 'head') held += 1;
      }
    },
    async finish(): Promise<EngineBench> {
      const tensorGrowth = (await client.stats()).tensors - tensorsBefore;
      client.dispose();
      const total = summarize(e2e);
      const inf = summarize(inference);
      return {
        engine: info.engine,
        backend: info.backend,
        threads: info.threads,
        inputPx: info.inputPx,
        headTracker: info.engine.startsWith('movenet') && options.trackHeadMs > 0,
        heldShare: held / e2e.length,
        meanMs: e2e.reduce((a, b) => a + b, 0) / e2e.length,
        loadMs: info.loadMs,
        firstMs: first.e2eMs,
        medianMs: total.median,
        p95Ms: total.p95,
        inferenceMedianMs: inf.median,
        prepMedianMs: summarize(prep).median,
        workerMedianMs: summarize(worker).median,
        outsideInferencePct: (100 * (total.median - inf.median)) / total.median,
        frames: e2e.length,
        tensorGrowth,
      };
    },
  };
}

/** A stretch of the moving recording (cap12), sampled `fps` times a second. */
export interface Footage {
  fromS: number;
  toS: number;
  fps: number;
}

export interface BenchRequest {
  runs: { engine: EngineName; backend: BackendChoice; inputPx?: number; trackHeadMs?: number }[];
  frames: number;
  warmup: number;
  /** Real moving footage instead of the still photo. */
  footage?: Footage;
}

/** The footage's pictures, decoded on the page before anything is timed. */
async function decodeFootage(f: Footage): Promise<ImageBitmap[]> {
  const video = document.createElement('video');
  video.muted = true;
  video.src = movingClipUrl;
  await new Promise((resolve, reject) => {
    video.onloadeddata = resolve;
    video.onerror = () => reject(new Error(`${movingClipUrl} could not be played`));
  });
  const out: ImageBitmap[] = [];
  for (let t = f.fromS; t < f.toS; t += 1 / f.fps) {
    video.currentTime = t;
    await new Promise((resolve) => (video.onseeked = resolve));
    out.push(await createImageBitmap(video));
  }
  return out;
}

async function frameSource(request: BenchRequest): Promise<FrameSource> {
  if (request.footage) {
    const pictures = await decodeFootage(request.footage);
    return {
      picture: (i) => pictures[i % pictures.length]!,
      stepMs: 1000 / request.footage.fps,
      still: false,
    };
  }
  const bitmap = await createImageBitmap(await (await fetch(deskUrl)).blob());
  return { picture: () => bitmap, stepMs: FRAME_STEP_MS, still: true };
}

/** Frames two seconds apart, as the app samples a person sitting steadily. */
const FRAME_STEP_MS = 2000;

/** Rounds the frames are spread over: every engine runs in each, so that a slower spell of the machine falls on all alike. */
const ROUNDS = 6;

async function runBench(request: BenchRequest): Promise<EngineBench[]> {
  const source = await frameSource(request);
  const engines = [];
  for (const r of request.runs)
    engines.push(
      await openEngine(r.engine, r.backend, r.inputPx ?? null, r.trackHeadMs, source, request.warmup),
    );
  const rounds = Math.min(ROUNDS, request.frames);
  for (let round = 0; round < rounds; round++) {
    const frames =
      Math.floor(((round + 1) * request.frames) / rounds) - Math.floor((round * request.frames) / rounds);
    for (const e of engines) await e.run(frames);
  }
  const out: EngineBench[] = [];
  for (const e of engines) out.push(await e.finish());
  return out;
}

Object.assign(window, {
  runBench,
  webglRenderer,
  benchReady: true,
  clipUrl: (name: string) => new URL(`../../tests/fixtures/media/${name}`, import.meta.url).href,
});
