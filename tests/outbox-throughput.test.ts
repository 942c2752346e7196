// The outbox against the sandbox Bot Connector over HTTP, through the real bot sender: throttled
// sends come back to the outbox (botbuilder does not retry them itself), every connector request
// stays inside the outbox's rate limiter, and people's MRIs are looked up once, not per card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../src/app/outbox/ports.ts';
import { TENANT_LIMITS } from '../src/app/outbox/rate-limit.ts';
import type { SandboxBotConnector } from '../src/sandbox/connector/connector.ts';
import { ADAPTIVE_CARD } from '../src/sandbox/connector/types.ts';
import type { Flipside } from '../src/server/compose.ts';
import { drain, startTestFlipside } from './support/flipside.ts';

let f: Flipside;
const connector = () => f.sandbox!.connector;
const tenantId = () => f.sandbox!.tenant.org.tenantId;

/** Records when each Bot Connector request arrived, and which member lookups were made where. */
function watch(c: SandboxBotConnector) {
  const arrivals: number[] = [];
  const lookups = new Map<string, number>();
  const admit = c.admit.bind(c);
  c.admit = (conversationId, write) => {
    arrivals.push(performance.now());
    return admit(conversationId, write);
  };
  for (const name of ['members', 'member', 'pagedMembers'] as const) {
    const original = (c[name] as (...args: unknown[]) => unknown).bind(c);
    (c as unknown as Record<string, unknown>)[name] = (conversationId: string, ...rest: unknown[]) => {
      lookups.set(conversationId, (lookups.get(conversationId) ?? 0) + 1);
      return original(conversationId, ...rest);
    };
  }
  return { arrivals, lookups };
}

let watched: ReturnType<typeof watch>;

/** Most requests that arrived within any window of `windowMs`. */
function peakWithin(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** People with nothing sent to them yet, each with their 1:1 chat with Flipside in place. */
const fresh = (() => {
  let next = 0;
  return async (n: number) => {
    const people = f.sandbox!.tenant.org.people.filter((p) => p.accountEnabled).slice(next, next + n);
    next += n;
    for (const p of people) {
      const c = connector().ensurePersonalConversation(p.id);
      await f.store.conversations.save({ tenantId: tenantId(), userId: p.id, conversationId: c.id, serviceUrl: f.sandbox!.serviceUrl });
    }
    return people.map((p) => p.id);
  };
})();

const card = (key: string, userIds: string[]) => ({
  type: 'message',
  attachments: [
    {
      contentType: ADAPTIVE_CARD,
      content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: key }], refresh: { action: { type: 'Action.Execute', verb: 'test.refresh' }, userIds } },
    },
  ],
});
const message = (m: Omit<OutboxMessage, 'tenantId' | 'kind'>): OutboxMessage => ({ tenantId: tenantId(), kind: 'send', ...m });
const botMessages = (conversationId: string, text: string) =>
  (connector().conversation(conversationId)?.activities ?? []).filter((a) => a.senderId === null && JSON.stringify(a.versions.at(-1)!.activity).includes(text));

async function pairChat(key: string, memberIds: string[]): Promise<string> {
  const created = (await f.booking.chats.createChats([{ key, memberIds, topic: `Mentoring ${key}` }])).get(key);
  if (!created?.ok) throw new Error(`no chat for ${key}`);
  expect((await f.booking.chats.installIn([created.chatId])).get(created.chatId)?.ok).toBe(true);
  await connector().idle();
  return created.chatId;
}

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 400, seed: 23 });
  watched = watch(connector());
});
afterAll(async () => f?.close());

