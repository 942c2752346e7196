import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbRegistry, defineVerb } from '../src/bot/verbs.ts';
import { helpCard } from '../src/cards/index.ts';
import { z } from 'zod';
import type { Flipside } from '../src/server/compose.ts';
import type { Json } from './support/api.ts';
import { startTestFlipside } from './support/flipside.ts';

let f: Flipside;
beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 30 });
});
afterAll(async () => f?.close());

/** A Teams-shaped `adaptiveCard/action` invoke from a sandbox person, with whatever `value` a client sends. */
const invoke = (value: unknown) => invokeNamed('adaptiveCard/action', value);

/** A Teams-shaped invoke of any name (none when undefined) from a sandbox person; the body as text, since it may be empty. */
async function rawInvoke(name: string | undefined, value: unknown): Promise<{ status: number; text: string }> {
  const person = f.sandbox!.tenant.org.people[3]!;
  const res = await fetch(`${f.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      ...(name === undefined ? {} : { name }),
      id: 'f:probe',
      channelId: 'msteams',
      serviceUrl: `${f.url}/sandbox/botframework/`,
      from: { id: `29:${person.id}`, aadObjectId: person.id, name: person.displayName },
      recipient: { id: `28:${f.config.bot.id}`, name: 'Flipside' },
      conversation: { id: 'a:probe', conversationType: 'personal', tenantId: f.config.identity.tenantId },
      channelData: { tenant: { id: f.config.identity.tenantId } },
      value,
    }),
  });
  return { status: res.status, text: await res.text() };
}

async function invokeNamed(name: string | undefined, value: unknown): Promise<{ status: number; body: Json }> {
  const { status, text } = await rawInvoke(name, value);
  return { status, body: JSON.parse(text) as Json };
}

const errorAnswer = (message: RegExp) => ({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: expect.stringMatching(message) } });

describe('card actions the bot does not know get the documented error answer', () => {
  it.each(['no.such.verb', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('verb %s: 400 naming the verb, nothing else happens', async (verb) => {
    const before = await f.store.outbox.countByStatus();
    const answer = await invoke({ action: { type: 'Action.Execute', verb, data: { enrollmentId: '00000000-0000-4000-8000-000000000000', version: 1 } }, trigger: 'manual' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(errorAnswer(new RegExp(`^action\\.verb: Unknown action "${verb.replace(/[.]/g, '\\.')}"`)));
    expect(await f.store.outbox.countByStatus()).toEqual(before);
  });

  it.each([
    ['no value', undefined, /^value\.action: /],
    ['a value without action', { trigger: 'manual' }, /^value\.action: /],
    ['an action that is a string', { action: 'approval.approve' }, /^value\.action: /],
    ['an action that is an array', { action: [] }, /^value\.action: /],
    ['an Action.Submit', { action: { type: 'Action.Submit', verb: 'approval.approve', data: {} } }, /^value\.action\.type: "Action\.Submit" is not supported/],
  ])('%s: 400 saying what is missing', async (_name, value, message) => {
    const answer = await invoke(value);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(errorAnswer(message));
  });

  it('a known verb with bad data: 400 naming the field', async () => {
    const answer = await invoke({ action: { type: 'Action.Execute', verb: 'approval.approve', data: { enrollmentId: 'not-an-id', version: 1 } }, trigger: 'manual' });
    expect(answer.body).toEqual(errorAnswer(/^enrollmentId: enrollmentId must be an enrollment id/));
  });

  it.each([
    ['a NUL character', 'Fine\u0000by me'],
    ['an unpaired surrogate', 'Fine \ud800 by me'],
  ])('a decision note with %s: 400 naming the note, nothing decided', async (_name, note) => {
    const before = await f.store.outbox.countByStatus();
    const answer = await invoke({ action: { type: 'Action.Execute', verb: 'approval.approve', data: { enrollmentId: '00000000-0000-4000-8000-000000000000', version: 1, note } }, trigger: 'manual' });
    expect(answer.body).toEqual(errorAnswer(/^note: contains a character that cannot be stored/));
    expect(await f.store.outbox.countByStatus()).toEqual(before);
  });
});

describe('the verb registry', () => {
  const noCard = async () => helpCard();
  it('refuses one verb registered twice', () => {
    const verb = defineVerb({ verb: 'x.view', data: z.object({}), refusedTitle: 'No', view: noCard });
    expect(() => new VerbRegistry([verb, verb])).toThrow(/x\.view is registered twice/);
  });
  it('finds a registered verb and validates its data', () => {
    const registry = new VerbRegistry([defineVerb({ verb: 'x.view', data: z.object({ n: z.number() }), refusedTitle: 'No', view: noCard })]);
    expect(registry.parse('x.view', { n: 1 })).toMatchObject({ ok: true, data: { n: 1 } });
    expect(registry.parse('x.view', { n: 'one' })).toMatchObject({ ok: false, field: 'n' });
    expect(registry.parse('__proto__', {})).toMatchObject({ ok: false, field: 'action.verb' });
  });
});

// Regression (issue 13): every invoke other than adaptiveCard/action got botbuilder's 501 with an empty body.
describe('invokes other than adaptiveCard/action get a documented answer, never a 501 with an empty body', () => {
  const error = (statusCode: number, code: string, message: RegExp) => ({ statusCode, type: 'application/vnd.microsoft.error', value: { code, message: expect.stringMatching(message) } });

  it.each([
    [
      'composeExtension/query',
      { commandId: 'search', parameters: [{ name: 'q', value: 'ai' }] },
      /^name: "composeExtension\/query" is not supported: Flipside has no message extension; it answers "adaptiveCard\/action"/,
    ],
    ['composeExtension/submitAction', { commandId: 'x' }, /Flipside has no message extension/],
    ['task/fetch', { data: { msteams: { type: 'task/fetch' } } }, /^name: "task\/fetch" is not supported: Flipside has no dialogs \(task modules\)/],
    ['tab/fetch', { tabContext: { tabEntityId: 'home' } }, /Flipside has no bot-rendered tab/],
    ['config/fetch', {}, /Flipside has no bot configuration/],
    ['fileConsent/invoke', { action: 'accept' }, /Flipside has no file uploads/],
    ['signin/tokenExchange', { id: 'x', connectionName: 'c', token: 'ey' }, /Flipside has no bot sign-in/],
    ['application/search', { queryText: 'a', dataset: 'people' }, /Flipside has no typeahead search in cards/],
  ])('%s (a feature Flipside does not have): 400 NotSupported naming the invoke', async (name, value, message) => {
    const before = await f.store.outbox.countByStatus();
    const answer = await invokeNamed(name, value);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(error(400, 'NotSupported', message));
    expect(await f.store.outbox.countByStatus()).toEqual(before);
  });

  it.each(['no/such/invoke', '__proto__', 'adaptiveCard/Action'])('an invoke name Teams does not send (%s): 404 NotFound naming it', async (name) => {
    const answer = await invokeNamed(name, {});
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(error(404, 'NotFound', new RegExp(`^name: Flipside does not know the invoke "${name.replace(/[/_]/g, '\\$&')}"; it answers "adaptiveCard/action"`)));
  });

  it('an invoke without a name: 400 saying a name is needed', async () => {
    const answer = await invokeNamed(undefined, { action: { type: 'Action.Execute', verb: 'approval.approve', data: {} } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(error(400, 'BadRequest', /^name: an invoke needs a name/));
  });

  it.each(['signin/verifyState', 'actionableMessage/executeAction', 'composeExtension/setting', 'composeExtension/onCardButtonClicked'])(
    '%s (a notification Teams only needs acknowledged): 200 with no body',
    async (name) => {
      const answer = await rawInvoke(name, { state: '123456' });
      expect(answer).toEqual({ status: 200, text: '' });
    },
  );
});
