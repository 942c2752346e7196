// A property-based probe of every API route and the bot endpoint with hostile input (issue 13).
// Bodies are a valid request or one generated from the contracts' zod schemas (through their JSON
// Schema), mutated by a catalogue of hostile values, and sent with hostile headers and encodings.
// Any 5xx, any error answer outside the documented shapes, or any error-level log line fails.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { incomingActivitySchema } from '../src/bot/validate.ts';
import { VERBS } from '../src/cards/actions.ts';
import { handPairSchema, lockSchema } from '../src/contracts/matching.ts';
import { enrollmentInputSchema, programInputSchema, type ProgramInput } from '../src/contracts/programs.ts';
import { apiRouter, type ApiDeps } from '../src/server/api.ts';
import type { Flipside } from '../src/server/compose.ts';
import { signIn, startTestFlipside } from './support/flipside.ts';
import { menteeEnrollment, mentorEnrollment } from './support/programs.ts';

// Fixed, so every run of the suite sends the same requests; FUZZ_SEED, and FUZZ_RUNS (a multiplier), explore further by hand.
const SEED = Number(process.env.FUZZ_SEED ?? 1313);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
/** Requests per route (more where a body is read), and for the bot: the file stays well inside a minute on two cores. */
const RUNS_PER_BODY_ROUTE = 300 * RUNS;
const RUNS_PER_ROUTE = 60 * RUNS;
const RUNS_FOR_THE_BOT = 800 * RUNS;
const TIMEOUT_MS = 120_000;

type Json = unknown;
type Path = (string | number)[];
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- what is walked --------------------------------------------------------------------------

/** Every route of the API router, read off the router itself, so a new route is walked without anyone remembering. */
const API_ROUTES: { method: string; path: string }[] = (apiRouter({} as ApiDeps) as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }).stack.flatMap((layer) =>
  layer.route ? Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })) : [],
);

/** What the valid requests are made of; the programs and enrollments the walk creates join it. */
interface World {
  template: ProgramInput;
  hr: string;
  /** Signed-in people other than HR. */
  people: string[];
  tokens: Map<string, string>;
  programs: string[];
  enrollments: { id: string; userId: string }[];
  bot: { envelope: Record<string, Json>; activities: Record<string, Json>[] };
}

/** The routes that read a body: the contract schema they parse and a request that passes it. */
const BODIES: Record<string, { schema: z.core.$ZodType; valid: (w: World, pick: number) => Json }> = {
  'POST /programs': { schema: programInputSchema, valid: (w, pick) => ({ ...w.template, name: `Fuzzed program ${pick}` }) },
  'PUT /programs/:id': { schema: programInputSchema, valid: (w, pick) => ({ ...w.template, name: `Fuzzed program ${pick}, renamed` }) },
  'POST /programs/:id/enrollments': { schema: enrollmentInputSchema, valid: (_w, pick) => (pick % 2 ? mentorEnrollment() : menteeEnrollment()) },
  'PUT /enrollments/:id': { schema: enrollmentInputSchema, valid: (_w, pick) => (pick % 2 ? mentorEnrollment({ goals: ['Learn how my team uses Copilot'] }) : menteeEnrollment()) },
  'POST /programs/:id/matching/pairs/:menteeId/lock': { schema: lockSchema, valid: (_w, pick) => ({ locked: pick % 2 === 0 }) },
  'POST /programs/:id/matching/pairs': { schema: handPairSchema, valid: (w, pick) => ({ mentorId: w.people[pick % w.people.length], menteeId: w.people[(pick + 1) % w.people.length] }) },
};

/** What a path parameter names, from where it sits in the path. */
function parameterKind(path: string, name: string): 'program' | 'enrollment' | 'person' {
  if (name === 'menteeId' || path.startsWith('/people/')) return 'person';
  if (path.startsWith('/programs/')) return 'program';
  if (path.startsWith('/enrollments/')) return 'enrollment';
  throw new Error(`the walk does not know what :${name} of ${path} names: teach parameterKind`);
}

// ---- the catalogue of hostile values ---------------------------------------------------------

/** JSON text that JSON.stringify cannot write (or writes otherwise): put in place of a marker after serialising. */
const RAW_JSON = [
  '1e309',
  '-1e309',
  '1e-400',
  '-0',
  '123456789012345678901234567890',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
];
const rawMarker = (i: number) => `@@raw-json-${i}@@`;

