// The dashboard's counts kept at write time (migration 016) stay what counting every row again
// gives: after each kind of write the app makes (sessions booked in bulk, settled one by one, moved
// to another week, cancelled, re-topiced; answers given, changed and deleted; a person's id
// replaced by a pseudonym; the program's topics edited), on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVERSE_MENTORING_TOPICS } from '../../src/domain/programs/template.ts';
import { createStore } from '../../src/store/index.ts';
import type { SqlClient } from '../../src/store/sql-client.ts';
import { openMigrated, testDatabases } from '../support/db.ts';
import { programRecord } from '../support/programs.ts';

const TENANT = '7c000000-0000-4000-8000-000000000001';
const PROGRAM = '7c000000-0000-4000-8000-000000000002';
const START = new Date('2027-01-04T09:00:00Z');
const DAY = 86_400_000;
const PAIRS = 12;
const PER_PAIR = 8;
const uuid = (kind: number, i: number) => `7c000000-0000-4000-8000-${String(kind * 10_000 + i).padStart(12, '0')}`;
const TITLES = ['Getting to know each other', ...REVERSE_MENTORING_TOPICS.slice(0, 4).map((t) => t.name), 'Not a topic of the program'];
const STATUSES = ['planned', 'held', 'partly_held', 'missed', 'cancelled', 'moved'];

