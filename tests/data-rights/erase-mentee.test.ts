// "Leave and delete" by a mentee whose pair has ended and whose closing surveys went out: the
// mentee id is the key of the pair's booking, so pair_closings and closing_surveys (keyed on it,
// without ON UPDATE CASCADE) move to the pseudonym with the booking. Afterwards the whole database
// holds nothing of them but the pseudonym, and the pair's figures still count. PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasureRound, requestErasure, type ErasureDeps } from '../../src/app/data-rights/erasure.ts';
import { createStore } from '../../src/store/index.ts';
import type { SqlClient } from '../../src/store/sql-client.ts';
import { openMigrated, testDatabases } from '../support/db.ts';
import { searchEverywhere } from '../support/search-db.ts';

const T = '10000000-0000-4000-8000-000000000003';
const X = '20000000-0000-4000-8000-0000000000f1'; // the mentee who leaves
const Y = '20000000-0000-4000-8000-0000000000f2'; // their mentor
const A = '20000000-0000-4000-8000-0000000000f3'; // HR
const PROGRAM = '30000000-0000-4000-8000-000000000003';
const SESSION = '50000000-0000-4000-8000-0000000000f1';
const NAME = 'Quentin Marlowe-Fitch';
const MAIL = 'quentin.marlowefitch@contoso.example';
const HOUR = 3_600_000;

