import { describe, expect, it } from 'vitest';
import { alertMessage, formatDuration } from '../../../../src/core/alerts/message';
import { PROBLEM_IDS } from '../../../../src/core/alerts/problems';

describe('alert message', () => {
  it('formats durations', () => {
    expect(formatDuration(31_400)).toBe('31 s');
    expect(formatDuration(125_000)).toBe('2 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(4_920_000)).toBe('1 h 22 min');
  });

  it('names the problem, its side and how long it has lasted, and links its article', () => {
    const m = alertMessage('tilt', 'left', 95_000);
    expect(m.title).toBe('Leaning to your left for 1 min');
    expect(m.article.id).toBe('tilt-rotation');
    expect(alertMessage('twist', 'right', 40_000).title).toBe('Turned to your right for 40 s');
    expect(alertMessage('forwardHead', null, 30_000).title).toBe('Head pushed forward for 30 s');
  });

  it('has words and advice for every problem', () => {
    for (const p of PROBLEM_IDS) {
      const m = alertMessage(p, null, 60_000);
      expect(m.title).toMatch(/ for 1 min$/);
      expect(m.advice.length).toBeGreaterThan(10);
    }
  });
});
