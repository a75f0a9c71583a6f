import type { BackendChoice } from '../../src/core/pose';
import { ENGINES, MIN_SCORE } from '../../src/core/pose';
import { checkInputPx } from './movenet-input';
import type { EngineConfig, EngineOptions } from '../../src/protocol/pose-protocol';

export const DEFAULT_ENGINE_CONFIG: Readonly<EngineConfig> = Object.freeze({
  engine: 'movenet-lightning',
  backend: 'auto',
  modelBaseUrl: `${import.meta.env.BASE_URL}models/`,
  inputPx: null,
});

export const DEFAULT_ENGINE_OPTIONS: Readonly<EngineOptions> = Object.freeze({
  minPoseScore: MIN_SCORE,
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
