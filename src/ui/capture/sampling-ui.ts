/**
 * The page's part in how often frames are looked at: the Frame rate
 * setting, the battery state, the rate shown under Sampling, and the camera
 * asked for no more frames than the worker needs.
 */
import { setData, setText } from '../shell/dom';
import type { SamplingDecision } from '../../core/sampling/governor';
import type { PoseControl, Tell } from './pose-client';

export interface SamplingUi {
  /** Hands the setting and the battery state to a (new) worker. */
  configure(worker: PoseControl): Promise<void>;
  /** One frame's decision, visible or not: the camera's rate is matched to it. */
  follow(decision: SamplingDecision, track: MediaStreamTrack | null): void;
  /** One frame's decision, shown under Sampling. */
  show(decision: SamplingDecision): void;
  /** A new camera track: its rate is set afresh. */
  resetTrack(): void;
}

export function setupSampling(select: HTMLSelectElement, out: HTMLElement, tell: Tell): SamplingUi {
  let onBattery = false;
  let captureFps = 0;

  /** The frame-rate setting: adaptive, or a fixed rate. */
  const choice = (): { adaptive: boolean; fixedFps?: number } =>
    select.value === 'adaptive' ? { adaptive: true } : { adaptive: false, fixedFps: Number(select.value) };
  select.addEventListener('change', () => void tell((worker) => worker.setSampling(choice())));

  /** Lowers the rate on battery, where the browser says (Battery Status API: Chromium). */
  const watchBattery = async () => {
    const nav = navigator as Navigator & { getBattery?: () => Promise<EventTarget & { charging: boolean }> };
    if (!nav.getBattery) return;
    try {
      const battery = await nav.getBattery();
      const update = () => {
        onBattery = !battery.charging;
        void tell((worker) => worker.setOnBattery(onBattery));
      };
      battery.addEventListener('chargingchange', update);
      update();
    } catch {
      // Not allowed here: the rates stay as they are.
    }
  };
  void watchBattery();

  /**
   * Asks the camera for no more frames than the worker needs (twice its
   * rate, so that one lands within half an interval of each time it wants
   * one; at least 1 a second): fewer frames captured, converted and handed over is most of
   * the cost of a steady day. A source that cannot go that slow keeps its
   * rate, and the worker drops the extra frames.
   */
  const matchCaptureRate = async (samplingFps: number, track: MediaStreamTrack | null) => {
    const want = captureFpsFor(samplingFps);
    if (want === captureFps || !track || track.readyState !== 'live') return;
    captureFps = want;
    try {
      await track.applyConstraints({ ...track.getConstraints(), frameRate: { max: want } });
    } catch {
      // Not supported by this source.
    }
  };

  return {
    async configure(worker) {
      await worker.setSampling(choice());
      await worker.setOnBattery(onBattery);
    },
    follow(d, track) {
      void matchCaptureRate(d.fps, track);
    },
    show(d) {
      setText(
        out,
        `${d.fps < 1 ? d.fps.toFixed(1) : d.fps.toFixed(0)} frames/s · ${d.reason}${d.onBattery ? ' · on battery' : ''}`,
      );
      setData(out, 'reason', d.reason);
    },
    resetTrack() {
      captureFps = 0;
    },
  };
}

/** The frame rate asked of the camera for a sampling rate: twice it, 1 to 30 frames a second. */
export function captureFpsFor(samplingFps: number): number {
  return Math.min(30, Math.max(1, Math.ceil(samplingFps * 2)));
}
