import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/config.ts';
import { startFlipside, type Flipside } from '../../src/server/compose.ts';
import { createLogger } from '../../src/server/logger.ts';

export interface TestFlipsideOptions {
  orgSize?: number;
  seed?: number;
  /** Sync the directory before returning (default true). */
  synced?: boolean;
  /** Run the background jobs (outbox delivery every 500 ms, sweeps, sync), as `npm start` does. */
  jobs?: boolean;
  env?: Record<string, string>;
}

/**
 * A whole Flipside in sandbox mode on an ephemeral port: real HTTP, real Graph client against the
 * sandbox Graph, real msal against the sandbox identity; PGlite in memory, or a fresh schema on
 * TEST_DATABASE_URL when it is set.
 */
export async function startTestFlipside(options: TestFlipsideOptions = {}): Promise<Flipside> {
  const config = loadConfig({
    PORT: '0',
    SANDBOX_ORG_SIZE: String(options.orgSize ?? 60),
    SANDBOX_SEED: String(options.seed ?? 7),
    ...options.env,
  });
  const database = process.env.TEST_DATABASE_URL
    ? { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, schema: `t_${randomUUID().replace(/-/g, '')}` }
    : { kind: 'pglite' as const };
  const flipside = await startFlipside({ ...config, database }, { log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), syncOnStart: options.jobs ?? false });
  if (options.synced ?? true) await flipside.syncNow();
  return flipside;
}

/** Signs in as a sandbox person, as the tab's person picker does; returns the bearer token. */
export async function signIn(flipside: Flipside, userId: string): Promise<string> {
  const res = await fetch(`${flipside.url}/sandbox/identity/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
