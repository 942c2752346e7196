// The inventory of personal data against the real schema, and export and erasure against every
// table of it, on PGlite and PostgreSQL: rows for one person in every table, exported, erased, and
// then the whole database searched for their id, name and email.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/store.ts';
import { createStore } from '../../src/store/index.ts';
import { INVENTORY, NO_PERSONAL_DATA } from '../../src/store/inventory.ts';
import type { SqlClient } from '../../src/store/sql-client.ts';
import { openMigrated, testDatabases } from '../support/db.ts';
import { schemaTables, searchEverywhere } from '../support/search-db.ts';

const T = '10000000-0000-4000-8000-000000000001';
const X = '20000000-0000-4000-8000-00000000000a'; // the person erased
const Y = '20000000-0000-4000-8000-00000000000b'; // their mentee
const M = '20000000-0000-4000-8000-00000000000c'; // their manager
const A = '20000000-0000-4000-8000-00000000000d'; // HR
const PROGRAM = '30000000-0000-4000-8000-000000000001';
const ENROLL_X = '40000000-0000-4000-8000-000000000001';
const ENROLL_Y = '40000000-0000-4000-8000-000000000002';
const SESSION = '50000000-0000-4000-8000-000000000001';
const PSEUDONYM = '90000000-0000-4000-8000-000000000009';
const NAME = 'Xanthe Quillfeather';
const MAIL = 'xanthe.quillfeather@contoso.example';

/** Names that say a uuid column holds a person. */
const PERSONISH = /(^|_)(user|person|people|mentor|mentee|organizer|recipient|approver|actor|subject|manager|author|partner|owner|admin|employee)(_|$)|_by$/;

