// The sandbox Bot Connector over real HTTP: the REST API a bot calls, and the Teams-shaped
// activities it posts to a fake bot, checked against the Bot Connector swagger's Activity.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxPerson } from '../org/index.ts';
import { botMri, userMri } from './ids.ts';
import { approvalCard, BOT_ID, connectorCall, startConnectorHarness, TEAMS_APP_ID, type ConnectorHarness } from './testing.ts';
import { ADAPTIVE_CARD, type Activity } from './types.ts';

const SWAGGER = new URL('../../../../shared/reference/bot/bot-connector-api-v3.swagger.json', import.meta.url);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(JSON.parse(readFileSync(SWAGGER, 'utf8')) as object, 'connector');
const validateActivity = ajv.compile({ $ref: 'connector#/definitions/Activity' });
const validateError = ajv.compile({ $ref: 'connector#/definitions/ErrorResponse' });
const validateResource = ajv.compile({ $ref: 'connector#/definitions/ConversationResourceResponse' });
const validatePaged = ajv.compile({ $ref: 'connector#/definitions/PagedMembersResult' });

function swaggerProblems(activity: unknown): string[] {
  return validateActivity(activity) ? [] : (validateActivity.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The fields Teams puts on every activity it sends a bot. */
function expectTeamsShaped(a: Activity, h: ConnectorHarness, userId: string, conversationId: string) {
  expect(swaggerProblems(a)).toEqual([]);
  expect(a).toMatchObject({
    channelId: 'msteams',
    serviceUrl: h.serviceUrl,
    from: { id: userMri(userId), aadObjectId: userId },
    recipient: { id: botMri(BOT_ID) },
    conversation: { id: conversationId, tenantId: h.tenant.org.tenantId },
    channelData: { tenant: { id: h.tenant.org.tenantId } },
    locale: 'en-US',
  });
  expect(typeof a.id).toBe('string');
  expect(Date.parse(String(a.timestamp))).not.toBeNaN();
}

let h: ConnectorHarness;
let alice: SandboxPerson;
let bob: SandboxPerson;
let carol: SandboxPerson;
const call = (method: string, path: string, body?: unknown) => connectorCall(h.serviceUrl, method, path, body);
const enc = encodeURIComponent;

beforeAll(async () => {
  h = await startConnectorHarness({ orgSize: 40, seed: 5, chatDir: '/nonexistent' });
  const people = h.tenant.org.people.filter((p) => p.accountEnabled && !p.persona);
  [alice, bob, carol] = [people[0]!, people[1]!, people[2]!];
});
afterAll(async () => h?.close());
beforeEach(() => {
  h.bot.handle = () => ({ status: 200 });
  h.connector.faults.throttleRate = 0;
  h.connector.faults.failStatuses = [];
  h.connector.blocked.clear();
});

describe('install → conversationUpdate', () => {
  it('posts a Teams-shaped conversationUpdate with the bot in membersAdded in the personal conversation', async () => {
    const before = h.bot.received.length;
    const conversationId = await h.install(alice.id);
    const [update] = h.bot.received.slice(before);
    expect(update).toBeDefined();
    expect(swaggerProblems({ type: 'notAnActivityType', from: { id: 1 } }).length).toBeGreaterThan(0); // the check has teeth
    expectTeamsShaped(update!, h, alice.id, conversationId);
    expect(update!.type).toBe('conversationUpdate');
    expect(update!.membersAdded).toEqual([{ id: botMri(BOT_ID) }]);
    expect(update!.conversation).toEqual({ conversationType: 'personal', tenantId: h.tenant.org.tenantId, id: conversationId });
    expect(conversationId).toMatch(/^a:1[\w-]+$/);
    expect(h.connector.personalConversationId(alice.id)).toBe(conversationId);
  });

  it('ignores installations of other apps and posts one update per group chat install', async () => {
    const before = h.bot.received.length;
    h.tenant.install('another-app', { kind: 'user', userId: carol.id });
    const { chat } = h.tenant.createChat('group', [alice.id, bob.id, carol.id], 'Mentoring: Alice & Bob');
    h.tenant.install(TEAMS_APP_ID, { kind: 'chat', chatId: chat.id });
    await h.connector.idle();
    const received = h.bot.received.slice(before);
    expect(received).toHaveLength(1);
    expect(swaggerProblems(received[0])).toEqual([]);
    expect(received[0]!.conversation).toEqual({ isGroup: true, conversationType: 'groupChat', tenantId: h.tenant.org.tenantId, id: chat.id, name: 'Mentoring: Alice & Bob' });
    const members = await call('GET', `/v3/conversations/${enc(chat.id)}/members`);
    expect((members.body as { aadObjectId: string }[]).map((m) => m.aadObjectId).sort()).toEqual([alice.id, bob.id, carol.id].sort());
  });
});

describe('the REST API', () => {
  it('creates (or finds) the personal conversation and sends its first activity', async () => {
    await h.install(bob.id);
    const params = { isGroup: false, bot: { id: botMri(BOT_ID) }, members: [{ id: userMri(bob.id) }], tenantId: h.tenant.org.tenantId, activity: { type: 'message', text: 'Hello Bob' } };
    const created = await call('POST', '/v3/conversations', params);
    expect(created.status).toBe(201);
    expect(validateResource(created.body)).toBe(true);
    const body = created.body as { id: string; serviceUrl: string; activityId: string };
    expect(body.id).toBe(h.connector.personalConversationId(bob.id));
    expect(body.serviceUrl).toBe(h.serviceUrl);
    expect(body.activityId).toMatch(/^\d+$/);
    const again = await call('POST', '/v3/conversations', { ...params, activity: undefined, channelData: { tenant: { id: h.tenant.org.tenantId } } });
    expect((again.body as { id: string }).id).toBe(body.id);
    expect(h.connector.delivered(bob.id).map((a) => a.text)).toContain('Hello Bob');
  });

  it('refuses to create a conversation with someone who lacks the app, a group, or an unknown person', async () => {
    const notInstalled = await call('POST', '/v3/conversations', { members: [{ id: userMri(carol.id) }], tenantId: h.tenant.org.tenantId });
    expect(notInstalled.status).toBe(403);
    expect(notInstalled.body).toEqual({ error: { code: 'ForbiddenOperationException', message: "Bot is not installed in user's personal scope" } });
    const group = await call('POST', '/v3/conversations', { isGroup: true, members: [{ id: userMri(alice.id) }, { id: userMri(bob.id) }], tenantId: h.tenant.org.tenantId });
    expect(group.status).toBe(400);
    const unknown = await call('POST', '/v3/conversations', { members: [{ id: '29:nobody' }], tenantId: h.tenant.org.tenantId });
    expect(unknown.status).toBe(400);
    const noTenant = await call('POST', '/v3/conversations', { members: [{ id: userMri(alice.id) }] });
    expect(noTenant.status).toBe(400);
    for (const r of [notInstalled, group, unknown, noTenant]) expect(validateError(r.body)).toBe(true);
  });

  it('sends, replies, updates in place with history, and deletes', async () => {
    const conversationId = h.connector.personalConversationId(alice.id);
    const sent = await call('POST', `/v3/conversations/${enc(conversationId)}/activities`, { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: approvalCard('Please approve') }] });
    expect(sent.status).toBe(201);
    const { id } = sent.body as { id: string };
    const reply = await call('POST', `/v3/conversations/${enc(conversationId)}/activities/${id}`, { type: 'message', text: 'A reply' });
    expect(reply.status).toBe(201);
    const updated = await call('PUT', `/v3/conversations/${enc(conversationId)}/activities/${id}`, {
      type: 'message',
      attachments: [{ contentType: ADAPTIVE_CARD, content: approvalCard('Approved by Bob') }],
    });
    expect(updated).toMatchObject({ status: 200, body: { id } });
    const recorded = h.connector.conversations.get(conversationId)!.activities.find((a) => a.id === id)!;
    expect(recorded.versions).toHaveLength(2);
    expect(JSON.stringify(recorded.versions[0]!.activity)).toContain('Please approve');
    expect(JSON.stringify(h.connector.delivered(alice.id).find((a) => a.id === id))).toContain('Approved by Bob');
    expect(h.connector.conversations.get(conversationId)!.activities.find((a) => a.replyToId === id)).toBeDefined();
    const deleted = await call('DELETE', `/v3/conversations/${enc(conversationId)}/activities/${id}`);
    expect(deleted.status).toBe(200);
    expect(h.connector.delivered(alice.id).find((a) => a.id === id)).toBeUndefined();
    const missing = await call('PUT', `/v3/conversations/${enc(conversationId)}/activities/${id}`, { type: 'message', text: 'x' });
    expect(missing.status).toBe(404);
  });

  it('accepts the Graph chat id of the personal chat as the conversation id', async () => {
    const graphChatId = h.tenant.personalChatId(alice.id, TEAMS_APP_ID);
    const sent = await call('POST', `/v3/conversations/${enc(graphChatId)}/activities`, { type: 'message', text: 'via chat id' });
    expect(sent.status).toBe(201);
    expect(h.connector.delivered(alice.id).at(-1)!.text).toBe('via chat id');
  });

  it('validates activities: a type, and adaptive card attachments whose content is an AdaptiveCard', async () => {
    const path = `/v3/conversations/${enc(h.connector.personalConversationId(alice.id))}/activities`;
    const cases: [unknown, string][] = [
      [{ text: 'no type' }, 'type'],
      [{ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: '{"type":"AdaptiveCard"}' }] }, 'content'],
      [{ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: { type: 'HeroCard' } }] }, 'AdaptiveCard'],
      [{ type: 'message', attachments: [{ content: {} }] }, 'contentType'],
      [{ type: 'message' }, 'text or at least one attachment'],
    ];
    for (const [body, hint] of cases) {
      const r = await call('POST', path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(validateError(r.body)).toBe(true);
      expect((r.body as { error: { code: string; message: string } }).error).toMatchObject({ code: 'BadArgument' });
      expect((r.body as { error: { message: string } }).error.message).toContain(hint);
    }
    const huge = await call('POST', path, { type: 'message', text: 'x'.repeat(120 * 1024) });
    expect(huge.status).toBe(413);
    const unknown = await call('POST', '/v3/conversations/a%3Anope/activities', { type: 'message', text: 'x' });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'ConversationNotFound' } } });
  });

  it('answers Teams-shaped members, one member by 29: id, object id or UPN, and paged members', async () => {
    const conversationId = h.connector.personalConversationId(alice.id);
    const members = await call('GET', `/v3/conversations/${enc(conversationId)}/members`);
    expect(members.body).toEqual([
      {
        id: userMri(alice.id),
        name: alice.displayName,
        aadObjectId: alice.id,
        givenName: alice.givenName,
        surname: alice.surname,
        email: alice.mail,
        userPrincipalName: alice.userPrincipalName,
        tenantId: h.tenant.org.tenantId,
        userRole: 'user',
      },
    ]);
    for (const key of [userMri(alice.id), alice.id, alice.userPrincipalName]) {
      const one = await call('GET', `/v3/conversations/${enc(conversationId)}/members/${enc(key)}`);
      expect(one.status, key).toBe(200);
    }
    const none = await call('GET', `/v3/conversations/${enc(conversationId)}/members/${enc(userMri(bob.id))}`);
    expect(none.status).toBe(404);
    const chat = [...h.connector.conversations.values()].find((c) => c.type === 'groupChat')!;
    const page1 = await call('GET', `/v3/conversations/${enc(chat.id)}/pagedmembers?pageSize=2`);
    expect(validatePaged(page1.body)).toBe(true);
    const p1 = page1.body as { members: unknown[]; continuationToken: string };
    expect(p1.members).toHaveLength(2);
    const page2 = await call('GET', `/v3/conversations/${enc(chat.id)}/pagedmembers?pageSize=2&continuationToken=${p1.continuationToken}`);
    expect(page2.body).toMatchObject({ members: [expect.anything()] });
    expect((page2.body as { continuationToken?: string }).continuationToken).toBeUndefined();
  });
});

