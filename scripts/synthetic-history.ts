/**
 * Synthetic per-minute history for the chart test and the history bench:
 * a working day at a desk (two stretches with a coffee break, lunch away),
 * posture slipping more as the day goes on (head forward, shoulders
 * rounded, a lean to the left, now and then a turn to the right), with the
 * alerts a held posture would raise. Deterministic for a given seed.
 */
import { emptyMinute, type MinuteRecord } from '../src/core/history/minute';

function random(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

type Episode = 'forwardHead' | 'roundedShoulders' | 'tilt' | 'twist' | null;

/**
 * One day's minutes, from the day's start (epoch ms of local midnight).
 * `allDay`: every minute of the day has a record (the app left open all
 * night with nobody there), as in the year the bench loads.
 */
export function syntheticDay(dayStartMs: number, day: string, seed: number, allDay = false): MinuteRecord[] {
  const rand = random(seed);
  const out: MinuteRecord[] = [];
  const stretches = [
    [8 * 60 + 30, 12 * 60 + 15],
    [13 * 60, 17 * 60 + 30],
  ] as const;
  const coffee = 10 * 60 + 20 + Math.floor(rand() * 30);
  let episode: Episode = null;
  let left = 0;
  for (let m = 0; m < 24 * 60; m++) {
    const inStretch = stretches.some(([a, b]) => m >= a && m < b);
    if (!inStretch && !allDay) continue;
    const r = emptyMinute(dayStartMs + m * 60_000, day);
    r.monitoredS = 60;
    out.push(r);
    if (!inStretch || (m >= coffee && m < coffee + 8)) continue;
    r.presentS = r.calibratedS = 60;
    // Slipping more in the afternoon.
    const slip = m < 12 * 60 ? 0.05 : 0.1;
    if (left <= 0) {
      const u = rand();
      episode =
        u < slip * 1.6
          ? 'forwardHead'
          : u < slip * 2.2
            ? 'tilt'
            : u < slip * 2.6
              ? 'roundedShoulders'
              : u < slip * 2.75
                ? 'twist'
                : null;
      left = episode ? 2 + Math.floor(rand() * 12) : 1 + Math.floor(rand() * 6);
      if (episode && left >= 2) r.alerts[episode] = 1;
    }
    left--;
    if (episode) {
      const bad = 40 + Math.floor(rand() * 20);
      r.problemS[episode] = bad;
      r.goodS = 60 - bad;
      if (episode === 'tilt') r.tiltLeftS = bad;
      if (episode === 'twist') r.twistRightS = bad;
    } else {
      r.goodS = 60 - Math.floor(rand() * 5);
      r.problemS.forwardHead = 60 - r.goodS;
    }
    const fwd = episode === 'forwardHead' ? 5 : 1;
    r.sums.headForwardCm = fwd * 60;
    r.counts.headForwardCm = 60;
    r.sums.distanceCm = (episode === 'forwardHead' ? -6 : 0) * 60;
    r.counts.distanceCm = 60;
  }
  return out;
}