async function seed(db: SqlClient) {
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
  await q('INSERT INTO tenants (tenant_id) VALUES ($1)', [T]);
  for (const [id, name, mail, manager] of [
    [M, 'Mona Manager', 'mona@contoso.example', null],
    [X, NAME, MAIL, M],
    [Y, 'Yusuf Mentee', 'yusuf@contoso.example', X],
    [A, 'Hana HR', 'hana@contoso.example', null],
  ] as const) {
    await q('INSERT INTO directory_people (tenant_id, id, display_name, mail, user_principal_name, department, manager_id) VALUES ($1, $2, $3, $4, $4, $5, $6)', [T, id, name, mail, 'Sales', manager]);
  }
  await q('INSERT INTO program_admins (tenant_id, user_id) VALUES ($1, $2), ($1, $3)', [T, X, A]);
  await q(
    `INSERT INTO programs (tenant_id, id, name, starts_on, ends_on, enrollment_opens_on, enrollment_closes_on, cadences, session_minutes, topics, seniority, created_by)
     VALUES ($1, $2, 'Reverse mentoring', '2027-01-01', '2027-06-30', '2026-12-01', '2026-12-31', '{weekly}', 45, '[{"id":"ai","name":"AI assistants"}]', '{"minLevelGap":1,"minTenureYearsGap":0,"combine":"levels"}', $3)`,
    [T, PROGRAM, X],
  );
  const enroll = (id: string, user: string, goals: string[], note: string | null, decidedBy: string) =>
    q(
      `INSERT INTO enrollments (tenant_id, id, program_id, user_id, role, teach, learn, goals, cadence, status, approver_id, approver_kind, decided_by, decided_at, decision_note, expires_at)
       VALUES ($1, $2, $3, $4, 'mentor', '[{"topicId":"ai","level":4}]', '[]', $5, 'weekly', 'withdrawn', $6, 'manager', $6, now(), $7, now())`,
      [T, id, PROGRAM, user, JSON.stringify(goals), decidedBy, note],
    );
  await enroll(ENROLL_X, X, ['Teach Yusuf three AI shortcuts by March'], `Go for it, ${NAME}!`, M);
  await enroll(ENROLL_Y, Y, ['Learn prompts'], 'Approved by your manager', X);
  await q("INSERT INTO conversations (tenant_id, user_id, conversation_id, service_url) VALUES ($1, $2, 'a:1x', 'http://svc')", [T, X]);
  await q("INSERT INTO outbox (tenant_id, dedupe_key, recipient_id, kind, activity) VALUES ($1, 'card:to:x', $2, 'send', $3)", [
    T,
    X,
    JSON.stringify({ type: 'message', summary: 'Meet your mentee: Yusuf Mentee' }),
  ]);
  await q("INSERT INTO outbox (tenant_id, dedupe_key, recipient_id, kind, activity, purpose) VALUES ($1, 'card:to:y', $2, 'send', $3, $4)", [
    T,
    Y,
    JSON.stringify({ type: 'message', summary: `Meet your mentor: ${NAME}`, text: `Write to ${MAIL}` }),
    JSON.stringify({ kind: 'match', userId: X }),
  ]);
  await q("INSERT INTO outbox (tenant_id, dedupe_key, recipient_id, kind, activity, status) VALUES ($1, 'card:to:y:sent', $2, 'send', $3, 'sent')", [
    T,
    Y,
    JSON.stringify({ type: 'message', text: 'Xanthe added an item to your agenda' }),
  ]);
  const draft = {
    status: 'draft',
    runAt: '2026-12-01T00:00:00Z',
    publishedAt: null,
    pairs: [{ mentorId: X, menteeId: Y, score: 0.8, reasons: [{ code: 'topics', taught: ['ai'], wanted: 1 }], locked: false, manual: false }],
    unmatched: [{ menteeId: X, reason: 'no mentor is junior enough to Xanthe' }],
    stats: { mentors: 1, mentees: 2, matched: 1, eligiblePairs: 1, optimalityGap: 0, milliseconds: 1 },
  };
  await q('INSERT INTO matching_drafts (tenant_id, program_id, proposal, removals) VALUES ($1, $2, $3, $4)', [T, PROGRAM, JSON.stringify(draft), JSON.stringify([{ mentorId: X, menteeId: M }])]);
  await q('INSERT INTO pairs (tenant_id, program_id, mentor_id, mentee_id, score, reasons, published_at) VALUES ($1, $2, $3, $4, 0.8, $5, now())', [
    T,
    PROGRAM,
    X,
    Y,
    JSON.stringify(['Xanthe teaches the topic Yusuf wants: AI assistants']),
  ]);
  await q(
    `INSERT INTO bookings (tenant_id, program_id, mentee_id, mentor_id, organizer_id, status, zones, chosen, picked_by, event_id, problem, ended_at)
     VALUES ($1, $2, $3, $4, $4, 'ended', $5, '{"start":"2027-01-05T10:00:00Z"}', $3, 'evt-1', $6, now())`,
    [T, PROGRAM, Y, X, JSON.stringify({ [X]: 'Europe/London', [Y]: 'Europe/Berlin' }), `${NAME} left the program.`],
  );
  await q(
    `INSERT INTO sessions (tenant_id, id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, original_start, status, source, topic, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 1, 8, '2027-01-05T10:00:00Z', '2027-01-05T10:45:00Z', '2027-01-05T10:00:00Z', 'held', 'attendance', '{"title":"AI assistants","description":""}', now(), now())`,
    [T, SESSION, PROGRAM, Y, X],
  );
  await q("INSERT INTO action_items (tenant_id, id, program_id, mentee_id, session_id, text, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'Xanthe to send the prompt list', $6, now())", [
    T,
    '60000000-0000-4000-8000-000000000001',
    PROGRAM,
    Y,
    SESSION,
    X,
  ]);
  await q(
    "INSERT INTO action_items (tenant_id, id, program_id, mentee_id, session_id, text, created_by, done_by, done_at, created_at) VALUES ($1, $2, $3, $4, $5, 'Yusuf tries Copilot', $4, $6, now(), now())",
    [T, '60000000-0000-4000-8000-000000000002', PROGRAM, Y, SESSION, X],
  );
  for (const [user, learned] of [
    [X, 'Yusuf explained budgeting'],
    [Y, 'Prompts save me an hour a day'],
  ]) {
    await q('INSERT INTO feedback (tenant_id, session_id, user_id, happened, usefulness, learned, answered_at, updated_at) VALUES ($1, $2, $3, true, 5, $4, now(), now())', [
      T,
      SESSION,
      user,
      learned,
    ]);
  }
  await q("INSERT INTO graph_subscriptions (tenant_id, organizer_id, subscription_id, client_state, created_at, updated_at) VALUES ($1, $2, 'sub-1', 'secret', now(), now())", [T, X]);
  await q("INSERT INTO jobs (tenant_id, kind, key, payload, run_at) VALUES ($1, 'remind', $2, $3, now())", [T, `remind:${X}`, JSON.stringify({ userId: X })]);
  await q("INSERT INTO audit_log (tenant_id, program_id, actor_id, action, subject_id, details, at) VALUES ($1, $2, $3, 'matching.assigned', $4, $5, now())", [
    T,
    PROGRAM,
    X,
    Y,
    JSON.stringify({ mentorId: X }),
  ]);
  await q("INSERT INTO audit_log (tenant_id, program_id, actor_id, action, subject_id, details, at) VALUES ($1, $2, $3, 'pair.ended', $4, '{}', now())", [T, PROGRAM, A, Y]);
  // The care loop, program life and invitations: X is Yusuf's junior mentor.
  await q('INSERT INTO care_settings (tenant_id, program_id, updated_at) VALUES ($1, $2, now())', [T, PROGRAM]);
  for (const [id, user, note] of [
    ['80000000-0000-4000-8000-000000000001', X, 'Yusuf never listens'],
    ['80000000-0000-4000-8000-000000000002', Y, `${NAME} is great`],
  ]) {
    await q(
      "INSERT INTO fit_checks (tenant_id, id, program_id, mentee_id, mentor_id, user_id, asked_at, answer, note, share_note, answered_at) VALUES ($1, $2, $3, $4, $5, $6, now(), 'no', $7, true, now())",
      [T, id, PROGRAM, Y, X, user, note],
    );
  }
  await q(
    "INSERT INTO check_ins (tenant_id, id, program_id, mentee_id, mentor_id, occasion, asked_at, speak_openly, respectful, for_hr, contact_me, answered_at) VALUES ($1, $2, $3, $4, $5, 'third', now(), 'no', 'mostly', 'I, Xanthe, feel talked over', true, now())",
    [T, '80000000-0000-4000-8000-000000000003', PROGRAM, Y, X],
  );
  await q("INSERT INTO care_pairs (tenant_id, program_id, mentee_id, mentor_id, stalled_since, stall_reason, updated_at) VALUES ($1, $2, $3, $4, now(), 'missed', now())", [T, PROGRAM, Y, X]);
  await q(
    "INSERT INTO pauses (tenant_id, id, program_id, mentee_id, mentor_id, paused_by, until_date, status, problem, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5, '2027-02-01', 'paused', $6, now(), now())",
    [T, '80000000-0000-4000-8000-000000000004', PROGRAM, Y, X, `${NAME}'s calendar refused`],
  );
  await q("INSERT INTO ended_pairs (tenant_id, program_id, mentor_id, mentee_id, reason, ended_at) VALUES ($1, $2, $3, $4, 'closed', now())", [T, PROGRAM, X, M]);
  await q(
    "INSERT INTO series_changes (tenant_id, program_id, mentee_id, change_id, status, summary, target, problem, created_at, updated_at) VALUES ($1, $2, $3, 'c1', 'failed', '[\"45 → 60 minutes\"]', '{\"durationMinutes\":60}', $4, now(), now())",
    [T, PROGRAM, Y, `${NAME}'s calendar refused`],
  );
  await q("INSERT INTO skill_ratings (tenant_id, program_id, user_id, topic_id, stage, level, rated_at) VALUES ($1, $2, $3, 'ai', 'before', 2, now())", [T, PROGRAM, X]);
  await q('INSERT INTO pair_closings (tenant_id, program_id, mentee_id, sent_at) VALUES ($1, $2, $3, now())', [T, PROGRAM, Y]);
  for (const [user, text] of [
    [X, 'I, Xanthe, speak up more now'],
    [Y, 'Copilot every day'],
  ]) {
    await q(
      'INSERT INTO closing_surveys (tenant_id, program_id, mentee_id, user_id, overall, recommend, what_changed, recognition_consent, answered_at) VALUES ($1, $2, $3, $4, 5, true, $5, true, now())',
      [T, PROGRAM, Y, user, text],
    );
  }
  await q("INSERT INTO program_invitations (tenant_id, program_id, user_id, invited_by, source, invited_at) VALUES ($1, $2, $3, $4, 'list', now()), ($1, $2, $4, $3, 'list', now())", [
    T,
    PROGRAM,
    X,
    A,
  ]);
  await q("INSERT INTO erasure_requests (id, tenant_id, user_id, pseudonym, reason, state, requested_at) VALUES ($1, $2, $3, $4, 'asked', 'waiting', now())", [
    '70000000-0000-4000-8000-000000000001',
    T,
    X,
    PSEUDONYM,
  ]);
}

