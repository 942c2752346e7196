import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../src/contracts/programs.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor, type Api, type Json } from './support/api.ts';
import { cardsMentioning } from './support/connector.ts';
import { drain, startTestFlipside } from './support/flipside.ts';
import { createProgram, mentorEnrollment } from './support/programs.ts';

let f: Flipside;
let api: Api;
let program: Program;
const org = () => f.sandbox!.tenant.org;
const connector = () => f.sandbox!.connector;

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

const enrollment = mentorEnrollment({ learn: [{ topicId: 'strategy', level: 2 }], goals: ['Teach two AI workflows by March'], cadence: 'weekly' });

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 400, seed: 11 });
  api = apiFor(f);
  program = await createProgram(api, org().personas.hrAdmin);
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
      await drain(f);
    } finally {
      connector().faults.throttleRate = 0;
    }
    expect(connector().counters.throttled).toBeGreaterThan(0);
    people.forEach((e, i) => expect(cardsMentioning(connector(), e.managerId, ids[i]!)).toHaveLength(1));
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
    await drain(f);
    people.forEach((e, i) => expect(cardsMentioning(connector(), e.managerId, ids[i]!)).toHaveLength(1));
  });

  it('marks the approver unreachable when they blocked the bot, and stops trying', async () => {
    const e = employees(40)[27];
    connector().ensurePersonalConversation(e!.managerId);
    connector().blocked.add(e!.managerId);
    const created = (await api(e!.id, 'POST', `/programs/${program.id}/enrollments`, enrollment)).body;
    await drain(f);
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
    await drain(f);
    await f.db.query("UPDATE enrollments SET created_at = now() - interval '4 days' WHERE id = $1", [id]);
    expect((await f.sweepNow()).reminded).toBeGreaterThanOrEqual(1);
    expect((await f.sweepNow()).reminded).toBe(0);
    await drain(f);
    expect(cardsMentioning(connector(), e!.managerId, id)).toHaveLength(2); // the request and one reminder
    expect(
      connector()
        .delivered(e!.managerId)
        .some((a) => String(a.text ?? '').startsWith('Reminder:')),
    ).toBe(true);

    await f.db.query("UPDATE enrollments SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    expect((await f.sweepNow()).expired).toBeGreaterThanOrEqual(1);
    await drain(f);
    const [mine] = ((await api(e!.id, 'GET', '/enrollments')).body as Json[]).filter((x) => x.id === id);
    expect(mine!.status).toBe('expired');
    for (const card of cardsMentioning(connector(), e!.managerId, id)) expect(JSON.stringify(card)).not.toContain('approval.approve');
    expect(
      connector()
        .delivered(e!.id)
        .some((a) => /expired/i.test(JSON.stringify(a.attachments))),
    ).toBe(true);
  });

  it('moves a pending request to the new manager when the directory says so', async () => {
    const e = employees(40)[29];
    const { id } = (await api(e!.id, 'POST', `/programs/${program.id}/enrollments`, enrollment)).body;
    await drain(f);
    const newManager = org().people.find((p) => p.level === org().byId.get(e!.managerId)!.level && p.id !== e!.managerId && p.accountEnabled && p.id !== e!.id)!;
    f.sandbox!.tenant.changeManager(e!.id, newManager.id);
    await f.syncNow();
    expect((await f.sweepNow()).moved).toBe(1);
    await drain(f);
    const [mine] = ((await api(e!.id, 'GET', '/enrollments')).body as Json[]).filter((x) => x.id === id);
    expect(mine!.approver).toMatchObject({ id: newManager.id, kind: 'manager' });
    expect(JSON.stringify(cardsMentioning(connector(), newManager.id, id))).toContain('approval.approve');
    expect(JSON.stringify(cardsMentioning(connector(), e!.managerId, id))).not.toContain('approval.approve');
  });

  it('sends requests of people without a manager to the program admins', async () => {
    const loner = org().personas.noManager;
    const { body } = await api(loner, 'POST', `/programs/${program.id}/enrollments`, enrollment);
    expect(body.approver).toMatchObject({ kind: 'programAdmin' });
    await drain(f);
    expect(JSON.stringify(cardsMentioning(connector(), org().personas.hrAdmin, body.id))).toContain('approval.approve');
  });
});

describe('the bot in a personal chat', () => {
  it('welcomes a person when Flipside is installed for them', () => {
    const [e] = employees(1);
    const manager = org().byId.get(e!.managerId)!;
    const welcome = `Welcome to Flipside, ${manager.displayName.split(' ')[0]}`;
    expect(
      connector()
        .delivered(e!.managerId)
        .filter((a) => JSON.stringify(a.attachments ?? []).includes(welcome)),
    ).toHaveLength(1);
  });

  it('answers status with the person’s enrollments, and help otherwise', async () => {
    const [e] = employees(1);
    const conversation = connector().ensurePersonalConversation(e!.id);
    await connector().sendMessage(e!.id, conversation.id, 'status');
    await connector().sendMessage(e!.id, conversation.id, 'what?');
    await connector().idle();
    const replies = connector()
      .delivered(e!.id)
      .slice(-2)
      .map((a) => JSON.stringify(a));
    expect(replies[0]).toContain(program.name);
    expect(replies[1]).toMatch(/didn't catch/);
  });
});
