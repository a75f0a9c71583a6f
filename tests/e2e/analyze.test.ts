import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeY4m, mediaDir, projectRoot } from '../../scripts/harness';
import { FRAMED, LEAN_LEFT } from '../../scripts/app-session';
import { METRIC_KEYS } from '../../src/core/posture/metrics/metric';

const run = promisify(execFile);

async function analyze(file: string, ...args: string[]): Promise<Record<string, unknown>[]> {
  const { stdout } = await run('npx', ['vite-node', 'scripts/analyze.ts', file, ...args], {
    cwd: projectRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('npm run analyze', () => {
  it('prints a JSON line per second of cap12_edit.webm and a summary last', async () => {
    const all = await analyze(join(mediaDir, 'cap12_edit.webm'), '--fps', '5', '--calibrate-seconds', '3');
    const summary = all.pop()!;
    const lines = all.filter((l) => !('alert' in l));
    // 53.5 s of video: seconds 0..53.
    expect(lines).toHaveLength(54);
    lines.forEach((line, i) => {
      expect(line.t).toBe(i);
      expect(typeof line.present).toBe('boolean');
      for (const key of [...METRIC_KEYS, 'stillness']) expect(line, key).toHaveProperty(key);
    });
    // Calibrating takes the first 3 s: no verdict before, numbers after while he is in view.
    expect(lines[0]!.headForwardCm).toBeNull();
    // Every null metric of every second says why.
    for (const line of lines) {
      const reasons = line.reasons as Record<string, string>;
      for (const key of [...METRIC_KEYS, 'stillness']) {
        if (line[key] == null) expect(reasons[key], `${String(line.t)} s ${key}`).toMatch(/\w{4}/);
        else expect(reasons).not.toHaveProperty(key);
      }
    }
    expect((lines[0]!.reasons as Record<string, string>).headForwardCm).toMatch(/calibrat/);
    // His shoulders are at the bottom edge of this laptop-like picture: the shoulder readings say so.
    const later = lines.slice(4).filter((l) => l.present && l.shoulderRoundingPct == null);
    expect(later.length).toBeGreaterThan(10);
    for (const l of later) {
      expect((l.reasons as Record<string, string>).shoulderRoundingPct).toMatch(
        /bottom edge of the picture|outside the picture|not fully in view when you calibrated/,
      );
    }
    expect(
      lines.slice(3).filter((l) => l.present && typeof l.headRollDeg === 'number').length,
    ).toBeGreaterThan(30);
    expect(summary).toMatchObject({ summary: true, seconds: 54, calibration: { ok: true } });
    const calibration = summary.calibration as {
      screenDistanceCm: number;
      readings: string[];
      fovDeg: number;
    };
    expect(calibration.screenDistanceCm).toBeGreaterThan(30);
    expect(calibration.fovDeg).toBe(65);
    expect(calibration.readings).toEqual(expect.arrayContaining(['headRollDeg', 'distanceCm']));
    expect(calibration.readings).not.toContain('shoulderRoundingPct');
    expect(summary.frames).toBeGreaterThan(260);
    expect(summary.framesWithPerson as number).toBeGreaterThan((summary.frames as number) / 2);
    // He moves towards and away from the camera: the distance must span that.
    const d = (summary.metrics as Record<string, { min: number; max: number }>).distanceCm!;
    expect(d.max - d.min).toBeGreaterThan(15);
  });

  it('prints the alerts the posture state raises: a held lean to the left', async () => {
    const clip = await makeY4m('cap12_edit.webm', {
      seconds: 8,
      fps: 10,
      filter: FRAMED,
      thenFilter: LEAN_LEFT,
    });
    const lines = await analyze(clip, '--fps', '10', '--calibrate-seconds', '5', '--onset-seconds', '4');
    const summary = lines.pop()!;
    expect(summary).toMatchObject({ calibration: { ok: true } });
    const alerts = lines.filter((l) => 'alert' in l);
    expect(alerts).toContainEqual(expect.objectContaining({ alert: 'tilt', side: 'left' }));
    const tilt = alerts.find((a) => a.alert === 'tilt')!;
    // The lean starts at 8 s; onset 4 s, plus a second or two for the samples to cross the threshold.
    expect(tilt.t as number).toBeGreaterThanOrEqual(12);
    expect(tilt.t as number).toBeLessThanOrEqual(15);
    expect(alerts.map((a) => a.alert)).not.toContain('twist');
    expect(summary.alerts).toMatchObject({ tilt: 1 });
    // Each alert line follows the line of its second.
    const i = lines.indexOf(tilt);
    expect(lines[i - 1]!.t).toBe(Math.floor(tilt.t as number));
  });

  it('says what is wrong with a missing file', async () => {
    await expect(
      run('npx', ['vite-node', 'scripts/analyze.ts', 'no-such-file.webm'], { cwd: projectRoot }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no such file'),
    });
  });
});
