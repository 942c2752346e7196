// The dashboard reads only the pairs its attention list may name (the store filters them in SQL):
// on PGlite and PostgreSQL, that list is the same as the one built from every pair, each reason at
// its threshold and just before it, and a pair that is ending is never named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/app/dashboard/dashboard.ts';
import type { ProgramRecord } from '../../src/app/programs/ports.ts';
import { REVERSE_MENTORING_TOPICS } from '../../src/domain/programs/template.ts';
import { createStore } from '../../src/store/index.ts';
import type { SqlClient } from '../../src/store/sql-client.ts';
import { openMigrated, testDatabases } from '../support/db.ts';

const TENANT = '7b000000-0000-4000-8000-000000000001';
const PROGRAM = '7b000000-0000-4000-8000-000000000002';
const DAY = 86_400_000;
const NOW = new Date('2027-03-01T12:00:00Z');
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY - ms);

const program: ProgramRecord = {
  tenantId: TENANT,
  id: PROGRAM,
  name: 'Attention program',
  description: '',
  startsOn: '2027-01-04',
  endsOn: '2027-06-30',
  enrollmentOpensOn: '2026-11-01',
  enrollmentClosesOn: '2027-01-01',
  cadences: ['weekly'],
  sessionMinutes: 45,
  topics: REVERSE_MENTORING_TOPICS,
  seniority: { minLevelGap: 2, minTenureYearsGap: 0, combine: 'levels' },
  mentorCapacity: 1,
  agendaLeadHours: 24,
  heldMinutes: 10,
  sessionPlan: null,
  matchingWeights: null,
  createdBy: TENANT,
  createdAt: ago(90),
  updatedAt: ago(90),
};

/** One pair per case: its booking, when it was published, its sessions (start, status), and what HR should see. */
const CASES: { name: string; booking: string | null; published: Date; sessions: [Date, string][]; reasons: string[] }[] = [
  {
    name: 'on track',
    booking: 'booked',
    published: ago(40),
    sessions: [
      [ago(14), 'held'],
      [ago(7), 'held'],
      [ago(-7), 'planned'],
    ],
    reasons: [],
  },
  { name: 'unbookable', booking: 'unbookable', published: ago(40), sessions: [], reasons: ['unbookable'] },
  { name: 'not booked a week on', booking: null, published: ago(7, 1000), sessions: [], reasons: ['notBooked'] },
  { name: 'not booked, a week exactly', booking: null, published: ago(7), sessions: [], reasons: [] },
  { name: 'still finding a time, eight days on', booking: 'finding', published: ago(8), sessions: [], reasons: ['notBooked'] },
  {
    name: 'stalled',
    booking: 'booked',
    published: ago(60),
    sessions: [
      [ago(28, 1000), 'held'],
      [ago(21), 'cancelled'],
      [ago(-7), 'planned'],
    ],
    reasons: ['stalled'],
  },
  {
    name: 'four weeks exactly',
    booking: 'booked',
    published: ago(60),
    sessions: [
      [ago(28), 'held'],
      [ago(-7), 'planned'],
    ],
    reasons: [],
  },
  {
    name: 'due, never held',
    booking: 'booked',
    published: ago(20),
    sessions: [
      [ago(3), 'missed'],
      [ago(-4), 'planned'],
    ],
    reasons: ['stalled'],
  },
  {
    name: 'missed twice',
    booking: 'booked',
    published: ago(40),
    sessions: [
      [ago(21), 'held'],
      [ago(14), 'missed'],
      [ago(7), 'missed'],
      [ago(-7), 'planned'],
    ],
    reasons: ['missedTwice'],
  },
  {
    name: 'missed, then held',
    booking: 'booked',
    published: ago(40),
    sessions: [
      [ago(21), 'missed'],
      [ago(14), 'missed'],
      [ago(7), 'held'],
    ],
    reasons: [],
  },
  { name: 'ending, stalled', booking: 'ending', published: ago(60), sessions: [[ago(40), 'held']], reasons: [] },
];

const uuid = (kind: number, i: number) => `7b000000-0000-4000-8000-${String(kind * 1000 + i).padStart(12, '0')}`;

describe.each(testDatabases)('the dashboard’s pairs to watch ($name)', ({ open }) => {
  let db: SqlClient;
  beforeAll(async () => {
    db = await openMigrated(open);
    const store = createStore(db);
    await db.query('INSERT INTO tenants (tenant_id) VALUES ($1)', [TENANT]);
    await store.programs.insert(program);
    for (const [i, c] of CASES.entries()) {
      const [mentor, mentee] = [uuid(1, i), uuid(2, i)];
      await db.query('INSERT INTO directory_people (tenant_id, id, display_name, mail) VALUES ($1, $2, $3, $4), ($1, $5, $6, $7)', [
        TENANT,
        mentor,
        `Mentor of ${c.name}`,
        `mentor${i}@example.test`,
        mentee,
        `Mentee of ${c.name}`,
        `mentee${i}@example.test`,
      ]);
      await db.query(`INSERT INTO pairs (tenant_id, program_id, mentor_id, mentee_id, score, reasons, published_at) VALUES ($1, $2, $3, $4, 1, '[]', $5)`, [
        TENANT,
        PROGRAM,
        mentor,
        mentee,
        c.published,
      ]);
      if (c.booking) {
        await db.query(
          `INSERT INTO bookings (tenant_id, program_id, mentee_id, mentor_id, organizer_id, status, chosen, event_id)
           VALUES ($1, $2, $3::uuid, $4, $4, $5, CASE WHEN $5 IN ('booked', 'ending') THEN '{}'::jsonb END, CASE WHEN $5 IN ('booked', 'ending') THEN 'event-' || $3::text END)`,
          [TENANT, PROGRAM, mentee, mentor, c.booking],
        );
      }
      for (const [n, [start, status]] of c.sessions.entries()) {
        await db.query(
          `INSERT INTO sessions (tenant_id, id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, original_start, status, source, topic, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 12, $7, $7::timestamptz + interval '45 minutes', $7, $8, 'plan', '{"title": "Kick-off", "description": ""}', $9, $9)`,
          [TENANT, uuid(3, i * 100 + n), PROGRAM, mentee, mentor, n + 1, start, status, program.createdAt],
        );
      }
    }
  }, 120_000);
  afterAll(async () => db?.close());

  it('names the same pairs for the same reasons as the list built from every pair', async () => {
    const store = createStore(db);
    const raw = await store.dashboard.aggregates(TENANT, PROGRAM, NOW);
    const every = await store.dashboard.pairs(TENANT, PROGRAM, NOW);
    expect(every).toHaveLength(CASES.length);
    const attention = (pairs: typeof every) =>
      buildDashboard(program, { ...raw, pairs }, 5, NOW)
        .attention.map((a) => ({ mentee: a.mentee.name, reasons: a.reasons }))
        .sort((a, b) => a.mentee.localeCompare(b.mentee));
    const expected = CASES.filter((c) => c.reasons.length > 0)
      .map((c) => ({ mentee: `Mentee of ${c.name}`, reasons: c.reasons }))
      .sort((a, b) => a.mentee.localeCompare(b.mentee));
    expect(attention(every)).toEqual(expected);
    expect(attention(raw.pairs)).toEqual(expected);
    // And no more than those (the ending pair included): the dashboard does not read every pair.
    expect(raw.pairs.map((p) => p.menteeName).sort()).toEqual(expected.map((e) => e.mentee));
  });
});