const HOSTILE_STRINGS = [
  '\u0000',
  'goal\u0000with a NUL',
  '\uD800',
  'lone low \uDC00 surrogate',
  'cut in half \uD83D',
  'an emoji 😀 is fine',
  '\uFFFE\uFFFF',
  '\u202Eright to left',
  '',
  '   ',
  'x'.repeat(5000),
  'x'.repeat(120_000),
  '__proto__',
  'constructor',
  'toString',
  '2025-02-29',
  '2025-13-01',
  '2025-01-00',
  '0000-01-01',
  '9999-12-31',
  '1e309',
  'NaN',
  'Infinity',
  '-0',
  "'; DROP TABLE programs; --",
  '<script>alert(1)</script>',
  '%00%E0%A4%A',
  '../../../etc/passwd',
  '00000000-0000-0000-0000-000000000000',
  'null',
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '\u0000', '\uD800'];
const HOSTILE_VALUES: Json[] = [
  ...HOSTILE_STRINGS,
  ...RAW_JSON.map((_, i) => rawMarker(i)),
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  [],
  {},
  [null],
  ['\u0000'],
  { id: '\uD800', name: '\u0000' },
];

/** The first common year from `year` on (for a 29 February that does not exist). */
const commonYearFrom = (year: number): number => ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? commonYearFrom(year + 1) : year);

/**
 * A string made hostile in a way that fits it: a date becomes a day the calendar does not have
 * (in the same year, so the program's date order still holds), any other string gains a NUL or an
 * unpaired surrogate, grows, or empties.
 */
function tweak(s: string, pick: number): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (date) {
    const [, y, m, d] = date as unknown as [string, string, string, string];
    return [`${y}-13-${d}`, `${y}-00-${d}`, `${y}-${m}-00`, `${y}-${m}-32`, `${commonYearFrom(Number(y))}-02-29`, `${y}-02-30`, `${y}-04-31`, `0000-${m}-${d}`][pick % 8]!;
  }
  return [`${s}\u0000`, `\u0000${s}`, `${s}\uD800`, `\uDC00${s}`, `${s.slice(0, 1)}\uD83D${s.slice(1)}`, `${s} 😀`, ` ${s} `, s.repeat(200).slice(0, 90_000), '', '\u0000'][pick % 10]!;
}

// ---- bodies: generated from a schema or valid, then mutated ------------------------------------

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: Json[];
  const?: Json;
  anyOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};

/** Values of a zod schema, through its JSON Schema: zod's refinements are not in it, so many values break them. */
function valuesOf(schema: JsonSchema, serviceUrl: string): fc.Arbitrary<Json> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => valuesOf(s, serviceUrl)));
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, valuesOf(s, serviceUrl)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      return fc.array(valuesOf(schema.items ?? {}, serviceUrl), { minLength: min, maxLength: Math.min(schema.maxItems ?? min + 3, min + 3) });
    }
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      // Only the sandbox's own Bot Connector: a generated URL would send the bot's replies off this machine.
      if (schema.format === 'uri') return fc.constant(serviceUrl);
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, (schema.minLength ?? 0) + 40), unit: 'grapheme' });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const schemaValues = (schema: z.core.$ZodType, serviceUrl: string) => valuesOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, serviceUrl);

