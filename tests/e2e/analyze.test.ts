import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mediaDir, projectRoot } from '../../scripts/harness';
import { METRIC_KEYS } from '../../src/core/posture/metrics/metric';

const run = promisify(execFile);

describe('npm run analyze', () => {
  it('prints a JSON line per second of cap12_edit.webm and a summary last', async () => {
    const { stdout } = await run(
      'npx',
      [
        'vite-node',
        'scripts/analyze.ts',
        join(mediaDir, 'cap12_edit.webm'),
        '--fps',
        '5',
        '--calibrate-seconds',
        '3',
      ],
      { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.pop()!;
    // 53.5 s of video: seconds 0..53.
    expect(lines).toHaveLength(54);
    lines.forEach((line, i) => {
      expect(line.t).toBe(i);
      expect(typeof line.present).toBe('boolean');
      for (const key of [...METRIC_KEYS, 'stillness']) expect(line, key).toHaveProperty(key);
    });
    // Calibrating takes the first 3 s: no verdict before, numbers after while he is in view.
    expect(lines[0]!.headForwardCm).toBeNull();
    expect(
      lines.slice(3).filter((l) => l.present && typeof l.headRollDeg === 'number').length,
    ).toBeGreaterThan(30);
    expect(summary).toMatchObject({ summary: true, seconds: 54, calibration: { ok: true } });
    expect(summary.frames).toBeGreaterThan(260);
    expect(summary.framesWithPerson as number).toBeGreaterThan((summary.frames as number) / 2);
    // He moves towards and away from the camera: the distance must span that.
    const d = (summary.metrics as Record<string, { min: number; max: number }>).distanceCm!;
    expect(d.max - d.min).toBeGreaterThan(15);
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
