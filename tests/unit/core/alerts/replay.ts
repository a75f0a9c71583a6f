/**
 * Recorded-style posture sequences for the state machine: a list of
 * segments (what the person does for how long), turned into the samples the
 * worker would send at a given frame rate, with keypoint-like noise on every
 * metric, then replayed with simulated time.
 */
import type { Vec3 } from '../../../../src/core/posture/camera';
import { METRIC_KEYS, type MetricKey } from '../../../../src/core/posture/metrics/metric';
import type {
  AlertEvent,
  AlertSnapshot,
  PostureState,
  StateSample,
} from '../../../../src/core/alerts/posture-state';

export interface Segment {
  seconds: number;
  /** Deviations from neutral held through the segment; unlisted metrics are 0 (upright). */
  metrics?: Partial<Record<MetricKey, number | null>>;
  present?: boolean;
  calibrated?: boolean;
  /** Default 0.3: moving about normally. */
  stillness?: number | null;
  headOffsetCm?: Vec3 | null;
}

/** Frame-to-frame jitter added to each metric (one standard deviation). */
const JITTER: Record<MetricKey, number> = {
  headForwardCm: 0.5,
  shoulderRoundingPct: 1,
  shoulderElevationCm: 0.3,
  shoulderTiltDeg: 0.7,
  headRollDeg: 0.7,
  headShiftPct: 1.5,
  headYawDeg: 1.5,
  headPitchDeg: 1.5,
  trunkYawDeg: 3,
  distanceCm: 1,
};

function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function recording(
  segments: readonly Segment[],
  { fps = 5, seed = 7, startMs = 0, noise = 1 } = {},
): StateSample[] {
  const rand = gaussian(seed);
  const out: StateSample[] = [];
  let t = startMs;
  for (const seg of segments) {
    const n = Math.round(seg.seconds * fps);
    for (let i = 0; i < n; i++) {
      const present = seg.present ?? true;
      const metrics = {} as Record<MetricKey, number | null>;
      for (const key of METRIC_KEYS) {
        const v = seg.metrics?.[key] === undefined ? 0 : seg.metrics[key];
        metrics[key] = present && v != null ? v + rand() * JITTER[key] * noise : null;
      }
      out.push({
        tMs: t,
        present,
        calibrated: seg.calibrated ?? true,
        metrics,
        stillness: present ? (seg.stillness === undefined ? 0.3 : seg.stillness) : null,
        headOffsetCm: present ? (seg.headOffsetCm ?? { x: 0, y: 0, z: 0 }) : null,
      });
      t += 1000 / fps;
    }
  }
  return out;
}

export interface Replay {
  events: AlertEvent[];
  alerts: Extract<AlertEvent, { kind: 'alert' }>[];
  clears: Extract<AlertEvent, { kind: 'clear' }>[];
  last: AlertSnapshot;
  snapshots: AlertSnapshot[];
}

/** Feeds the samples in order; `at` runs actions (snooze, pause) when a sample's time is reached. */
export function replay(
  state: PostureState,
  samples: readonly StateSample[],
  at: readonly [seconds: number, action: (s: PostureState) => void][] = [],
): Replay {
  const actions = [...at].sort((a, b) => a[0] - b[0]);
  const snapshots: AlertSnapshot[] = [];
  for (const s of samples) {
    while (actions.length > 0 && actions[0]![0] * 1000 <= s.tMs) actions.shift()![1](state);
    snapshots.push(state.update(s));
  }
  const events = snapshots.flatMap((s) => s.events);
  return {
    events,
    alerts: events.filter((e) => e.kind === 'alert'),
    clears: events.filter((e) => e.kind === 'clear'),
    last: snapshots[snapshots.length - 1]!,
    snapshots,
  };
}

export const seconds = (ms: number): number => ms / 1000;
