import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_IDS } from '../../../../src/core/alerts/problems';
import { ARTICLES, ARTICLE_IDS, DISCLAIMER, type Article } from '../../../../src/core/articles/articles';
import { PROBLEM_ARTICLES, primaryArticle } from '../../../../src/core/alerts/problem-articles';
import { shingleHashes } from '../../../../scripts/shingles';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'reference');

/** The causes in the reference's table (its first column), copied from ../shared/reference/README.md. */
function referenceCauses(): string[] {
  const readme = readFileSync(join(fixtures, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|')[1]!.trim())
    .filter((cell) => cell !== '' && !/^-+$/.test(cell) && cell !== 'cause in the articles');
}

const allText = (a: Article) => [a.title, a.summary, ...a.why, a.detect, ...a.todo].join('\n');

describe('cause articles', () => {
  it('has an article for every cause in the reference', () => {
    const causes = referenceCauses();
    expect(causes.length).toBeGreaterThanOrEqual(6);
    const covered = new Set(Object.values(ARTICLES).map((a) => a.cause));
    for (const cause of causes) expect(covered, cause).toContain(cause);
  });

  it('links every detected problem to at least one existing article', () => {
    for (const problem of PROBLEM_IDS) {
      const ids = PROBLEM_ARTICLES[problem];
      expect(ids.length, problem).toBeGreaterThan(0);
      for (const id of ids) expect(ARTICLE_IDS).toContain(id);
      expect(primaryArticle(problem).id).toBe(ids[0]);
    }
  });

  it('links the sided problems to the tilting article', () => {
    expect(primaryArticle('tilt').id).toBe('tilt-rotation');
    expect(primaryArticle('twist').id).toBe('tilt-rotation');
  });

  it('gives each article why, how it is detected and what to do, and links only real articles', () => {
    for (const id of ARTICLE_IDS) {
      const a = ARTICLES[id];
      expect(a.id).toBe(id);
      expect(a.why.length, id).toBeGreaterThan(0);
      expect(a.todo.length, id).toBeGreaterThan(0);
      expect(a.detect.length, id).toBeGreaterThan(20);
      for (const r of a.related) expect(ARTICLE_IDS).toContain(r);
      expect(a.related).not.toContain(id);
    }
  });

  it('sends the causes a camera cannot see to a doctor, and says it cannot see them', () => {
    const unseen = Object.values(ARTICLES).filter((a) => a.visibility === 'no');
    expect(unseen.map((a) => a.id)).toEqual(['thyroid-minerals']);
    for (const a of unseen) {
      expect(a.todo.join(' ')).toMatch(/see a doctor/i);
      expect(a.detect).toMatch(/cannot/);
    }
  });

  it('covers the self-care the reference describes', () => {
    const text = Object.values(ARTICLES).map(allText).join('\n').toLowerCase();
    for (const care of ['tennis ball', 'heat or cold', 'massage', 'chair', 'screen', 'strengthen|train'])
      expect(text).toMatch(new RegExp(care));
  });

  it('says it is not medical advice', () => {
    expect(DISCLAIMER).toMatch(/not medical advice/);
  });

  it('shares no run of six words with the reference articles', () => {
    const { words, hashes } = JSON.parse(readFileSync(join(fixtures, 'shingles.json'), 'utf8')) as {
      words: number;
      hashes: number[];
    };
    expect(words).toBe(6);
    expect(hashes.length).toBeGreaterThan(1500);
    const reference = new Set(hashes);
    // The check itself works: a sentence of the reference is caught.
    const quoted = shingleHashes(
      'Muscles that are held in just one position for a long period of time',
      words,
    );
    expect([...quoted].some((h) => reference.has(h))).toBe(true);
    for (const a of Object.values(ARTICLES)) {
      const copied = [...shingleHashes(allText(a), words)].filter((h) => reference.has(h));
      expect(copied, a.id).toEqual([]);
    }
  });
});
