import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.ts';
import { startFlipside, type Flipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';
import { apiFor, type Api } from './support/api.ts';
import { TENANT_ENV } from './support/env.ts';
import { startTestFlipside } from './support/flipside.ts';

describe('one server in sandbox mode', () => {
  let f: Flipside;
  let api: Api;
  beforeAll(async () => {
    f = await startTestFlipside();
    api = apiFor(f);
  });
  afterAll(async () => f?.close());

  it('answers /healthz with the mode, the database and the synced directory', async () => {
    const body = (await (await fetch(`${f.url}/healthz`)).json()) as { status: string; mode: string; directory: { people: number } };
    expect(body).toMatchObject({ status: 'ok', mode: 'sandbox', directory: { people: 60 } });
  });

  it('has the bot endpoint at /api/messages, which refuses what is not an activity', async () => {
    const res = await fetch(`${f.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
  });

  it('answers unknown API paths with a JSON 404 naming the path', async () => {
    const res = await api(f.sandbox!.tenant.org.people[1]!.id, 'GET', '/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('/api/nothing-here');
  });

  it('answers a bad person id with a 400 naming the field, and an unknown one with 404', async () => {
    const someone = f.sandbox!.tenant.org.people[1]!.id;
    const bad = await api(someone, 'GET', "/people/robert'); DROP TABLE");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('id');
    const unknown = await api(someone, 'GET', '/people/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('answers a person with their manager, chain and reports from the synced directory', async () => {
    const org = f.sandbox!.tenant.org;
    const person = org.people.find((p) => p.level >= 2 && org.directReports(p.id).length > 0)!;
    const me = await api.ok<{
      person: { displayName: string; level: number };
      manager: { id: string };
      chain: { id: string }[];
      directReports: { id: string }[];
    }>(person.id, 'GET', '/me');
    expect(me.person.displayName).toBe(person.displayName);
    expect(me.person.level).toBe(person.level);
    expect(me.manager.id).toBe(person.managerId);
    expect(me.chain.at(-1)!.id).toBe(org.personas.ceo);
    expect(me.directReports.map((r) => r.id).sort()).toEqual(
      org
        .directReports(person.id)
        .map((r) => r.id)
        .sort(),
    );
  });

  it('refuses sign-in for the disabled account and for unknown people', async () => {
    const disabled = await fetch(`${f.url}/sandbox/identity/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: f.sandbox!.tenant.org.personas.disabled }),
    });
    expect(disabled.status).toBe(403);
    const unknown = await fetch(`${f.url}/sandbox/identity/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId": 42}' });
    expect(unknown.status).toBe(400);
  });
});

describe('one server on a real tenant', () => {
  let f: Flipside;
  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      ...TENANT_ENV,
      // Nothing in this test may leave the machine: the authority is a closed local port.
      M365_AUTHORITY_HOST: 'https://127.0.0.1:9',
    });
    f = await startFlipside({ ...config, database: { kind: 'pglite' } }, { log: createLogger('silent'), syncOnStart: false });
  });
  afterAll(async () => f?.close());

  it('has no sandbox, and no request can switch it on', async () => {
    expect(f.sandbox).toBeUndefined();
    for (const path of ['/sandbox/identity/people', '/sandbox/graph/v1.0/users', '/sandbox/identity/signin']) {
      const res = await fetch(`http://127.0.0.1:${f.port}${path}?sandbox=1`, { method: path.endsWith('signin') ? 'POST' : 'GET', headers: { 'x-flipside-mode': 'sandbox' } });
      expect(res.status, path).toBe(404);
    }
  });

  it('refuses unauthenticated bot-less API traffic', async () => {
    expect((await fetch(`http://127.0.0.1:${f.port}/api/me`)).status).toBe(401);
  });
});

describe('the sandbox control panel', () => {
  let f: Flipside;
  beforeAll(async () => {
    f = await startTestFlipside();
  });
  afterAll(async () => f?.close());

  it('moves the persona who changes manager, and the next sync sees it in one delta', async () => {
    const persona = f.sandbox!.tenant.org.personas.changesManager;
    const res = await fetch(`${f.url}/sandbox/control/personas/changes-manager/move`, { method: 'POST' });
    const move = (await res.json()) as { personId: string; toManagerId: string };
    expect(move.personId).toBe(persona);
    const result = await f.syncNow();
    expect(result).toMatchObject({ kind: 'delta', changes: 1 });
    expect((await f.directory.getPerson(f.config.identity.tenantId, persona))?.managerId).toBe(move.toManagerId);
  });

  it('sets injected faults, and names a bad value', async () => {
    const ok = await fetch(`${f.url}/sandbox/control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ graphThrottleRate: 0.25 }) });
    expect(((await ok.json()) as { graph: { throttleRate: number } }).graph.throttleRate).toBe(0.25);
    f.sandbox!.tenant.faults.throttleRate = 0;
    const bad = await fetch(`${f.url}/sandbox/control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ graphThrottleRate: 3 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('graphThrottleRate');
  });
});

describe('the pages the manifest links to', () => {
  let f: Flipside;
  beforeAll(async () => {
    f = await startTestFlipside({ synced: false });
  }, 180_000);
  afterAll(async () => f?.close());

  it('serves the privacy and terms pages (not the tab), saying what is stored, who sees what and how to leave', async () => {
    const privacy = await fetch(`${f.url}/privacy`);
    expect(privacy.status).toBe(200);
    expect(privacy.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await privacy.text();
    for (const heading of ['What Flipside stores', 'Who sees what', 'How to leave']) expect(text).toContain(heading);
    expect(text).not.toContain('id="root"');
    const terms = await (await fetch(`${f.url}/terms`)).text();
    expect(terms).toContain('terms of use');
    expect(terms).toContain('href="/privacy"');
    const style = await fetch(`${f.url}/legal.css`);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await style.text()).toContain('prefers-color-scheme: dark');
  });
});