describe('the outbox through the Bot Connector', () => {
  it('gets a 429 back at once: botbuilder does not retry it behind the outbox’s back', async () => {
    const [to] = await fresh(1);
    await f.store.outbox.enqueue(message({ dedupeKey: 'once:1', recipientId: to!, activity: { type: 'message', text: 'once:1' } }));
    connector().faults.throttleRate = 1;
    const before = connector().counters.requests;
    const started = performance.now();
    try {
      expect(await f.deliverNow()).toBe(0);
    } finally {
      connector().faults.throttleRate = 0;
    }
    expect(connector().counters.requests - before).toBe(1);
    expect(performance.now() - started).toBeLessThan(900); // Retry-After is 1 s: nobody slept it out
    expect(await f.store.outbox.findByKey('once:1')).toMatchObject({ status: 'pending', attempts: 1 });
    await drain(f);
    expect(botMessages(connector().personalConversationId(to!), 'once:1')).toHaveLength(1);
  });

  it('delivers 200 messages to 200 conversations exactly once under injected 429s, never more requests in any two seconds than the limiter allows for them', async () => {
    const people = await fresh(200);
    // Half of them cards that name their recipient (a member lookup the first time), half plain text.
    for (const [i, id] of people.entries()) {
      const key = `burst:${i}`;
      await f.store.outbox.enqueue(message({ dedupeKey: key, recipientId: id, activity: i % 2 ? { type: 'message', text: key } : card(key, [id]) }));
    }
    const from = watched.arrivals.length;
    const throttledBefore = connector().counters.throttled;
    connector().faults.throttleRate = 0.15;
    connector().faults.retryAfterSeconds = 1;
    try {
      await drain(f, { deadlineMs: 90_000 });
    } finally {
      connector().faults.throttleRate = 0;
    }
    expect(connector().counters.throttled - throttledBefore).toBeGreaterThan(10);
    people.forEach((id, i) => expect(botMessages(connector().personalConversationId(id), `burst:${i}"`)).toHaveLength(1));
    for (const [i, id] of people.entries()) {
      if (i % 2) continue;
      const [sent] = botMessages(connector().personalConversationId(id), `burst:${i}"`);
      expect((sent!.versions[0]!.activity.attachments![0]!.content as { refresh: { userIds: string[] } }).refresh.userIds).toEqual([`29:${id}`]);
    }
    // Over any two seconds, at most two seconds' worth: a one-second window is at the mercy of an
    // event-loop stall on a loaded machine (requests sent on time arrive together), while without
    // the limiter six conversations in flight would put well over 100 requests into two seconds.
    expect(peakWithin(watched.arrivals.slice(from), 2_000)).toBeLessThanOrEqual(2 * TENANT_LIMITS[0]!.max);
  }, 120_000);

  it('looks up a pair chat’s members once, and not at all for people it already knows', async () => {
    const [a, b, c] = await fresh(3);
    const first = await pairChat('mri:1', [a!, b!]);
    await f.store.outbox.enqueue(message({ dedupeKey: 'mri:agenda:1', recipientId: a!, chatId: first, activity: card('mri:agenda:1', [a!, b!]) }));
    await drain(f);
    expect(watched.lookups.get(first) ?? 0).toBeLessThanOrEqual(1); // one member list for both, not one lookup each
    const [agenda] = botMessages(first, 'mri:agenda:1');
    expect((agenda!.versions[0]!.activity.attachments![0]!.content as { refresh: { userIds: string[] } }).refresh.userIds).toEqual([`29:${a}`, `29:${b}`]);

    // The same two people in another chat, and one of them in their own: nothing to look up.
    const second = await pairChat('mri:2', [a!, b!]);
    await f.store.outbox.enqueue(message({ dedupeKey: 'mri:agenda:2', recipientId: a!, chatId: second, activity: card('mri:agenda:2', [a!, b!]) }));
    await f.store.outbox.enqueue(message({ dedupeKey: 'mri:feedback:a', recipientId: a!, activity: card('mri:feedback:a', [a!]) }));
    // Someone who wrote to the bot: their activity's `from` told it their MRI.
    const own = connector().ensurePersonalConversation(c!);
    await connector().sendMessage(c!, own.id, 'help');
    await connector().idle();
    await f.store.outbox.enqueue(message({ dedupeKey: 'mri:feedback:c', recipientId: c!, activity: card('mri:feedback:c', [c!]) }));
    await drain(f);
    expect(watched.lookups.get(second) ?? 0).toBe(0);
    expect(watched.lookups.get(connector().personalConversationId(a!)) ?? 0).toBe(0);
    expect(watched.lookups.get(own.id) ?? 0).toBe(0);
    for (const [conversation, key, ids] of [
      [second, 'mri:agenda:2', [a!, b!]],
      [connector().personalConversationId(a!), 'mri:feedback:a', [a!]],
      [own.id, 'mri:feedback:c', [c!]],
    ] as const) {
      const [sent] = botMessages(conversation, key);
      expect((sent!.versions[0]!.activity.attachments![0]!.content as { refresh: { userIds: string[] } }).refresh.userIds).toEqual(ids.map((id) => `29:${id}`));
    }
  });
});
