// A sandbox program that has run for some sandbox weeks: enough pairs for the dashboard to show
// figures, a few small groups it must hide, and the sandbox's other people answering their cards.
import { expect } from 'vitest';
import type { Program } from '../../src/contracts/programs.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor, type Api } from '../support/api.ts';
import { drain, startTestFlipside } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from '../support/programs.ts';
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
  const f = await startTestFlipside({ orgSize: 400, seed: options.seed ?? 11 });
  const api = apiFor(f);
  const org = f.sandbox!.tenant.org;
  const hr = org.personas.hrAdmin;
  const today = new Date(f.sandbox!.clock.now());
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const end = new Date(today.getTime() + 120 * 86_400_000);
  const program = await createProgram(api, hr, { name: 'Dashboard program', startsOn: iso(tomorrow), endsOn: iso(end), enrollmentOpensOn: iso(today), enrollmentClosesOn: iso(today), cadences: ['weekly', 'biweekly', 'monthly'] });
  const usable = ordinaryPeople(org).filter((p) => p.id !== hr);
  const mentors = usable.filter((x) => x.level >= 4).slice(0, pairs + 5);
  const mentees = usable.filter((x) => x.level === 1 || x.level === 2).slice(0, pairs);
  const enrollments = [
    ...mentors.map((x) => ({ userId: x.id, enrollment: mentorEnrollment({ cadence: 'weekly' }) })),
    ...mentees.map((x) => ({ userId: x.id, enrollment: menteeEnrollment({ cadence: 'weekly' }) })),
  ];
  // A few at a time (each signs in first), then approved in the database as enrollApproved does.
  for (let i = 0; i < enrollments.length; i += 6) await Promise.all(enrollments.slice(i, i + 6).map((e) => api.ok(e.userId, 'POST', `/programs/${program.id}/enrollments`, e.enrollment)));
  await enrollApproved(f, api, program.id, []);
  const rest = usable.filter((x) => x.level === 3 && !mentors.includes(x) && !mentees.includes(x));
  const declined = rest.slice(0, 2).map((x) => x.id);
  const waiting = rest[2]!.id;
  for (const id of [...declined, waiting]) await api.ok(id, 'POST', `/programs/${program.id}/enrollments`, menteeEnrollment({ cadence: 'weekly' }));
  await f.db.query("UPDATE enrollments SET status = 'declined', decided_by = user_id, decided_at = now(), decision_note = 'Not this quarter, sorry' WHERE program_id = $1 AND user_id = ANY($2::uuid[])", [program.id, declined]);
  const [pendingRow] = await f.db.query<{ id: string; approver_id: string | null }>('SELECT id, approver_id FROM enrollments WHERE program_id = $1 AND user_id = $2', [program.id, waiting]);
  await drain(f);

  const published = await publishMatching(api, hr, program.id);
  expect(published.pairs.length).toBeGreaterThanOrEqual(Math.min(pairs, 6));
  // Everyone but HR is one of the sandbox's others from here on: they pick times and answer feedback.
  for (const id of [...f.sandbox!.humans]) if (id !== hr) f.sandbox!.humans.delete(id);
  // …but someone is being the pending enrollee's approver, so that request stays pending.
  if (pendingRow!.approver_id) f.sandbox!.humans.add(pendingRow!.approver_id);
  f.sandbox!.responder.setOn(true);
  await drain(f, { booking: true, deadlineMs: 60_000 });
  for (let i = 0; i < 30 && (await bookedCount(f, program.id)) < published.pairs.length; i++) {
    await new Promise((r) => setTimeout(r, 300));
    await drain(f, { booking: true, deadlineMs: 60_000 });
  }
  expect(await bookedCount(f, program.id)).toBe(published.pairs.length);
  for (let w = 0; w < (options.weeks ?? 3); w++) {
    await skip(f, 'week');
    await drain(f);
  }
  return { f, api, program, hr, employee: mentees[0]!.id, enrolled: mentors.length + mentees.length + 3, pairs: published.pairs.length, declined, pending: { userId: waiting, enrollmentId: pendingRow!.id } };
}

async function bookedCount(f: Flipside, programId: string): Promise<number> {
  const [row] = await f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM bookings WHERE program_id = $1 AND status = 'booked'", [programId]);
  return Number(row!.n);
}