type Mutation =
  | { kind: 'set'; at: number; value: Json }
  | { kind: 'tweak'; at: number; pick: number }
  | { kind: 'append'; at: number; value: string }
  | { kind: 'addKey'; at: number; key: string; value: Json }
  | { kind: 'remove'; at: number }
  | { kind: 'replaceBody'; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('tweak' as const), at: fc.nat(), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(...HOSTILE_VALUES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('append' as const), at: fc.nat(), value: fc.constantFrom(...HOSTILE_STRINGS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: fc.constantFrom(...HOSTILE_KEYS), value: fc.constantFrom(...HOSTILE_VALUES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replaceBody' as const), value: fc.constantFrom(...HOSTILE_VALUES) }) },
);
/** Mostly one mutation, so what it breaks is not hidden behind another refusal. */
const mutations = fc.oneof({ weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(mutation, { maxLength: 3 }) });

function pathsOf(value: Json, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (isObject(value)) return [at, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return [at];
}
const valueAt = (body: Json, path: Path): Json => path.reduce<Json>((node, key) => (node as Record<string, Json>)[key], body);

/**
 * Where the bot's replies go. Teams says it, and on a real tenant the Bot Framework token vouches for
 * it; another address the Connector does not know fails the reply, a turn error rather than bad
 * input (reported, not walked here). Whole `conversation` objects are still replaced.
 */
const REPLY_ADDRESS = ['serviceUrl', 'conversation.id'];

/** Sets an own property, even `__proto__` (plain assignment would set the prototype instead). */
const own = (target: Record<string, Json> | Json[], key: string | number, value: Json) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** Applies one mutation to `body` (changed in place where it can be) and returns the result. */
function mutate(body: Json, mutation: Mutation, keep: string[] = []): Json {
  if (mutation.kind === 'replaceBody') return structuredClone(mutation.value);
  const onStrings = mutation.kind === 'tweak' || mutation.kind === 'append';
  const paths = pathsOf(body).filter((p) => !keep.includes(p.join('.')) && (!onStrings || typeof valueAt(body, p) === 'string'));
  if (paths.length === 0) return body;
  const path = paths[mutation.at % paths.length]!;
  const current = valueAt(body, path);
  const next =
    mutation.kind === 'tweak'
      ? tweak(current as string, mutation.pick)
      : mutation.kind === 'append'
        ? `${current as string}${mutation.value}`
        : mutation.kind === 'set'
          ? structuredClone(mutation.value) // the catalogue's objects stay as they are
          : undefined;
  if (mutation.kind === 'addKey') {
    // Into the object there, or an object in place of what was there.
    const added = own(isObject(current) ? current : {}, mutation.key, structuredClone(mutation.value));
    if (path.length === 0) return added;
    own(valueAt(body, path.slice(0, -1)) as Record<string, Json>, path.at(-1)!, added);
    return body;
  }
  if (path.length === 0) return next;
  const parent = valueAt(body, path.slice(0, -1)) as Record<string, Json> | Json[];
  const key = path.at(-1)!;
  if (mutation.kind !== 'remove') own(parent, key, next);
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return body;
}

/** The body as JSON text, with the raw fragments in place of their markers. */
function serialise(body: Json): string | undefined {
  if (body === undefined) return undefined;
  let text = JSON.stringify(body);
  RAW_JSON.forEach((raw, i) => (text = text.split(JSON.stringify(rawMarker(i))).join(raw)));
  return text;
}

// ---- callers, headers and encodings ----------------------------------------------------------

type Caller = { kind: 'hr' } | { kind: 'person'; pick: number } | { kind: 'none' } | { kind: 'not a JWT' } | { kind: 'Basic' };
const caller: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'hr' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('person' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constantFrom<Caller>({ kind: 'none' }, { kind: 'not a JWT' }, { kind: 'Basic' }) },
);

interface Transport {
  contentType: string | undefined;
  encoding: 'none' | 'identity' | 'gzip' | 'GZIP' | 'deflate' | 'br' | 'gzip that is not' | 'gzip, gzip' | 'compress' | 'zstd';
  bytes: 'as they are' | 'an invalid UTF-8 byte' | 'a byte-order mark' | 'UTF-16' | 'cut short';
  cutAt: number;
}

const CLEAN: Transport = { contentType: 'application/json', encoding: 'none', bytes: 'as they are', cutAt: 0 };

/** Mostly as the tab and Teams send, so bodies reach the code behind; otherwise any header and encoding of the catalogue. */
const transport: fc.Arbitrary<Transport> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
      encoding: fc.constantFrom<Transport['encoding']>('none', 'none', 'none', 'gzip', 'deflate', 'br'),
      bytes: fc.constant<Transport['bytes']>('as they are'),
      cutAt: fc.constant(0),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      contentType: fc.constantFrom<string | undefined>(
        'application/json',
        'application/json; charset="UTF-8"',
        'application/vnd.api+json',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/json; charset=utf-7',
        'application/json; charset',
        'text/plain',
        'application/x-www-form-urlencoded',
        ';;;',
        '',
        undefined,
      ),
      encoding: fc.constantFrom<Transport['encoding']>('none', 'identity', 'gzip', 'GZIP', 'deflate', 'br', 'gzip that is not', 'gzip, gzip', 'compress', 'zstd'),
      bytes: fc.constantFrom<Transport['bytes']>('as they are', 'an invalid UTF-8 byte', 'a byte-order mark', 'UTF-16', 'cut short'),
      cutAt: fc.nat(),
    }),
  },
);

