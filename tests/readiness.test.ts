// Liveness and readiness (/livez, /readyz), and Flipside's id in the org catalog, looked up
// from the manifest id through the sandbox's Graph (appCatalogs/teamsApps?$filter=externalId eq …).
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../src/config/config.ts';
import { GraphAppCatalog } from '../src/graph/app-catalog.gateway.ts';
import type { Flipside } from '../src/server/compose.ts';
import { readiness, type ReadinessDeps } from '../src/server/readiness.ts';
import { apiFor } from './support/api.ts';
import { deliverAll, startTestFlipside } from './support/flipside.ts';
import { mentorEnrollment } from './support/programs.ts';

type Report = { status: string; dependencies: Record<string, { status: string; detail: string }> };
const failing = (r: Report) =>
  Object.entries(r.dependencies)
    .filter(([, d]) => d.status !== 'ok')
    .map(([name]) => name);

describe('readiness of a Flipside that cannot do its job yet', () => {
  let f: Flipside;
  let logged = '';
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => ((logged += chunk.toString()), done()) });
    f = await startTestFlipside({ synced: false, log: pino({ level: 'info' }, sink) });
    // Provisioned but never published: the org catalog does not have Flipside.
    f.sandbox!.tenant.catalog.splice(0);
  }, 180_000);
  afterAll(async () => f?.close());

  it('is alive all the same (/livez)', async () => {
    const res = await fetch(`${f.url}/livez`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 naming the directory that was never synced and the app missing from the catalog, with what to do', async () => {
    const res = await fetch(`${f.url}/readyz`);
    expect(res.status).toBe(503);
    const report = (await res.json()) as Report;
    expect(report.status).toBe('not_ready');
    expect(failing(report)).toEqual(['directorySync', 'appCatalog']);
    expect(report.dependencies.directorySync!.detail).toContain('no directory sync has finished yet');
    expect(report.dependencies.appCatalog!.detail).toContain(`not in the organisation's app catalog (manifest id ${SANDBOX.manifestAppId})`);
    expect(report.dependencies.appCatalog!.detail).toContain('teamsapp publish');
    expect(report.dependencies.appCatalog!.detail).toContain('AppCatalog.Read.All');
    // The log says it once, at error, with the same advice.
    const lines = logged.split('\n').filter((l) => l.includes("is not in the organisation's app catalog"));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, manifestId: SANDBOX.manifestAppId });
  });

  it('after a sync only the catalog fails, and a manager is not called unreachable for it: the approval waits', async () => {
    await f.syncNow();
    const report = (await (await fetch(`${f.url}/readyz`)).json()) as Report;
    expect(failing(report)).toEqual(['appCatalog']);

    const api = apiFor(f);
    const org = f.sandbox!.tenant.org;
    const employee = org.people.find((p) => p.level >= 3 && p.managerId && p.accountEnabled && org.byId.get(p.managerId)?.accountEnabled && p.id !== org.personas.changesManager)!;
    const template = await api.ok(org.personas.hrAdmin, 'GET', '/programs/template');
    const program = await api.ok(org.personas.hrAdmin, 'POST', '/programs', template);
    const enrollment = await api.ok(employee.id, 'POST', `/programs/${program.id}/enrollments`, mentorEnrollment());
    await deliverAll(f);
    expect(await f.store.outbox.countByStatus()).toEqual({ pending: 1 });
    expect(f.sandbox!.tenant.counters.byRoute.get('users/{id}/teamwork/installedApps:create') ?? 0).toBe(0);
    const mine = (await api.ok<{ id: string; approverUnreachable: boolean }[]>(employee.id, 'GET', '/enrollments')).find((e) => e.id === enrollment.id);
    expect(mine?.approverUnreachable).toBe(false);
  });
});