describe.each(testDatabases)('leave and delete by a mentee whose closing surveys went out, on $name', ({ open }) => {
  let db: SqlClient;
  let now = new Date('2027-07-05T09:00:00Z');
  let deps: ErasureDeps;
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params))[0]!.n);

  beforeAll(async () => {
    db = await openMigrated(open);
    deps = { store: createStore(db), clock: { now: () => now }, settings: { tabUrl: 'http://tab', remindAfterDays: 3, expireAfterDays: 10, privacy: { removedGraceDays: 30 } } };
    const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
    await q('INSERT INTO tenants (tenant_id) VALUES ($1)', [T]);
    for (const [id, name, mail] of [
      [X, NAME, MAIL],
      [Y, 'Yara Mentor', 'yara@contoso.example'],
      [A, 'Hana HR', 'hana@contoso.example'],
    ]) {
      await q('INSERT INTO directory_people (tenant_id, id, display_name, mail, user_principal_name, department) VALUES ($1, $2, $3, $4, $4, $5)', [T, id, name, mail, 'Sales']);
    }
    await q(
      `INSERT INTO programs (tenant_id, id, name, starts_on, ends_on, enrollment_opens_on, enrollment_closes_on, cadences, session_minutes, topics, seniority, created_by)
       VALUES ($1, $2, 'Reverse mentoring', '2027-01-01', '2027-06-30', '2026-12-01', '2026-12-31', '{weekly}', 45, '[{"id":"ai","name":"AI assistants","direction":"teachesUp"}]',
               '{"minLevelGap":1,"minTenureYearsGap":0,"combine":"levels"}', $3)`,
      [T, PROGRAM, A],
    );
    for (const [id, user, role, learn] of [
      ['40000000-0000-4000-8000-0000000000f1', X, 'mentee', '[{"topicId":"ai","level":1}]'],
      ['40000000-0000-4000-8000-0000000000f2', Y, 'mentor', '[]'],
    ]) {
      await q(
        `INSERT INTO enrollments (tenant_id, id, program_id, user_id, role, teach, learn, goals, cadence, status, approver_kind, expires_at)
         VALUES ($1, $2, $3, $4, $5, '[]', $6, '["Use Copilot in every meeting by June"]', 'weekly', 'approved', 'programAdmin', now())`,
        [T, id, PROGRAM, user, role, learn],
      );
    }
    await q("INSERT INTO pairs (tenant_id, program_id, mentor_id, mentee_id, score, reasons, published_at) VALUES ($1, $2, $3, $4, 0.8, '[]', '2027-01-02T09:00:00Z')", [T, PROGRAM, Y, X]);
    await q(
      `INSERT INTO bookings (tenant_id, program_id, mentee_id, mentor_id, organizer_id, status, zones, chosen, picked_by, event_id)
       VALUES ($1, $2, $3, $4, $4, 'booked', $5, '{"start":"2027-01-05T10:00:00Z"}', $3, 'evt-f1')`,
      [T, PROGRAM, X, Y, JSON.stringify({ [X]: 'Europe/London', [Y]: 'Europe/Berlin' })],
    );
    await q(
      `INSERT INTO sessions (tenant_id, id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, original_start, status, source, topic, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 1, 1, '2027-06-22T10:00:00Z', '2027-06-22T10:45:00Z', '2027-06-22T10:00:00Z', 'held', 'attendance', '{"title":"AI assistants","description":""}', now(), now())`,
      [T, SESSION, PROGRAM, X, Y],
    );
    for (const user of [X, Y]) {
      await q('INSERT INTO feedback (tenant_id, session_id, user_id, happened, usefulness, learned, answered_at, updated_at) VALUES ($1, $2, $3, true, 4, $4, now(), now())', [
        T,
        SESSION,
        user,
        user === X ? 'Quentin learned prompts' : `${NAME} showed me Copilot`,
      ]);
      await q(
        "INSERT INTO fit_checks (tenant_id, id, program_id, mentee_id, mentor_id, user_id, asked_at, answer, note, share_note, answered_at) VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, now(), 'yes', $6, true, now())",
        [T, PROGRAM, X, Y, user, user === Y ? `Working well with ${NAME}` : 'Fine'],
      );
    }
    // The pair's last session ended: the closing surveys went out, and both answered.
    await q("INSERT INTO pair_closings (tenant_id, program_id, mentee_id, sent_at) VALUES ($1, $2, $3, '2027-06-23T09:00:00Z')", [T, PROGRAM, X]);
    for (const [user, text] of [
      [X, 'I, Quentin, use Copilot daily'],
      [Y, `${NAME} taught me a lot`],
    ]) {
      await q(
        "INSERT INTO closing_surveys (tenant_id, program_id, mentee_id, user_id, overall, recommend, what_changed, keep_meeting, answered_at) VALUES ($1, $2, $3, $4, 5, true, $5, true, '2027-06-24T09:00:00Z')",
        [T, PROGRAM, X, user, text],
      );
    }
    for (const [stage, level] of [
      ['before', 1],
      ['end', 4],
    ] as const) {
      await q('INSERT INTO skill_ratings (tenant_id, program_id, user_id, topic_id, stage, level, rated_at) VALUES ($1, $2, $3, $4, $5, $6, now())', [T, PROGRAM, X, 'ai', stage, level]);
    }
    await q("INSERT INTO conversations (tenant_id, user_id, conversation_id, service_url) VALUES ($1, $2, 'a:1q', 'http://svc')", [T, X]);
    await q("INSERT INTO audit_log (tenant_id, program_id, actor_id, action, subject_id, details, at) VALUES ($1, $2, $3, 'pair.ended', $4, '{}', now())", [T, PROGRAM, A, X]);
  }, 180_000);
  afterAll(() => db?.close());

  it('leaves, is erased, is forgotten: nothing holds their id, name or email but the audit log’s pseudonym', async () => {
    // The program is over and its series has ended (sessions written): no meeting ahead to cancel.
    await db.query("UPDATE bookings SET status = 'ended', ended_at = now(), sessions_version = version WHERE tenant_id = $1 AND mentee_id = $2", [T, X]);
    const request = await requestErasure(deps, { tenantId: T, userId: X });
    expect(await erasureRound(deps)).toBe(1); // erased
    now = new Date(now.getTime() + 25 * HOUR); // the card saying so has had its day
    expect(await erasureRound(deps)).toBe(1); // forgotten
    expect(await searchEverywhere(db, [X, NAME, MAIL, 'Quentin'])).toEqual([]);

    const P = request.pseudonym;
    expect(await count('SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1', [P])).toBe(1);
    // The pair's figures still count, under the pseudonym, keyed as before.
    expect(await count('SELECT count(*)::int AS n FROM pairs WHERE mentee_id = $1 AND mentor_id = $2', [P, Y])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM bookings WHERE mentee_id = $1', [P])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM pair_closings WHERE mentee_id = $1', [P])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM sessions WHERE mentee_id = $1 AND status = 'held'", [P])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM closing_surveys WHERE mentee_id = $1 AND user_id = $1 AND what_changed = ''", [P])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM closing_surveys WHERE mentee_id = $1 AND user_id = $2 AND what_changed = ''", [P, Y])).toBe(1); // the mentor's words named them
    expect(await count('SELECT count(*)::int AS n FROM skill_ratings WHERE user_id = $1', [P])).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM fit_checks WHERE mentee_id = $1', [P])).toBe(2);
    expect(await count("SELECT count(*)::int AS n FROM enrollments WHERE user_id = $1 AND status = 'withdrawn'", [P])).toBe(1);
  });

  it('the dashboard still counts their pair, survey and skills, without them', async () => {
    const raw = await deps.store.dashboard.aggregates(T, PROGRAM, now);
    expect(raw.closing).toMatchObject({ sent: 2, answered: { answers: 2, people: 2 } });
    // Their enrollment is withdrawn now, but the ratings the closing survey kept still count.
    expect(raw.skills).toEqual([{ topicId: 'ai', topic: 'AI assistants', ratedBefore: 1, ratedBoth: 1, beforeSum: 1, afterSum: 4 }]);
    expect(raw.fitChecks.asked).toEqual({ answers: 2, people: 2 });
  });
});
