// Lint: TypeScript rules plus the import boundaries of STYLE.md, so the dependency direction
// stays one way without anyone remembering it.
import tseslint from 'typescript-eslint';

const sdk = {
  graph: ['@microsoft/microsoft-graph-client', '@microsoft/microsoft-graph-client/*', '@azure/msal-node'],
  db: ['pg', '@electric-sql/pglite', '@electric-sql/pglite/*'],
  bot: ['botbuilder', 'botbuilder-*', 'botframework-*'],
  web: ['express'],
};
const layers = (...names) => names.flatMap((n) => [`**/${n}/**`, `../${n}/*`, `../../${n}/*`]);
const restrict = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'coverage', '.flipside', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  restrict(['src/domain/**'], [...layers('app', 'graph', 'store', 'bot', 'cards', 'jobs', 'server', 'config', 'sandbox', 'tab', 'contracts'), ...sdk.graph, ...sdk.db, ...sdk.bot, ...sdk.web, 'node:*', 'pino'], 'domain/ is pure: it imports nothing but itself.'),
  restrict(['src/app/**'], [...layers('graph', 'store', 'bot', 'jobs', 'server', 'sandbox', 'tab'), ...sdk.graph, ...sdk.db, ...sdk.bot, ...sdk.web], 'app/ depends on domain/ and its own ports only.'),
  restrict(['src/graph/**'], [...layers('store', 'bot', 'jobs', 'server', 'sandbox', 'tab'), ...sdk.db, ...sdk.bot, ...sdk.web], 'graph/ is the Graph adapter: it does not know the other adapters.'),
  restrict(['src/store/**'], [...layers('graph', 'bot', 'jobs', 'server', 'sandbox', 'tab'), ...sdk.graph, ...sdk.bot, ...sdk.web], 'store/ is the Postgres adapter: it does not know the other adapters.'),
  restrict(['src/bot/**'], [...layers('graph', 'store', 'jobs', 'sandbox', 'tab'), ...sdk.graph, ...sdk.db], 'bot/ talks to use cases, not to other adapters.'),
  restrict(['src/jobs/**'], [...layers('graph', 'store', 'bot', 'sandbox', 'tab'), ...sdk.graph, ...sdk.db, ...sdk.bot], 'jobs/ call use cases, not adapters.'),
  restrict(['src/cards/**'], [...layers('graph', 'store', 'bot', 'jobs', 'server', 'sandbox', 'tab'), ...sdk.graph, ...sdk.db, ...sdk.bot, ...sdk.web], 'cards/ are pure functions from view-model to card JSON.'),
  restrict(['src/tab/**'], [...layers('domain', 'app', 'graph', 'store', 'bot', 'cards', 'jobs', 'server', 'config', 'sandbox'), ...sdk.graph, ...sdk.db, ...sdk.bot, ...sdk.web], 'The tab imports only contracts/ and UI libraries.'),
  restrict(['src/sandbox/**'], [...layers('app', 'graph', 'store', 'bot', 'jobs', 'server', 'tab'), ...sdk.graph, ...sdk.db, ...sdk.bot], 'The sandbox is Microsoft\'s side: it shares nothing with the app but domain/ and contracts/.'),
  {
    ...restrict(['src/server/**'], [...layers('graph', 'store', 'bot', 'jobs', 'sandbox', 'tab'), ...sdk.graph, ...sdk.db, ...sdk.bot], 'Only server/compose.ts wires adapters together; the HTTP edge calls use cases.'),
    ignores: ['src/server/compose.ts'],
  },
  restrict(['src/contracts/**'], [...layers('domain', 'app', 'graph', 'store', 'bot', 'cards', 'jobs', 'server', 'config', 'sandbox', 'tab')], 'contracts/ are shared by the tab and the server and depend on nothing.'),
);