describe.each(testDatabases)('the personal-data inventory on $name', ({ open }) => {
  let db: SqlClient;
  let store: Store;

  beforeAll(async () => {
    db = await openMigrated(open);
    store = createStore(db);
    await seed(db);
  }, 180_000);
  afterAll(() => db?.close());

  it('covers every table of the migrated schema and every column that holds a person', async () => {
    const schema = await schemaTables(db);
    const listed = new Map(INVENTORY.map((e) => [e.table, e]));
    const uncovered = [...schema.keys()].filter((t) => !listed.has(t) && !(t in NO_PERSONAL_DATA));
    expect(uncovered, 'tables missing from src/store/inventory.ts').toEqual([]);
    for (const entry of INVENTORY) {
      const columns = schema.get(entry.table);
      expect(columns, `inventory table ${entry.table} exists`).toBeDefined();
      for (const c of entry.personColumns) expect(columns!.get(c), `${entry.table}.${c} is a uuid`).toBe('uuid');
      const personish = [...columns!].filter(([name, type]) => type === 'uuid' && PERSONISH.test(name)).map(([name]) => name);
      expect(
        personish.filter((c) => !entry.personColumns.includes(c)),
        `person columns of ${entry.table} not in the inventory`,
      ).toEqual([]);
    }
    for (const table of Object.keys(NO_PERSONAL_DATA)) {
      const personish = [...(schema.get(table) ?? [])].filter(([name, type]) => type === 'uuid' && PERSONISH.test(name));
      expect(personish, `${table} is said to hold no personal data`).toEqual([]);
    }
  });

  it('exports the person from every table of the inventory, and nobody else’s private text', async () => {
    const data = await store.privacy.exportPerson(T, X);
    for (const entry of INVENTORY.filter((e) => e.export)) expect(data[entry.export!.section]?.length, `section ${entry.export!.section} (${entry.table})`).toBeGreaterThan(0);
    expect(data.profile![0]).toMatchObject({ display_name: NAME, mail: MAIL });
    expect(data.enrollments![0]).toMatchObject({ goals: ['Teach Yusuf three AI shortcuts by March'] });
    expect(JSON.stringify(data)).not.toContain('Prompts save me an hour a day'); // Yusuf's own feedback
    expect(data.feedback).toEqual([expect.objectContaining({ learned: 'Yusuf explained budgeting' })]);
    expect(data.cardsSentToMe!.map((c) => c.dedupe_key)).toEqual(['card:to:x']);
  });

  it('erases the person from every table: nothing in the database holds their id, name or email, and the counts stay', async () => {
    await store.transaction(async (tx) => {
      await tx.privacy.erasePerson({ tenantId: T, userId: X, pseudonym: PSEUDONYM, names: [NAME, MAIL] });
      await tx.privacy.forgetPerson(T, X);
      await tx.privacy.saveRequest({ ...(await tx.privacy.requestOf(T, X))!, userId: null, state: 'done', doneAt: new Date() });
    });
    const hits = await searchEverywhere(db, [X, NAME, MAIL, 'Xanthe']);
    expect(hits).toEqual([]);

    const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);
    expect(await count('SELECT count(*)::int AS n FROM pairs')).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM sessions WHERE status = 'held'")).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM enrollments')).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM feedback')).toBe(1); // Yusuf's stays
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = '${PSEUDONYM}' AND details->>'mentorId' = '${PSEUDONYM}'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM directory_people WHERE id = '${Y}' AND manager_id = '${PSEUDONYM}'`)).toBe(1);
    // Yusuf's queued card naming the person is not sent; his own item, ticked by the person, stays.
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE dedupe_key = 'card:to:y' AND status = 'failed'")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM action_items WHERE text = 'Yusuf tries Copilot'")).toBe(1);
    const draft = (await db.query<{ proposal: { pairs: unknown[]; unmatched: unknown[] } }>('SELECT proposal FROM matching_drafts'))[0]!.proposal;
    expect(draft.pairs).toEqual([]);
    expect(draft.unmatched).toEqual([]);
    // The junior mentor's confidential check-in goes; the counted answers stay under the pseudonym, without their words.
    expect(await count('SELECT count(*)::int AS n FROM check_ins')).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM fit_checks WHERE user_id = '${PSEUDONYM}' AND answer = 'no' AND note = ''`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM closing_surveys WHERE user_id = '${PSEUDONYM}' AND what_changed = '' AND NOT recognition_consent`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM skill_ratings WHERE user_id = '${PSEUDONYM}'`)).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM program_invitations')).toBe(2);
    expect(await store.privacy.pseudonymsAmong(T, [PSEUDONYM, Y])).toEqual([PSEUDONYM]);
  });
});
