import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flipside } from '../src/server/compose.ts';
import { startTestFlipside } from './support/flipside.ts';

describe('directory sync through the real Graph client against the sandbox', () => {
  let f: Flipside;
  const tid = () => f.config.identity.tenantId;
  const tenant = () => f.sandbox!.tenant;

  beforeAll(async () => {
    f = await startTestFlipside({ orgSize: 2_500, synced: false });
  });
  afterAll(async () => f?.close());

  it('syncs the whole org in one delta pass: ceil(n / 999) requests, never one per person', async () => {
    tenant().resetCounters();
    const result = await f.syncNow();
    expect(result).toMatchObject({ kind: 'full', changes: 2_500, people: 2_500 });
    expect(tenant().counters.requests).toBe(Math.ceil(2_500 / 999));
    expect(tenant().counters.byRoute.get('users/{id}/manager')).toBeUndefined();
  });

  it('stores every manager, so the org chart answers match the sandbox', async () => {
    const org = tenant().org;
    for (const p of org.people.filter((_, i) => i % 97 === 0)) {
      const stored = await f.directory.getPerson(tid(), p.id);
      expect(stored?.managerId).toBe(p.managerId);
      expect(stored?.level).toBe(p.managerId === null ? 0 : p.level);
    }
    const deep = org.people.find((p) => p.level >= 4)!;
    const chain = await f.directory.managerChain(tid(), deep.id);
    expect(chain.at(-1)!.id).toBe(org.personas.ceo);
    expect(await f.directory.inSameReportingLine(tid(), deep.id, org.personas.ceo)).toBe(true);
  });

  it('re-syncs after 50 changes with at most 2 requests, and applies exactly those changes', async () => {
    const org = tenant().org;
    const movers = org.people.filter((p) => p.level >= 3).slice(0, 25);
    const renamed = org.people.filter((p) => p.level >= 3).slice(25, 50);
    const target = org.people.find((p) => p.level === 2 && !movers.some((m) => m.managerId === p.id))!;
    for (const m of movers) tenant().changeManager(m.id, target.id);
    for (const r of renamed) tenant().updatePerson(r.id, { jobTitle: `${r.jobTitle} (renamed)` });
    tenant().resetCounters();
    const result = await f.syncNow();
    expect(result).toMatchObject({ kind: 'delta', changes: 50 });
    expect(tenant().counters.requests).toBeLessThanOrEqual(2);
    expect((await f.directory.getPerson(tid(), movers[0]!.id))?.managerId).toBe(target.id);
    expect((await f.directory.getPerson(tid(), renamed[0]!.id))?.jobTitle).toMatch(/\(renamed\)$/);
    // A rename said nothing about the manager: it is kept.
    expect((await f.directory.getPerson(tid(), renamed[0]!.id))?.managerId).toBe(renamed[0]!.managerId);
  });

  it('handles people who leave and accounts that are disabled', async () => {
    const org = tenant().org;
    const leaver = org.people.find((p) => p.level >= 3 && org.directReports(p.id).length > 0)!;
    const reports = org.directReports(leaver.id).map((r) => r.id);
    const disabled = org.people.find((p) => p.level >= 3 && p.id !== leaver.id && p.accountEnabled)!;
    tenant().removePerson(leaver.id);
    tenant().updatePerson(disabled.id, { accountEnabled: false });
    await f.syncNow();
    expect(await f.directory.getPerson(tid(), leaver.id)).toBeUndefined();
    expect((await f.directory.getPerson(tid(), reports[0]!))?.managerId).toBeNull();
    expect((await f.directory.getPerson(tid(), disabled.id))?.accountEnabled).toBe(false);
    expect(await f.directory.countPeople(tid())).toBe(org.people.length);
  });

  it('starts over with a full sync when Graph has forgotten the delta link', async () => {
    await f.db.query("UPDATE directory_sync_state SET delta_link = replace(delta_link, '$deltatoken=', '$deltatoken=eyJhdCI6OTk5OTk5LCJzIjpudWxsfQ&x=')");
    const result = await f.syncNow();
    expect(result.kind).toBe('full');
    expect(result.people).toBe(tenant().org.people.length);
  });

  // Regression: restarting the sandbox on another PORT kept the delta link of the old port, and
  // every sync failed with foreign_link.
  it('starts over with a full sync when the stored delta link names another Graph address, without following it', async () => {
    await f.db.query("UPDATE directory_sync_state SET delta_link = regexp_replace(delta_link, '^https?://[^/]+', 'http://127.0.0.1:9')");
    const result = await f.syncNow();
    expect(result.kind).toBe('full');
    expect(result.people).toBe(tenant().org.people.length);
    const [state] = await f.db.query<{ delta_link: string }>('SELECT delta_link FROM directory_sync_state');
    expect(state!.delta_link).not.toContain('127.0.0.1:9/');
  });

  it('gets the same answer while Graph throttles a third of the requests', async () => {
    tenant().faults.throttleRate = 0.34;
    tenant().faults.retryAfterSeconds = 0;
    try {
      await f.db.query('DELETE FROM directory_sync_state');
      const result = await f.syncNow();
      expect(result).toMatchObject({ kind: 'full', people: tenant().org.people.length });
    } finally {
      tenant().faults.throttleRate = 0;
    }
  });
});

describe('overlapping syncs', () => {
  let f: Flipside;
  beforeAll(async () => {
    f = await startTestFlipside({ orgSize: 1_500, synced: false });
  });
  afterAll(async () => f?.close());

  // Regression: a full round that finished writing after a newer one made the newer round mark
  // those people removed, and their profiles 404'd ("directory still syncing").
  it('two full rounds at once leave everyone in the directory', async () => {
    const results = await Promise.all([f.syncNow(), f.syncNow(), f.syncNow()]);
    expect(results.map((r) => r.kind)).toEqual(['full', 'full', 'full']);
    expect(await f.directory.countPeople(f.config.identity.tenantId)).toBe(1_500);
  });
});