/** A seeded generator, so that a failure repeats. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
}

const program = programRecord(TENANT, PROGRAM, { name: 'Rollup program', topics: REVERSE_MENTORING_TOPICS, createdAt: START, updatedAt: START });

describe.each(testDatabases)('the dashboard’s counts kept by triggers ($name)', ({ open }) => {
  let db: SqlClient;
  const next = random(20_261_202);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

  /** The three tables as they are, in one order. */
  async function counts() {
    const read = (table: string, order: string) => db.query(`SELECT * FROM ${table} WHERE tenant_id = $1 AND program_id = $2 ORDER BY ${order}`, [TENANT, PROGRAM]);
    return {
      facets: await read('dashboard_facets', 'facet, key'),
      people: await read('dashboard_facet_people', 'facet, key, role, person_id'),
      pairs: await read('dashboard_pairs', 'mentee_id, mentor_id'),
    };
  }

  /** What the triggers kept equals what counting every row again gives (and is not empty). */
  async function expectRecounted() {
    const kept = await counts();
    await db.query('SELECT dashboard_rebuild($1, $2)', [TENANT, PROGRAM]);
    const recounted = await counts();
    expect(recounted.facets.length).toBeGreaterThan(0);
    expect(kept).toEqual(recounted);
  }

  beforeAll(async () => {
    db = await openMigrated(open);
    await db.query('INSERT INTO tenants (tenant_id) VALUES ($1)', [TENANT]);
    await createStore(db).programs.insert(program);
    for (let i = 0; i < PAIRS; i++) {
      await db.query(`INSERT INTO pairs (tenant_id, program_id, mentor_id, mentee_id, score, reasons, published_at) VALUES ($1, $2, $3, $4, 1, '[]', $5)`, [
        TENANT,
        PROGRAM,
        uuid(1, i),
        uuid(2, i),
        START,
      ]);
      await db.query(`INSERT INTO bookings (tenant_id, program_id, mentee_id, mentor_id, organizer_id, status, chosen, event_id) VALUES ($1, $2, $3, $4, $4, 'booked', '{}', $5)`, [
        TENANT,
        PROGRAM,
        uuid(2, i),
        uuid(1, i),
        `event-${i}`,
      ]);
    }
  }, 120_000);
  afterAll(async () => db?.close());

  it('sessions booked in bulk, a few pairs at a time', async () => {
    for (let batch = 0; batch < PAIRS; batch += 4) {
      const rows: unknown[][] = [];
      for (let i = batch; i < batch + 4; i++)
        for (let n = 1; n <= PER_PAIR; n++) {
          const start = new Date(START.getTime() + (n - 1) * 7 * DAY + (i % 3) * 3_600_000);
          rows.push([uuid(3, i * 100 + n), uuid(2, i), uuid(1, i), n, PER_PAIR, start, pick(STATUSES), pick(TITLES)]);
        }
      await db.query(
        `INSERT INTO sessions (tenant_id, id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, original_start, status, source, topic, created_at, updated_at)
         SELECT $1, x.id::uuid, $2, x.mentee::uuid, x.mentor::uuid, x.n::int, x.of::int, x.st::timestamptz, x.st::timestamptz + interval '45 minutes', x.st::timestamptz, x.status, 'plan',
                jsonb_build_object('title', x.title, 'description', ''), $3, $3
           FROM jsonb_to_recordset($4::jsonb) x(id text, mentee text, mentor text, n int, of int, st text, status text, title text)`,
        [TENANT, PROGRAM, START, JSON.stringify(rows.map(([id, mentee, mentor, n, of, st, status, title]) => ({ id, mentee, mentor, n, of, st, status, title })))],
      );
    }
    await expectRecounted();
  });

  it('answers given, changed and deleted, one by one and in bulk', async () => {
    for (let k = 0; k < 60; k++) {
      const [i, n] = [Math.floor(next() * PAIRS), 1 + Math.floor(next() * PER_PAIR)];
      const author = next() < 0.5 ? uuid(1, i) : uuid(2, i);
      const usefulness = next() < 0.15 ? null : 1 + Math.floor(next() * 5);
      await db.query(
        `INSERT INTO feedback (tenant_id, session_id, user_id, happened, usefulness, answered_at, updated_at) VALUES ($1, $2, $3, true, $4, $5, $5)
         ON CONFLICT (tenant_id, session_id, user_id) DO UPDATE SET usefulness = EXCLUDED.usefulness`,
        [TENANT, uuid(3, i * 100 + n), author, usefulness, START],
      );
    }
    await expectRecounted();
    await db.query(`UPDATE feedback SET usefulness = 1 + (usefulness % 5) WHERE tenant_id = $1 AND usefulness > 3`, [TENANT]);
    await db.query(`DELETE FROM feedback WHERE tenant_id = $1 AND session_id IN (SELECT id FROM sessions WHERE tenant_id = $1 AND n = 2)`, [TENANT]);
    await db.query(`UPDATE feedback SET learned = 'Private words' WHERE tenant_id = $1`, [TENANT]);
    await expectRecounted();
  });

  it('sessions settled one by one, moved to another week, cancelled and given another topic', async () => {
    for (let k = 0; k < 40; k++) {
      const id = uuid(3, Math.floor(next() * PAIRS) * 100 + 1 + Math.floor(next() * PER_PAIR));
      const change = pick(['status', 'move', 'topic', 'nothing counted']);
      if (change === 'status') await db.query('UPDATE sessions SET status = $3 WHERE tenant_id = $1 AND id = $2', [TENANT, id, pick(STATUSES)]);
      if (change === 'move') await db.query(`UPDATE sessions SET starts_at = starts_at + interval '9 days', ends_at = ends_at + interval '9 days' WHERE tenant_id = $1 AND id = $2`, [TENANT, id]);
      if (change === 'topic') await db.query(`UPDATE sessions SET topic = jsonb_build_object('title', $3::text, 'description', '') WHERE tenant_id = $1 AND id = $2`, [TENANT, id, pick(TITLES)]);
      if (change === 'nothing counted') await db.query('UPDATE sessions SET agenda_sent_at = now(), version = version + 1 WHERE tenant_id = $1 AND id = $2', [TENANT, id]);
    }
    await db.query(`UPDATE sessions SET status = 'cancelled' WHERE tenant_id = $1 AND n = $2`, [TENANT, PER_PAIR]);
    await expectRecounted();
  });

  it('a mentee’s and a mentor’s ids replaced by pseudonyms (as erasure does), and sessions without answers deleted', async () => {
    await db.query('UPDATE pairs SET mentee_id = $3 WHERE tenant_id = $1 AND mentee_id = $2', [TENANT, uuid(2, 0), uuid(9, 0)]);
    await db.query('UPDATE sessions SET mentor_id = $3 WHERE tenant_id = $1 AND mentor_id = $2', [TENANT, uuid(1, 1), uuid(9, 1)]);
    await db.query('DELETE FROM feedback WHERE tenant_id = $1 AND user_id IN ($2, $3)', [TENANT, uuid(2, 0), uuid(1, 1)]);
    await db.query('DELETE FROM sessions s WHERE tenant_id = $1 AND n = 3 AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.tenant_id = s.tenant_id AND f.session_id = s.id)', [TENANT]);
    const left = await db.query('SELECT 1 FROM dashboard_facet_people WHERE tenant_id = $1 AND person_id IN ($2, $3)', [TENANT, uuid(2, 0), uuid(1, 1)]);
    expect(left).toEqual([]);
    await expectRecounted();
  });

  it('the program’s topics edited: every session’s direction follows its topic', async () => {
    const before = await db.query(`SELECT key, planned FROM dashboard_facets WHERE tenant_id = $1 AND facet = 'direction' ORDER BY key`, [TENANT]);
    const flipped = REVERSE_MENTORING_TOPICS.map((t) => ({ ...t, direction: t.direction === 'teachesUp' ? 'teachesDown' : 'teachesUp' }));
    await db.query('UPDATE programs SET topics = $3 WHERE tenant_id = $1 AND id = $2', [TENANT, PROGRAM, JSON.stringify(flipped)]);
    const after = await db.query(`SELECT key, planned FROM dashboard_facets WHERE tenant_id = $1 AND facet = 'direction' ORDER BY key`, [TENANT]);
    expect(after).not.toEqual(before);
    await expectRecounted();
  });
});
