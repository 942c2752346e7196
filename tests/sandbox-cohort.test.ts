import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchingProposal } from '../src/contracts/matching.ts';
import type { Program } from '../src/contracts/programs.ts';
import type { CohortStatus } from '../src/sandbox/cohort.ts';
import { apiFor, type Api } from './support/api.ts';
import { loadConfig } from '../src/config/config.ts';
import { startFlipside, type Flipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';
import { TENANT_ENV } from './support/env.ts';
import { startTestFlipside } from './support/flipside.ts';

let f: Flipside;
let api: Api;
let hr: string;

async function control<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${f.url}/sandbox/control${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Waits, in real time, until `done` holds (the sandbox people answer on their own, through the outbox and the bot). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 600_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    // A poll that loses its connection (a keep-alive socket the loaded server closed) is simply made again.
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  // The default sandbox org, with the jobs running as under `npm start`.
  f = await startTestFlipside({ orgSize: 400, seed: 42, jobs: true });
  api = apiFor(f);
  hr = f.sandbox!.tenant.org.personas.hrAdmin;
}, 120_000);
afterAll(async () => f?.close());

describe('sandbox: "Try it with a full cohort"', () => {
  it('refuses a bad size, naming the field', async () => {
    const bad = await control<{ error: { field: string } }>('POST', '/cohort', { size: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('size');
  });

  it('120 sandbox people respond as people would, and the template pairs at least 50 of them', { timeout: 700_000 }, async () => {
    const t0 = Date.now();
    const started = await control<CohortStatus>('POST', '/cohort', {});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'responding', size: 120 });
    const programId = started.body.programId!;
    const done = await until(
      async () => (await control<CohortStatus>('GET', '/cohort')).body,
      (s) => (process.env.COHORT_TRACE && console.log(((Date.now() - t0) / 1000).toFixed(0), JSON.stringify(s)), s.state === 'done'),
      'the cohort',
    );
    console.log(`cohort: ${done.enrolled} enrolled, ${done.declined} said no, ${done.approved} approved, ${done.lapsing} lapsing, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // Most enroll, some say no, a few leave the card be; managers approve, a few decline or let it lapse.
    expect(done.enrolled).toBeGreaterThanOrEqual(105);
    expect(done.declined).toBeGreaterThan(0);
    expect(done.enrolled + done.declined).toBeLessThan(120);
    expect(done.approved).toBeGreaterThanOrEqual(100);
    expect(done.pending).toBe(done.lapsing);
    expect(done.lapsing).toBeGreaterThan(0);
    expect(done.approved + done.pending).toBeLessThan(done.enrolled);

    const program = (await api.ok<Program[]>(hr, 'GET', '/programs')).find((p) => p.id === programId)!;
    expect(program.counts).toMatchObject({ approved: done.approved });
    const proposal = await api.ok<MatchingProposal>(hr, 'POST', `/programs/${programId}/matching/runs`);
    expect(proposal.pairs.length).toBeGreaterThanOrEqual(50);
  });
});

describe('"Try it with a full cohort" on a real tenant', () => {
  it('does not exist: the route answers 404, and no request can switch it on', async () => {
    const config = loadConfig({ PORT: '0', ...TENANT_ENV, M365_AUTHORITY_HOST: 'https://127.0.0.1:9' });
    const tenant = await startFlipside({ ...config, database: { kind: 'pglite' } }, { log: createLogger('silent'), syncOnStart: false });
    try {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`http://127.0.0.1:${tenant.port}/sandbox/control/cohort?sandbox=1`, {
          method,
          headers: { 'content-type': 'application/json', 'x-flipside-mode': 'sandbox' },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        expect(res.status, method).toBe(404);
      }
    } finally {
      await tenant.close();
    }
  });
});
