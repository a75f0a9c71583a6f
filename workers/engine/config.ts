import type { BackendChoice, EngineName } from '../../src/core/pose';
import { ENGINES } from '../../src/core/pose';
import { checkInputPx } from './movenet-input';

export interface EngineConfig {
  /** Which model runs. Default `movenet-lightning`. */
  engine: EngineName;
  /** `auto` picks WebGL on a real GPU and wasm otherwise. Default `auto`. */
  backend: BackendChoice;
  /** Where the model files are served. Default `<base>/models/`. */
  modelBaseUrl: string;
  /**
   * MoveNet's input, pixels square (a multiple of 32); null: the engine's own
   * default (160 for Lightning, 256 for Thunder). Other engines ignore it.
   */
  inputPx: number | null;
}

export interface EngineOptions {
  /** Mean score of face and shoulder points below which nobody is in view. Default 0.3. */
  minPoseScore: number;
  /** Crop to the person's region found in the previous frame. Default true. */
  trackCrop: boolean;
  /** Stream mode: frames closer together than this are dropped unseen. Default 0. */
  minFrameIntervalMs: number;
  /** Count the people in view at most this often, ms (a second, slower model); 0 never. Default 0. */
  countPeopleEveryMs: number;
  /**
   * When the model's input is the same picture as the last time it ran
   * (nothing in view moved), reuse that pose instead of running the model,
   * for up to this long, ms; 0 always runs it. MoveNet only. Default 10 000.
   */
  reuseStillMs: number;
  /**
   * When the head is where it was the last time the model ran (a small face
   * detector looks on every frame), reuse that pose for up to this long, ms;
   * 0 always runs the model. MoveNet only. Default 10 000.
   */
  trackHeadMs: number;
  /**
   * Run MoveNet a second time on the mirrored crop and average the two poses
   * (left and right swapped back): the two runs' errors are partly their
   * own, so the points are steadier (on the real-footage accuracy cases,
   * 70 % of the clear cases read within every bound against 61 % from one
   * run), at twice the model's cost on the frames it runs on (the head
   * tracker holds most). MoveNet only. Default true.
   */
  flipAverage: boolean;
}

export const DEFAULT_ENGINE_CONFIG: Readonly<EngineConfig> = Object.freeze({
  engine: 'movenet-lightning',
  backend: 'auto',
  modelBaseUrl: `${import.meta.env.BASE_URL}models/`,
  inputPx: null,
});

export const DEFAULT_ENGINE_OPTIONS: Readonly<EngineOptions> = Object.freeze({
  minPoseScore: 0.3,
  trackCrop: true,
  minFrameIntervalMs: 0,
  countPeopleEveryMs: 0,
  reuseStillMs: 10_000,
  trackHeadMs: 10_000,
  flipAverage: true,
});

const BACKENDS: readonly BackendChoice[] = ['auto', 'wasm', 'webgl', 'cpu'];

export function resolveEngineConfig(partial: Partial<EngineConfig> = {}): EngineConfig {
  const config = { ...DEFAULT_ENGINE_CONFIG, ...partial };
  if (!ENGINES.some((e) => e.name === config.engine)) {
    throw new Error(
      `Unknown engine "${config.engine}"; expected one of ${ENGINES.map((e) => e.name).join(', ')}`,
    );
  }
  if (!BACKENDS.includes(config.backend)) {
    throw new Error(`Unknown backend "${config.backend}"; expected one of ${BACKENDS.join(', ')}`);
  }
  if (config.inputPx !== null) checkInputPx(config.inputPx);
  if (!config.modelBaseUrl.endsWith('/')) config.modelBaseUrl += '/';
  return config;
}

export function resolveEngineOptions(
  current: Readonly<EngineOptions>,
  partial: Partial<EngineOptions> = {},
): EngineOptions {
  const options = { ...current, ...partial };
  if (!(options.minPoseScore >= 0 && options.minPoseScore <= 1)) {
    throw new Error(`minPoseScore must be within 0..1, got ${options.minPoseScore}`);
  }
  if (!(options.minFrameIntervalMs >= 0)) {
    throw new Error(`minFrameIntervalMs must be 0 or more, got ${options.minFrameIntervalMs}`);
  }
  if (!(options.countPeopleEveryMs >= 0)) {
    throw new Error(`countPeopleEveryMs must be 0 or more, got ${options.countPeopleEveryMs}`);
  }
  if (!(options.trackHeadMs >= 0)) {
    throw new Error(`trackHeadMs must be 0 or more, got ${options.trackHeadMs}`);
  }
  if (!(options.reuseStillMs >= 0)) {
    throw new Error(`reuseStillMs must be 0 or more, got ${options.reuseStillMs}`);
  }
  return options;
}
