/**
 * Fails when a function in src/, workers/ or scripts/ is over MAX_LINES
 * lines, listing each (longest first): they are split along their sections
 * into named functions. `npm run lint` runs it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_LINES, longFunctions } from './function-lengths';

const ROOTS = ['src', 'workers', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const long = ROOTS.flatMap(sourceFiles)
  .flatMap((file) => longFunctions(file, readFileSync(file, 'utf8')))
  .sort((a, b) => b.lines - a.lines);
for (const f of long) console.log(`${f.lines} lines  ${f.at}  ${f.name}`);
if (long.length > 0) {
  console.error(`${long.length} function(s) over ${MAX_LINES} lines: split each along its sections.`);
  process.exit(1);
}
console.log(`No function in ${ROOTS.join(', ')} is over ${MAX_LINES} lines.`);
