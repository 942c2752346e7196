// The sandbox's other people answering their own cards (SANDBOX_OTHERS_RESPOND): through the bot,
// seeded, never for someone who signed in, never twice; and nothing at all when it is off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enrollment, Program } from '../src/contracts/programs.ts';
import type { RecordedActivity } from '../src/sandbox/connector/connector.ts';
import { firstCard } from '../src/sandbox/connector/validate.ts';
import { claimsFor } from '../src/sandbox/identity/router.ts';
import type { SandboxPerson } from '../src/sandbox/org/index.ts';
import { answerFor, APPROVE_CHANCE, rngFor } from '../src/sandbox/responder.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor, type Api, type Json } from './support/api.ts';
import { actionsOf } from './support/connector.ts';
import { drain, startTestFlipside } from './support/flipside.ts';
import { ordinaryPeople } from './support/people.ts';
import { createProgram, menteeEnrollment, mentorEnrollment, publishMatching } from './support/programs.ts';
import { skip } from './sessions/support.ts';

const text = (x: unknown) => JSON.stringify(x);

/**
 * Calls the API as a person without signing in through the sandbox sign-in (a token straight
 * from the sandbox's issuer): someone nobody is being, whose cards the others' responder answers.
 */
async function asOther(f: Flipside, person: SandboxPerson, method: string, path: string, body?: unknown): Promise<Json> {
  const token = await f.sandbox!.issuer.userToken(claimsFor(f.sandbox!.tenant.org, person));
  const res = await fetch(`${f.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text(answer)}`);
  return answer;
}

/** The approval request for an enrollment in its decider's 1:1 chat, as first sent. */
function approvalMessage(f: Flipside, deciderId: string, enrollmentId: string): RecordedActivity {
  const c = f.sandbox!.connector.conversation(f.sandbox!.connector.personalConversationId(deciderId));
  const found = c?.activities.find((a) => a.senderId === null && text(a.versions[0]!.activity.attachments).includes(enrollmentId));
  expect(found, `the approval card for ${enrollmentId}`).toBeDefined();
  return found!;
}

const statusOf = async (f: Flipside, enrollmentId: string) =>
  ((await f.db.query('SELECT status, decided_by FROM enrollments WHERE id = $1', [enrollmentId])) as { status: string; decided_by: string | null }[])[0]!;

/** Employees whose managers are ordinary people too, each manager a different one and none of them an employee chosen. */
function employeesWithManagers(people: SandboxPerson[], count: number): SandboxPerson[] {
  const ordinary = new Set(people.map((p) => p.id));
  const chosen: SandboxPerson[] = [];
  const taken = new Set<string>();
  for (const p of people) {
    if (chosen.length === count) break;
    if (!ordinary.has(p.managerId!) || taken.has(p.id) || taken.has(p.managerId!)) continue;
    chosen.push(p);
    taken.add(p.id).add(p.managerId!);
  }
  expect(chosen).toHaveLength(count);
  return chosen;
}

