import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program, ProgramInput } from '../src/contracts/programs.ts';
import type { Flipside } from '../src/server/compose.ts';
import { signIn, startTestFlipside } from './support/flipside.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: Flipside;
let program: Program;
const tokens = new Map<string, string>();
const org = () => f.sandbox!.tenant.org;
const connector = () => f.sandbox!.connector;

async function api(userId: string, method: string, path: string, body?: unknown) {
  if (!tokens.has(userId)) tokens.set(userId, await signIn(f, userId));
  const res = await fetch(`${f.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens.get(userId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Delivers until the outbox has nothing pending, waiting out backoffs; bounded in time. */
async function drain(deadlineMs = 20_000) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    await f.deliverNow();
    await connector().idle();
    const counts = await f.store.outbox.countByStatus();
    if (!counts.pending) return counts;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`outbox not drained: ${JSON.stringify(await f.store.outbox.countByStatus())}`);
}

const cardsMentioning = (userId: string, text: string) =>
  connector()
    .delivered(userId)
    .filter((a) => JSON.stringify(a.attachments ?? []).includes(text));

/** Employees with distinct, enabled managers (and not the personas that move or fail), in a fixed order. */
function employees(n: number) {
  const seen = new Set<string>();
  const out: { id: string; managerId: string }[] = [];
  for (const p of org().people) {
    const m = p.managerId ? org().byId.get(p.managerId) : undefined;
    if (!m?.accountEnabled || !p.accountEnabled || p.level < 2 || seen.has(m.id) || Object.values(org().personas).includes(p.id)) continue;
    seen.add(m.id);
    out.push({ id: p.id, managerId: m.id });
    if (out.length === n) break;
  }
  return out;
}

const enrollment = { role: 'mentor', teach: [{ topicId: 'ai-assistants', level: 4 }], learn: [{ topicId: 'strategy', level: 2 }], goals: ['Teach two AI workflows by March'], cadence: 'weekly', acceptedTerms: true };

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 400, seed: 11 });
  const hr = org().personas.hrAdmin;
  const template = (await api(hr, 'GET', '/programs/template')).body as ProgramInput;
  program = (await api(hr, 'POST', '/programs', template)).body as Program;
});
afterAll(async () => f?.close());

describe('the outbox', () => {
  it('delivers every approval card exactly once while the Bot Connector throttles 40% of requests', async () => {
    const people = employees(15);
    const ids: string[] = [];
    for (const e of people) ids.push((await api(e.id, 'POST', `/programs/${program.id}/enrollments`, enrollment)).body.id);
    connector().faults.throttleRate = 0.4;
    connector().faults.retryAfterSeconds = 0;
    try {
      await drain();
    } finally {
      connector().faults.throttleRate = 0;
    }
    expect(connector().counters.throttled).toBeGreaterThan(0);
    people.forEach((e, i) => expect(cardsMentioning(e.managerId, ids[i]!)).toHaveLength(1));
  });

  it('loses nothing and duplicates nothing when an instance dies after claiming messages', async () => {
    const people = employees(40).slice(15, 27);
    expect(people).toHaveLength(12);
    const ids: string[] = [];
    for (const e of people) ids.push((await api(e.id, 'POST', `/programs/${program.id}/enrollments`, enrollment)).body.id);
    await f.deliverNow(4); // the first four go out
    // Another instance claims the next five and dies before sending: its lease runs out.
    const claimed = await f.store.outbox.claimDue(new Date(), 5, 1);
    expect(claimed).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 5));
    await drain();
    people.forEach((e, i) => expect(cardsMentioning(e.managerId, ids[i]!)).toHaveLength(1));
  });

  it('marks the approver unreachable when they blocked the bot, and stops trying', async () => {
    const e = employees(40)[27];
    connector().ensurePersonalConversation(e!.managerId);
    connector().blocked.add(e!.managerId);
    const created = (await api(e!.id, 'POST', `/programs/${program.id}/enrollments`, enrollment)).body;
    await drain();
    const [mine] = (await api(e!.id, 'GET', '/enrollments')).body as Json[];
    expect(mine).toMatchObject({ id: created.id, status: 'pending', approverUnreachable: true });
    const row = await f.store.outbox.findByKey(`approval:${created.id}:to:${e!.managerId}`);
    expect(row?.status).toBe('blocked');
  });
});

describe('the approval sweep', () => {
  it('reminds once after three days, and expires after ten, telling both people', async () => {
    const e = employees(40)[28];
    const { id } = (await api(e!.id, 'POST', `/programs/${program.id}/enrollments`, enrollment)).body;
    await drain();
    await f.db.query("UPDATE enrollments SET created_at = now() - interval '4 days' WHERE id = $1", [id]);
    expect((await f.sweepNow()).reminded).toBeGreaterThanOrEqual(1);
    expect((await f.sweepNow()).reminded).toBe(0);
    await drain();
    expect(cardsMentioning(e!.managerId, id)).toHaveLength(2); // the request and one reminder
    expect(connector().delivered(e!.managerId).some((a) => String(a.text ?? '').startsWith('Reminder:'))).toBe(true);

    await f.db.query("UPDATE enrollments SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    expect((await f.sweepNow()).expired).toBeGreaterThanOrEqual(1);
    await drain();
    const [mine] = ((await api(e!.id, 'GET', '/enrollments')).body as Json[]).filter((x) => x.id === id);
    expect(mine!.status).toBe('expired');
    for (const card of cardsMentioning(e!.managerId, id)) expect(JSON.stringify(card)).not.toContain('approval.approve');
    expect(connector().delivered(e!.id).some((a) => /expired/i.test(JSON.stringify(a.attachments)))).toBe(true);
  });

  it('moves a pending request to the new manager when the directory says so', async () => {
    const e = employees(40)[29];
    const { id } = (await api(e!.id, 'POST', `/programs/${program.id}/enrollments`, enrollment)).body;
    await drain();
    const newManager = org().people.find((p) => p.level === org().byId.get(e!.managerId)!.level && p.id !== e!.managerId && p.accountEnabled && p.id !== e!.id)!;
    f.sandbox!.tenant.changeManager(e!.id, newManager.id);
    await f.syncNow();
    expect((await f.sweepNow()).moved).toBe(1);
    await drain();
    const [mine] = ((await api(e!.id, 'GET', '/enrollments')).body as Json[]).filter((x) => x.id === id);
    expect(mine!.approver).toMatchObject({ id: newManager.id, kind: 'manager' });
    expect(JSON.stringify(cardsMentioning(newManager.id, id))).toContain('approval.approve');
    expect(JSON.stringify(cardsMentioning(e!.managerId, id))).not.toContain('approval.approve');
  });

  it('sends requests of people without a manager to the program admins', async () => {
    const loner = org().personas.noManager;
    const { body } = await api(loner, 'POST', `/programs/${program.id}/enrollments`, enrollment);
    expect(body.approver).toMatchObject({ kind: 'programAdmin' });
    await drain();
    expect(JSON.stringify(cardsMentioning(org().personas.hrAdmin, body.id))).toContain('approval.approve');
  });
});

describe('the bot in a personal chat', () => {
  it('welcomes a person when Flipside is installed for them', () => {
    const [e] = employees(1);
    expect(connector().delivered(e!.managerId).some((a) => /Welcome|Flipside/.test(JSON.stringify(a.attachments ?? [])))).toBe(true);
  });

  it('answers status with the person’s enrollments, and help otherwise', async () => {
    const [e] = employees(1);
    const conversation = connector().ensurePersonalConversation(e!.id);
    await connector().sendMessage(e!.id, conversation.id, 'status');
    await connector().sendMessage(e!.id, conversation.id, 'what?');
    await connector().idle();
    const replies = connector().delivered(e!.id).slice(-2).map((a) => JSON.stringify(a));
    expect(replies[0]).toContain(program.name);
    expect(replies[1]).toMatch(/didn't catch/);
  });
});
