/**
 * vite-node scripts/reference-fingerprint.ts [reference dir]
 *
 * Writes tests/fixtures/reference/shingles.json: the hashes of every run of
 * SHINGLE_WORDS words in the reference articles (default
 * ../shared/reference/knots-in-your-back-articles.txt). The article tests
 * check the app's text against it. Run it again if the reference changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from './harness';
import { shingleHashes } from './shingles';

export const SHINGLE_WORDS = 6;

const dir = resolve(process.argv[2] ?? join(projectRoot, '..', 'shared', 'reference'));
const text = readFileSync(join(dir, 'knots-in-your-back-articles.txt'), 'utf8');
const hashes = [...shingleHashes(text, SHINGLE_WORDS)].sort((a, b) => a - b);
const out = join(projectRoot, 'tests', 'fixtures', 'reference', 'shingles.json');
writeFileSync(out, `${JSON.stringify({ words: SHINGLE_WORDS, hashes })}\n`);
console.log(`${hashes.length} shingles of ${SHINGLE_WORDS} words → ${out}`);
