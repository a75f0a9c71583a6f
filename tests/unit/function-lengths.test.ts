import { describe, expect, it } from 'vitest';
import { MAX_LINES, longFunctions } from '../../scripts/function-lengths';

/** A function of exactly `lines` lines, from its first line to its closing brace. */
const fn = (head: string, lines: number) =>
  [head, ...Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`), '}'].join('\n');

describe('the function-length check', () => {
  it('lists a function one line over the limit, by name and place, and not one at the limit', () => {
    const text = [fn('function fits() {', MAX_LINES), fn('export function tooLong() {', MAX_LINES + 1)].join(
      '\n',
    );
    expect(longFunctions('x.ts', text)).toEqual([
      { lines: MAX_LINES + 1, at: `x.ts:${MAX_LINES + 1}`, name: 'tooLong' },
    ]);
  });

  it('counts arrow functions, methods and nested functions, each under its own name', () => {
    const text = [
      fn('const arrow = () => {', 90),
      'class Box {',
      fn('  method() {', 85),
      '}',
      fn('function outer() {\n  function inner() {', 100),
      '}',
    ].join('\n');
    const names = longFunctions('y.ts', text).map((f) => [f.name, f.lines]);
    expect(names).toEqual([
      ['arrow', 90],
      ['method', 85],
      ['outer', 102],
      ['inner', 100],
    ]);
  });
});
