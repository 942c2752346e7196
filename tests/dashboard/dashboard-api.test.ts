// HR's dashboard, enrollee list and CSV exports over the API, for a sandbox program that has run
// two sandbox weeks: only program admins may read them (403 otherwise), no answer carries a
// figure about fewer than five people or anyone's private text, CSV files parse back as written.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, Enrollee, Figure } from '../../src/contracts/dashboard.ts';
import { signIn } from '../support/flipside.ts';
import { careAnswers, runningProgram, type RunningProgram } from './support.ts';

let run: RunningProgram;
const SECRETS = [
  'SECRET-LEARNED-7f3a',
  'SECRET-TAUGHT-7f3a',
  'SECRET-ITEM-7f3a',
  'Not this quarter, sorry',
  'Run a Copilot demo for my team by March',
  'SECRET-FIT-NOTE-7f3a',
  'SECRET-CHANGED-7f3a',
  'SECRET-FOR-HR-7f3a',
];

beforeAll(async () => {
  run = await runningProgram({ pairs: 8, weeks: 2 });
  const f = run.f;
  // Private words in the database: free-text feedback, an action item, a manager's note, goals.
  await f.db.query("UPDATE feedback SET learned = 'SECRET-LEARNED-7f3a', taught = 'SECRET-TAUGHT-7f3a'");
  await f.db.query(
    `INSERT INTO action_items (tenant_id, id, program_id, mentee_id, session_id, text, created_by, created_at)
     SELECT tenant_id, gen_random_uuid(), program_id, mentee_id, id, 'SECRET-ITEM-7f3a', mentor_id, now() FROM sessions WHERE program_id = $1 LIMIT 1`,
    [run.program.id],
  );
  // A department with one enrollee only: a small group in the department breakdown.
  await f.db.query("UPDATE directory_people SET department = 'Tiny team' WHERE id = $1", [run.pending.userId]);
  await careAnswers(run);
}, 480_000);
afterAll(async () => run?.f.close());

