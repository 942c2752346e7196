import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TENANT_ENV } from './support/env.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'flipside-tenant-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
// A real PostgreSQL when the suite has one (CI): a fresh PGlite on disk takes most of a start.
const database: Record<string, string> = process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : { DATA_DIR: dataDir };

/** Starts the real composition root in a child process in which loading src/sandbox (or faker) throws. */
async function startWithSandboxForbidden(env: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  const script = `
    const { loadConfig } = await import('./src/config/config.ts');
    const { startFlipside } = await import('./src/server/compose.ts');
    const { createLogger } = await import('./src/server/logger.ts');
    const config = loadConfig(${JSON.stringify({ ...env, ...database, PORT: '0', LOG_LEVEL: 'silent' })});
    const flipside = await startFlipside(config, { syncOnStart: false, log: createLogger('silent') });
    const health = await (await fetch('http://127.0.0.1:' + flipside.port + '/healthz')).json();
    await flipside.close();
    console.log('STARTED ' + config.mode + ' ' + health.mode);
  `;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', '--import', './tests/support/forbid-sandbox.mjs', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '' },
      timeout: 150_000,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? e.message}` };
  }
}

describe('on a real tenant nothing of the sandbox is loaded', () => {
  it('starts, answers health and stops without importing src/sandbox or faker', async () => {
    const { ok, output } = await startWithSandboxForbidden({ ...TENANT_ENV });
    expect(output).not.toContain('FORBIDDEN MODULE LOADED');
    expect(ok, output).toBe(true);
    expect(output).toContain('STARTED tenant tenant');
  }, 180_000);

  it('the same probe does catch the sandbox when it is loaded (sandbox mode)', async () => {
    const { ok, output } = await startWithSandboxForbidden({});
    expect(ok).toBe(false);
    expect(output).toMatch(/FORBIDDEN MODULE LOADED: file:.*\/src\/sandbox\//);
  }, 180_000);
});