describe('the others respond (SANDBOX_OTHERS_RESPOND)', () => {
  let f: Flipside;
  let api: Api;
  let hr: string;
  let program: Program;
  let people: SandboxPerson[];
  /** The booked program: a pair of two others, and a pair with a human mentee. */
  let second: Program;
  let pairs: { others: Json; withHuman: Json; human: string };
  beforeAll(async () => {
    f = await startTestFlipside({ orgSize: 120, seed: 5, othersRespond: true });
    api = apiFor(f);
    hr = f.sandbox!.tenant.org.personas.hrAdmin;
    people = ordinaryPeople(f.sandbox!.tenant.org).filter((p) => p.id !== hr && p.managerId !== hr);
    program = await createProgram(api, hr, { name: 'Living program', mentorCapacity: 1 });
  }, 30_000);
  afterAll(async () => f?.close());

  it('turned off from the control page, the others click nothing; turned on again, they answer what waits', async () => {
    const post = (body: unknown) => fetch(`${f.url}/sandbox/control/others-respond`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(((await (await fetch(`${f.url}/sandbox/control`)).json()) as Json).othersRespond).toBe(true); // SANDBOX_OTHERS_RESPOND=true
    expect(await (await post({ on: false })).json()).toEqual({ othersRespond: false });
    const [employee] = employeesWithManagers(people, 1);
    people = people.filter((p) => p.id !== employee!.id && p.id !== employee!.managerId);
    const enrollment = await api.ok<Enrollment>(employee!.id, 'POST', `/programs/${program.id}/enrollments`, mentorEnrollment());
    await drain(f);
    await new Promise((r) => setTimeout(r, 700));
    await f.sandbox!.responder.settled();
    expect(f.sandbox!.connector.counters.invokes).toBe(0);
    expect((await statusOf(f, enrollment.id)).status).toBe('pending');
    const control = (await (await fetch(`${f.url}/sandbox/control`)).json()) as Json;
    expect(control.othersRespond).toBe(false);

    const bad = await post({ on: 'yes' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error.field).toBe('on');
    const on = await post({ on: true });
    expect(await on.json()).toEqual({ othersRespond: true });
    await f.sandbox!.responder.settled();
    expect(['approved', 'declined']).toContain((await statusOf(f, enrollment.id)).status);
  }, 20_000);

  it('a manager nobody signed in as decides a human’s enrollment through the bot, as seeded; a manager who signed in is left to decide', async () => {
    const [a, b, c] = employeesWithManagers(people, 3);
    const humanManager = f.sandbox!.tenant.org.byId.get(c!.managerId!)!;
    await api.ok(humanManager.id, 'GET', '/me'); // signs in: now someone is being this manager
    expect(f.sandbox!.humans.has(humanManager.id)).toBe(true);
    const enrollments: Enrollment[] = [];
    for (const e of [a!, b!, c!]) enrollments.push(await api.ok<Enrollment>(e.id, 'POST', `/programs/${program.id}/enrollments`, mentorEnrollment()));
    await drain(f);
    await f.sandbox!.responder.settled();
    await drain(f);

    for (const [i, e] of [a!, b!].entries()) {
      const message = approvalMessage(f, e.managerId!, enrollments[i]!.id);
      const expected = answerFor('approval', firstCard(message.versions[0]!.activity)!, rngFor(f.sandbox!.tenant.org.seed, message.id, e.managerId!));
      expect(expected?.verb).toMatch(/^approval\.(approve|decline)$/);
      const row = await statusOf(f, enrollments[i]!.id);
      expect(row).toEqual({ status: expected!.verb === 'approval.approve' ? 'approved' : 'declined', decided_by: e.managerId });
      // Through the real bot path: one click by the manager on that message, and the message now says so.
      const clicks = f.sandbox!.connector.deliveries.filter((d) => d.activity.type === 'invoke' && d.activity.replyToId === message.id && text(d.activity.value).includes(expected!.verb));
      expect(clicks).toHaveLength(1);
      expect((clicks[0]!.activity.from as { aadObjectId: string }).aadObjectId).toBe(e.managerId);
      expect(text(firstCard(message.versions.at(-1)!.activity))).toMatch(expected!.verb === 'approval.approve' ? /Approved by/ : /Declined by/);
    }
    // The human manager's request waits for them.
    expect((await statusOf(f, enrollments[2]!.id)).status).toBe('pending');
    const waiting = approvalMessage(f, humanManager.id, enrollments[2]!.id);
    expect(f.sandbox!.connector.deliveries.some((d) => d.activity.type === 'invoke' && d.activity.replyToId === waiting.id)).toBe(false);

    const control = (await (await fetch(`${f.url}/sandbox/control`)).json()) as Json;
    expect(control.othersRespond).toBe(true);
    expect(control.responder.answered).toBeGreaterThanOrEqual(2);
  }, 20_000);

  it('most approve, some decline: the seeded answer over many requests', () => {
    const card = {
      type: 'AdaptiveCard',
      refresh: { action: { type: 'Action.Execute', verb: 'approval.refresh' } },
      body: [{ type: 'ActionSet', actions: ['approval.approve', 'approval.decline'].map((verb) => ({ type: 'Action.Execute', verb, data: { enrollmentId: 'e', version: 1 } })) }],
    };
    const verbs = Array.from({ length: 1000 }, (_, i) => answerFor('approval', card, rngFor(5, String(1_700_000_000_000 + i), 'm'))!.verb);
    const approved = verbs.filter((v) => v === 'approval.approve').length / verbs.length;
    expect(approved).toBeGreaterThan(APPROVE_CHANCE - 0.05);
    expect(approved).toBeLessThan(APPROVE_CHANCE + 0.05);
    // The same message, the same person: the same answer.
    expect(answerFor('approval', card, rngFor(5, '42', 'm'))).toEqual(answerFor('approval', card, rngFor(5, '42', 'm')));
  });

  it('a pair of two others picks the first time offered; a pair with someone signed in is left to pick', async () => {
    const avoid = new Set([hr, ...f.sandbox!.humans]);
    const free = people.filter((p) => !avoid.has(p.id));
    const mentors = [...free].sort((x, y) => y.level - x.level).slice(0, 4); // the most junior teach up
    const mentees = free.filter((p) => p.level === 1 || p.level === 2).slice(0, 2);
    second = await createProgram(api, hr, { name: 'Living program, booked', mentorCapacity: 1 });
    for (const m of mentors) await asOther(f, m, 'POST', `/programs/${second.id}/enrollments`, mentorEnrollment());
    await asOther(f, mentees[0]!, 'POST', `/programs/${second.id}/enrollments`, menteeEnrollment());
    await api.ok(mentees[1]!.id, 'POST', `/programs/${second.id}/enrollments`, menteeEnrollment()); // signed in: a human
    await f.db.query("UPDATE enrollments SET status = 'approved' WHERE program_id = $1", [second.id]);
    const published = await publishMatching(api, hr, second.id);
    expect(published.pairs).toHaveLength(2);
    await drain(f, { booking: true });
    await f.sandbox!.responder.settled();
    await drain(f, { booking: true });

    const bookings = (await f.db.query('SELECT mentee_id, mentor_id, status, chosen, picked_by, chat_id FROM bookings WHERE program_id = $1', [second.id])) as Json[];
    const others = bookings.find((b) => b.mentee_id === mentees[0]!.id)!;
    const withHuman = bookings.find((b) => b.mentee_id === mentees[1]!.id)!;
    expect(others.status).toBe('booked');
    expect([others.mentor_id, others.mentee_id]).toContain(others.picked_by);
    // The first of the times the card offered.
    const message = f.sandbox!.connector.conversation(others.chat_id)!.activities.find((a) => a.senderId === null)!;
    const offered = message.versions.map((v) => actionsOf(firstCard(v.activity)).filter((x) => x.verb === 'booking.pick')).find((picks) => picks.length > 0)!;
    const pick = f.sandbox!.connector.deliveries.filter((d) => d.activity.type === 'invoke' && d.activity.replyToId === message.id);
    expect(pick).toHaveLength(1);
    expect((pick[0]!.activity.value as Json).action.data).toEqual(offered[0]!.data);
    expect(withHuman.status).toBe('choosing');
    expect(withHuman.picked_by).toBeNull();
    pairs = { others, withHuman, human: mentees[1]!.id };
  }, 30_000);

  it('after a session the others send their feedback (never the human’s), and the human’s partner may add to the agenda, as seeded', async () => {
    const connector = f.sandbox!.connector;
    const { others, withHuman, human } = pairs;
    // The human picks their own time.
    const chat = connector.conversation(withHuman.chat_id)!;
    const offer = chat.activities.find((a) => a.senderId === null)!;
    const pick = actionsOf(connector.cardFor(offer, human)).find((a) => a.verb === 'booking.pick')!;
    expect((await connector.invoke(human, chat.id, offer.id, { verb: 'booking.pick', data: pick.data as Json }, 'manual')).error).toBeUndefined();
    await drain(f, { booking: true });
    await skip(f, 'day');
    const tenantId = f.sandbox!.tenant.org.tenantId;
    const firstOf = async (menteeId: string) => (await f.store.sessions.listForPair(tenantId, second.id, menteeId))[0]!;
    // Until both pairs' first sessions are over (they may fall in different weeks).
    for (let i = 0; i < 6 && ((await firstOf(others.mentee_id)).status === 'planned' || (await firstOf(human)).status === 'planned'); i++) await skip(f, 'next-session');
    await drain(f);
    await f.sandbox!.responder.settled();
    await drain(f);

    const answered = async (sessionId: string) =>
      ((await f.db.query('SELECT user_id, usefulness FROM feedback WHERE session_id = $1', [sessionId])) as { user_id: string; usefulness: number | null }[]).sort((a, b) =>
        a.user_id.localeCompare(b.user_id),
      );
    const othersSession = await firstOf(others.mentee_id);
    const othersAnswers = await answered(othersSession.id);
    expect(othersAnswers.map((a) => a.user_id)).toEqual([others.mentor_id, others.mentee_id].sort());
    for (const a of othersAnswers) if (a.usefulness !== null) expect(a.usefulness).toBeGreaterThanOrEqual(3);
    const humanSession = await firstOf(human);
    expect((await answered(humanSession.id)).map((a) => a.user_id)).toEqual([withHuman.mentor_id]);

    // The agenda: the partner adds an item when the seed says so, and only then.
    const agenda = chat.activities.find((a) => a.senderId === null && text(a.versions[0]!.activity.attachments).includes('"agenda.refresh"'))!;
    const expected = answerFor('agenda', firstCard(agenda.versions[0]!.activity)!, rngFor(f.sandbox!.tenant.org.seed, agenda.id, withHuman.mentor_id));
    const items = await f.store.actionItems.listForPair(tenantId, second.id, human);
    const adds = connector.deliveries.filter((d) => d.activity.type === 'invoke' && d.activity.replyToId === agenda.id);
    if (expected) {
      expect(items.map((i) => i.text)).toContain(expected.data.newItem);
      expect(adds).toHaveLength(1);
    } else expect(adds).toHaveLength(0);
  }, 40_000);
});
