import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/config.ts';
import { startFlipside, type Flipside } from '../../src/server/compose.ts';
import { createLogger, type Logger } from '../../src/server/logger.ts';

export interface TestFlipsideOptions {
  orgSize?: number;
  seed?: number;
  /** Sync the directory before returning (default true). */
  synced?: boolean;
  /** Run the background jobs (outbox delivery every 500 ms, sweeps, sync), as `npm start` does. */
  jobs?: boolean;
  env?: Record<string, string>;
  /**
   * The sandbox people nobody signed in as answer their own cards (SANDBOX_OTHERS_RESPOND). Off
   * unless a test asks: a test clicks what it means to click (`env` can still set it).
   */
  othersRespond?: boolean;
  /**
   * Keep Flipside's data in PGlite in this folder, as `npm start` does in .flipside/data (and the
   * sandbox's state beside it): a second start on the same folder is a restart. Default: in memory.
   */
  dataDir?: string;
  /** Where Flipside logs (default: silent, or TEST_LOG_LEVEL), for tests that read the log. */
  log?: Logger;
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
    SANDBOX_OTHERS_RESPOND: options.othersRespond ? 'true' : 'false',
    ...options.env,
  });
  const database = options.dataDir
    ? { kind: 'pglite' as const, dataDir: options.dataDir }
    : process.env.TEST_DATABASE_URL
      ? { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, schema: `t_${randomUUID().replace(/-/g, '')}` }
      : { kind: 'pglite' as const };
  const flipside = await startFlipside({ ...config, database }, { log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), syncOnStart: options.jobs ?? false });
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

/** Where the sandbox's Graph answers, on the loopback address (as the real Graph client is pointed at it). */
export const sandboxGraphUrl = (f: Flipside) => `http://127.0.0.1:${f.port}/sandbox/graph/v1.0`;

/**
 * Runs the outbox until a pass delivers nothing, letting the sandbox Bot Connector finish talking
 * to the bot after each pass. What is held back (backoff, rate limits) stays pending.
 */
export async function deliverAll(f: Flipside): Promise<void> {
  const connector = f.sandbox!.connector;
  for (let i = 0; i < 20; i++) {
    await connector.idle();
    if ((await f.deliverNow()) === 0) break;
  }
  await connector.idle();
}

/**
 * Delivers until the outbox has nothing pending, waiting out backoffs and Teams' rate limits; with
 * `booking`, runs the booking job too, until it has nothing left to move. Throws when the outbox is
 * still not empty after `deadlineMs`.
 */
export async function drain(f: Flipside, options: { booking?: boolean; deadlineMs?: number } = {}): Promise<Record<string, number>> {
  const connector = f.sandbox!.connector;
  const until = Date.now() + (options.deadlineMs ?? 20_000);
  while (Date.now() < until) {
    const moved = (options.booking ? await f.bookNow() : 0) + (await f.deliverNow());
    await connector.idle();
    const counts = await f.store.outbox.countByStatus();
    const bookingBusy = options.booking && moved > 0; // the booking job may have more to do at once
    if (!counts.pending && !bookingBusy) return counts;
    if (counts.pending) await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`outbox not drained: ${JSON.stringify(await f.store.outbox.countByStatus())}`);
}
