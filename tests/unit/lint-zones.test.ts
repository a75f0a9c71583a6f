/**
 * The lint zones hold the pipeline's direction: each fixture under
 * tests/fixtures/lint is linted as if it were the file its first line
 * names, with the project's own ESLint config; a fixture that breaks a zone
 * must be reported by import-x/no-restricted-paths, the allowed one must not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/harness';

const dir = join(projectRoot, 'tests/fixtures/lint');
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.ts.txt'))
  .map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const lintAs = /^\/\/ lint as: (\S+)/.exec(text)?.[1];
    if (!lintAs) throw new Error(`${name} does not say which file it stands for`);
    return { name, text, lintAs };
  });

async function zoneErrors(text: string, lintAs: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText(text, { filePath: join(projectRoot, lintAs) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'import-x/no-restricted-paths')
    .map((m) => m.message);
}

describe('lint zones', () => {
  it('has fixtures that break a zone and one that does not', () => {
    expect(fixtures.filter((f) => f.name !== 'allowed.ts.txt').length).toBeGreaterThanOrEqual(6);
    expect(fixtures.some((f) => f.name === 'allowed.ts.txt')).toBe(true);
  });

  for (const f of fixtures.filter((x) => x.name !== 'allowed.ts.txt')) {
    it(`reports ${f.name} (as ${f.lintAs})`, async () => {
      const errors = await zoneErrors(f.text, f.lintAs);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/Breaks the pipeline's direction/);
    }, 30_000);
  }

  it('lets the page import core, the protocol and itself', async () => {
    const f = fixtures.find((x) => x.name === 'allowed.ts.txt')!;
    expect(await zoneErrors(f.text, f.lintAs)).toEqual([]);
  }, 30_000);
});
