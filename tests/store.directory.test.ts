import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from '../src/store/migrate.ts';
import { SqlDirectoryRepository } from '../src/store/directory.repository.ts';
import type { SqlClient } from '../src/store/sql-client.ts';
import { openMigrated, testDatabases } from './support/db.ts';
import { guid, T1, T2, upsertPerson } from './support/people.ts';

const at = new Date('2026-11-22T10:00:00Z');

describe.each(testDatabases)('directory repository on $name', ({ open }) => {
  let db: SqlClient;
  let repo: SqlDirectoryRepository;
  beforeAll(async () => {
    db = await openMigrated(open);
    repo = new SqlDirectoryRepository(db);
    await repo.ensureTenant(T1);
    await repo.ensureTenant(T2);
    // 1 is the top; 2 and 3 report to 1; 4 reports to 2; 5 reports to 4.
    await repo.applyChanges(T1, [upsertPerson(1, null), upsertPerson(2, guid(1)), upsertPerson(3, guid(1)), upsertPerson(4, guid(2)), upsertPerson(5, guid(4))], at);
  });
  afterAll(async () => db?.close());

  it('applies migrations once: a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(bundledMigrations().map((m) => m.version));
  });

  it('answers the manager chain nearest first, and the level', async () => {
    expect((await repo.managerChain(T1, guid(5))).map((p) => p.id)).toEqual([guid(4), guid(2), guid(1)]);
    expect((await repo.getPerson(T1, guid(5)))?.level).toBe(3);
    expect((await repo.getPerson(T1, guid(1)))?.level).toBe(0);
  });

  it('answers direct reports', async () => {
    expect((await repo.directReports(T1, guid(1))).map((p) => p.id)).toEqual([guid(2), guid(3)]);
  });

  it('knows who is in the same reporting line, in either direction', async () => {
    expect(await repo.inSameReportingLine(T1, guid(5), guid(1))).toBe(true);
    expect(await repo.inSameReportingLine(T1, guid(2), guid(5))).toBe(true);
    expect(await repo.inSameReportingLine(T1, guid(3), guid(5))).toBe(false);
    expect(await repo.inSameReportingLine(T1, guid(3), guid(4))).toBe(false);
  });

  it('keeps the stored manager when a change says nothing about it, and moves it when it does', async () => {
    await repo.applyChanges(T1, [upsertPerson(4, undefined, { department: 'Sales' })], at);
    let p4 = await repo.getPerson(T1, guid(4));
    expect(p4).toMatchObject({ department: 'Sales', managerId: guid(2) });
    await repo.applyChanges(T1, [upsertPerson(4, guid(3))], at);
    p4 = await repo.getPerson(T1, guid(4));
    expect(p4?.managerId).toBe(guid(3));
    expect(await repo.inSameReportingLine(T1, guid(2), guid(5))).toBe(false);
    expect(await repo.inSameReportingLine(T1, guid(3), guid(5))).toBe(true);
  });

  it('hides removed people and brings them back if they return', async () => {
    await repo.applyChanges(T1, [{ kind: 'removed', id: guid(3) }], at);
    expect(await repo.getPerson(T1, guid(3))).toBeUndefined();
    expect(await repo.countPeople(T1)).toBe(4);
    await repo.applyChanges(T1, [upsertPerson(3, guid(1))], at);
    expect(await repo.countPeople(T1)).toBe(5);
  });

  it('keeps the count of people /api/me reads right after every kind of write to the directory', async () => {
    const counted = async (tenantId: string) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_people WHERE tenant_id = $1 AND removed_at IS NULL', [tenantId]))[0]!.n;
    const check = async (expected: number) => {
      expect(await counted(T1)).toBe(expected);
      expect(await repo.countPeople(T1)).toBe(expected);
      expect((await repo.profile(T1, guid(1), true))?.directory?.people).toBe(expected);
    };
    const before = await counted(T1);
    await check(before);
    await repo.applyChanges(T1, [upsertPerson(30, guid(1)), upsertPerson(31, guid(30)), upsertPerson(1, null)], at); // two new, one again
    await check(before + 2);
    await repo.applyChanges(
      T1,
      [
        { kind: 'removed', id: guid(30) },
        { kind: 'removed', id: guid(30) },
      ],
      at,
    );
    await check(before + 1);
    await repo.applyChanges(T1, [{ kind: 'removed', id: guid(30) }], at); // removed again: no change
    await check(before + 1);
    await db.query('DELETE FROM directory_people WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [T1, [guid(30), guid(31)]]); // erasure: one removed, one present
    await check(before);
    await expect(
      db.transaction(async (tx) => {
        await new SqlDirectoryRepository(tx).applyChanges(T1, [upsertPerson(32, guid(1))], at);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await check(before);
    const later = new Date(at.getTime() + 3_600_000);
    await repo.applyChanges(T1, [upsertPerson(1, null), upsertPerson(2, guid(1))], later); // a full round that saw two people
    await repo.markUnseenRemoved(T1, later);
    await check(2);
    await repo.applyChanges(
      T1,
      [3, 4, 5].map((n) => upsertPerson(n, guid(1))),
      later,
    );
    await check(5);
  });

  it('gives a profile the level and chain a person has, skipping a removed manager', async () => {
    await repo.applyChanges(T1, [upsertPerson(40, guid(1)), upsertPerson(41, guid(40)), upsertPerson(42, guid(41))], at);
    await repo.applyChanges(T1, [{ kind: 'removed', id: guid(41) }], at);
    const profile = await repo.profile(T1, guid(42), false);
    expect(profile?.managers.map((m) => m.id)).toEqual([guid(40), guid(1)]);
    expect(profile?.person.level).toBe(2);
    expect((await repo.getPerson(T1, guid(42)))?.level).toBe(2);
  });

  it('keeps tenants apart: the same object id in another tenant is another person', async () => {
    await repo.applyChanges(T2, [upsertPerson(1, null, { department: 'Legal' })], at);
    expect((await repo.getPerson(T2, guid(1)))?.department).toBe('Legal');
    expect((await repo.getPerson(T1, guid(1)))?.department).toBe('Finance');
    expect(await repo.getPerson(T2, guid(5))).toBeUndefined();
    expect(await repo.countPeople(T2)).toBe(1);
  });

  it('stops at a cycle in bad directory data instead of looping', async () => {
    await repo.applyChanges(T2, [upsertPerson(10, guid(11)), upsertPerson(11, guid(10))], at);
    const chain = await repo.managerChain(T2, guid(10));
    expect(chain.map((p) => p.id)).toEqual([guid(11)]);
  });

  it('answers nothing for ids that are not GUIDs', async () => {
    expect(await repo.getPerson(T1, "x' OR 1=1 --")).toBeUndefined();
  });

  it('rolls back a transaction that fails half-way', async () => {
    await expect(
      db.transaction(async (tx) => {
        await new SqlDirectoryRepository(tx).applyChanges(T1, [upsertPerson(20, guid(1))], at);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await repo.getPerson(T1, guid(20))).toBeUndefined();
  });

  it('keeps the delta link, and the time of the last full sync', async () => {
    await repo.saveSyncState(T1, 'link-1', true, at);
    const later = new Date(at.getTime() + 60_000);
    await repo.saveSyncState(T1, 'link-2', false, later);
    expect(await repo.getSyncState(T1)).toEqual({ deltaLink: 'link-2', lastFullSyncAt: at, lastSyncAt: later });
  });
});
