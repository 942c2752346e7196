// People the directory sync saw leave are erased like "leave and delete" once the grace period
// (PRIVACY_REMOVED_GRACE_DAYS) has passed, by the erasure job's rounds on the app's clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasureRound, type ErasureDeps } from '../../src/app/data-rights/erasure.ts';
import { createStore } from '../../src/store/index.ts';
import type { SqlClient } from '../../src/store/sql-client.ts';
import { openMigrated, testDatabases } from '../support/db.ts';
import { searchEverywhere } from '../support/search-db.ts';

const T = '10000000-0000-4000-8000-000000000002';
const GONE = '20000000-0000-4000-8000-0000000000e1'; // left 31 days ago
const RECENT = '20000000-0000-4000-8000-0000000000e2'; // left 10 days ago
const PROGRAM = '30000000-0000-4000-8000-000000000002';
const DAY = 86_400_000;

describe.each(testDatabases)('people removed from the directory, on $name', ({ open }) => {
  let db: SqlClient;
  let now = new Date('2027-03-01T09:00:00Z');
  let deps: ErasureDeps;

  beforeAll(async () => {
    db = await openMigrated(open);
    const store = createStore(db);
    deps = { store, clock: { now: () => now }, settings: { tabUrl: 'http://tab', remindAfterDays: 3, expireAfterDays: 10, privacy: { removedGraceDays: 30 } } };
    await db.query('INSERT INTO tenants (tenant_id) VALUES ($1)', [T]);
    for (const [id, name, days] of [
      [GONE, 'Gustav Gone', 31],
      [RECENT, 'Rita Recent', 10],
    ] as const) {
      await db.query('INSERT INTO directory_people (tenant_id, id, display_name, mail, removed_at) VALUES ($1, $2, $3, $4, $5)', [
        T,
        id,
        name,
        `${name.split(' ')[0]}@contoso.example`,
        new Date(now.getTime() - days * DAY),
      ]);
    }
    await db.query(
      `INSERT INTO programs (tenant_id, id, name, starts_on, ends_on, enrollment_opens_on, enrollment_closes_on, cadences, session_minutes, topics, seniority, created_by)
       VALUES ($1, $2, 'Reverse mentoring', '2027-01-01', '2027-06-30', '2026-12-01', '2026-12-31', '{weekly}', 45, '[]', '{"minLevelGap":1,"minTenureYearsGap":0,"combine":"levels"}', $3)`,
      [T, PROGRAM, RECENT],
    );
    for (const [id, user] of [
      ['40000000-0000-4000-8000-0000000000e1', GONE],
      ['40000000-0000-4000-8000-0000000000e2', RECENT],
    ]) {
      await db.query(
        `INSERT INTO enrollments (tenant_id, id, program_id, user_id, role, teach, learn, goals, cadence, status, approver_kind, expires_at)
         VALUES ($1, $2, $3, $4, 'mentee', '[]', '[]', '["Run my own dashboard by May"]', 'weekly', 'approved', 'programAdmin', now())`,
        [T, id, PROGRAM, user],
      );
    }
  }, 180_000);
  afterAll(() => db?.close());

  it('erases a person gone longer than the grace period, and nobody else, without a card to them', async () => {
    expect(await erasureRound(deps)).toBe(2); // a request opened, then the erasure (no meetings to wait for)
    expect(await erasureRound(deps)).toBe(1); // forgotten: no card was queued
    expect(await searchEverywhere(db, [GONE, 'Gustav Gone', 'Gustav@contoso.example'])).toEqual([]);
    const rows = await db.query<{ status: string; goals: string[] }>('SELECT status, goals FROM enrollments WHERE user_id <> $1 AND program_id = $2', [RECENT, PROGRAM]);
    expect(rows).toEqual([{ status: 'withdrawn', goals: [] }]); // still counted in the funnel, without them
    expect(await searchEverywhere(db, [RECENT])).not.toEqual([]);
    expect((await db.query('SELECT * FROM outbox')).length).toBe(0);
  });

  it('erases the other once their grace period ends too', async () => {
    now = new Date(now.getTime() + 21 * DAY);
    while ((await erasureRound(deps)) > 0);
    expect(await searchEverywhere(db, [RECENT, 'Rita Recent'])).toEqual([]);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM erasure_requests WHERE state = 'done' AND reason = 'left_directory'"))[0]!.n).toBe(2);
  });
});
