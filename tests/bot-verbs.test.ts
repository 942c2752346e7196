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
async function invoke(value: unknown): Promise<{ status: number; body: Json }> {
  const person = f.sandbox!.tenant.org.people[3]!;
  const res = await fetch(`${f.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
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
  return { status: res.status, body: (await res.json()) as Json };
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
