/**
 * The pose loop's status in the page: engine and backend, inference time
 * (of the frames the model ran on), frame rate, samples and how many of them
 * reused a still picture's pose, who is in view. Counted on every result, written
 * only while the page is seen.
 */
import { setText } from '../shell/dom';
import { RateMeter, summarize } from '../../core/rate';
import type { PostureFrameResult } from '../../protocol/pose-protocol';

export interface LoopStatusElements {
  engine: HTMLElement;
  backend: HTMLElement;
  inference: HTMLElement;
  fps: HTMLElement;
  person: HTMLElement;
  samples: HTMLElement;
  /** Frames whose pose was reused (the picture had not changed, the model did not run). */
  reused: HTMLElement;
}

export interface LoopStatus {
  loading(engine: string): void;
  loaded(info: { engine: string; backend: string }): void;
  /** Every result, hidden or not. */
  count(result: PostureFrameResult): void;
  /** Writes the status (only while the page is seen). */
  show(result: PostureFrameResult): void;
}

export function createLoopStatus(
  el: LoopStatusElements,
  say: (text: string, kind: 'error' | 'info') => void,
): LoopStatus {
  const rate = new RateMeter(2000);
  const recentInferenceMs: number[] = [];
  let samples = 0;
  let reused = 0;
  /** People counted in view (now and then, by a second model). */
  let people = 1;
  /** The backend the worker runs on: it leaves WebGL by itself when its context is lost. */
  let backend: string | null = null;
  return {
    loading(engine) {
      el.engine.textContent = `loading ${engine}…`;
    },
    loaded(info) {
      el.engine.textContent = info.engine;
      el.backend.textContent = info.backend;
      backend = info.backend;
    },
    count(result) {
      if (result.backend !== backend) {
        if (backend === 'webgl') {
          say(
            `WebGL stopped working (its context was lost): pose estimation goes on with ${result.backend}, on the CPU.`,
            'info',
          );
        }
        backend = result.backend;
        el.backend.textContent = result.backend;
      }
      rate.tick(performance.now());
      if (result.timings.reused) reused++;
      else {
        recentInferenceMs.push(result.timings.inferenceMs);
        if (recentInferenceMs.length > 30) recentInferenceMs.shift();
      }
      if (result.people !== null) people = result.people;
      samples++;
    },
    show(result) {
      setText(el.samples, String(samples));
      setText(el.reused, String(reused));
      if (recentInferenceMs.length > 0) {
        setText(el.inference, `${summarize(recentInferenceMs).median.toFixed(1)} ms`);
      }
      setText(el.fps, rate.perSecond(performance.now()).toFixed(1));
      setText(
        el.person,
        !result.pose
          ? 'nobody in view'
          : people > 1
            ? `${people} people in view: ${result.posture.calibrated ? 'following the person calibrated' : 'calibrate with only you in view'}`
            : 'in view',
      );
    },
  };
}
