import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

/** An import-x/no-restricted-paths zone: files under `target` may not import from `from`. */
function zone(target, from, message) {
  return { target, from, message: `Breaks the pipeline's direction: ${message}` };
}

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'models', 'tests/.tmp', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    // Without a resolver that knows .ts, import rules see no file behind a relative import and check nothing.
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js'] })] },
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
      ],
    },
  },
  {
    // The pipeline's direction: core is pure; the protocol names core's types; the worker and the
    // page both import core and the protocol, never each other (the page names the worker only by
    // its URL); the analyzer page builds on the page; scripts may import anything but tests;
    // nothing imports scripts or tests but tests.
    files: ['**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone(
              'src/core',
              ['src/protocol', 'src/ui', 'src/analyze', 'workers'],
              'core imports nothing of the project but core.',
            ),
            zone('src/protocol', ['src/ui', 'src/analyze', 'workers'], 'the protocol names core types only.'),
            zone(
              'workers',
              ['src/ui', 'src/analyze'],
              'the worker imports core and the protocol, not the page.',
            ),
            zone(
              'src/ui',
              ['workers', 'src/analyze'],
              'the page imports core and the protocol; it names the worker only by its URL.',
            ),
            zone('src/analyze', ['workers'], 'the analyzer page reaches the worker through the page client.'),
            zone(['src', 'workers'], ['scripts'], 'only tests import scripts.'),
            zone(
              ['src', 'workers', 'scripts', 'vite.config.ts'],
              ['tests'],
              'nothing imports tests but tests.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'navigator', 'Date'],
    },
  },
  {
    // Converting instants to the local calendar needs Date; reading the clock does not happen there.
    files: ['src/core/history/calendar.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'self', 'navigator'] },
  },
  {
    files: ['scripts/**/*.{ts,mjs}', 'tests/**/*.mjs', 'vite.config.ts', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
);
