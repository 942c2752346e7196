// Regression tests for the classes of bad input a probe of every route answered with a 500 (issue
// 13): each now gets a 4xx in the documented error shape, logged at info, and stores nothing.
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../src/contracts/api.ts';
import { z } from '../src/contracts/zod.ts';
import type { Program, ProgramInput } from '../src/contracts/programs.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor, type Api, type Json } from './support/api.ts';
import { signIn, startTestFlipside } from './support/flipside.ts';
import { createProgram, mentorEnrollment } from './support/programs.ts';

interface LogLine {
  level: number;
  msg: string;
  code?: string;
}
const logLines: LogLine[] = [];

/** A sandbox Flipside of 30 people, logging at info into `logLines`. */
const startLoggedFlipside = () => startTestFlipside({ orgSize: 30, log: pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) }) });

let f: Flipside;
let api: Api;
let hr: string;
let employee: { id: string; displayName: string };
let tokens: { hr: string; employee: string };
let template: ProgramInput;
let program: Program;
let enrollmentId: string;

beforeAll(async () => {
  f = await startLoggedFlipside();
  api = apiFor(f);
  const org = f.sandbox!.tenant.org;
  hr = org.personas.hrAdmin;
  employee = org.people.find((p) => p.accountEnabled && p.managerId && p.id !== hr && org.byId.get(p.managerId)?.accountEnabled)!;
  tokens = { hr: await signIn(f, hr), employee: await signIn(f, employee.id) };
  template = await api.ok<ProgramInput>(hr, 'GET', '/programs/template');
  program = await createProgram(api, hr, { name: 'Bad input' });
  enrollmentId = (await api.ok<{ id: string }>(employee.id, 'POST', `/programs/${program.id}/enrollments`, mentorEnrollment())).id;
});
afterAll(async () => f?.close());