describe('faults and blocking', () => {
  it('answers 403 ConversationBlockedByUser with the MessageWritesBlocked sub-code to someone who blocked the bot', async () => {
    h.connector.blocked.add(alice.id);
    const path = `/v3/conversations/${enc(h.connector.personalConversationId(alice.id))}/activities`;
    const before = h.connector.delivered(alice.id).length;
    const r = await call('POST', path, { type: 'message', text: 'hello?' });
    expect(r.status).toBe(403);
    expect(validateError(r.body)).toBe(true);
    const error = (r.body as { error: { code: string; message: string; innerHttpError: { statusCode: number; body: { errorCode: number; message: string } } } }).error;
    expect(error.code).toBe('ConversationBlockedByUser');
    expect(error.innerHttpError.statusCode).toBe(403);
    expect(error.innerHttpError.body.errorCode).toBe(209);
    expect(JSON.parse(error.innerHttpError.body.message)).toMatchObject({ subCode: 'MessageWritesBlocked' });
    expect(h.connector.delivered(alice.id)).toHaveLength(before);
    expect(h.connector.counters.refusedBlocked).toBeGreaterThan(0);
  });

  it('injects 429 with Retry-After at the configured rate, deterministically, and queued failure statuses in order', async () => {
    const path = `/v3/conversations/${enc(h.connector.personalConversationId(bob.id))}/activities`;
    h.connector.faults.failStatuses = [502, 412];
    expect((await call('POST', path, { type: 'message', text: '1' })).status).toBe(502);
    expect((await call('POST', path, { type: 'message', text: '2' })).status).toBe(412);
    h.connector.faults.throttleRate = 0.5;
    h.connector.faults.retryAfterSeconds = 3;
    const throttledBefore = h.connector.counters.throttled;
    const sendsBefore = h.connector.counters.sends;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await call('POST', path, { type: 'message', text: `m${i}` });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('retry-after')).toBe('3');
        expect(validateError(r.body)).toBe(true);
      }
    }
    const throttled = statuses.filter((s) => s === 429).length;
    expect(throttled).toBeGreaterThan(8);
    expect(throttled).toBeLessThan(32);
    expect(h.connector.counters.throttled - throttledBefore).toBe(throttled);
    expect(h.connector.counters.sends - sendsBefore).toBe(40 - throttled);
  });

  it('enforces the per-conversation rate limit when asked (7 sends per second)', async () => {
    const limited = await startConnectorHarness({ orgSize: 20, seed: 9, chatDir: '/nonexistent', connector: { rateLimits: true } });
    try {
      const person = limited.tenant.org.people.find((p) => p.accountEnabled)!;
      const conversationId = await limited.install(person.id);
      const results = await Promise.all(
        Array.from({ length: 9 }, (_, i) => connectorCall(limited.serviceUrl, 'POST', `/v3/conversations/${enc(conversationId)}/activities`, { type: 'message', text: `burst ${i}` })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(7);
      expect(results.filter((r) => r.status === 429).every((r) => Number(r.headers.get('retry-after')) >= 1)).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

describe('Teams client → bot', () => {
  it('delivers a typed message as a Teams message activity', async () => {
    const conversationId = h.connector.personalConversationId(alice.id);
    h.connector.blocked.clear();
    const before = h.bot.received.length;
    const sent = await h.connector.sendMessage(alice.id, conversationId, 'help');
    expect(sent.status).toBe(200);
    const [message] = h.bot.received.slice(before);
    expectTeamsShaped(message!, h, alice.id, conversationId);
    expect(message).toMatchObject({ type: 'message', text: 'help', id: sent.activityId });
  });

  it('posts an adaptiveCard/action invoke and replaces the card for the person who clicked only', async () => {
    const { chat } = h.tenant.createChat('group', [alice.id, bob.id], 'Approvals');
    h.tenant.install(TEAMS_APP_ID, { kind: 'chat', chatId: chat.id });
    await h.connector.idle();
    const sent = await call('POST', `/v3/conversations/${enc(chat.id)}/activities`, { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: approvalCard('Approve the request?') }] });
    const cardId = (sent.body as { id: string }).id;
    const before = h.bot.received.length;
    h.bot.handle = (a) => {
      const value = a.value as { action: { verb: string } };
      return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: approvalCard(`Done: ${value.action.verb} by ${(a.from as { name: string }).name}`) } };
    };
    const outcome = await h.connector.invoke(alice.id, chat.id, cardId, { verb: 'approve', data: { request: 'r-1', note: 'Go ahead' } }, 'manual');
    const [invoke] = h.bot.received.slice(before);
    expectTeamsShaped(invoke!, h, alice.id, chat.id);
    expect(invoke).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: cardId,
      value: { action: { type: 'Action.Execute', verb: 'approve', data: { request: 'r-1', note: 'Go ahead' } }, trigger: 'manual' },
      conversation: { conversationType: 'groupChat', isGroup: true },
    });
    expect(outcome.status).toBe(200);
    expect(JSON.stringify(outcome.card)).toContain(`Done: approve by ${alice.displayName}`);
    const seenBy = (userId: string) => JSON.stringify(h.connector.delivered(userId).find((a) => a.id === cardId));
    expect(seenBy(alice.id)).toContain('Done: approve');
    expect(seenBy(bob.id)).toContain('Approve the request?');
    expect(
      h.connector
        .viewFor(alice.id)
        .find((c) => c.id === chat.id)!
        .activities.find((a) => a.id === cardId),
    ).toMatchObject({ personal: true });
    // The bot edits the message: everyone sees the new version, and the per-viewer override is gone.
    await call('PUT', `/v3/conversations/${enc(chat.id)}/activities/${cardId}`, { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: approvalCard('Approved by Alice') }] });
    expect(seenBy(alice.id)).toContain('Approved by Alice');
    expect(seenBy(bob.id)).toContain('Approved by Alice');
  });

  it('reports error answers and leaves the card alone', async () => {
    const conversationId = h.connector.personalConversationId(bob.id);
    const sent = await call('POST', `/v3/conversations/${enc(conversationId)}/activities`, {
      type: 'message',
      attachments: [{ contentType: ADAPTIVE_CARD, content: approvalCard('Decide', { refreshFor: [userMri(bob.id)] }) }],
    });
    const cardId = (sent.body as { id: string }).id;
    h.bot.handle = () => ({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'NotAllowed', message: 'Only the manager can decide.' } } });
    const refused = await h.connector.invoke(bob.id, conversationId, cardId, { verb: 'approve' }, 'manual');
    expect(refused.error).toEqual({ code: 'NotAllowed', message: 'Only the manager can decide.' });
    expect(JSON.stringify(h.connector.delivered(bob.id).find((a) => a.id === cardId))).toContain('Decide');
    h.bot.handle = () => ({ status: 500 });
    expect((await h.connector.invoke(bob.id, conversationId, cardId, { verb: 'approve' }, 'manual')).error?.code).toBe('Http500');
    // Automatic refresh: Teams sends the card's refresh action with trigger "automatic".
    const before = h.bot.received.length;
    h.bot.handle = () => ({ status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: approvalCard('Your own view') } });
    const refreshed = await h.connector.refresh(bob.id, conversationId, cardId);
    expect(h.bot.received.slice(before)[0]).toMatchObject({ value: { action: { verb: 'refresh', data: { card: 'approval' } }, trigger: 'automatic' } });
    expect(JSON.stringify(refreshed.card)).toContain('Your own view');
    await expect(h.connector.refresh(alice.id, h.connector.personalConversationId(alice.id), cardId)).rejects.toMatchObject({ code: 'unknown_activity' });
  });
});

