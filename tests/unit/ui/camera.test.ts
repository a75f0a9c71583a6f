import { describe, expect, it } from 'vitest';
import { cameraProblem } from '../../../src/ui/capture/camera';

const domError = (name: string) => Object.assign(new Error('x'), { name });

describe('cameraProblem', () => {
  it('maps getUserMedia failures to what the page tells the person', () => {
    expect(cameraProblem(domError('NotAllowedError'))).toBe('denied');
    expect(cameraProblem(domError('NotFoundError'))).toBe('none');
    expect(cameraProblem(domError('OverconstrainedError'))).toBe('none');
    expect(cameraProblem(domError('NotReadableError'))).toBe('busy');
    expect(cameraProblem(domError('TypeError'))).toBe('other');
    expect(cameraProblem('odd')).toBe('other');
  });
});