function encode(text: string | undefined, t: Transport): { headers: Record<string, string>; body: Buffer | undefined } {
  if (text === undefined) return { headers: {}, body: undefined };
  let bytes = Buffer.from(text, 'utf8');
  const at = t.cutAt % (bytes.length + 1);
  if (t.bytes === 'an invalid UTF-8 byte') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
  if (t.bytes === 'a byte-order mark') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  if (t.bytes === 'UTF-16') bytes = Buffer.from(text, 'utf16le');
  if (t.bytes === 'cut short') bytes = bytes.subarray(0, at);
  const coded: Record<Transport['encoding'], () => Buffer> = {
    none: () => bytes,
    identity: () => bytes,
    gzip: () => gzipSync(bytes),
    GZIP: () => gzipSync(bytes),
    deflate: () => deflateSync(bytes),
    br: () => brotliCompressSync(bytes),
    'gzip that is not': () => bytes,
    'gzip, gzip': () => gzipSync(gzipSync(bytes)),
    compress: () => bytes,
    zstd: () => bytes,
  };
  const headers: Record<string, string> = t.contentType === undefined ? {} : { 'content-type': t.contentType };
  if (t.encoding !== 'none') headers['content-encoding'] = t.encoding === 'gzip that is not' ? 'gzip' : t.encoding;
  return { headers, body: coded[t.encoding]() };
}

// ---- the server, its log, and what an answer may be ------------------------------------------

interface LogLine {
  level: number;
  msg?: string;
  err?: { message?: string };
}
const logLines: LogLine[] = [];

/** A sandbox Flipside of 30 people, logging at info into `logLines`. */
const startLoggedFlipside = () => startTestFlipside({ orgSize: 30, log: pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) }) });

const DOCUMENTED_CODES = ['bad_request', 'payload_too_large', 'unsupported_media_type', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'internal'] as const;
/** The API's error shape, exactly (src/contracts/api.ts and the README's "Errors"). */
const apiError = z.strictObject({
  error: z.strictObject({ code: z.enum(DOCUMENTED_CODES), message: z.string().min(1), field: z.string().min(1).optional(), correlationId: z.uuid() }),
});
/** The bot's documented answer to a card action it refuses (an invoke response). */
const invokeError = z.object({ statusCode: z.number().int().min(400).max(499), type: z.literal('application/vnd.microsoft.error'), value: z.object({ code: z.string(), message: z.string() }) });

interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