describe('the chat view API', () => {
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${h.url}/sandbox/chat/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  it("lists a person's conversations as they see them", async () => {
    const r = await api('GET', `/conversations?userId=${alice.id}`);
    expect(r.status).toBe(200);
    const conversations = r.body.conversations as { type: string; title: string; activities: { from: string }[] }[];
    expect(conversations[0]).toMatchObject({ type: 'personal', title: 'Flipside' });
    expect(conversations.filter((c) => c.type === 'groupChat').length).toBeGreaterThan(0);
    expect(conversations[0]!.activities.some((a) => a.from === 'me')).toBe(true);
  });

  it('sends messages and actions through the bot, and refuses bad input with field-level errors', async () => {
    const conversationId = h.connector.personalConversationId(alice.id);
    h.bot.handle = () => ({ status: 200 });
    expect((await api('POST', '/messages', { userId: alice.id, conversationId, text: 'status' })).status).toBe(201);
    const bad: [string, string, unknown, number, string][] = [
      ['GET', '/conversations', undefined, 400, 'userId'],
      ['GET', '/conversations?userId=nobody', undefined, 400, 'userId'],
      ['POST', '/messages', { userId: alice.id, conversationId, text: '   ' }, 400, 'text'],
      ['POST', '/messages', { userId: alice.id, text: 'x' }, 400, 'conversationId'],
      ['POST', '/messages', { userId: carol.id, conversationId, text: 'x' }, 404, 'conversationId'],
      ['POST', '/messages', '{not json', 400, 'body'],
      ['POST', '/actions', { userId: alice.id, conversationId, activityId: '1' }, 400, 'action'],
      ['POST', '/actions', { userId: alice.id, conversationId, activityId: '1', action: { verb: 'approve' } }, 404, 'activityId'],
      ['POST', '/refresh', { userId: alice.id, conversationId }, 400, 'activityId'],
    ];
    for (const [method, path, body, status, field] of bad) {
      const r = await api(method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect((r.body.error as { field: string }).field).toBe(field);
    }
  });

  it('answers 503 with a hint when the chat view is not built', async () => {
    const r = await fetch(`${h.url}/sandbox/chat/`);
    expect(r.status).toBe(503);
    expect(await r.text()).toContain('build:chat');
  });
});
