// syncDirectory (src/app/directory/syncDirectory.ts) on the real store, with the directory faked:
// the cases that are awkward to stage through the sandbox Graph (a round that breaks half-way, a
// round without its link, changes that happen while Graph has forgotten the delta link).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncDirectory } from '../../src/app/directory/syncDirectory.ts';
import { AppError } from '../../src/app/shared/errors.ts';
import { SqlDirectoryRepository } from '../../src/store/directory.repository.ts';
import type { SqlClient } from '../../src/store/sql-client.ts';
import { openMigrated, testDatabases } from '../support/db.ts';
import { FakeClock } from '../support/fakes/clock.ts';
import { FakeDirectorySource } from '../support/fakes/directory.ts';
import { directoryPerson, guid } from '../support/people.ts';

const HOUR = 3_600_000;

describe.each(testDatabases)('syncDirectory with a fake directory, on $name', ({ open }) => {
  let db: SqlClient;
  let tenant = 0;
  let tenantId: string;
  let directory: SqlDirectoryRepository;
  let source: FakeDirectorySource;
  let clock: FakeClock;
  const sync = () => syncDirectory({ directory, source, clock }, tenantId);
  const stored = (n: number) => directory.getPerson(tenantId, guid(n));
  /** The clock moves between rounds, as a real one does: a round tells who it saw by its start time. */
  const syncLater = () => {
    clock.advance(HOUR);
    return sync();
  };

  beforeAll(async () => {
    db = await openMigrated(open);
    directory = new SqlDirectoryRepository(db);
  });
  afterAll(async () => db?.close());
  beforeEach(async () => {
    // A tenant of its own per test: 1 at the top; 2 and 3 under 1; 4 and 5 under 2; 6 under 3.
    tenantId = guid(900 + ++tenant);
    clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
    source = new FakeDirectorySource(
      [directoryPerson(1, null), directoryPerson(2, guid(1)), directoryPerson(3, guid(1)), directoryPerson(4, guid(2)), directoryPerson(5, guid(2)), directoryPerson(6, guid(3))],
      2,
    );
    expect(await sync()).toEqual({ kind: 'full', changes: 6, people: 6 });
  });

  it('starts over after Graph forgot the delta link: someone who left meanwhile is gone, and the round counts as full', async () => {
    source.remove(guid(6));
    source.forgetLinks();
    expect(await syncLater()).toEqual({ kind: 'full', changes: 5, people: 5 });
    expect(await stored(6)).toBeUndefined();
    expect(await directory.getSyncState(tenantId)).toMatchObject({ lastFullSyncAt: clock.now(), lastSyncAt: clock.now() });
    // The link of that full round works: the next round is a delta again.
    source.update(guid(4), { jobTitle: 'Analyst' });
    expect(await syncLater()).toMatchObject({ kind: 'delta', changes: 1 });
    expect((await directory.getSyncState(tenantId))!.lastFullSyncAt.getTime()).toBe(clock.now().getTime() - HOUR);
  });

  // Regression: Graph names a manager in a full round only for people who have one, so "no manager
  // named" means "no manager" there; syncDirectory read it as "unchanged" (as in a delta round) and
  // the store kept the old manager.
  it('clears the manager of someone whose manager left while Graph had forgotten the delta link', async () => {
    source.remove(guid(3));
    source.forgetLinks();
    expect(await syncLater()).toMatchObject({ kind: 'full' });
    expect((await stored(6))?.managerId).toBeNull();
  });

  it('saves no link from a round that broke half-way: the next sync replays it from the old link, and nothing is lost', async () => {
    const before = await directory.getSyncState(tenantId);
    for (const n of [4, 5, 6]) source.update(guid(n), { department: 'Sales' });
    source.faults.failAfterPages = 1;
    await expect(syncLater()).rejects.toMatchObject({ code: 'graph_error' });
    expect(await directory.getSyncState(tenantId)).toEqual(before);

    delete source.faults.failAfterPages;
    expect(await syncLater()).toEqual({ kind: 'delta', changes: 3, people: 6 });
    for (const n of [4, 5, 6]) expect(await stored(n)).toMatchObject({ department: 'Sales', managerId: guid(n === 6 ? 3 : 2) });
  });

  it('fails a round that ends without a delta link, naming it, and keeps the old link', async () => {
    const before = await directory.getSyncState(tenantId);
    source.changeManager(guid(5), guid(3));
    source.faults.withoutDeltaLink = true;
    const error = await syncLater().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'graph_error', message: expect.stringMatching(/without a delta link/) });
    expect(await directory.getSyncState(tenantId)).toEqual(before);

    source.faults.withoutDeltaLink = false;
    expect(await syncLater()).toEqual({ kind: 'delta', changes: 1, people: 6 });
    expect((await stored(5))?.managerId).toBe(guid(3));
  });
});