describe("Flipside's id in the org catalog", () => {
  let f: Flipside;
  beforeAll(async () => {
    f = await startTestFlipside({ synced: false });
  }, 180_000);
  afterAll(async () => f?.close());

  it('is resolved from the manifest id through Graph, once, and readiness reports it', async () => {
    const catalog = new GraphAppCatalog(f.graph, SANDBOX.manifestAppId, f.log);
    const lookups = () => f.sandbox!.tenant.counters.byRoute.get('appCatalogs/teamsApps') ?? 0;
    const before = lookups();
    expect(await catalog.catalogId()).toBe(SANDBOX.teamsAppId);
    expect(await catalog.catalogId()).toBe(SANDBOX.teamsAppId);
    expect(lookups() - before).toBe(1);
    expect(SANDBOX.teamsAppId).not.toBe(SANDBOX.manifestAppId);
    await f.syncNow();
    const res = await fetch(`${f.url}/readyz`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.dependencies.appCatalog!.detail).toContain(SANDBOX.teamsAppId);
    expect(Object.keys(report.dependencies)).toEqual(['database', 'graphToken', 'directorySync', 'botConnector', 'appCatalog']);
  });

  it('looks a missing app up again five minutes later, and finds it once a Teams admin has approved it', async () => {
    let now = new Date('2026-12-01T09:00:00Z');
    const tenant = f.sandbox!.tenant;
    const published = tenant.catalog.splice(0);
    const catalog = new GraphAppCatalog(f.graph, SANDBOX.manifestAppId, f.log, () => now);
    await expect(catalog.catalogId()).rejects.toThrow(/not in the organisation's app catalog/);
    tenant.catalog.push(...published);
    await expect(catalog.catalogId()).rejects.toThrow(/not in the organisation's app catalog/);
    now = new Date('2026-12-01T09:05:01Z');
    expect(await catalog.catalogId()).toBe(SANDBOX.teamsAppId);
  });
});

describe('readiness answers not ready for each failing dependency', () => {
  const base = (): ReadinessDeps => ({
    store: { directory: { getSyncState: async () => ({ lastSyncAt: new Date('2026-12-01T08:55:00Z') }) } } as unknown as ReadinessDeps['store'],
    tenantId: 't',
    now: () => new Date('2026-12-01T09:00:00Z'),
    pingDatabase: async () => {},
    graphToken: async () => 'token',
    botConnector: async () => 'ok',
    catalog: { status: { state: 'resolved', catalogId: 'c' }, catalogId: async () => 'c' },
    syncEveryMs: 15 * 60_000,
  });
  const cases: [string, Partial<ReadinessDeps>, RegExp][] = [
    ['database', { pingDatabase: async () => Promise.reject(new Error('connection refused')) }, /connection refused/],
    ['graphToken', { graphToken: async () => Promise.reject(new Error('Could not get a Graph token', { cause: new Error('AADSTS7000215: Invalid client secret') })) }, /AADSTS7000215/],
    ['directorySync', { now: () => new Date('2026-12-01T09:40:00Z') }, /last sync 45 min ago; it runs every 15 min: the sync is failing/],
    ['botConnector', { botConnector: async () => Promise.reject(new Error('ManagedIdentityCredential: no managed identity endpoint')) }, /ManagedIdentityCredential/],
    [
      'appCatalog',
      { catalog: { status: { state: 'missing', manifestId: 'm', checkedAt: new Date() }, catalogId: async () => Promise.reject(new Error('missing')) } },
      /not in the organisation's app catalog \(manifest id m\)/,
    ],
  ];

  it('is ready when everything answers', async () => {
    expect((await readiness(base())()).status).toBe('ready');
  });

  for (const [name, change, detail] of cases) {
    it(`fails ${name}`, async () => {
      const report = await readiness({ ...base(), ...change })();
      expect(report.status).toBe('not_ready');
      expect(failing(report as Report)).toEqual([name]);
      expect(report.dependencies[name]!.detail).toMatch(detail);
    });
  }
});