function send(f: Flipside, method: string, path: string, headers: Record<string, string>, body: Buffer | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The length always said: Node's client sends a GET's body without one, as the start of another request.
    const length = body === undefined ? {} : { 'content-length': String(body.length) };
    const req = request(`${f.url}${path}`, { method, headers: { ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Known gaps in src/bot/ (not the HTTP edge's to fix), reported with issue 13: the only answers let
 * through, each exactly as it happens today. Delete an entry once its requests get a documented
 * answer; the walk then holds that answer to the rules like any other.
 */
const KNOWN_GAPS: { what: string; matches: (body: Json, answer: Answer) => boolean }[] = [];

/** What is wrong with an answer, or undefined when it is a success or a documented refusal. */
function problemWith(answer: Answer, bot: boolean): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 400) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `answered ${answer.status} with a body that is not JSON: ${JSON.stringify(answer.text.slice(0, 200))}`;
  }
  if (!answer.contentType?.startsWith('application/json')) return `answered ${answer.status} as ${answer.contentType}`;
  if (apiError.safeParse(body).success || (bot && invokeError.safeParse(body).success)) return undefined;
  return `answered ${answer.status} outside the documented error shape: ${answer.text.slice(0, 300)}`;
}

/** A body as a failure shows it: runs of one character shortened (`[×5000`), then cut at 2,000 characters. */
const preview = (text: string) => JSON.stringify(text.replace(/(.)\1{19,}/gsu, (run, c: string) => `${c}×${run.length / c.length}`).slice(0, 2000));

/** Sends one request; throws, saying what was sent, on a 5xx, an undocumented refusal or an error-level log line. */
async function probe(f: Flipside, request: { method: string; path: string; authorization: string | undefined; body: Json; transport: Transport; bot: boolean }): Promise<Answer> {
  const { method, path, body, transport: t, bot } = request;
  const sent = serialise(body);
  const { headers, body: bytes } = encode(sent, t);
  const since = logLines.length;
  const answer = await send(f, method, path, { ...headers, ...(request.authorization ? { authorization: request.authorization } : {}) }, bytes);
  if (bot && KNOWN_GAPS.some((gap) => gap.matches(body, answer))) return answer;
  const errors = logLines.slice(since).filter((l) => l.level >= 50);
  const problems = [problemWith(answer, bot), ...errors.map((l) => `logged an error: ${l.msg}${l.err?.message ? ` (${l.err.message})` : ''}`)].filter(Boolean);
  if (problems.length > 0) {
    const who = request.authorization?.startsWith('Bearer ey') ? 'a signed-in person' : (request.authorization ?? 'no authorization');
    throw new Error(
      `${method} ${path} as ${bot ? 'the bot connector' : who}, ${JSON.stringify(headers)}, bytes ${t.bytes}, body ${sent === undefined ? 'none' : preview(sent)}: ${problems.join('; ')}`,
    );
  }
  return answer;
}

// ---- the walk --------------------------------------------------------------------------------

let f: Flipside;
let world: World;

beforeAll(async () => {
  f = await startLoggedFlipside();
  const org = f.sandbox!.tenant.org;
  const hr = org.personas.hrAdmin;
  const people = org.people.filter((p) => p.accountEnabled && p.managerId && p.id !== hr && org.byId.get(p.managerId)?.accountEnabled).slice(0, 8);
  const tokens = new Map(await Promise.all([hr, ...people.map((p) => p.id)].map(async (id) => [id, await signIn(f, id)] as const)));
  const template = (await (await fetch(`${f.url}/api/programs/template`, { headers: { authorization: `Bearer ${tokens.get(hr)}` } })).json()) as ProgramInput;
  const employee = people[0]!;
  const connector = f.sandbox!.connector;
  const envelope = {
    id: 'f:fuzz',
    channelId: 'msteams',
    serviceUrl: f.sandbox!.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${employee.id}`, aadObjectId: employee.id, name: employee.displayName },
    recipient: { id: `28:${f.config.bot.id}`, name: 'Flipside' },
    conversation: connector.conversationAccount(connector.ensurePersonalConversation(employee.id)),
    channelData: { tenant: { id: f.config.identity.tenantId } },
    locale: 'en-US',
  };
  const action = (verb: string, data: Json) => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
  const [enrollmentId, programId] = [randomUUID(), randomUUID()];
  world = {
    template,
    hr,
    people: people.map((p) => p.id),
    tokens,
    programs: [],
    enrollments: [],
    bot: {
      envelope,
      activities: [
        { type: 'message', text: 'help' },
        { type: 'message', text: 'status' },
        { type: 'message', text: '<at>Flipside</at> what can you do?' },
        { type: 'conversationUpdate', membersAdded: [{ id: envelope.recipient.id }] },
        action(VERBS.approve, { enrollmentId, version: 0, note: 'Go for it' }),
        action(VERBS.decline, { enrollmentId, version: 0 }),
        action(VERBS.refreshApproval, { enrollmentId, version: 0 }),
        action(VERBS.pickSlot, { programId, menteeId: employee.id, slotId: 's1', version: 0 }),
        action(VERBS.reschedule, { programId, menteeId: employee.id, version: 0 }),
        action(VERBS.refreshBooking, { programId, menteeId: employee.id }),
        // Invokes Teams sends for features Flipside does not have, and one it never sends.
        { type: 'invoke', name: 'composeExtension/query', value: { commandId: 'search', parameters: [{ name: 'q', value: 'ai' }] } },
        { type: 'invoke', name: 'task/fetch', value: { data: { msteams: { type: 'task/fetch' } } } },
        { type: 'invoke', name: 'signin/verifyState', value: { state: '123456' } },
        { type: 'invoke', name: 'no/such/invoke', value: {} },
        { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] },
        { type: 'installationUpdate', action: 'add' },
        { type: 'typing' },
      ],
    },
  };
  // One program and one enrollment to start from; the walk adds the ones it creates.
  const created = await probe(f, { method: 'POST', path: '/api/programs', authorization: `Bearer ${tokens.get(hr)}`, body: template, transport: CLEAN, bot: false });
  world.programs.push((JSON.parse(created.text) as { id: string }).id);
  const enrolled = await probe(f, {
    method: 'POST',
    path: `/api/programs/${world.programs[0]}/enrollments`,
    authorization: `Bearer ${tokens.get(employee.id)}`,
    body: mentorEnrollment(),
    transport: CLEAN,
    bot: false,
  });
  world.enrollments.push({ id: (JSON.parse(enrolled.text) as { id: string }).id, userId: employee.id });
});
afterAll(async () => f?.close());

/** A path parameter: mostly an id of the kind the route takes (one that exists), otherwise a segment no id looks like. */
const parameter = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('known' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('hostile' as const),
      value: fc.constantFrom(
        '00000000-0000-4000-8000-000000000000',
        '%E0%A4%A',
        '%00',
        '%ZZ',
        '%2e%2e',
        encodeURIComponent('\uFFFD'),
        encodeURIComponent("robert'); DROP TABLE programs; --"),
        '__proto__',
        'x'.repeat(2000),
      ),
    }),
  },
);

describe('every API route, with hostile bodies, headers and encodings: never a 5xx, always the documented error shape', () => {
  it.each(API_ROUTES.map((r, i) => [`${r.method} ${r.path}`, r, i] as const))(
    '%s',
    async (key, route, i) => {
      const known = BODIES[key];
      const base = known
        ? fc.oneof({ weight: 3, arbitrary: fc.nat().map((pick) => known.valid(world, pick)) }, { weight: 1, arbitrary: schemaValues(known.schema, f.sandbox!.serviceUrl) })
        : fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const kinds = names.map((name) => parameterKind(route.path, name));
      const requests = fc.record({ base, mutations, parameters: fc.tuple(...names.map(() => parameter)), caller, transport });
      await fc.assert(
        fc.asyncProperty(requests, async ({ base: start, mutations: changes, parameters, caller: who, transport: t }) => {
          // Ids are picked when the request is sent, from what exists by then.
          let owner: string | undefined;
          const values = parameters.map((p, k) => {
            if (p.kind === 'hostile') return p.value;
            if (kinds[k] === 'person') return world.people[p.pick % world.people.length]!;
            if (kinds[k] === 'program') return world.programs[p.pick % world.programs.length]!;
            const enrollment = world.enrollments[p.pick % world.enrollments.length]!;
            owner = enrollment.userId;
            return enrollment.id;
          });
          const path = names.reduce((p, name, k) => p.replace(`:${name}`, values[k]!), `/api${route.path}`);
          // A person acts on their own enrollment, so edits and withdrawals get past "not yours".
          const userId = who.kind === 'hr' ? world.hr : who.kind === 'person' ? (owner ?? world.people[who.pick % world.people.length]!) : undefined;
          const authorization = userId ? `Bearer ${world.tokens.get(userId)}` : who.kind === 'Basic' ? 'Basic Zm9vOmJhcg==' : who.kind === 'not a JWT' ? 'Bearer not.a.jwt' : undefined;
          const body = changes.reduce((b, m) => mutate(b, m), structuredClone(start));
          const answer = await probe(f, { method: route.method, path, authorization, body, transport: t, bot: false });
          if (answer.status === 201 && key === 'POST /programs') world.programs.push((JSON.parse(answer.text) as { id: string }).id);
          if (answer.status === 201 && key === 'POST /programs/:id/enrollments') world.enrollments.push({ id: (JSON.parse(answer.text) as { id: string }).id, userId: userId! });
        }),
        { seed: SEED + i, numRuns: known ? RUNS_PER_BODY_ROUTE : RUNS_PER_ROUTE },
      );
    },
    TIMEOUT_MS,
  );

  it('walks the routes the API router has, and each route the walk knows a body for is one of them', () => {
    expect(API_ROUTES.length).toBeGreaterThan(0);
    const keys = API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(BODIES).filter((k) => !keys.includes(k))).toEqual([]);
  });
});

describe('the bot endpoint, with hostile activities, headers and encodings', () => {
  it(
    'never answers a 5xx nor outside its documented answers, and logs no error',
    async () => {
      const realistic = fc.constantFrom(...world.bot.activities).map((a) => ({ ...world.bot.envelope, ...a }));
      const requests = fc.record({
        base: fc.oneof({ weight: 4, arbitrary: realistic }, { weight: 1, arbitrary: schemaValues(incomingActivitySchema, f.sandbox!.serviceUrl) }),
        mutations,
        transport,
      });
      await fc.assert(
        fc.asyncProperty(requests, async ({ base, mutations: changes, transport: t }) => {
          const body = changes.reduce((b, m) => mutate(b, m, REPLY_ADDRESS), structuredClone(base));
          await probe(f, { method: 'POST', path: '/api/messages', authorization: undefined, body, transport: t, bot: true });
          await f.sandbox!.connector.idle();
        }),
        { seed: SEED, numRuns: RUNS_FOR_THE_BOT },
      );
    },
    TIMEOUT_MS,
  );
});
