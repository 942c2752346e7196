// A sandbox program that has run for some sandbox weeks: enough pairs for the dashboard to show
// figures, a few small groups it must hide, and the sandbox's other people answering their cards.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { approverFor } from '../../src/app/enrollment/enrollment.ts';
import type { EnrollmentRecord } from '../../src/app/enrollment/ports.ts';
import type { Program } from '../../src/contracts/programs.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor, type Api } from '../support/api.ts';
import { drain, startTestFlipside } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, publishMatching } from '../support/programs.ts';
import { skip } from '../sessions/support.ts';

export interface RunningProgram {
  f: Flipside;
  api: Api;
  program: Program;
  hr: string;
  /** How many people enrolled, and the pairs published (all booked). */
  enrolled: number;
  pairs: number;
  /** An employee who is not a program admin. */
  employee: string;
  /** Enrollees whose request was declined (two: fewer than five, so never shown as a figure). */
  declined: string[];
  /** An enrollee still waiting for their manager. */
  pending: { userId: string; enrollmentId: string };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * HR runs a program starting tomorrow (sandbox time) with `pairs` published and booked pairs (the
 * sandbox's others pick the first time offered and send feedback after each session), two declined
 * enrollees and one pending; then `weeks` sandbox weeks pass.
 */
export async function runningProgram(options: { pairs?: number; weeks?: number; seed?: number } = {}): Promise<RunningProgram> {
  const pairs = options.pairs ?? 8;
  const t0 = Date.now();
  const lap = (what: string) => process.env.DASHBOARD_SETUP_TIMES && console.log(`${what}: ${Date.now() - t0} ms`);
  const f = await startTestFlipside({ orgSize: 400, seed: options.seed ?? 11 });
  const api = apiFor(f);
  const org = f.sandbox!.tenant.org;
  const hr = org.personas.hrAdmin;
  const today = new Date(f.sandbox!.clock.now());
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const end = new Date(today.getTime() + 120 * 86_400_000);
  const program = await createProgram(api, hr, {
    name: 'Dashboard program',
    startsOn: iso(tomorrow),
    endsOn: iso(end),
    enrollmentOpensOn: iso(today),
    enrollmentClosesOn: iso(today),
    cadences: ['weekly', 'biweekly', 'monthly'],
  });
  const usable = ordinaryPeople(org).filter((p) => p.id !== hr);
  const mentors = usable.filter((x) => x.level >= 4).slice(0, pairs + 5);
  const mentees = usable.filter((x) => x.level === 1 || x.level === 2).slice(0, pairs);
  // Enrollments straight into the store (enrolling and approving have tests of their own, and
  // through the API each would take a sign-in and a Graph round): approved, two declined, one pending.
  const rest = usable.filter((x) => x.level === 3 && !mentors.includes(x) && !mentees.includes(x));
  const declined = rest.slice(0, 2).map((x) => x.id);
  const waiting = rest[2]!.id;
  const now = f.sandbox!.clock.now();
  const enrollment = (userId: string, role: 'mentor' | 'mentee', status: EnrollmentRecord['status'], approver: Awaited<ReturnType<typeof approverFor>>): EnrollmentRecord => ({
    tenantId: org.tenantId,
    id: randomUUID(),
    programId: program.id,
    userId,
    role,
    teach: role === 'mentor' ? [{ topicId: 'ai-assistants', level: 4 }] : [],
    learn: role === 'mentee' ? [{ topicId: 'ai-assistants', level: 1 }] : [],
    goals: ['Run a Copilot demo for my team by March'],
    cadence: 'weekly',
    status,
    ...approver,
    approverUnreachable: false,
    decidedBy: status === 'pending' ? null : approver.approverId,
    decidedAt: status === 'pending' ? null : now,
    decisionNote: status === 'declined' ? 'Not this quarter, sorry' : null,
    version: 1,
    remindedAt: null,
    expiresAt: new Date(now.getTime() + 30 * 86_400_000),
    createdAt: now,
    updatedAt: now,
  });
  const rows = [
    ...mentors.map((x) => ({ id: x.id, role: 'mentor' as const, status: 'approved' as const })),
    ...mentees.map((x) => ({ id: x.id, role: 'mentee' as const, status: 'approved' as const })),
    ...declined.map((id) => ({ id, role: 'mentee' as const, status: 'declined' as const })),
    { id: waiting, role: 'mentee' as const, status: 'pending' as const },
  ];
  let pendingRow: EnrollmentRecord | undefined;
  for (const r of rows) {
    const record = enrollment(r.id, r.role, r.status, await approverFor(f.store, org.tenantId, r.id));
    await f.store.enrollments.insert(record);
    if (r.status === 'pending') pendingRow = record;
  }
  lap('enrolled');

  const published = await publishMatching(api, hr, program.id);
  lap('published');
  expect(published.pairs.length).toBeGreaterThanOrEqual(Math.min(pairs, 6));
  // Everyone but HR is one of the sandbox's others from here on: they pick times and answer feedback.
  for (const id of [...f.sandbox!.humans]) if (id !== hr) f.sandbox!.humans.delete(id);
  // …but someone is being the pending enrollee's approver, so that request stays pending.
  if (pendingRow!.approverId) f.sandbox!.humans.add(pendingRow!.approverId);
  f.sandbox!.responder.setOn(true);
  await drain(f, { booking: true, deadlineMs: 60_000 });
  for (let i = 0; i < 30 && (await bookedCount(f, program.id)) < published.pairs.length; i++) {
    await new Promise((r) => setTimeout(r, 300));
    await drain(f, { booking: true, deadlineMs: 60_000 });
  }
  expect(await bookedCount(f, program.id)).toBe(published.pairs.length);
  lap('booked');
  for (let w = 0; w < (options.weeks ?? 3); w++) {
    await skip(f, 'week');
    await drain(f);
    lap(`week ${w + 1}`);
  }
  return { f, api, program, hr, employee: mentees[0]!.id, enrolled: rows.length, pairs: published.pairs.length, declined, pending: { userId: waiting, enrollmentId: pendingRow!.id } };
}

async function bookedCount(f: Flipside, programId: string): Promise<number> {
  const [row] = await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM bookings WHERE program_id = $1 AND status = 'booked'", [programId]);
  return Number(row!.n);
}

/**
 * The care loop's answers, as its cards would have stored them (the care and closing flows have
 * tests of their own): fit checks for every pair's two people (two "no" — a note shared with HR
 * among them —, five "not sure", the rest "yes"), the last pair's junior mentor asking HR to get in
 * touch, and the closing survey of six mentees whose pairs ended, each rating "AI assistants" 3 at
 * the end after 1 at enrollment (skill_ratings, stage 'end', where the closing survey keeps it).
 */
export async function careAnswers(run: RunningProgram): Promise<void> {
  const f = run.f;
  const tenant = run.f.sandbox!.tenant.org.tenantId;
  const pairs = await f.db.query<{ mentor_id: string; mentee_id: string }>('SELECT mentor_id, mentee_id FROM pairs WHERE program_id = $1 ORDER BY mentee_id', [run.program.id]);
  expect(pairs.length).toBe(run.pairs);
  expect(run.pairs).toBeGreaterThanOrEqual(6);
  await f.db.query('DELETE FROM fit_checks WHERE program_id = $1', [run.program.id]);
  const answers = ['no', 'no', ...Array(5).fill('not_sure'), ...Array(2 * pairs.length - 7).fill('yes')] as string[];
  let i = 0;
  for (const p of pairs)
    for (const user of [p.mentor_id, p.mentee_id]) {
      const answer = answers[i++]!;
      await f.db.query(
        `INSERT INTO fit_checks (tenant_id, id, program_id, mentee_id, mentor_id, user_id, asked_at, answer, note, share_note, answered_at)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, now(), $6, $7, $8, now())`,
        [tenant, run.program.id, p.mentee_id, p.mentor_id, user, answer, answer === 'no' ? 'SECRET-FIT-NOTE-7f3a' : '', answer === 'no'],
      );
    }
  // The last pair's junior mentor asks HR to get in touch, in a confidential check-in.
  const last = pairs.at(-1)!;
  await f.db.query(
    `INSERT INTO check_ins (tenant_id, id, program_id, mentee_id, mentor_id, occasion, asked_at, speak_openly, respectful, for_hr, contact_me, answered_at)
     VALUES ($1, gen_random_uuid(), $2, $3, $4, 'third', now(), 'mostly', 'yes', 'SECRET-FOR-HR-7f3a', true, now())
     ON CONFLICT (tenant_id, program_id, mentee_id, mentor_id, occasion) DO UPDATE SET contact_me = true, for_hr = 'SECRET-FOR-HR-7f3a'`,
    [tenant, run.program.id, last.mentee_id, last.mentor_id],
  );
  for (const p of pairs.slice(0, 6)) {
    await f.db.query('INSERT INTO pair_closings (tenant_id, program_id, mentee_id, sent_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING', [tenant, run.program.id, p.mentee_id]);
    await f.db.query(
      `INSERT INTO closing_surveys (tenant_id, program_id, mentee_id, user_id, overall, recommend, what_changed, keep_meeting, answered_at)
       VALUES ($1, $2, $3, $3, 4, true, 'SECRET-CHANGED-7f3a', $4, now()) ON CONFLICT DO NOTHING`,
      [tenant, run.program.id, p.mentee_id, p.mentee_id < pairs[3]!.mentee_id],
    );
    await f.db.query(`INSERT INTO skill_ratings (tenant_id, program_id, user_id, topic_id, stage, level, rated_at) VALUES ($1, $2, $3, 'ai-assistants', 'end', 3, now())`, [
      tenant,
      run.program.id,
      p.mentee_id,
    ]);
  }
}