async function get(userId: string, path: string) {
  const token = await signIn(run.f, userId);
  const res = await fetch(`${run.f.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];
const shown = (f: Figure) => (f.hidden ? undefined : f.value);
const dashboard = () => run.api.ok<Dashboard>(run.hr, 'GET', `/programs/${run.program.id}/dashboard`);

describe('who may read them', () => {
  it.each([
    ['GET', 'dashboard'],
    ['GET', 'enrollees'],
    ['GET', 'exports/enrollees.csv'],
    ['GET', 'exports/pairs.csv'],
    ['GET', 'exports/sessions.csv'],
    ['GET', 'exports/dashboard.csv'],
  ])('%s %s: 403 for an employee who is not a program admin', async (_method, path) => {
    const answer = await get(run.employee, `/programs/${run.program.id}/${path}`);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).error.code).toBe('forbidden');
  });

  it('403 for a reminder or the privacy setting from a non-admin; 401 without a token; 404 for another program', async () => {
    expect((await run.api(run.employee, 'POST', `/programs/${run.program.id}/enrollees/${run.pending.enrollmentId}/remind`)).status).toBe(403);
    expect((await run.api(run.employee, 'PUT', `/programs/${run.program.id}/dashboard/min-group`, { minGroup: 9 })).status).toBe(403);
    expect((await fetch(`${run.f.url}/api/programs/${run.program.id}/dashboard`)).status).toBe(401);
    expect((await run.api(run.hr, 'GET', `/programs/00000000-0000-4000-8000-000000000000/dashboard`)).status).toBe(404);
    expect((await run.api(run.hr, 'GET', `/programs/${run.program.id}/exports/everything.csv`)).status).toBe(404);
  });
});

describe('the dashboard', () => {
  it('shows the funnel, sessions held week by week and ratings after two sandbox weeks', async () => {
    const d = await dashboard();
    expect(d.minGroup).toBe(5);
    expect(d.enrolled).toEqual({ hidden: false, value: run.enrolled });
    const stage = (s: string) => d.funnel.find((x) => x.stage === s)!;
    expect(stage('enrolled').people).toEqual({ hidden: false, value: run.enrolled });
    // Two declined and one pending are fewer than five, so they are hidden — and so is a second
    // cell (here the approved count), else enrolled − approved would give the three away.
    const stopped = (s: string, reason: string) => stage(s).stopped.find((x) => x.reason === reason)!.people;
    expect(stopped('enrolled', 'declined')).toEqual({ hidden: true });
    expect(stopped('enrolled', 'pending')).toEqual({ hidden: true });
    // Approved is about many people, hidden only so the small groups above cannot be worked out:
    // it says so ("not shown"), not "fewer than 5".
    expect(stage('approved').people).toEqual({ hidden: true, reason: 'complement' });
    // The five unmatched mentors are shown, and with them the hidden stage is covered: matched shows.
    expect(stage('matched').people).toEqual({ hidden: false, value: run.pairs * 2 });
    expect(stage('booked').people).toEqual({ hidden: false, value: run.pairs * 2 });
    expect(shown(d.sessions.held)).toBeGreaterThan(0);
    expect(d.sessions.weeks.some((w) => (shown(w.held) ?? 0) > 0)).toBe(true);
    expect(d.sessions.attendanceRate).toMatchObject({ hidden: false });
    expect(d.ratings.distribution).toHaveLength(5);
    expect(d.byDirection.map((x) => x.direction)).toEqual(['up', 'back', 'together']);
  });

  it('skills before and after per topic: from enrollment to the closing survey, only people who rated both', async () => {
    const d = await dashboard();
    const ai = d.skills.topics.find((t) => t.topicId === 'ai-assistants')!;
    expect(ai).toMatchObject({ people: { hidden: false, value: 6 }, before: { hidden: false, value: 1 }, after: { hidden: false, value: 3 }, change: { hidden: false, value: 2 } });
    expect(d.skills.topics[0]!.topicId).toBe('ai-assistants'); // the largest change first
    expect(d.skills.change).toEqual({ hidden: false, value: 2 });
    expect(d.skills.rated).toEqual({ hidden: false, value: 6 });
    // The two other mentees rated at enrollment and not yet at the end: fewer than five.
    expect(d.skills.waiting).toEqual({ hidden: true });
  });

  it('fit checks: the answers of everyone asked, a small group hidden with a second one so it cannot be worked out', async () => {
    const d = await dashboard();
    const of = (a: string) => d.fitChecks.answers.find((x) => x.answer === a)!.people;
    expect(d.fitChecks.asked).toEqual({ hidden: false, value: 2 * run.pairs });
    expect(of('no')).toEqual({ hidden: true });
    // "Not sure" (5) and "yes" would each show on their own, but with both shown the total would give
    // the two "no" away: the smaller of them is hidden too.
    const [yes, notSure] = [of('yes'), of('notSure')];
    const yesCount = 2 * run.pairs - 7;
    if (yesCount > 5)
      expect([yes, notSure]).toEqual([
        { hidden: false, value: yesCount },
        { hidden: true, reason: 'complement' },
      ]);
    else
      expect([yes, notSure]).toEqual([
        { hidden: true, reason: 'complement' },
        { hidden: false, value: 5 },
      ]);
    // Zero is "none", not "fewer than 5".
    expect(of('unanswered')).toEqual({ hidden: false, value: 0 });
  });

  it('pairs that need attention: the "no" at the fit check, and the junior mentor who asked HR to get in touch, by name', async () => {
    const d = await dashboard();
    const pairs = await run.f.db.query<{ mentor_id: string; mentee_id: string }>('SELECT mentor_id, mentee_id FROM pairs WHERE program_id = $1 ORDER BY mentee_id', [run.program.id]);
    const org = run.f.sandbox!.tenant.org;
    const reasonsOf = (p: { mentee_id: string }) => d.attention.find((a) => a.mentee.id === p.mentee_id)?.reasons ?? [];
    expect(reasonsOf(pairs[0]!)).toContain('fitCheckNo'); // both of the first pair said "no"
    expect(d.attention.filter((a) => a.reasons.includes('fitCheckNo'))).toHaveLength(1);
    expect(reasonsOf(pairs.at(-1)!)).toContain('askedForHr');
    expect(d.attention.find((a) => a.mentee.id === pairs.at(-1)!.mentee_id)!.mentor.name).toBe(org.byId.get(pairs.at(-1)!.mentor_id)!.displayName);
  });

  it('closing survey: answered of sent, the overall value, would recommend; keep meeting 3 / 3 hidden', async () => {
    const d = await dashboard();
    const c = d.closingSurvey;
    expect(c.sent).toEqual({ hidden: false, value: 12 });
    expect(c.answered).toEqual({ hidden: false, value: 6 });
    expect(c.overall.map((r) => r.answers)).toEqual([0, 0, 0, 6, 0].map((value) => ({ hidden: false, value })));
    expect(c.meanOverall).toEqual({ hidden: false, value: 4 });
    expect(c.recommend).toEqual({ yes: { hidden: false, value: 6 }, no: { hidden: false, value: 0 } });
    expect(c.keepMeeting).toEqual({ yes: { hidden: true }, no: { hidden: true } });
  });

  it('no figure about people is about fewer than five; a hidden cell cannot be worked out from the totals', async () => {
    const d = await dashboard();
    const people = [d.enrolled, ...d.funnel.flatMap((s) => [s.people, ...s.stopped.map((x) => x.people)]), ...d.byDepartment.flatMap((g) => [g.enrolled, g.matched])];
    for (const f of people) if (!f.hidden) expect(f.value === 0 || f.value >= 5, `a figure of ${f.value} people`).toBe(true);
    // The funnel's arithmetic: a stage minus the next and the shown ways out is what is hidden.
    for (let i = 0; i + 1 < d.funnel.length; i++) {
      const [a, b] = [d.funnel[i]!, d.funnel[i + 1]!];
      if (a.people.hidden || b.people.hidden) continue;
      const rest = a.people.value - b.people.value - a.stopped.reduce((s, x) => s + (shown(x.people) ?? 0), 0);
      expect(rest === 0 || rest >= 5, `${a.stage} → ${b.stage} leaves ${rest}`).toBe(true);
    }
    // The one-person department is not shown on its own.
    expect(d.byDepartment.some((g) => g.department === 'Tiny team')).toBe(false);
    const deptTotal = d.byDepartment.reduce((s, g) => s + (shown(g.enrolled) ?? 0), 0);
    const rest = run.enrolled - deptTotal;
    expect(rest === 0 || rest >= 5).toBe(true);
  });

  it('HR raises the smallest group to 20 (never below 5): more is hidden', async () => {
    expect((await run.api(run.hr, 'PUT', `/programs/${run.program.id}/dashboard/min-group`, { minGroup: 3 })).status).toBe(400);
    expect(await run.api.ok(run.hr, 'PUT', `/programs/${run.program.id}/dashboard/min-group`, { minGroup: 40 })).toEqual({ minGroup: 40 });
    const d = await dashboard();
    expect(d.minGroup).toBe(40);
    expect(d.enrolled).toEqual({ hidden: true });
    expect(d.funnel.every((s) => s.people.hidden)).toBe(true);
    const csv = await get(run.hr, `/programs/${run.program.id}/exports/dashboard.csv`);
    expect(csvRows(csv.text).find((r) => r.measure === 'enrolled')!.value).toBe('fewer than 40');
    await run.api.ok(run.hr, 'PUT', `/programs/${run.program.id}/dashboard/min-group`, { minGroup: 5 });
  });
});

describe('the enrollee list and reminders', () => {
  it('lists who enrolled with role, approval state and approver, matched or not', async () => {
    const { enrollees } = await run.api.ok<{ enrollees: Enrollee[] }>(run.hr, 'GET', `/programs/${run.program.id}/enrollees`);
    expect(enrollees).toHaveLength(run.enrolled);
    expect(enrollees.filter((e) => e.matched)).toHaveLength(run.pairs * 2);
    const pending = enrollees.find((e) => e.enrollmentId === run.pending.enrollmentId)!;
    expect(pending).toMatchObject({ status: 'pending', matched: false, approver: { kind: expect.stringMatching(/manager|programAdmin/) } });
    expect(
      enrollees
        .filter((e) => e.status === 'declined')
        .map((e) => e.userId)
        .sort(),
    ).toEqual([...run.declined].sort());
  });

  it('resends an approval reminder through the outbox, once a day however often HR clicks', async () => {
    const path = `/programs/${run.program.id}/enrollees/${run.pending.enrollmentId}/remind`;
    const before = await run.f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE dedupe_key LIKE $1 AND dedupe_key LIKE '%:reminder:hr-%'", [
      `approval:${run.pending.enrollmentId}:%`,
    ]);
    const [first, second] = await Promise.all([run.api(run.hr, 'POST', path), run.api(run.hr, 'POST', path)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.sent, second.body.sent].sort()).toEqual([false, true]);
    const after = await run.f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE dedupe_key LIKE $1 AND dedupe_key LIKE '%:reminder:hr-%'", [
      `approval:${run.pending.enrollmentId}:%`,
    ]);
    expect(Number(after[0]!.n)).toBeGreaterThan(Number(before[0]!.n));
    const third = await run.api.ok<{ sent: boolean; enrollee: Enrollee }>(run.hr, 'POST', path);
    expect(third.sent).toBe(false);
    expect(third.enrollee.reminders).toBeGreaterThanOrEqual(1);
    // Only a pending request can be reminded of.
    const declined = (await run.api.ok<{ enrollees: Enrollee[] }>(run.hr, 'GET', `/programs/${run.program.id}/enrollees`)).enrollees.find((e) => e.status === 'declined')!;
    expect((await run.api(run.hr, 'POST', `/programs/${run.program.id}/enrollees/${declined.enrollmentId}/remind`)).status).toBe(409);
  });
});

describe('CSV exports', () => {
  it('each parses back with a CSV parser: the documented columns, ISO dates, plain numbers', async () => {
    const enrollees = await get(run.hr, `/programs/${run.program.id}/exports/enrollees.csv`);
    expect(enrollees.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(enrollees.headers.get('content-disposition')).toBe('attachment; filename="flipside-dashboard-program-enrollees.csv"');
    const people = csvRows(enrollees.text);
    expect(people).toHaveLength(run.enrolled);
    expect(Object.keys(people[0]!)).toEqual([
      'enrollment_id',
      'name',
      'department',
      'role',
      'status',
      'approver_kind',
      'approver',
      'approver_unreachable',
      'reminders_sent',
      'last_reminded_at',
      'matched',
      'partner',
      'enrolled_at',
      'decided_at',
    ]);
    for (const p of people) expect(p.enrolled_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const sessions = csvRows((await get(run.hr, `/programs/${run.program.id}/exports/sessions.csv`)).text);
    const [count] = await run.f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE program_id = $1', [run.program.id]);
    expect(sessions).toHaveLength(Number(count!.n));
    expect(Object.keys(sessions[0]!)).toEqual(['mentor_id', 'mentor', 'mentee_id', 'mentee', 'session', 'of', 'starts_at', 'ends_at', 'status', 'minutes_together', 'topic']);
    expect(sessions.some((s) => s.status === 'held')).toBe(true);
    for (const s of sessions) expect(s.session).toMatch(/^\d+$/);

    const pairs = csvRows((await get(run.hr, `/programs/${run.program.id}/exports/pairs.csv`)).text);
    expect(pairs).toHaveLength(run.pairs);

    const aggregates = csvRows((await get(run.hr, `/programs/${run.program.id}/exports/dashboard.csv`)).text);
    expect(aggregates.find((r) => r.section === 'funnel' && r.group === 'enrolled' && r.measure === 'stopped: declined')!.value).toBe('fewer than 5');
    const rate = aggregates.find((r) => r.measure === 'attendance_rate_percent' && r.section === 'sessions')!.value;
    expect(rate).toMatch(/^\d+(\.\d+)?$/);
    // Each download is in the audit log, by HR, naming the file.
    const logged = await run.f.db.query<{ actor_id: string; export: string }>(
      "SELECT DISTINCT actor_id, details->>'export' AS export FROM audit_log WHERE program_id = $1 AND action = 'export.downloaded' ORDER BY 2",
      [run.program.id],
    );
    expect(logged).toEqual(['dashboard.csv', 'enrollees.csv', 'pairs.csv', 'sessions.csv'].map((e) => ({ actor_id: run.hr, export: e })));
  });

  it('neutralises cells a spreadsheet would run as a formula', async () => {
    const { userId } = run.pending;
    const [person] = await run.f.db.query<{ display_name: string }>('SELECT display_name FROM directory_people WHERE id = $1', [userId]);
    const name = person!.display_name;
    try {
      for (const evil of ['=HYPERLINK("http://x.test","click")', '+1+1', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturn']) {
        await run.f.db.query('UPDATE directory_people SET display_name = $2 WHERE id = $1', [userId, evil]);
        const rows = csvRows((await get(run.hr, `/programs/${run.program.id}/exports/enrollees.csv`)).text);
        expect(rows.find((r) => r.enrollment_id === run.pending.enrollmentId)!.name).toBe(`'${evil}`);
      }
    } finally {
      await run.f.db.query('UPDATE directory_people SET display_name = $2 WHERE id = $1', [userId, name]);
    }
  });
});

describe('no answer carries private text', () => {
  it('dashboard, enrollee list and every CSV', async () => {
    const id = run.program.id;
    const answers = [
      await get(run.hr, `/programs/${id}/dashboard`),
      await get(run.hr, `/programs/${id}/enrollees`),
      ...(await Promise.all(['enrollees', 'pairs', 'sessions', 'dashboard'].map((k) => get(run.hr, `/programs/${id}/exports/${k}.csv`)))),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      for (const secret of SECRETS) expect(a.text).not.toContain(secret);
    }
    // The database does hold them (the test would prove nothing otherwise).
    const [held] = await run.f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM feedback WHERE learned = 'SECRET-LEARNED-7f3a'");
    expect(Number(held!.n)).toBeGreaterThan(0);
  });
});
