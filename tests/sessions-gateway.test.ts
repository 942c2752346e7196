// The Graph adapters of the session loop (src/graph/sessions.gateway.ts, attendance.gateway.ts)
// against a small Graph of this file's own: express answering the documented shapes of instances,
// onlineMeetings, attendanceReports and subscriptions, in and out of $batch, counting every HTTP
// request and every inner one, so the tests pin the exact URLs, the batching and the mapping.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import express, { type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AttendanceQuery, SeriesWindow } from '../src/app/sessions/ports.ts';
import { GraphAttendance, joinUrlFilter } from '../src/graph/attendance.gateway.ts';
import { GraphCalendarWriter } from '../src/graph/booking.gateway.ts';
import { GraphHttp } from '../src/graph/graph-client.ts';
import { GraphSeriesReader, GraphSubscriptions, instantOf } from '../src/graph/sessions.gateway.ts';
import type { SandboxPerson } from '../src/sandbox/org/index.ts';
import type { Flipside } from '../src/server/compose.ts';
import { startTestFlipside } from './support/flipside.ts';
import { guid } from './support/people.ts';
import { referencePath } from './support/reference.ts';

// ─── The fake Graph ──────────────────────────────────────────────────────────────────────────

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Inner {
  id?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}
interface FakeInstance {
  id: string;
  start: string;
  end: string;
  type: 'occurrence' | 'exception';
  originalStart: string | null;
  isCancelled: boolean;
}
interface FakeReport {
  id: string;
  meetingStartDateTime: string;
  meetingEndDateTime: string;
  attendanceRecords: Json[];
}

/** Microsoft's own example join link (graph/api/onlinemeeting-get, example 3). */
const DOCUMENTED_JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_MGQ4MDQyNTEtNTQ2NS00YjQxLTlkM2EtZWVkODYxODYzMmY2%40thread.v2/0?context=%7b%22Tid%22%3a%22909c6581-5130-43e9-88f3-fcb3582cde37%22%2c%22Oid%22%3a%22dc17674c-81d9-4adb-bfb2-8f6a442e4622%22%7d';

const world = {
  /** Instances per `organizer/eventId`. */
  series: new Map<string, FakeInstance[]>(),
  meetings: new Map<string, { id: string; joinWebUrl: string }[]>(),
  reports: new Map<string, FakeReport[]>(),
  /** Organizers without an application access policy: every onlineMeetings read is 403. */
  noPolicy: new Set<string>(),
  /** Meetings whose reports may not be read (no OnlineMeetingArtifact.Read.All). */
  reportsDenied: new Set<string>(),
  /** Paths answered 403 (an Exchange RBAC scope that leaves the mailbox out), 500, and 429 once. */
  denied: new Set<string>(),
  broken: new Set<string>(),
  throttleOnce: new Set<string>(),
  subscriptions: new Map<string, Json>(),
};
const seen = { http: 0, batchSizes: [] as number[], inner: [] as Inner[], answers: [] as { inner: Inner; answer: Answer }[] };
const PAGE_CAP = 5; // the fake pages instances by at most 5 and expanded records by 10, to make paging happen
const RECORDS_PAGE = 10;
let base = '';

const error = (status: number, code: string, message: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers,
  body: { error: { code, message, innerError: { 'request-id': 'fake' } } },
});
const utcDateTime = (iso: string) => ({ dateTime: iso.replace(/\.\d+Z$|Z$/, '.0000000'), timeZone: 'UTC' });

