// `npm run build:server`: compiles the server (src/ without the tab) ahead of time to
// dist-server/, so production runs it with node directly (no tsx, no npm in between).
// tsc only emits here (tsconfig.server.json); `npm run typecheck` is what checks the types.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('../', import.meta.url);
const out = new URL('dist-server/', root);
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', new URL('tsconfig.server.json', root).pathname], { stdio: 'inherit' });
// Files the server reads beside its modules at run time.
cpSync(new URL('src/store/migrations/', root), new URL('store/migrations/', out), { recursive: true });
