/**
 * The page `npm run analyze` drives: a recording goes frame by frame through
 * the same worker, engine and posture tracker as the live app
 * (createPoseClient → processFrame), with the video's own clock as time.
 * The frames come decoded (by ffmpeg, in scripts/analyze.ts), so every codec
 * ffmpeg reads works and each frame is exactly the one at its time.
 */
import { createPoseClient } from '../ui/capture/pose-client';
import type { EngineName } from '../core/pose';
import type { AlertSettings } from '../core/alerts/settings';
import type { AlertEvent } from '../core/alerts/posture-state';
import type { PostureFrameResult } from '../protocol/pose-protocol';

export interface AnalyzeOptions {
  /** The frames, in order, one every 1/fps seconds (a still is one frame, shown for the calibration time and a second). */
  frameUrls: string[];
  still: boolean;
  calibrateSeconds: number;
  fps: number;
  engine: EngineName;
  /** Alert settings over the defaults (as a person would set them in the app). */
  alertSettings: Partial<AlertSettings>;
}

export interface AnalyzedFrame {
  tMs: number;
  result: Pick<PostureFrameResult, 'posture' | 'people'> & { present: boolean; events: AlertEvent[] };
}

async function frames(options: AnalyzeOptions, each: (source: ImageBitmap, tMs: number) => Promise<void>) {
  const load = async (url: string) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return createImageBitmap(await res.blob());
  };
  if (options.still) {
    const image = await load(options.frameUrls[0]!);
    const n = Math.round((options.calibrateSeconds + 1) * options.fps);
    for (let i = 0; i < n; i++) await each(image, (i * 1000) / options.fps);
    return;
  }
  for (let i = 0; i < options.frameUrls.length; i++) {
    const image = await load(options.frameUrls[i]!);
    await each(image, (i * 1000) / options.fps);
    image.close();
  }
}

async function analyze(options: AnalyzeOptions): Promise<AnalyzedFrame[]> {
  const client = createPoseClient();
  try {
    await client.loadEngine({ engine: options.engine, backend: 'wasm' });
    await client.setAlertSettings(options.alertSettings);
    await client.startCalibration(options.calibrateSeconds * 1000, null);
    const out: AnalyzedFrame[] = [];
    await frames(options, async (source, tMs) => {
      const frame = new VideoFrame(source, { timestamp: Math.round(tMs * 1000) });
      const r = await client.processFrame(frame, tMs);
      if (!r) throw new Error(`frame at ${tMs} ms was dropped`);
      out.push({
        tMs,
        result: { posture: r.posture, people: r.people, present: r.pose != null, events: r.alerts.events },
      });
    });
    return out;
  } finally {
    client.dispose();
  }
}

declare global {
  interface Window {
    knotlessAnalyze: typeof analyze;
  }
}
window.knotlessAnalyze = analyze;
document.getElementById('status')!.textContent = 'ready';