function instances(user: string, event: string, q: URLSearchParams, headers: Record<string, string>): Answer {
  const all = world.series.get(`${user}/${event}`);
  if (!all) return error(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (!q.get('startDateTime') || !q.get('endDateTime'))
    return error(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  if (!/outlook\.timezone="UTC"/.test(headers.prefer ?? '')) return error(400, 'FakeNeedsUtc', 'this fake answers only in UTC: send Prefer: outlook.timezone="UTC"');
  const [from, to] = [new Date(q.get('startDateTime')!), new Date(q.get('endDateTime')!)];
  const inside = all.filter((i) => new Date(i.start) < to && new Date(i.end) > from);
  const skip = Number(q.get('$skip') ?? 0);
  const size = Math.min(Number(q.get('$top') ?? 10), PAGE_CAP);
  const fields = (q.get('$select') ?? '').split(',');
  const value = inside.slice(skip, skip + size).map((i) => {
    const full: Json = { id: i.id, start: utcDateTime(i.start), end: utcDateTime(i.end), type: i.type, originalStart: i.originalStart, isCancelled: i.isCancelled };
    return Object.fromEntries(Object.entries(full).filter(([k]) => k === 'id' || fields.includes(k)));
  });
  const next = new URLSearchParams(q);
  next.set('$skip', String(skip + size));
  const link = skip + size < inside.length ? { '@odata.nextLink': `${base}/users/${user}/events/${event}/instances?${next.toString()}` } : {};
  return { status: 200, body: { value, ...link } };
}

function findMeeting(user: string, q: URLSearchParams): Answer {
  if (world.noPolicy.has(user)) return error(403, 'Forbidden', 'No application access policy found for this app.');
  const m = /^JoinWebUrl eq '(.*)'$/.exec(q.get('$filter') ?? '');
  if (!m) return error(400, 'BadRequest', `unsupported filter ${q.get('$filter')}`);
  const url = m[1]!.replace(/''/g, "'");
  return { status: 200, body: { value: (world.meetings.get(user) ?? []).filter((x) => x.joinWebUrl === url) } };
}

function reportList(user: string, meeting: string): Answer {
  if (world.noPolicy.has(user) || world.reportsDenied.has(meeting)) return error(403, 'Forbidden', 'Application does not have permission to read attendance reports.');
  const reports = world.reports.get(meeting);
  if (!reports) return error(404, 'NotFound', 'meeting not found');
  return { status: 200, body: { value: reports.slice(-50).map(({ attendanceRecords: _, ...summary }) => ({ ...summary, totalParticipantCount: 2 })) } };
}

const recordsUrl = (user: string, meeting: string, report: string, skip: number) => `${base}/users/${user}/onlineMeetings/${meeting}/attendanceReports/${report}/attendanceRecords?$skip=${skip}`;

function report(user: string, meeting: string, id: string, q: URLSearchParams): Answer {
  if (world.reportsDenied.has(meeting)) return error(403, 'Forbidden', 'Application does not have permission to read attendance reports.');
  const r = world.reports.get(meeting)?.find((x) => x.id === id);
  if (!r) return error(404, 'NotFound', 'report not found');
  const { attendanceRecords, ...summary } = r;
  if (q.get('$expand') !== 'attendanceRecords') return { status: 200, body: summary };
  const more = attendanceRecords.length > RECORDS_PAGE ? { 'attendanceRecords@odata.nextLink': recordsUrl(user, meeting, id, RECORDS_PAGE) } : {};
  return { status: 200, body: { ...summary, attendanceRecords: attendanceRecords.slice(0, RECORDS_PAGE), ...more } };
}

function records(user: string, meeting: string, id: string, q: URLSearchParams): Answer {
  const all = world.reports.get(meeting)?.find((x) => x.id === id)?.attendanceRecords ?? [];
  const skip = Number(q.get('$skip') ?? 0);
  const link = skip + RECORDS_PAGE < all.length ? { '@odata.nextLink': recordsUrl(user, meeting, id, skip + RECORDS_PAGE) } : {};
  return { status: 200, body: { value: all.slice(skip, skip + RECORDS_PAGE), ...link } };
}

function subscriptions(method: string, id: string | undefined, body: Json): Answer {
  if (method === 'POST' && !id) {
    if (String(body.notificationUrl).includes('unreachable'))
      return error(400, 'ValidationError', 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
    const s = { id: guid(world.subscriptions.size + 500), applicationId: guid(9), creatorId: guid(8), ...body };
    world.subscriptions.set(s.id, s);
    return { status: 201, body: s };
  }
  const s = id ? world.subscriptions.get(id) : undefined;
  if (!s) return error(404, 'ResourceNotFound', `The object was not found.`);
  if (method === 'PATCH') return { status: 200, body: Object.assign(s, { expirationDateTime: body.expirationDateTime }) };
  if (method === 'DELETE') return world.subscriptions.delete(id!) ? { status: 204 } : error(404, 'ResourceNotFound', 'gone');
  return error(405, 'MethodNotAllowed', method);
}

/** One Graph request (outer or inner), routed by path. */
function answer(r: Inner): Answer {
  const url = new URL(r.url, 'http://fake');
  const path = url.pathname.replace(/^\/v1\.0/, '');
  if (world.denied.has(path)) return error(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  if (world.broken.has(path)) return error(500, 'InternalServerError', 'something broke');
  if (world.throttleOnce.delete(path)) return error(429, 'TooManyRequests', 'slow down', { 'Retry-After': '0' });
  const seg = path.split('/').map(decodeURIComponent);
  const q = url.searchParams;
  const get = r.method === 'GET';
  if (get && /^\/users\/[^/]+\/events\/[^/]+\/instances$/.test(path)) return instances(seg[2]!, seg[4]!, q, r.headers);
  if (get && /^\/users\/[^/]+\/onlineMeetings$/.test(path)) return findMeeting(seg[2]!, q);
  if (get && /^\/users\/[^/]+\/onlineMeetings\/[^/]+\/attendanceReports$/.test(path)) return reportList(seg[2]!, seg[4]!);
  if (get && /^\/users\/[^/]+\/onlineMeetings\/[^/]+\/attendanceReports\/[^/]+$/.test(path)) return report(seg[2]!, seg[4]!, seg[6]!, q);
  if (get && /^\/users\/[^/]+\/onlineMeetings\/[^/]+\/attendanceReports\/[^/]+\/attendanceRecords$/.test(path)) return records(seg[2]!, seg[4]!, seg[6]!, q);
  const sub = /^\/subscriptions(?:\/([^/]+))?$/.exec(path);
  if (sub) return subscriptions(r.method, sub[1], (r.body ?? {}) as Json);
  return error(404, 'UnknownPath', `the fake has no ${r.method} ${path}`);
}

const lowerHeaders = (h: Record<string, string> | undefined) => Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

function record(inner: Inner): Answer {
  const a = answer(inner);
  seen.inner.push(inner);
  seen.answers.push({ inner, answer: a });
  return a;
}

function fakeGraph(req: Request, res: Response) {
  seen.http++;
  const send = (a: Answer) =>
    a.status === 204
      ? res.status(204).end()
      : res
          .status(a.status)
          .set(a.headers ?? {})
          .json(a.body);
  if (req.headers.authorization !== 'Bearer tok') return send(error(401, 'InvalidAuthenticationToken', 'no token'));
  if (req.method === 'POST' && req.path === '/v1.0/$batch') {
    const requests = (req.body as { requests: Inner[] }).requests;
    seen.batchSizes.push(requests.length);
    if (requests.length > 20) return send(error(400, 'BadRequest', 'A maximum of 20 requests is allowed in a batch.'));
    return send({ status: 200, body: { responses: requests.map((r) => ({ id: r.id, ...record({ ...r, headers: lowerHeaders(r.headers) }) })) } });
  }
  send(record({ method: req.method, url: req.originalUrl, headers: lowerHeaders(req.headers as Record<string, string>), body: req.body }));
}

let server: Server;
let graph: GraphHttp;
beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.use(fakeGraph);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
  graph = new GraphHttp({ baseUrl: base, token: async () => 'tok', maxRetryAfterSeconds: 1 });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const resetCounts = () => {
  seen.http = 0;
  seen.batchSizes = [];
  seen.inner = [];
};
beforeEach(resetCounts);

// ─── Arranging the world ─────────────────────────────────────────────────────────────────────

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const FIRST = new Date('2026-11-24T13:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();

/** A weekly 45-minute series of `n` occurrences in the organizer's calendar. */
function weeklySeries(organizer: string, eventId: string, n: number): FakeInstance[] {
  const list = Array.from({ length: n }, (_, i): FakeInstance => {
    const start = FIRST.getTime() + i * WEEK;
    return { id: `${eventId}-occ-${i}`, start: at(start), end: at(start + 45 * 60_000), type: 'occurrence', originalStart: at(start), isCancelled: false };
  });
  world.series.set(`${organizer}/${eventId}`, list);
  return list;
}

const person = (n: number, extra: Json = {}) => ({ identity: { id: guid(n), displayName: `Person ${n}` }, emailAddress: `person.${n}@x.test`, role: 'Attendee', ...extra });
const interval = (join: number, leave: number) => ({ joinDateTime: at(join), leaveDateTime: at(leave), durationInSeconds: (leave - join) / 1000 });

/** A meeting with one report per session held: both people there for the session's 45 minutes. */
function meetingWithReports(organizer: string, meetingId: string, joinUrl: string, sessions: number, people: [number, number]): FakeReport[] {
  world.meetings.set(organizer, [...(world.meetings.get(organizer) ?? []), { id: meetingId, joinWebUrl: joinUrl }]);
  const reports = Array.from({ length: sessions }, (_, i): FakeReport => {
    const start = FIRST.getTime() + i * WEEK;
    const end = start + 45 * 60_000;
    return {
      id: `${meetingId}-report-${i}`,
      meetingStartDateTime: at(start),
      meetingEndDateTime: at(end),
      attendanceRecords: people.map((p) => ({ ...person(p), totalAttendanceInSeconds: 2700, attendanceIntervals: [interval(start, end)] })),
    };
  });
  world.reports.set(meetingId, reports);
  return reports;
}

const session = (i: number) => ({ start: new Date(FIRST.getTime() + i * WEEK), end: new Date(FIRST.getTime() + i * WEEK + 45 * 60_000) });

// ─── SeriesReader ────────────────────────────────────────────────────────────────────────────

describe('GraphSeriesReader: a series occurrences through /instances', () => {
  const organizer = guid(1);
  const window = (key: string, eventId: string, weeks = 8): SeriesWindow => ({ key, organizerId: organizer, eventId, from: FIRST, to: new Date(FIRST.getTime() + weeks * WEEK) });

  it('asks for each window with the documented URL, UTC times and the selected fields', async () => {
    weeklySeries(organizer, 'AAMkSeries=1', 3);
    const answers = await new GraphSeriesReader(graph).instances([window('pair-1', 'AAMkSeries=1')]);
    expect(seen.inner).toHaveLength(1);
    expect(seen.inner[0]!.url).toBe(
      `/users/${organizer}/events/AAMkSeries%3D1/instances?startDateTime=2026-11-24T13%3A00%3A00.000Z&endDateTime=2027-01-19T13%3A00%3A00.000Z&$top=100&$select=id,start,end,type,originalStart,isCancelled`,
    );
    expect(seen.inner[0]!.headers.prefer).toBe('outlook.timezone="UTC"');
    const a = answers.get('pair-1')!;
    expect(a).toMatchObject({ ok: true, deleted: false });
    if (!a.ok) return;
    expect(a.occurrences.map((o) => o.start.toISOString())).toEqual(['2026-11-24T13:00:00.000Z', '2026-12-01T13:00:00.000Z', '2026-12-08T13:00:00.000Z']);
    expect(a.occurrences[0]).toEqual({ id: 'AAMkSeries=1-occ-0', originalStart: FIRST, start: FIRST, end: new Date('2026-11-24T13:45:00Z'), moved: false, cancelled: false });
  });

  it('maps a moved occurrence (exception, with its original start), a cancelled one and one without originalStart', async () => {
    const list = weeklySeries(organizer, 'moved', 3);
    Object.assign(list[1]!, { type: 'exception', start: '2026-12-02T09:30:00Z', end: '2026-12-02T10:15:00Z' });
    Object.assign(list[2]!, { isCancelled: true, originalStart: null });
    const a = (await new GraphSeriesReader(graph).instances([window('p', 'moved')])).get('p')!;
    if (!a.ok) throw new Error(a.reason);
    expect(a.occurrences[1]).toMatchObject({
      moved: true,
      cancelled: false,
      originalStart: new Date('2026-12-01T13:00:00Z'),
      start: new Date('2026-12-02T09:30:00Z'),
      end: new Date('2026-12-02T10:15:00Z'),
    });
    expect(a.occurrences[2]).toMatchObject({ moved: false, cancelled: true, originalStart: new Date('2026-12-08T13:00:00Z') });
  });

  it('reads 45 windows in 3 HTTP requests ($batch of 20, 20, 5)', async () => {
    for (let i = 0; i < 45; i++) weeklySeries(organizer, `bulk-${i}`, 2);
    const answers = await new GraphSeriesReader(graph).instances(Array.from({ length: 45 }, (_, i) => window(`k${i}`, `bulk-${i}`)));
    expect(seen.http).toBe(3);
    expect(seen.batchSizes).toEqual([20, 20, 5]);
    expect([...answers.values()].every((a) => a.ok && a.occurrences.length === 2)).toBe(true);
  });

  it('follows @odata.nextLink, the next pages of every window together in one $batch per round', async () => {
    weeklySeries(organizer, 'long-a', 12);
    weeklySeries(organizer, 'long-b', 7);
    const answers = await new GraphSeriesReader(graph).instances([window('a', 'long-a', 20), window('b', 'long-b', 20)]);
    // Pages of 5: a has 3 pages, b has 2, so rounds of 2, 2 and 1 requests.
    expect(seen.batchSizes).toEqual([2, 2, 1]);
    expect(answers.get('a')).toMatchObject({ ok: true, occurrences: expect.any(Array) });
    const a = answers.get('a')!;
    const b = answers.get('b')!;
    if (!a.ok || !b.ok) throw new Error('both should be read');
    expect(a.occurrences.map((o) => o.id)).toEqual(Array.from({ length: 12 }, (_, i) => `long-a-occ-${i}`));
    expect(b.occurrences).toHaveLength(7);
  });

  it('answers a series deleted in Outlook (404 ErrorItemNotFound) as deleted, with no occurrences', async () => {
    const a = await new GraphSeriesReader(graph).instances([window('gone', 'deleted-series')]);
    expect(a.get('gone')).toEqual({ ok: true, deleted: true, occurrences: [] });
  });

  it('retries an inner 429 (GraphHttp) and reports other failures per window, retryable or not', async () => {
    weeklySeries(organizer, 'throttled', 1);
    weeklySeries(organizer, 'broken', 1);
    world.throttleOnce.add(`/users/${organizer}/events/throttled/instances`);
    world.broken.add(`/users/${organizer}/events/broken/instances`);
    world.denied.add(`/users/${organizer}/events/forbidden/instances`);
    const answers = await new GraphSeriesReader(graph).instances([window('t', 'throttled'), window('b', 'broken'), window('f', 'forbidden')]);
    expect(answers.get('t')).toMatchObject({ ok: true, deleted: false, occurrences: [expect.objectContaining({ id: 'throttled-occ-0' })] });
    expect(answers.get('b')).toMatchObject({ ok: false, retry: true, reason: expect.stringMatching(/InternalServerError/) });
    expect(answers.get('f')).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/ErrorAccessDenied/) });
    expect(seen.http).toBe(2); // the first $batch, then the throttled request again
  });

  it('converts a time a mailbox sends in its own zone, should it ignore the Prefer header', () => {
    expect(instantOf({ dateTime: '2026-11-24T14:00:00.0000000', timeZone: 'W. Europe Standard Time' })).toEqual(new Date('2026-11-24T13:00:00Z'));
    expect(instantOf({ dateTime: '2026-07-01T09:00:00.0000000', timeZone: 'America/New_York' })).toEqual(new Date('2026-07-01T13:00:00Z'));
    expect(instantOf({ dateTime: '2026-11-24T13:00:00.0000000', timeZone: 'UTC' })).toEqual(new Date('2026-11-24T13:00:00Z'));
    expect(() => instantOf({ dateTime: '2026-11-24T13:00:00', timeZone: 'Customized Time Zone' })).toThrow(/cannot read/);
  });
});

// ─── AttendanceReader ────────────────────────────────────────────────────────────────────────

describe('GraphAttendance: attendance from the Teams meetings reports', () => {
  const query = (key: string, organizerId: string, meetingId: string | null, i: number, joinUrl = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${key}%40thread.v2/0`): AttendanceQuery => ({
    key,
    organizerId,
    joinUrl,
    meetingId,
    ...session(i),
  });

  it('encodes the join link filter exactly as Microsoft documents it', () => {
    expect(joinUrlFilter(DOCUMENTED_JOIN_URL)).toBe(
      "$filter=JoinWebUrl%20eq%20'https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_MGQ4MDQyNTEtNTQ2NS00YjQxLTlkM2EtZWVkODYxODYzMmY2%2540thread.v2%2F0%3Fcontext%3D%257b%2522Tid%2522%253a%2522909c6581-5130-43e9-88f3-fcb3582cde37%2522%252c%2522Oid%2522%253a%2522dc17674c-81d9-4adb-bfb2-8f6a442e4622%2522%257d'",
    );
    expect(joinUrlFilter("https://x.test/it's")).toBe("$filter=JoinWebUrl%20eq%20'https%3A%2F%2Fx.test%2Fit''s'");
  });

  it('reads 100 sessions of 100 pairs with known meetings in 10 HTTP requests: 5 $batches of report lists, 5 of reports', async () => {
    const queries: AttendanceQuery[] = [];
    for (let p = 0; p < 100; p++) {
      const organizer = guid(1000 + p);
      meetingWithReports(organizer, `MSpk-bulk-${p}`, `https://teams.microsoft.com/l/meetup-join/bulk-${p}`, 3, [1000 + p, 2000 + p]);
      queries.push(query(`s${p}`, organizer, `MSpk-bulk-${p}`, 2));
    }
    const answers = await new GraphAttendance(graph).attendance(queries);
    expect(seen.http).toBe(10);
    expect(seen.batchSizes).toEqual([20, 20, 20, 20, 20, 20, 20, 20, 20, 20]);
    expect(seen.inner.filter((r) => r.url.endsWith('/attendanceReports'))).toHaveLength(100);
    expect(seen.inner.filter((r) => r.url.endsWith('?$expand=attendanceRecords'))).toHaveLength(100);
    const a = answers.get('s42')!;
    expect(a).toMatchObject({ ok: true, meetingId: 'MSpk-bulk-42', reports: [{ id: 'MSpk-bulk-42-report-2', start: session(2).start, end: session(2).end }] });
    if (!a.ok) return;
    expect(a.reports[0]!.records.map((r) => r.userId)).toEqual([guid(1042), guid(2042)]);
    expect(a.reports[0]!.records[0]!.intervals).toEqual([{ join: session(2).start, leave: session(2).end }]);
  });

  it('finds 100 series meetings by their join links in 5 HTTP requests ahead of time, so their 100 sessions then take 10, not 15', async () => {
    const lookups = [];
    const expected = new Map<string, string>();
    for (let p = 0; p < 100; p++) {
      const organizer = guid(4000 + p);
      const joinUrl = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_ahead-${p}%40thread.v2/0`;
      meetingWithReports(organizer, `MSpk-ahead-${p}`, joinUrl, 3, [4000 + p, 5000 + p]);
      lookups.push({ key: `pair-${p}`, organizerId: organizer, joinUrl });
      expected.set(`pair-${p}`, `MSpk-ahead-${p}`);
    }
    const reader = new GraphAttendance(graph);
    const ids = await reader.meetingIds(lookups);
    expect(seen.http).toBe(5);
    expect(seen.batchSizes).toEqual([20, 20, 20, 20, 20]);
    expect(seen.inner.map((r) => r.url)).toEqual(lookups.map((l) => `/users/${l.organizerId}/onlineMeetings?${joinUrlFilter(l.joinUrl)}`));
    for (const [key, meetingId] of expected) expect(ids.get(key)).toEqual({ ok: true, meetingId });

    resetCounts();
    const answers = await reader.attendance(lookups.map((l, p) => query(`s${p}`, l.organizerId, (ids.get(l.key) as { meetingId: string }).meetingId, 1, l.joinUrl)));
    expect(seen.http).toBe(10); // report lists and reports: no lookup left in the attendance read
    expect(seen.inner.some((r) => r.url.includes('$filter=JoinWebUrl'))).toBe(false);
    expect(answers.get('s7')).toMatchObject({ ok: true, meetingId: 'MSpk-ahead-7', reports: [{ id: 'MSpk-ahead-7-report-1' }] });
  });

  it('looks a join link up once however many series share it, and says why a meeting could not be found', async () => {
    const [organizer, noPolicy] = [guid(6000), guid(6001)];
    meetingWithReports(organizer, 'MSpk-shared', 'https://teams.microsoft.com/l/meetup-join/shared', 1, [601, 602]);
    world.noPolicy.add(noPolicy);
    const ids = await new GraphAttendance(graph).meetingIds([
      { key: 'a', organizerId: organizer, joinUrl: 'https://teams.microsoft.com/l/meetup-join/shared' },
      { key: 'b', organizerId: organizer.toUpperCase(), joinUrl: 'https://teams.microsoft.com/l/meetup-join/shared' },
      { key: 'gone', organizerId: organizer, joinUrl: 'https://teams.microsoft.com/l/meetup-join/never-made' },
      { key: 'denied', organizerId: noPolicy, joinUrl: 'https://teams.microsoft.com/l/meetup-join/whatever' },
    ]);
    expect(seen.inner).toHaveLength(3);
    expect(seen.http).toBe(1);
    expect(ids.get('a')).toEqual({ ok: true, meetingId: 'MSpk-shared' });
    expect(ids.get('b')).toEqual({ ok: true, meetingId: 'MSpk-shared' });
    expect(ids.get('gone')).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/join link/) });
    expect(ids.get('denied')).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/OnlineMeetings\.Read\.All/) });
  });

  it('finds a series meeting by its join link once, reads its report list once and each report once, however many sessions ask', async () => {
    const organizer = guid(3);
    const joinUrl = DOCUMENTED_JOIN_URL;
    meetingWithReports(organizer, 'MSpk-series', joinUrl, 5, [31, 32]);
    const queries = [0, 1, 2, 3].map((i) => query(`series-${i}`, organizer, null, i, joinUrl));
    queries.push({ ...queries[3]!, key: 'series-3-again' }); // the same session asked twice reads its report once
    const answers = await new GraphAttendance(graph).attendance(queries);
    expect(seen.inner.map((r) => r.url)).toEqual([
      `/users/${organizer}/onlineMeetings?${joinUrlFilter(joinUrl)}`,
      `/users/${organizer}/onlineMeetings/MSpk-series/attendanceReports`,
      ...[0, 1, 2, 3].map((i) => `/users/${organizer}/onlineMeetings/MSpk-series/attendanceReports/MSpk-series-report-${i}?$expand=attendanceRecords`),
    ]);
    expect(seen.http).toBe(3);
    for (const i of [0, 1, 2, 3]) expect(answers.get(`series-${i}`)).toMatchObject({ ok: true, meetingId: 'MSpk-series', reports: [{ id: `MSpk-series-report-${i}` }] });
    expect(answers.get('series-3-again')).toEqual(answers.get('series-3'));
  });

  it('counts a report from 30 minutes before the session to 2 hours after it, and every such report', async () => {
    const organizer = guid(4);
    const [r] = meetingWithReports(organizer, 'MSpk-window', 'https://teams.microsoft.com/l/meetup-join/window', 1, [41, 42]);
    const s = session(0);
    const extra = (id: string, startMs: number, minutes: number): FakeReport => ({ ...r!, id, meetingStartDateTime: at(startMs), meetingEndDateTime: at(startMs + minutes * 60_000) });
    world.reports.get('MSpk-window')!.push(
      extra('rejoined', s.end.getTime() + 90 * 60_000, 10), // a second meeting run 90 minutes after: counts
      extra('early', s.start.getTime() - 60 * 60_000, 31), // ended 29 minutes before the start: counts
      extra('too-early', s.start.getTime() - 60 * 60_000, 29), // ended 31 minutes before: does not
      extra('too-late', s.end.getTime() + 121 * 60_000, 10), // began over 2 hours after the end: does not
    );
    const a = (await new GraphAttendance(graph).attendance([query('w', organizer, 'MSpk-window', 0)])).get('w')!;
    if (!a.ok) throw new Error(a.reason);
    expect(a.reports.map((x) => x.id)).toEqual(['early', 'MSpk-window-report-0', 'rejoined']);
    expect(seen.inner.some((x) => x.url.includes('too-'))).toBe(false);
  });

  it('maps guests and dial-ins (no Entra id, no mail) and an interval left open, and reads records beyond the first page', async () => {
    const organizer = guid(5);
    const [r] = meetingWithReports(organizer, 'MSpk-big', 'https://teams.microsoft.com/l/meetup-join/big', 1, [51, 52]);
    const s = session(0);
    r!.attendanceRecords.push(
      { emailAddress: 'guest@partner.test', identity: { displayName: 'A guest' }, role: 'Attendee', attendanceIntervals: [interval(s.start.getTime(), s.start.getTime() + 600_000)] },
      {
        emailAddress: null,
        identity: { id: '', displayName: '+44 20 ****' },
        role: 'Attendee',
        attendanceIntervals: [{ joinDateTime: at(s.start.getTime() + 60_000), leaveDateTime: null, durationInSeconds: null }],
      },
      ...Array.from({ length: 21 }, (_, i) => person(600 + i, { attendanceIntervals: [interval(s.start.getTime(), s.end.getTime())] })),
    );
    const a = (await new GraphAttendance(graph).attendance([query('big', organizer, 'MSpk-big', 0)])).get('big')!;
    if (!a.ok) throw new Error(a.reason);
    const records = a.reports[0]!.records;
    expect(records).toHaveLength(25);
    expect(records[2]).toEqual({ userId: null, email: 'guest@partner.test', intervals: [{ join: s.start, leave: new Date(s.start.getTime() + 600_000) }] });
    expect(records[3]).toEqual({ userId: null, email: null, intervals: [{ join: new Date(s.start.getTime() + 60_000), leave: s.end }] });
    expect(records[24]!.userId).toBe(guid(620));
    // The expanded report, then its records' second and third pages.
    expect(seen.inner.map((x) => new URL(x.url, 'http://x').pathname.split('/').pop())).toEqual(['attendanceReports', 'MSpk-big-report-0', 'attendanceRecords', 'attendanceRecords']);
  });

  it('tells an HR admin what to grant when the tenant has no application access policy or permission (403)', async () => {
    const [noPolicy, allowed] = [guid(6), guid(7)];
    meetingWithReports(noPolicy, 'MSpk-nopolicy', 'https://teams.microsoft.com/l/meetup-join/nopolicy', 1, [61, 62]);
    meetingWithReports(allowed, 'MSpk-denied', 'https://teams.microsoft.com/l/meetup-join/denied', 1, [71, 72]);
    meetingWithReports(allowed, 'MSpk-fine', 'https://teams.microsoft.com/l/meetup-join/fine', 1, [73, 74]);
    world.noPolicy.add(noPolicy);
    world.reportsDenied.add('MSpk-denied');
    const answers = await new GraphAttendance(graph).attendance([
      query('lookup', noPolicy, null, 0, 'https://teams.microsoft.com/l/meetup-join/nopolicy'),
      query('reports', allowed, 'MSpk-denied', 0),
      query('fine', allowed, 'MSpk-fine', 0),
    ]);
    for (const key of ['lookup', 'reports']) {
      const a = answers.get(key)!;
      expect(a).toMatchObject({ ok: false, notAllowed: true, retry: false });
      if (a.ok) continue;
      expect(a.reason).toMatch(/OnlineMeetingArtifact\.Read\.All/);
      expect(a.reason).toMatch(/application access policy/);
      expect(a.reason).toMatch(/Grant-CsApplicationAccessPolicy/);
      expect(a.reason).not.toMatch(/Forbidden|403/);
    }
    expect((answers.get('lookup') as { reason: string }).reason).toMatch(/OnlineMeetings\.Read\.All/);
    expect(answers.get('fine')).toMatchObject({ ok: true, reports: [{ id: 'MSpk-fine-report-0' }] });
  });

  it('says so when no meeting has the join link, and passes on other failures as step failures', async () => {
    const organizer = guid(8);
    meetingWithReports(organizer, 'MSpk-flaky', 'https://teams.microsoft.com/l/meetup-join/flaky', 1, [81, 82]);
    world.broken.add(`/users/${organizer}/onlineMeetings/MSpk-flaky/attendanceReports`);
    const answers = await new GraphAttendance(graph).attendance([
      query('unknown', organizer, null, 0, 'https://teams.microsoft.com/l/meetup-join/never-made'),
      query('flaky', organizer, 'MSpk-flaky', 0),
      query('no-meeting', organizer, 'MSpk-deleted', 0),
    ]);
    expect(answers.get('unknown')).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/join link/) });
    expect(answers.get('unknown')).not.toHaveProperty('notAllowed', true);
    expect(answers.get('flaky')).toMatchObject({ ok: false, retry: true, reason: expect.stringMatching(/InternalServerError/) });
    expect(answers.get('no-meeting')).toMatchObject({ ok: false, retry: false });
  });

  it('answers a meeting with no report yet (not ended, or nobody came) with no reports', async () => {
    const organizer = guid(9);
    meetingWithReports(organizer, 'MSpk-future', 'https://teams.microsoft.com/l/meetup-join/future', 1, [91, 92]);
    const a = await new GraphAttendance(graph).attendance([query('later', organizer, 'MSpk-future', 5)]);
    expect(a.get('later')).toEqual({ ok: true, meetingId: 'MSpk-future', reports: [] });
    expect(seen.inner).toHaveLength(1);
  });
});

// ─── SubscriptionGateway ─────────────────────────────────────────────────────────────────────

describe('GraphSubscriptions: change notifications on organizers calendars', () => {
  const subs = () => new GraphSubscriptions(graph);
  const request = (organizerId: string, notificationUrl = 'https://flipside.example/api/graph/notifications') => ({
    organizerId,
    notificationUrl,
    lifecycleNotificationUrl: 'https://flipside.example/api/graph/lifecycle',
    clientState: 'a-secret-of-128-chars-at-most',
    expiresAt: new Date('2026-11-30T12:00:00Z'),
  });

  it('subscribes to the organizer events with the documented body', async () => {
    const a = await subs().create(request(guid(10)));
    expect(seen.inner).toEqual([expect.objectContaining({ method: 'POST', url: '/v1.0/subscriptions' })]);
    expect(seen.inner[0]!.body).toEqual({
      changeType: 'created,updated,deleted',
      resource: `/users/${guid(10)}/events`,
      notificationUrl: 'https://flipside.example/api/graph/notifications',
      lifecycleNotificationUrl: 'https://flipside.example/api/graph/lifecycle',
      clientState: 'a-secret-of-128-chars-at-most',
      expirationDateTime: '2026-11-30T12:00:00.000Z',
    });
    expect(a).toEqual({ ok: true, subscription: { id: expect.any(String), resource: `/users/${guid(10)}/events`, expiresAt: new Date('2026-11-30T12:00:00Z') } });
  });

  it('reports a notification URL that failed Graph validation as a failure not worth retrying', async () => {
    const a = await subs().create(request(guid(11), 'https://unreachable.example/notify'));
    expect(a).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/validation request failed/) });
  });

  it('renews by PATCHing the expiry, says gone for a subscription Graph no longer has, and deletes (a missing one is fine)', async () => {
    const created = await subs().create(request(guid(12)));
    if (!created.ok) throw new Error(created.reason);
    const id = created.subscription.id;
    resetCounts();
    expect(await subs().renew(id, new Date('2026-12-03T12:00:00Z'))).toEqual({ ok: true, expiresAt: new Date('2026-12-03T12:00:00Z') });
    expect(seen.inner[0]).toMatchObject({ method: 'PATCH', url: `/v1.0/subscriptions/${id}`, body: { expirationDateTime: '2026-12-03T12:00:00.000Z' } });
    await subs().delete(id);
    expect(seen.inner[1]).toMatchObject({ method: 'DELETE', url: `/v1.0/subscriptions/${id}` });
    expect(world.subscriptions.has(id)).toBe(false);
    expect(await subs().renew(id, new Date('2026-12-03T12:00:00Z'))).toEqual({ ok: false, gone: true });
    await expect(subs().delete(id)).resolves.toBeUndefined();
  });

  it('passes on a server failure to renew as retryable, and throws one on delete', async () => {
    world.broken.add('/subscriptions/broken-sub');
    expect(await subs().renew('broken-sub', new Date())).toMatchObject({ ok: false, retry: true });
    await expect(subs().delete('broken-sub')).rejects.toThrow(/500/);
  });
});

// ─── The fake keeps to Graph's shapes ────────────────────────────────────────────────────────

/** The meetings slice of shared/reference, with `@odata.type` not required (SOURCES.md: real answers omit it). */
function meetingsSlice(): Json {
  const doc = JSON.parse(readFileSync(referencePath('graph-v1.0-slice-meetings.openapi.json'), 'utf8')) as Json;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Json;
    if (Array.isArray(o.required)) o.required = (o.required as string[]).filter((r) => r !== '@odata.type');
    Object.values(o).forEach(visit);
  };
  visit(doc);
  return doc;
}

describe('the fake Graph of this file', () => {
  it('answered every read in the shapes of the Graph v1.0 meetings slice', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addFormat('base64url', /^[A-Za-z0-9_-]*={0,2}$/);
    ajv.addSchema(meetingsSlice(), 'graph');
    const templates: [RegExp, string][] = [
      [/\/events\/[^/]+\/instances$/, '/users/{user-id}/events/{event-id}/instances'],
      [/\/onlineMeetings$/, '/users/{user-id}/onlineMeetings'],
      [/\/attendanceReports$/, '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports'],
      [/\/attendanceReports\/[^/]+$/, '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports/{meetingAttendanceReport-id}'],
      [/\/attendanceRecords$/, '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports/{meetingAttendanceReport-id}/attendanceRecords'],
    ];
    const slice = ajv.getSchema('graph')!.schema as Json;
    const validators = new Map<string, ValidateFunction>();
    const validator = (template: string, status: number) => {
      const key = `${template} ${String(status)[0]}XX`;
      if (!validators.has(key)) {
        const op = ((slice.paths as Json)[template] as Json).get as Json;
        let response = (op.responses as Json)[`${String(status)[0]}XX`] as Json;
        if (typeof response.$ref === 'string') response = ((slice.components as Json).responses as Json)[response.$ref.split('/').pop()!] as Json;
        const content = (response.content as Json)['application/json'] as Json;
        validators.set(key, ajv.compile(JSON.parse(JSON.stringify(content.schema).replace(/"#\/components\//g, '"graph#/components/'))));
      }
      return validators.get(key)!;
    };
    const checked = new Set<string>();
    for (const { inner, answer: a } of seen.answers) {
      const path = new URL(inner.url, 'http://x').pathname;
      const template = templates.find(([re]) => re.test(path))?.[1];
      if (!template || a.status === 429) continue;
      const validate = validator(template, a.status);
      expect(validate(a.body) ? [] : validate.errors, `${inner.url} ${a.status}`).toEqual([]);
      checked.add(template);
    }
    expect(checked.size).toBe(templates.length);
  });
});

// ─── Against the sandbox's Graph ─────────────────────────────────────────────────────────────

describe('the session adapters against the sandbox Graph', () => {
  let f: Flipside;
  let notifications: Server;
  let notifyUrl: string;
  let organizer: SandboxPerson;
  let attendee: SandboxPerson;
  let series: { eventId: string; joinUrl: string; originalStarts: Date[] };
  const tenant = () => f.sandbox!.tenant;

  /** A weekly series of six 45-minute sessions from next Monday at 10:00 in the organizer's zone, booked as Flipside books it. */
  async function book(key: string): Promise<{ eventId: string; joinUrl: string; originalStarts: Date[] }> {
    const zone = organizer.office.ianaTimeZone;
    const now = DateTime.fromJSDate(f.sandbox!.clock.now(), { zone });
    const monday = now.plus({ days: 8 - now.weekday }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const local = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm:ss");
    const outcome = (
      await new GraphCalendarWriter(f.graph).createSeries([
        {
          key,
          organizerId: organizer.id,
          transactionId: `sessions-gateway-${key}`,
          subject: 'Reverse mentoring',
          bodyHtml: '<p>Flipside</p>',
          attendees: [{ mail: attendee.mail, name: attendee.displayName }],
          recurrence: {
            pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' },
            range: { type: 'endDate', startDate: monday.toISODate()!, endDate: monday.plus({ weeks: 5 }).toISODate()! },
            start: { dateTime: local(monday), timeZone: zone },
            end: { dateTime: local(monday.plus({ minutes: 45 })), timeZone: zone },
          },
        },
      ])
    ).get(key)!;
    if (!outcome.ok || !outcome.joinUrl) throw new Error(`booking failed: ${JSON.stringify(outcome)}`);
    return { eventId: outcome.eventId, joinUrl: outcome.joinUrl, originalStarts: Array.from({ length: 6 }, (_, i) => monday.plus({ weeks: i }).toJSDate()) };
  }

  beforeAll(async () => {
    notifications = createServer((req, res) => {
      const token = new URL(req.url!, 'http://x').searchParams.get('validationToken');
      if (token) return res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      res.writeHead(202).end();
    });
    await new Promise<void>((r) => notifications.listen(0, '127.0.0.1', r));
    notifyUrl = `http://127.0.0.1:${(notifications.address() as AddressInfo).port}/notify`;
    f = await startTestFlipside({ orgSize: 60, synced: false });
    const people = tenant().org.people.filter((p) => p.accountEnabled && !p.persona);
    organizer = people[0]!;
    attendee = people.find((p) => p.office.ianaTimeZone === organizer.office.ianaTimeZone && p.id !== organizer.id) ?? people[1]!;
    series = await book('main');
  });
  afterAll(async () => {
    await f?.close();
    await new Promise<void>((r) => notifications?.close(() => r()));
  });

  const windowOf = (key: string, eventId: string): SeriesWindow => ({
    key,
    organizerId: organizer.id,
    eventId,
    from: new Date(series.originalStarts[0]!.getTime() - DAY),
    to: new Date(series.originalStarts[5]!.getTime() + DAY),
  });

  it('reads the occurrences, a moved one and without a cancelled one, in one HTTP request for two series; a deleted series answers deleted', async () => {
    const [o] = series.originalStarts.slice(2);
    tenant().moveOccurrence(series.eventId, o!, new Date(o!.getTime() + DAY + HOUR), new Date(o!.getTime() + DAY + HOUR + 45 * 60_000));
    tenant().cancelOccurrence(series.eventId, series.originalStarts[3]!);
    const gone = await book('gone');
    tenant().deleteEvent(gone.eventId);
    tenant().resetCounters();
    const answers = await new GraphSeriesReader(f.graph).instances([windowOf('main', series.eventId), windowOf('gone', gone.eventId)]);
    expect(tenant().counters).toMatchObject({ requests: 1, batchedRequests: 2 });
    expect(answers.get('gone')).toEqual({ ok: true, deleted: true, occurrences: [] });
    const a = answers.get('main')!;
    if (!a.ok) throw new Error(a.reason);
    expect(a.occurrences.map((x) => x.originalStart)).toEqual(series.originalStarts.filter((_, i) => i !== 3));
    const moved = a.occurrences.find((x) => x.moved)!;
    expect(moved).toMatchObject({ originalStart: o, start: new Date(o!.getTime() + DAY + HOUR), end: new Date(o!.getTime() + DAY + HOUR + 45 * 60_000), cancelled: false });
    expect(a.occurrences.filter((x) => !x.moved).every((x) => x.start.getTime() === x.originalStart.getTime() && x.end.getTime() - x.start.getTime() === 45 * 60_000)).toBe(true);
  });

  it('reads three sessions (two held, one ahead) in three HTTP requests: one lookup, one report list, one report per session held', async () => {
    const [s0, s1] = series.originalStarts;
    const join = new Date(s0!.getTime() + 2 * 60_000);
    tenant().setAttendance(series.eventId, s0!, {
      [organizer.id]: [{ join: s0!, leave: new Date(s0!.getTime() + 45 * 60_000) }],
      [attendee.id]: [{ join, leave: new Date(s0!.getTime() + 40 * 60_000) }],
    });
    tenant().setAttendance(series.eventId, s1!, { [organizer.id]: [{ join: s1!, leave: new Date(s1!.getTime() + 45 * 60_000) }], [attendee.id]: [] });
    f.sandbox!.clock.set(new Date(series.originalStarts[2]!.getTime() + 3 * DAY));
    const q = (key: string, i: number, meetingId: string | null = null): AttendanceQuery => ({
      key,
      organizerId: organizer.id,
      joinUrl: series.joinUrl,
      meetingId,
      start: series.originalStarts[i]!,
      end: new Date(series.originalStarts[i]!.getTime() + 45 * 60_000),
    });
    tenant().resetCounters();
    const answers = await new GraphAttendance(f.graph).attendance([q('s0', 0), q('s1', 1), q('s4', 4)]);
    expect(tenant().counters).toMatchObject({ requests: 3, batchedRequests: 4 });
    const a0 = answers.get('s0')!;
    if (!a0.ok) throw new Error(a0.reason);
    expect(a0.reports).toHaveLength(1);
    const byUser = new Map(a0.reports[0]!.records.map((r) => [r.userId, r]));
    expect(byUser.get(attendee.id)).toEqual({ userId: attendee.id, email: attendee.mail, intervals: [{ join, leave: new Date(s0!.getTime() + 40 * 60_000) }] });
    expect(answers.get('s1')).toMatchObject({ ok: true, meetingId: a0.meetingId, reports: [{ records: [expect.objectContaining({ userId: organizer.id })] }] });
    expect(answers.get('s4')).toEqual({ ok: true, meetingId: a0.meetingId, reports: [] });

    // With the meeting id kept from the first read, no lookup: one list, one report.
    tenant().resetCounters();
    expect((await new GraphAttendance(f.graph).attendance([q('again', 0, a0.meetingId)])).get('again')).toEqual(a0);
    expect(tenant().counters).toMatchObject({ requests: 2, batchedRequests: 2 });
  });

  it('answers notAllowed, with what to grant, while the tenant has no application access policy', async () => {
    tenant().attendance.policyGranted = false;
    try {
      const a = (
        await new GraphAttendance(f.graph).attendance([
          { key: 'k', organizerId: organizer.id, joinUrl: series.joinUrl, meetingId: null, start: series.originalStarts[0]!, end: series.originalStarts[1]! },
        ])
      ).get('k');
      expect(a).toMatchObject({ ok: false, notAllowed: true, retry: false, reason: expect.stringMatching(/application access policy/) });
    } finally {
      tenant().attendance.policyGranted = true;
    }
  });

  it('subscribes to the organizer events through the validation handshake, renews, deletes, and then finds it gone', async () => {
    const subs = new GraphSubscriptions(f.graph);
    const now = f.sandbox!.clock.now().getTime();
    const created = await subs.create({
      organizerId: organizer.id,
      notificationUrl: notifyUrl,
      lifecycleNotificationUrl: `${notifyUrl}/lifecycle`,
      clientState: 'sessions-gateway',
      expiresAt: new Date(now + 2 * DAY),
    });
    if (!created.ok) throw new Error(created.reason);
    expect(created.subscription).toMatchObject({ resource: `/users/${organizer.id}/events`, expiresAt: new Date(now + 2 * DAY) });
    const id = created.subscription.id;
    expect(await subs.renew(id, new Date(now + 6 * DAY))).toEqual({ ok: true, expiresAt: new Date(now + 6 * DAY) });
    expect(await subs.renew(id, new Date(now + 30 * DAY))).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/10080 minutes/) });
    await subs.delete(id);
    await subs.delete(id);
    expect(await subs.renew(id, new Date(now + 3 * DAY))).toEqual({ ok: false, gone: true });
    const refused = await subs.create({
      organizerId: organizer.id,
      notificationUrl: `${notifyUrl.replace(/:\d+\//, ':1/')}`,
      lifecycleNotificationUrl: `${notifyUrl}/lifecycle`,
      clientState: 'x',
      expiresAt: new Date(now + DAY),
    });
    expect(refused).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/validation/i) });
  });
});
