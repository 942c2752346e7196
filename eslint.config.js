// Lint: TypeScript rules plus the dependency direction of STYLE.md, enforced by a small local rule
// that resolves every import to its layer (src/<layer>/…) so the direction stays one way without
// anyone remembering it.
import path from 'node:path';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Which layers each layer may import (itself always). */
const LAYERS = {
  domain: [],
  contracts: [],
  config: [],
  cards: ['domain', 'contracts'],
  app: ['domain', 'cards', 'contracts'],
  graph: ['app', 'domain'],
  store: ['app', 'domain'],
  bot: ['app', 'cards', 'domain', 'contracts'],
  jobs: ['app', 'domain'],
  server: ['app', 'cards', 'contracts', 'config', 'domain'],
  sandbox: ['domain', 'contracts'],
  tab: ['contracts'],
  cli: ['domain', 'app', 'contracts', 'config'],
};
/** Technologies each live in one adapter (and the composition root). */
const PACKAGES = [
  { match: /^(@microsoft\/microsoft-graph-client|@azure\/msal-node)(\/|$)/, layers: ['graph'], what: 'the Graph client and msal' },
  { match: /^(pg|@electric-sql\/pglite)(\/|$)/, layers: ['store'], what: 'database drivers' },
  { match: /^(botbuilder|botframework-)/, layers: ['bot'], what: 'botbuilder' },
  { match: /^express(\/|$)/, layers: ['server', 'sandbox'], what: 'express' },
  { match: /^(node:|pino$|luxon$)/, layers: Object.keys(LAYERS).filter((l) => !['domain', 'cards', 'tab'].includes(l)), what: 'Node built-ins and the logger', except: { domain: /^luxon$/ } },
];
const COMPOSITION_ROOT = /src[\\/]server[\\/]compose\.ts$/;

const layerOf = (file) => {
  const rel = path.relative(path.resolve('src'), file);
  return rel.startsWith('..') ? undefined : rel.split(path.sep)[0];
};

const layersRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from || !(from in LAYERS) || COMPOSITION_ROOT.test(file)) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(file), source));
        if (to && to !== from && !LAYERS[from].includes(to)) {
          context.report({ node, message: `src/${from} may not import src/${to} (allowed: ${LAYERS[from].join(', ') || 'nothing but itself'}).` });
        }
        return;
      }
      for (const p of PACKAGES) {
        if (p.match.test(source) && !p.layers.includes(from) && !p.except?.[from]?.test(source)) {
          context.report({ node, message: `${p.what} belong in ${p.layers.map((l) => `src/${l}`).join(' or ')}, not src/${from}.` });
        }
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

/**
 * No import cycles in src/: import-x/no-cycle, the only rule of that plugin turned on here. Every
 * relative import names its file with its extension, so import-x's own resolver finds it as written.
 * Type-only imports (`import type …`, or every specifier `type`) are erased at run time and the rule
 * skips them; a runtime import, static or `import()`, counts. tests/lint.test.ts lints its two
 * fixture folders with this same block: import-tree (no loop) in every run, import-cycle (a loop)
 * only there, through `ignore: false`, since that folder is in the ignores below.
 */
const NO_CYCLE_FILES = ['src/**/*.{ts,tsx}', 'tests/fixtures/import-*/**/*.ts'];
const CYCLE_FIXTURE = 'tests/fixtures/import-cycle/';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'coverage', '.flipside', '.tmp-scratch', 'eslint.config.js', CYCLE_FIXTURE] },
  ...tseslint.configs.recommended,
  {
    plugins: { flipside: { rules: { layers: layersRule } } },
    rules: {
      'flipside/layers': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: NO_CYCLE_FILES,
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