/** Rows in every table of Flipside's schema: what "nothing was stored" is checked against. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await f.db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`))[0]!.n;
  return counts;
}

let before: Record<string, number>;
let logsFrom: number;
beforeEach(async () => {
  before = await rowCounts();
  logsFrom = logLines.length;
});
const nothingStored = async () => expect(await rowCounts()).toEqual(before);
const noErrorLogged = () => expect(logLines.slice(logsFrom).filter((l) => l.level >= 50)).toEqual([]);

interface Answer {
  status: number;
  body: Json;
}

/** A raw HTTP request, so headers and bytes are exactly as written (fetch would fix some of them). */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const bytes = body === undefined ? undefined : Buffer.from(body);
    const req = request(`${f.url}${path}`, { method, headers: { ...(bytes ? { 'content-length': String(bytes.length) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, body: (text ? JSON.parse(text) : undefined) as Json });
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** The documented error: exactly the shape of src/contracts/api.ts, with this code and field. */
function expectError(answer: Answer, status: number, code: string, field: string | undefined, message?: RegExp) {
  expect(answer.status).toBe(status);
  expect(z.strictObject(apiErrorSchema.shape).safeParse(answer.body).success).toBe(true);
  expect(Object.keys(answer.body.error).filter((k) => !['code', 'message', 'field', 'correlationId'].includes(k))).toEqual([]);
  expect(answer.body.error).toMatchObject({ code, ...(field ? { field } : {}) });
  if (!field) expect(answer.body.error.field).toBeUndefined();
  if (message) expect(answer.body.error.message).toMatch(message);
}

/** Every API route that reads a body, each with a body it would take. */
const bodyRoutes = (): { method: string; path: string; body: Json }[] => [
  { method: 'POST', path: '/api/programs', body: { ...template, name: 'Never stored' } },
  { method: 'PUT', path: `/api/programs/${program.id}`, body: { ...template, name: 'Never stored' } },
  { method: 'POST', path: `/api/programs/${program.id}/enrollments`, body: mentorEnrollment() },
  { method: 'PUT', path: `/api/enrollments/${enrollmentId}`, body: mentorEnrollment() },
  { method: 'POST', path: `/api/programs/${program.id}/matching/pairs/${employee.id}/lock`, body: { locked: true } },
  { method: 'POST', path: `/api/programs/${program.id}/matching/pairs`, body: { mentorId: employee.id, menteeId: hr } },
];
/** Without a token (refused before the token is checked) and with one (an HR admin's, or the enrollment's owner's). */
const callers = (): { who: string; authorization: Record<string, string> }[] => [
  { who: 'without a token', authorization: {} },
  { who: 'with a token', authorization: { authorization: `Bearer ${tokens.hr}` } },
  { who: 'as the enrollment’s owner', authorization: { authorization: `Bearer ${tokens.employee}` } },
];

/** Each route and caller: sends `bytes` with `headers` and checks the documented refusal. */
async function expectRefusedEverywhere(headers: Record<string, string>, bytes: (body: Json) => Buffer | string, status: number, code: string, field: string, message: RegExp) {
  for (const route of bodyRoutes()) {
    for (const { who, authorization } of callers()) {
      const answer = await send(route.method, route.path, { ...authorization, ...headers }, bytes(route.body));
      expect({ route: `${route.method} ${route.path}`, who, status: answer.status }).toEqual({ route: `${route.method} ${route.path}`, who, status });
      expectError(answer, status, code, field, message);
    }
  }
  await nothingStored();
  noErrorLogged();
  expect(logLines.slice(logsFrom).filter((l) => l.level === 30 && l.code === code).length).toBe(bodyRoutes().length * callers().length);
}

describe('class 1: a body the server cannot decode, or that is not what it claims', () => {
  const json = 'application/json';

  it('a Content-Encoding the server does not take: 415 naming it, not 500, on every body route, before and after the token check', async () => {
    await expectRefusedEverywhere({ 'content-type': json, 'content-encoding': 'compress' }, (b) => JSON.stringify(b), 415, 'unsupported_media_type', 'content-encoding', /"compress"/);
  });

  it('a charset other than UTF-8: 415 naming the charset, not 500', async () => {
    await expectRefusedEverywhere({ 'content-type': `${json}; charset=latin1` }, (b) => JSON.stringify(b), 415, 'unsupported_media_type', 'content-type', /charset "latin1"/);
  });

  it('a charset nobody has heard of: 415 naming it, not 500', async () => {
    await expectRefusedEverywhere({ 'content-type': `${json}; charset=utf-9` }, (b) => JSON.stringify(b), 415, 'unsupported_media_type', 'content-type', /charset "utf-9"/);
  });

  it('a body that is not JSON at all (text/plain): 415 naming the content type', async () => {
    await expectRefusedEverywhere({ 'content-type': 'text/plain' }, (b) => JSON.stringify(b), 415, 'unsupported_media_type', 'content-type', /"text\/plain"/);
  });

  it('a gzip body that is not gzip: 400, not 500', async () => {
    await expectRefusedEverywhere({ 'content-type': json, 'content-encoding': 'gzip' }, (b) => JSON.stringify(b), 400, 'bad_request', 'body', /not valid gzip/);
  });

  it('a gzip body whose content is not JSON: 400, not 500', async () => {
    await expectRefusedEverywhere({ 'content-type': json, 'content-encoding': 'gzip' }, (b) => gzipSync(JSON.stringify(b).slice(0, -1)), 400, 'bad_request', 'body', /not valid JSON/);
  });

  it('a body that claims UTF-8 and is not: 400, not a silent U+FFFD', async () => {
    const notUtf8 = (b: Json) => Buffer.concat([Buffer.from(JSON.stringify(b).slice(0, -1)), Buffer.from(',"x":"\xff"}', 'latin1')]);
    await expectRefusedEverywhere({ 'content-type': `${json}; charset=utf-8` }, notUtf8, 400, 'bad_request', 'body', /not valid UTF-8/);
  });

  it('a body nested thousands of levels deep: 400, not a stack overflow', async () => {
    const deep = (b: Json) => JSON.stringify({ ...(b as object), extra: 'X' }).replace('"X"', '['.repeat(5000) + ']'.repeat(5000));
    await expectRefusedEverywhere({ 'content-type': json }, deep, 400, 'bad_request', 'body', /nested deeper than 64/);
  });

  it('a real gzip body is still read (and stored)', async () => {
    const answer = await send(
      'POST',
      '/api/programs',
      { authorization: `Bearer ${tokens.hr}`, 'content-type': json, 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify({ ...template, name: 'Sent gzipped' })),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.name).toBe('Sent gzipped');
  });

  it('a path that does not percent-decode: 400 naming the path, not 500', async () => {
    const answer = await send('GET', '/api/people/%E0%A4%A', { authorization: `Bearer ${tokens.hr}` });
    expectError(answer, 400, 'bad_request', 'path');
    noErrorLogged();
  });
});

describe('class 2: a too-large body', () => {
  it('a too-large body: 413 payload_too_large, not 400 bad_request, before and after the token check', async () => {
    const huge = (b: Json) => JSON.stringify({ ...(b as object), description: 'x'.repeat(150_000) });
    await expectRefusedEverywhere({ 'content-type': 'application/json' }, huge, 413, 'payload_too_large', 'body', /larger than 100kb/);
  });

  it('a body that inflates past the limit: 413 too (the limit is on what is read, not what is sent)', async () => {
    const answer = await send(
      'POST',
      '/api/programs',
      { authorization: `Bearer ${tokens.hr}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify({ ...template, description: ' '.repeat(2_000_000) })),
    );
    expectError(answer, 413, 'payload_too_large', 'body');
    await nothingStored();
  });
});

describe('class 3: an impossible calendar date that matches yyyy-mm-dd', () => {
  // Each in the same year as the template's dates, so the program's date order would still hold.
  const impossible = (date: string) => {
    const [y, m, d] = date.split('-') as [string, string, string];
    const common = Number(y) % 4 === 0 ? Number(y) + 1 : Number(y);
    return [
      ['29 February of a common year', `${common}-02-29`],
      ['month 13', `${y}-13-${d}`],
      ['day 0', `${y}-${m}-00`],
      ['31 April', `${y}-04-31`],
      ['year 0', `0000-${m}-${d}`],
    ] as const;
  };
  const fields = ['startsOn', 'endsOn', 'enrollmentOpensOn', 'enrollmentClosesOn'] as const;

  it('an impossible date in any date field: 400 naming the field, not a 500 from Postgres, on create and update', async () => {
    for (const field of fields) {
      for (const [what, date] of impossible(template[field])) {
        for (const [method, path] of [
          ['POST', '/programs'],
          ['PUT', `/programs/${program.id}`],
        ] as const) {
          const answer = await api(hr, method, path, { ...template, [field]: date });
          expect({ field, what, date, method, status: answer.status }).toEqual({ field, what, date, method, status: 400 });
          expectError(answer, 400, 'bad_request', field, /is not a day of the calendar/);
        }
      }
    }
    await nothingStored();
    noErrorLogged();
  });

  it('29 February of a leap year is a date', async () => {
    const leap = { ...template, enrollmentOpensOn: '2028-02-01', enrollmentClosesOn: '2028-02-28', startsOn: '2028-02-29', endsOn: '2028-08-31' };
    const answer = await api(hr, 'POST', '/programs', leap);
    expect(answer.status).toBe(201);
    expect(answer.body.startsOn).toBe('2028-02-29');
  });
});

describe('class 4: text with a NUL or an unpaired UTF-16 surrogate', () => {
  const unstorable = [
    ['a NUL', 'Reverse\u0000mentoring'],
    ['a lone high surrogate', 'Reverse mentoring \uD83D'],
    ['a lone low surrogate', '\uDE00 Reverse mentoring'],
  ] as const;

  it('in a program’s name, description or topic name: 400 naming the field, "contains a character that cannot be stored", not 500 or a silent U+FFFD', async () => {
    for (const [what, text] of unstorable) {
      const cases: [string, Json][] = [
        ['name', { ...template, name: text }],
        ['description', { ...template, description: text }],
        ['topics.3.name', { ...template, topics: template.topics.map((t, i) => (i === 3 ? { ...t, name: text } : t)) }],
      ];
      for (const [field, body] of cases) {
        for (const [method, path] of [
          ['POST', '/programs'],
          ['PUT', `/programs/${program.id}`],
        ] as const) {
          const answer = await api(hr, method, path, body);
          expect({ what, field, method, status: answer.status }).toEqual({ what, field, method, status: 400 });
          expectError(answer, 400, 'bad_request', field, /^contains a character that cannot be stored$/);
        }
      }
    }
    await nothingStored();
    noErrorLogged();
  });

  it('in an enrollment’s goals or topic ids: 400 naming the field, not 500', async () => {
    const enrollee = f.sandbox!.tenant.org.people.find((p) => p.accountEnabled && p.managerId && p.id !== employee.id && p.id !== hr)!;
    for (const [what, text] of unstorable) {
      const cases: [string, Json][] = [
        ['goals.1', mentorEnrollment({ goals: ['Learn Copilot', text] })],
        ['teach.0.topicId', mentorEnrollment({ teach: [{ topicId: text, level: 3 }] })],
      ];
      for (const [field, body] of cases) {
        const created = await api(enrollee.id, 'POST', `/programs/${program.id}/enrollments`, body);
        const updated = await api(employee.id, 'PUT', `/enrollments/${enrollmentId}`, body);
        for (const answer of [created, updated]) {
          expect({ what, field, status: answer.status }).toEqual({ what, field, status: 400 });
          expectError(answer, 400, 'bad_request', field, /^contains a character that cannot be stored$/);
        }
      }
    }
    await nothingStored();
    noErrorLogged();
  });

  it('in a pair assigned by hand: 400 naming the field, not 500', async () => {
    const answer = await api(hr, 'POST', `/programs/${program.id}/matching/pairs`, { mentorId: employee.id, menteeId: 'someone\u0000' });
    expectError(answer, 400, 'bad_request', 'menteeId', /cannot be stored/);
    await nothingStored();
  });

  it('an emoji (a surrogate pair) is stored and read back unchanged', async () => {
    const created = await api.ok<Program>(hr, 'POST', '/programs', { ...template, name: 'Flip it 🔁', description: 'Mentors 👩‍💻 and mentees 🧑‍💼' });
    const listed = (await api.ok<Program[]>(hr, 'GET', '/programs')).find((p) => p.id === created.id)!;
    expect([listed.name, listed.description]).toEqual(['Flip it 🔁', 'Mentors 👩‍💻 and mentees 🧑‍💼']);
  });
});

describe('class 5: the bot endpoint (/api/messages) gets the same answers', () => {
  const activity = () => ({
    type: 'message',
    id: 'f:bad-input',
    text: 'help',
    channelId: 'msteams',
    serviceUrl: f.sandbox!.serviceUrl,
    from: { id: `29:${employee.id}`, aadObjectId: employee.id, name: employee.displayName },
    recipient: { id: `28:${f.config.bot.id}`, name: 'Flipside' },
    conversation: f.sandbox!.connector.conversationAccount(f.sandbox!.connector.ensurePersonalConversation(employee.id)),
    channelData: { tenant: { id: f.config.identity.tenantId } },
  });
  const json = { 'content-type': 'application/json' };
  const delivered = () => f.sandbox!.connector.delivered(employee.id).length;

  it.each([
    ['a Content-Encoding it does not take', 415, 'unsupported_media_type', 'content-encoding', { ...json, 'content-encoding': 'compress' }, (a: string) => a],
    ['a charset other than UTF-8', 415, 'unsupported_media_type', 'content-type', { 'content-type': 'application/json; charset=latin1' }, (a: string) => a],
    ['a gzip body that is not gzip', 400, 'bad_request', 'body', { ...json, 'content-encoding': 'gzip' }, (a: string) => a],
    ['a too-large body', 413, 'payload_too_large', 'body', json, (a: string) => a.replace('"help"', JSON.stringify('x'.repeat(300_000)))],
    ['a body that is not valid JSON', 400, 'bad_request', 'body', json, (a: string) => a.slice(0, -1)],
    ['a body that is not UTF-8', 400, 'bad_request', 'body', json, (a: string) => Buffer.concat([Buffer.from(a.slice(0, -1)), Buffer.from(',"x":"\xff"}', 'latin1')])],
  ] as const)('%s: %i %s naming %s, not 500, and the bot does nothing', async (_what, status, code, field, headers, bytes) => {
    const shown = delivered();
    expectError(await send('POST', '/api/messages', headers, bytes(JSON.stringify(activity()))), status, code, field);
    await f.sandbox!.connector.idle();
    expect(delivered()).toBe(shown);
    await nothingStored();
    noErrorLogged();
  });

  it.each([
    ['conversation.conversationType', (a: Json) => ({ ...a, conversation: { ...a.conversation, conversationType: 42 } })],
    ['from.aadObjectId', (a: Json) => ({ ...a, from: { ...a.from, aadObjectId: 42 } })],
    ['from.name', (a: Json) => ({ ...a, from: { ...a.from, name: 'x'.repeat(5000) } })],
    ['conversation.id', (a: Json) => ({ ...a, conversation: { ...a.conversation, id: 'a:1\u0000' } })],
    ['text', (a: Json) => ({ ...a, text: { toString: 'help' } })],
  ] as const)('an activity whose %s the bot cannot take: 400 naming it, not a failed turn', async (field, change) => {
    const shown = delivered();
    const answer = await send('POST', '/api/messages', json, JSON.stringify(change(activity())));
    expectError(answer, 400, 'bad_request', field, /^Not a Bot Framework activity/);
    await f.sandbox!.connector.idle();
    expect(delivered()).toBe(shown);
    await nothingStored();
    noErrorLogged();
  });

  it('an activity it can take is still answered', async () => {
    const shown = delivered();
    const answer = await send('POST', '/api/messages', { ...json, 'content-encoding': 'gzip' }, gzipSync(JSON.stringify(activity())));
    expect(answer.status).toBe(200);
    await f.sandbox!.connector.idle();
    expect(delivered()).toBeGreaterThan(shown);
  });
});
