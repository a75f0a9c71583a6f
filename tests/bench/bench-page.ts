/**
 * The browser half of `npm run bench`: the real page-side client and the
 * real worker, fed a real 640x480 photo as camera-like VideoFrames, one in
 * flight. End to end is from the frame's creation on the page to its result
 * back on the page. Every engine is loaded in its own worker first; their
 * frames are then taken in turns, a round each, so that the ratios compare
 * engines over the same stretch of time.
 */
import deskUrl from '../fixtures/media/desk-640x480.png?url';
import { summarize } from '../../src/core/rate';
import type { BackendChoice, EngineName } from '../../src/core/pose';
import { createPoseClient } from '../../src/ui/capture/pose-client';
import { webglRenderer } from '../../workers/engine/backend-order';

export interface EngineBench {
  engine: EngineName;
  backend: string;
  threads: number;
  /** MoveNet's input, pixels square (null: the engine chooses). */
  inputPx: number | null;
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

/** One engine's worker, loaded and warmed up, timing the frames it is given. */
async function openEngine(
  engine: EngineName,
  backend: BackendChoice,
  inputPx: number | null,
  bitmap: ImageBitmap,
  warmup: number,
) {
  const client = createPoseClient();
  const info = await client.api.init({ engine, backend, inputPx });
  // The same photo every frame: the model must run on each, not reuse a still picture's pose.
  await client.api.setOptions({ reuseStillMs: 0 });
  let ts = 0;
  const once = async () => {
    const t0 = performance.now();
    const result = await client.processFrame(new VideoFrame(bitmap, { timestamp: (ts += 33_000) }), t0);
    if (!result) throw new Error(`${engine}: a frame was dropped with nothing in flight`);
    return { e2eMs: performance.now() - t0, ...result.timings };
  };
  const first = await once();
  for (let i = 0; i < warmup; i++) await once();
  const tensorsBefore = (await client.api.stats()).tensors;
  const e2e: number[] = [];
  const inference: number[] = [];
  const prep: number[] = [];
  const worker: number[] = [];
  return {
    async run(frames: number): Promise<void> {
      for (let i = 0; i < frames; i++) {
        const r = await once();
        e2e.push(r.e2eMs);
        inference.push(r.inferenceMs);
        prep.push(r.prepMs);
        worker.push(r.totalMs);
      }
    },
    async finish(): Promise<EngineBench> {
      const tensorGrowth = (await client.api.stats()).tensors - tensorsBefore;
      client.dispose();
      const total = summarize(e2e);
      const inf = summarize(inference);
      return {
        engine: info.engine,
        backend: info.backend,
        threads: info.threads,
        inputPx: info.inputPx,
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

export interface BenchRequest {
  runs: { engine: EngineName; backend: BackendChoice; inputPx?: number }[];
  frames: number;
  warmup: number;
}

/** Rounds the frames are spread over: every engine runs in each, so that a slower spell of the machine falls on all alike. */
const ROUNDS = 6;

async function runBench(request: BenchRequest): Promise<EngineBench[]> {
  const bitmap = await createImageBitmap(await (await fetch(deskUrl)).blob());
  const engines = [];
  for (const r of request.runs)
    engines.push(await openEngine(r.engine, r.backend, r.inputPx ?? null, bitmap, request.warmup));
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

Object.assign(window, { runBench, webglRenderer, benchReady: true });
