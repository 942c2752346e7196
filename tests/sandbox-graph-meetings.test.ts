import type { AddressInfo } from 'node:net';
import express from 'express';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generatedAttendance } from '../src/sandbox/graph/attendance.ts';
import { SandboxGraph } from '../src/sandbox/graph/server.ts';
import { SandboxTenant } from '../src/sandbox/graph/tenant.ts';
import { GRAPH_AUDIENCE, SANDBOX_APP_ROLES, SandboxIssuer } from '../src/sandbox/identity/issuer.ts';
import { generateOrg } from '../src/sandbox/org/index.ts';
import { SandboxClock } from '../src/sandbox/time.ts';
import { meetingsResponseProblems } from './support/meetings-reference.ts';
import { graphResponseProblems } from './support/reference.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
interface Answer {
  status: number;
  headers: Headers;
  body: Body | undefined;
}

const TENANT_ID = '5a9d9f4e-0b6c-4c5e-9d1a-f11b5e5a7d00';
const CLIENT_ID = 'f11b5de0-0000-4000-8000-00000000a001';
/** What the session loop needs beyond the roles the sandbox grants today (identity/issuer.ts). */
const MEETING_ROLES = ['OnlineMeetings.Read.All', 'OnlineMeetingArtifact.Read.All'];

/**
 * A sandbox Graph of its own on an ephemeral port, with a SandboxClock the test moves: no Flipside
 * and no database, so the Graph side of the session loop is tested by itself.
 */
async function startSandboxGraph(seed = 11) {
  const org = generateOrg({ size: 60, seed });
  org.tenantId = TENANT_ID;
  const clock = new SandboxClock();
  const tenant = new SandboxTenant(org, clock);
  const issuer = await SandboxIssuer.create({ tenantId: TENANT_ID, authorityHost: 'https://login.sandbox.flipside.test', clientId: CLIENT_ID, clientSecret: 'x', apiAudience: CLIENT_ID });
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
  app.use('/v1.0', new SandboxGraph(tenant, issuer, base).router());
  const appToken = (roles: string[]) => issuer.sign({ roles, tid: TENANT_ID, oid: CLIENT_ID, azp: CLIENT_ID, idtyp: 'app', ver: '2.0' }, GRAPH_AUDIENCE, 3600);
  const token = await appToken([...SANDBOX_APP_ROLES, ...MEETING_ROLES]);

  async function graph(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Body) : undefined };
  }
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { org, clock, tenant, base, graph, appToken, close };
}
type Sandbox = Awaited<ReturnType<typeof startSandboxGraph>>;

/** Asserts the status, and that the answer conforms to the meetings slice for that operation. */
function conforms(method: string, template: string, answer: { status: number; body: unknown }, status: number): void {
  expect(answer.status, String(JSON.stringify(answer.body)).slice(0, 300)).toBe(status);
  expect(meetingsResponseProblems(method, template, answer.status, answer.body)).toEqual([]);
}

/** The same against the first slice (events, getSchedule). */
function conformsGraph(method: string, template: string, answer: { status: number; body: unknown }, status: number): void {
  expect(answer.status, String(JSON.stringify(answer.body)).slice(0, 300)).toBe(status);
  if (answer.body !== undefined) expect(graphResponseProblems(method, template, answer.status, answer.body)).toEqual([]);
}

/** A weekly series on one weekday at 07:00 UTC, `count` occurrences from `first` (yyyy-MM-dd). */
function weeklySeries(first: DateTime, count: number, attendee: { mail: string; displayName: string }) {
  const day = first.toUTC().toFormat('yyyy-MM-dd');
  return {
    subject: 'Flipside session',
    start: { dateTime: `${day}T07:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${day}T07:30:00`, timeZone: 'UTC' },
    recurrence: {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: [first.toFormat('cccc').toLowerCase()], firstDayOfWeek: 'monday' },
      range: { type: 'numbered', startDate: day, numberOfOccurrences: count },
    },
    attendees: [{ emailAddress: { address: attendee.mail, name: attendee.displayName }, type: 'required' }],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
  };
}

const at = (iso: string) => new Date(iso);
const instancesPath = (userId: string, seriesId: string, from: string, to: string) => `/users/${userId}/events/${encodeURIComponent(seriesId)}/instances?startDateTime=${from}&endDateTime=${to}`;

describe('sandbox Graph: occurrences of a series', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandboxGraph();
  });
  afterAll(async () => s?.close());

  const window = ['2027-03-01T00:00:00Z', '2027-05-01T00:00:00Z'] as const;
  const tuesday = DateTime.fromISO('2027-03-02', { zone: 'utc' });

  let next = 20;
  /** A series between two people no other test here uses, so their calendars hold only it. */
  async function createSeries(count = 6) {
    const [organizer, attendee] = [s.org.people[next++]!, s.org.people[next++]!];
    const created = await s.graph('POST', `/users/${organizer.id}/events`, weeklySeries(tuesday, count, attendee));
    conformsGraph('POST', '/users/{user-id}/events', created, 201);
    return { organizer, attendee, seriesId: created.body!.id as string };
  }

  it('lists the occurrences with stable ids, seriesMasterId, originalStart and type, in the slice’s shape', async () => {
    const { organizer, seriesId } = await createSeries();
    const first = await s.graph('GET', instancesPath(organizer.id, seriesId, ...window));
    conforms('GET', '/users/{user-id}/events/{event-id}/instances', first, 200);
    expect(first.body!['@odata.context']).toContain('/instances');
    const value = first.body!.value as Body[];
    expect(value).toHaveLength(6);
    expect(value.map((o) => o.originalStart)).toEqual([0, 1, 2, 3, 4, 5].map((w) => tuesday.plus({ weeks: w, hours: 7 }).toISO({ suppressMilliseconds: true })));
    expect(value.every((o) => o.type === 'occurrence' && o.seriesMasterId === seriesId && o.isCancelled === false)).toBe(true);
    expect(new Set(value.map((o) => o.id)).size).toBe(6);
    const again = await s.graph('GET', instancesPath(organizer.id, seriesId, ...window));
    expect(again.body!.value.map((o: Body) => o.id)).toEqual(value.map((o) => o.id));
    const one = await s.graph('GET', `/users/${organizer.id}/events/${encodeURIComponent(value[1]!.id)}`);
    conformsGraph('GET', '/users/{user-id}/events/{event-id}', one, 200);
    expect(one.body!.seriesMasterId).toBe(seriesId);
  });

  it('requires startDateTime and endDateTime, as Graph does', async () => {
    const { organizer, seriesId } = await createSeries();
    const missing = await s.graph('GET', `/users/${organizer.id}/events/${encodeURIComponent(seriesId)}/instances?startDateTime=${window[0]}`);
    conforms('GET', '/users/{user-id}/events/{event-id}/instances', missing, 400);
    expect(missing.body!.error.code).toBe('ErrorInvalidParameter');
    conforms('GET', '/users/{user-id}/calendarView', await s.graph('GET', `/users/${organizer.id}/calendarView`), 400);
  });

  it('honours Prefer: outlook.timezone in start and end, and keeps originalStart in UTC', async () => {
    const { organizer, seriesId } = await createSeries();
    const answer = await s.graph('GET', instancesPath(organizer.id, seriesId, ...window), undefined, { prefer: 'outlook.timezone="W. Europe Standard Time"' });
    conforms('GET', '/users/{user-id}/events/{event-id}/instances', answer, 200);
    expect(answer.body!.value[0].start).toEqual({ dateTime: '2027-03-02T08:00:00.0000000', timeZone: 'W. Europe Standard Time' });
    expect(answer.body!.value[0].originalStart).toBe('2027-03-02T07:00:00Z');
  });

  it('reflects occurrences moved and cancelled (in Outlook or through Graph) in instances, calendarView and getSchedule', async () => {
    const { organizer, attendee, seriesId } = await createSeries();
    const original = (w: number) => tuesday.plus({ weeks: w, hours: 7 }).toJSDate();
    // In Outlook: the second moved to Thursday 15:00, the third cancelled.
    s.tenant.moveOccurrence(seriesId, original(1), at('2027-03-11T15:00:00Z'), at('2027-03-11T15:45:00Z'));
    s.tenant.cancelOccurrence(seriesId, original(2));
    // Through Graph: the fourth moved an hour later, the fifth cancelled.
    const listed = (await s.graph('GET', instancesPath(organizer.id, seriesId, ...window))).body!.value as Body[];
    const fourth = listed.find((o) => o.originalStart === '2027-03-23T07:00:00Z')!;
    const moved = await s.graph('PATCH', `/users/${organizer.id}/events/${encodeURIComponent(fourth.id)}`, {
      start: { dateTime: '2027-03-23T08:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-03-23T08:30:00', timeZone: 'UTC' },
    });
    conformsGraph('PATCH', '/users/{user-id}/events/{event-id}', moved, 200);
    expect(moved.body!.type).toBe('exception');
    const fifth = listed.find((o) => o.originalStart === '2027-03-30T07:00:00Z')!;
    const cancelled = await s.graph('POST', `/users/${organizer.id}/events/${encodeURIComponent(fifth.id)}/cancel`, { comment: 'Away' });
    conforms('POST', '/users/{user-id}/events/{event-id}/cancel', cancelled, 202);

    for (const who of [organizer, attendee]) {
      const instances = await s.graph('GET', instancesPath(who.id, seriesId, ...window));
      conforms('GET', '/users/{user-id}/events/{event-id}/instances', instances, 200);
      const value = instances.body!.value as Body[];
      expect(value.map((o) => [o.originalStart, o.type, o.start.dateTime])).toEqual([
        ['2027-03-02T07:00:00Z', 'occurrence', '2027-03-02T07:00:00.0000000'],
        ['2027-03-09T07:00:00Z', 'exception', '2027-03-11T15:00:00.0000000'],
        ['2027-03-23T07:00:00Z', 'exception', '2027-03-23T08:00:00.0000000'],
        ['2027-04-06T07:00:00Z', 'occurrence', '2027-04-06T07:00:00.0000000'],
      ]);
      expect(value.find((o) => o.type === 'exception')!.id).toBe(listed[1]!.id); // a moved occurrence keeps its id
    }

    // calendarView: the series' occurrences as they are now, and a single event beside them.
    const single = await s.graph('POST', `/users/${attendee.id}/events`, {
      subject: 'Dentist',
      start: { dateTime: '2027-03-10T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-03-10T10:00:00', timeZone: 'UTC' },
    });
    const view = await s.graph('GET', `/users/${attendee.id}/calendarView?startDateTime=2027-03-08T00:00:00Z&endDateTime=2027-03-15T00:00:00Z`);
    conforms('GET', '/users/{user-id}/calendarView', view, 200);
    expect(view.body!.value.map((e: Body) => [e.id === single.body!.id ? 'single' : e.type, e.start.dateTime])).toEqual([
      ['single', '2027-03-10T09:00:00.0000000'],
      ['exception', '2027-03-11T15:00:00.0000000'],
    ]);

    // getSchedule: busy where the occurrence went, free where it was and where one was cancelled.
    const schedule = await s.graph('POST', `/users/${organizer.id}/calendar/getSchedule`, {
      schedules: [organizer.mail],
      startTime: { dateTime: '2027-03-08T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2027-03-22T00:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    });
    conformsGraph('POST', '/users/{user-id}/calendar/getSchedule', schedule, 200);
    const items = schedule.body!.value[0].scheduleItems.filter((i: Body) => i.subject === 'Flipside session') as Body[];
    expect(items.map((i) => [i.start.dateTime, i.isException])).toEqual([['2027-03-11T15:00:00.0000000', true]]);
  });

  it('keeps the series readable after its occurrences change, and answers 404 ErrorItemNotFound once it is deleted or cancelled', async () => {
    const { organizer, attendee, seriesId } = await createSeries();
    s.tenant.moveOccurrence(seriesId, at('2027-03-09T07:00:00Z'), at('2027-03-09T09:00:00Z'), at('2027-03-09T09:30:00Z'));
    const series = await s.graph('GET', `/users/${organizer.id}/events/${encodeURIComponent(seriesId)}`);
    conformsGraph('GET', '/users/{user-id}/events/{event-id}', series, 200);
    expect(series.body!.type).toBe('seriesMaster');
    expect((await s.graph('POST', `/users/${attendee.id}/events/${encodeURIComponent(seriesId)}/cancel`, {})).status).toBe(400); // organizer only
    expect((await s.graph('DELETE', `/users/${organizer.id}/events/${encodeURIComponent(seriesId)}`)).status).toBe(204);
    const gone = await s.graph('GET', instancesPath(organizer.id, seriesId, ...window));
    conforms('GET', '/users/{user-id}/events/{event-id}/instances', gone, 404);
    expect(gone.body!.error.code).toBe('ErrorItemNotFound');

    const other = await createSeries();
    conforms('POST', '/users/{user-id}/events/{event-id}/cancel', await s.graph('POST', `/users/${other.organizer.id}/events/${encodeURIComponent(other.seriesId)}/cancel`, {}), 202);
    expect((await s.graph('GET', instancesPath(other.attendee.id, other.seriesId, ...window))).status).toBe(404);
  });

  it('refuses to move an occurrence the series does not have', async () => {
    const { seriesId } = await createSeries();
    expect(() => s.tenant.moveOccurrence(seriesId, at('2027-03-03T07:00:00Z'), at('2027-03-03T08:00:00Z'), at('2027-03-03T08:30:00Z'))).toThrow(/no occurrence/);
    expect(() => s.tenant.cancelOccurrence(seriesId, at('2027-04-13T07:00:00Z'))).toThrow(/no occurrence/); // after the sixth
  });
});

describe('sandbox Graph: online meetings and attendance reports', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandboxGraph();
  });
  afterAll(async () => s?.close());
  afterEach(() => {
    s.tenant.attendance.policyGranted = true;
    s.tenant.attendance.joinRate = 0.85;
  });

  /** A weekly online series whose first occurrence is tomorrow by the sandbox clock. */
  async function onlineSeries(count: number) {
    const [organizer, attendee] = [s.org.people[30]!, s.org.people[31]!];
    const first = DateTime.fromJSDate(s.clock.now(), { zone: 'utc' }).plus({ days: 1 }).startOf('day');
    const created = await s.graph('POST', `/users/${organizer.id}/events`, weeklySeries(first, count, attendee));
    const originals = Array.from({ length: count }, (_, w) => first.plus({ weeks: w, hours: 7 }).toJSDate());
    return { organizer, attendee, event: created.body!, originals };
  }
  const meetingPath = (organizerId: string, meetingId: string) => `/users/${organizerId}/onlineMeetings/${encodeURIComponent(meetingId)}`;
  const byJoinUrl = (organizerId: string, joinUrl: string) => `/users/${organizerId}/onlineMeetings?$filter=${encodeURIComponent(`JoinWebUrl eq '${joinUrl}'`)}`;

  it('finds the meeting of an event by its join URL (case-insensitively), for the organizer only', async () => {
    const { organizer, attendee, event } = await onlineSeries(3);
    const joinUrl = event.onlineMeeting.joinUrl as string;
    const found = await s.graph('GET', byJoinUrl(organizer.id, joinUrl));
    conforms('GET', '/users/{user-id}/onlineMeetings', found, 200);
    expect(found.body!.value).toHaveLength(1);
    const meeting = found.body!.value[0];
    expect(meeting.joinWebUrl).toBe(joinUrl);
    expect((await s.graph('GET', byJoinUrl(organizer.id, joinUrl.toUpperCase()))).body!.value[0].id).toBe(meeting.id);
    expect((await s.graph('GET', byJoinUrl(organizer.id, 'https://teams.microsoft.com/l/meetup-join/nothing/0'))).body!.value).toEqual([]);
    expect((await s.graph('GET', byJoinUrl(attendee.id, joinUrl))).body!.value).toEqual([]);

    const got = await s.graph('GET', meetingPath(organizer.id, meeting.id));
    conforms('GET', '/users/{user-id}/onlineMeetings/{onlineMeeting-id}', got, 200);
    expect(got.body!.id).toBe(meeting.id);
    conforms('GET', '/users/{user-id}/onlineMeetings/{onlineMeeting-id}', await s.graph('GET', meetingPath(attendee.id, meeting.id)), 404);
    conforms('GET', '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports', await s.graph('GET', `${meetingPath(attendee.id, meeting.id)}/attendanceReports`), 404);
  });

  it('has a report per ended occurrence someone joined, with records, by the sandbox clock', async () => {
    const { organizer, attendee, event, originals } = await onlineSeries(4);
    const meetingId = (await s.graph('GET', byJoinUrl(organizer.id, event.onlineMeeting.joinUrl))).body!.value[0].id as string;
    const reportsPath = `${meetingPath(organizer.id, meetingId)}/attendanceReports`;
    s.tenant.attendance.joinRate = 1;
    const before = await s.graph('GET', reportsPath);
    conforms('GET', '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports', before, 200);
    expect(before.body!.value).toEqual([]); // nothing has ended yet

    s.clock.set(new Date(originals[1]!.getTime() + 31 * 60_000)); // just after the second ends
    const after = await s.graph('GET', reportsPath);
    conforms('GET', '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports', after, 200);
    const reports = after.body!.value as Body[];
    expect(reports).toHaveLength(2);
    expect(reports[0]!.attendanceRecords).toBeUndefined();
    expect(new Date(reports[0]!.meetingStartDateTime).getTime()).toBeGreaterThan(new Date(reports[1]!.meetingStartDateTime).getTime()); // newest first
    expect(reports.every((r) => r.totalParticipantCount === 2)).toBe(true);

    const expanded = await s.graph('GET', `${reportsPath}/${reports[1]!.id}?$expand=attendanceRecords`);
    conforms('GET', '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports/{meetingAttendanceReport-id}', expanded, 200);
    const records = expanded.body!.attendanceRecords as Body[];
    expect(records.map((r) => [r.identity.id, r.role, r.emailAddress]).sort()).toEqual(
      [
        [organizer.id, 'Organizer', organizer.mail],
        [attendee.id, 'Attendee', attendee.mail],
      ].sort(),
    );
    for (const r of records) {
      const [interval] = r.attendanceIntervals as Body[];
      const join = new Date(interval!.joinDateTime).getTime();
      const leave = new Date(interval!.leaveDateTime).getTime();
      expect(join).toBeGreaterThanOrEqual(originals[0]!.getTime() - 3 * 60_000);
      expect(join).toBeLessThanOrEqual(originals[0]!.getTime() + 15 * 60_000);
      expect(leave).toBeGreaterThan(join);
      expect(leave).toBeLessThanOrEqual(originals[0]!.getTime() + 33 * 60_000);
      expect(r.totalAttendanceInSeconds).toBe(interval!.durationInSeconds);
    }
    const listed = await s.graph('GET', `${reportsPath}/${reports[1]!.id}/attendanceRecords`);
    conforms('GET', '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports/{meetingAttendanceReport-id}/attendanceRecords', listed, 200);
    expect(listed.body!.value).toEqual(records);
    // The same reads give the same answers: attendance is generated, not random.
    expect((await s.graph('GET', `${reportsPath}/${reports[1]!.id}?$expand=attendanceRecords`)).body).toEqual(expanded.body);
  });

  it('generates attendance deterministically from the seed, event, occurrence and person, at the join rate', () => {
    const base = { eventId: 'AAMkAGx=', originalStart: at('2027-01-05T07:00:00Z'), start: at('2027-01-05T07:00:00Z'), end: at('2027-01-05T07:30:00Z'), joinRate: 0.85 };
    const people = Array.from({ length: 400 }, (_, i) => `person-${i}`);
    const a = generatedAttendance({ ...base, seed: 1, personIds: people });
    expect(generatedAttendance({ ...base, seed: 1, personIds: people })).toEqual(a);
    expect(generatedAttendance({ ...base, seed: 2, personIds: people })).not.toEqual(a);
    const joined = Object.keys(a).length;
    expect(joined).toBeGreaterThan(300);
    expect(joined).toBeLessThan(380);
    const intervals = Object.values(a).map(([i]) => i!);
    expect(intervals.some((i) => i.join.getTime() > base.start.getTime() + 60_000)).toBe(true); // some late
    expect(intervals.some((i) => i.leave.getTime() < base.end.getTime() - 60_000)).toBe(true); // some leave early
    expect(intervals.every((i) => i.join.getTime() <= base.start.getTime() + 15 * 60_000 && i.leave.getTime() >= base.end.getTime() - 20 * 60_000)).toBe(true);
    expect(generatedAttendance({ ...base, seed: 1, personIds: people, joinRate: 0 })).toEqual({});
  });

  it('takes an override per occurrence: nobody (no report), or given intervals; a moved occurrence reports at its new time, a cancelled one not at all', async () => {
    const { organizer, attendee, event, originals } = await onlineSeries(4);
    const meetingId = (await s.graph('GET', byJoinUrl(organizer.id, event.onlineMeeting.joinUrl))).body!.value[0].id as string;
    const reportsPath = `${meetingPath(organizer.id, meetingId)}/attendanceReports`;
    const o = (i: number, minutes: number) => new Date(originals[i]!.getTime() + minutes * 60_000);
    s.tenant.setAttendance(event.id, originals[0]!, {});
    s.tenant.setAttendance(event.id, originals[1]!, {
      [attendee.id]: [
        { join: o(1, 2), leave: o(1, 10) },
        { join: o(1, 12), leave: o(1, 30) },
      ],
    });
    s.tenant.moveOccurrence(event.id, originals[2]!, o(2, 24 * 60), o(2, 24 * 60 + 30));
    s.tenant.setAttendance(event.id, originals[2]!, { [organizer.id]: [{ join: o(2, 24 * 60), leave: o(2, 24 * 60 + 30) }] });
    s.tenant.cancelOccurrence(event.id, originals[3]!);
    s.clock.set(o(3, 24 * 60 * 7));
    const reports = (await s.graph('GET', reportsPath)).body!.value as Body[];
    expect(reports.map((r) => [r.meetingStartDateTime, r.totalParticipantCount])).toEqual([
      [o(2, 24 * 60).toISOString(), 1],
      [o(1, 2).toISOString(), 1],
    ]);
    const records = (await s.graph('GET', `${reportsPath}/${reports[1]!.id}/attendanceRecords`)).body!.value as Body[];
    expect(records).toHaveLength(1);
    expect(records[0]!.identity.id).toBe(attendee.id);
    expect(records[0]!.attendanceIntervals).toHaveLength(2);
    expect(records[0]!.totalAttendanceInSeconds).toBe(8 * 60 + 18 * 60);
    conforms('GET', '/users/{user-id}/onlineMeetings/{onlineMeeting-id}/attendanceReports/{meetingAttendanceReport-id}', await s.graph('GET', `${reportsPath}/not-a-report`), 404);
  });

  it('answers 403 on every onlineMeetings route without an application access policy, and without the roles', async () => {
    const { organizer, event } = await onlineSeries(1);
    const meetingId = (await s.graph('GET', byJoinUrl(organizer.id, event.onlineMeeting.joinUrl))).body!.value[0].id as string;
    s.tenant.attendance.policyGranted = false;
    const paths = [byJoinUrl(organizer.id, event.onlineMeeting.joinUrl), meetingPath(organizer.id, meetingId), `${meetingPath(organizer.id, meetingId)}/attendanceReports`];
    for (const path of paths) {
      const denied = await s.graph('GET', path);
      expect(denied.status).toBe(403);
      expect(denied.body!.error).toMatchObject({ code: 'Forbidden', message: 'No application access policy found for this app.' });
    }
    conforms('GET', '/users/{user-id}/onlineMeetings', await s.graph('GET', paths[0]!), 403);
    s.tenant.attendance.policyGranted = true;
    const withoutArtifacts = await s.appToken([...SANDBOX_APP_ROLES, ...MEETING_ROLES].filter((role) => role !== 'OnlineMeetingArtifact.Read.All'));
    const res = await fetch(`${s.base}${paths[2]}`, { headers: { authorization: `Bearer ${withoutArtifacts}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Body).error.code).toBe('Authorization_RequestDenied');
  });
});

/** A local notification endpoint, as Flipside's would be: records what it gets, behaves as told. */
async function startReceiver() {
  const received: { path: string; body: Body }[] = [];
  const validations: { path: string; token: string; contentType: string | undefined }[] = [];
  const behaviour = { validation: 'echo' as 'echo' | 'wrong' | 'fail' | 'json' | 'slow', failNext: 0 };
  const app = express();
  app.use(express.json());
  app.post(['/notify', '/lifecycle'], (req, res) => {
    const token = req.query.validationToken;
    if (typeof token === 'string') {
      validations.push({ path: req.path, token, contentType: req.headers['content-type'] });
      if (behaviour.validation === 'fail') return res.status(500).end();
      if (behaviour.validation === 'wrong') return res.type('text/plain').send('not the token');
      if (behaviour.validation === 'json') return res.json({ token });
      if (behaviour.validation === 'slow') return setTimeout(() => res.type('text/plain').send(token), 1500);
      return res.type('text/plain').send(token);
    }
    if (behaviour.failNext > 0) {
      behaviour.failNext--;
      return res.status(503).end();
    }
    received.push({ path: req.path, body: req.body as Body });
    res.status(202).end();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, validations, behaviour, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('sandbox Graph: change-notification subscriptions', () => {
  let s: Sandbox;
  let r: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    s = await startSandboxGraph();
    r = await startReceiver();
  });
  afterAll(async () => {
    await s?.close();
    await r?.close();
  });
  afterEach(async () => {
    await s.tenant.notificationsIdle();
    r.received.length = 0;
    r.validations.length = 0;
    r.behaviour.validation = 'echo';
    r.behaviour.failNext = 0;
    s.tenant.faults.lostNotificationRate = 0;
    s.tenant.subscriptions.validationTimeoutMs = 10_000;
  });

  const inDays = (days: number) => new Date(s.clock.now().getTime() + days * 86_400_000).toISOString();
  const subscribe = (userId: string, extra: Record<string, unknown> = {}) =>
    s.graph('POST', '/subscriptions', {
      changeType: 'created,updated,deleted',
      notificationUrl: `${r.url}/notify`,
      lifecycleNotificationUrl: `${r.url}/lifecycle`,
      resource: `/users/${userId}/events`,
      expirationDateTime: inDays(2),
      clientState: 'secret-123',
      ...extra,
    });
  /** A series organised by people[n] with people[n+1], and its subscription on the organizer's events. */
  async function seriesWithSubscription(n: number) {
    const [organizer, attendee] = [s.org.people[n]!, s.org.people[n + 1]!];
    const created = await s.graph('POST', `/users/${organizer.id}/events`, weeklySeries(DateTime.fromISO('2027-06-01', { zone: 'utc' }), 4, attendee));
    const sub = await subscribe(organizer.id);
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    await s.tenant.notificationsIdle();
    r.received.length = 0;
    return { organizer, attendee, seriesId: created.body!.id as string, subscription: sub.body! };
  }
  const firstOriginal = at('2027-06-01T07:00:00Z');

  it('validates the notification and lifecycle URLs before answering 201, as Graph does', async () => {
    const person = s.org.people[5]!;
    const created = await subscribe(person.id);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ resource: `/users/${person.id}/events`, changeType: 'created,updated,deleted', clientState: 'secret-123', notificationUrl: `${r.url}/notify` });
    expect(r.validations.map((v) => v.path)).toEqual(['/notify', '/lifecycle']);
    expect(r.validations[0]!.contentType).toMatch(/^text\/plain/);
    expect(r.validations[0]!.token.length).toBeGreaterThan(10);
    const listed = await s.graph('GET', '/subscriptions');
    expect(listed.body!.value.map((x: Body) => x.id)).toContain(created.body!.id);
  });

  it('refuses a subscription whose endpoint fails, echoes something else, answers JSON or is too slow', async () => {
    const person = s.org.people[6]!;
    const cases = [
      ['fail', 'ValidationError', /must respond with 200 OK/],
      ['wrong', 'ValidationError', /exactly match validationToken/],
      ['json', 'ValidationError', /text\/plain/],
      ['slow', 'InvalidRequest', /timed out/],
    ] as const;
    s.tenant.subscriptions.validationTimeoutMs = 300;
    for (const [behaviour, code, message] of cases) {
      r.behaviour.validation = behaviour;
      const refused = await subscribe(person.id);
      expect(refused.status, behaviour).toBe(400);
      expect(refused.body!.error.code).toBe(code);
      expect(refused.body!.error.message).toMatch(message);
      conforms('GET', '/users/{user-id}/calendarView', refused, 400); // Graph's error shape (the slice has no /subscriptions)
    }
    r.behaviour.validation = 'echo';
    expect((await s.graph('GET', '/subscriptions')).body!.value.every((x: Body) => x.resource !== `/users/${person.id}/events`)).toBe(true);
  });

  it('refuses an expiration more than 10,080 minutes ahead, or in the past', async () => {
    const person = s.org.people[7]!;
    expect((await subscribe(person.id, { expirationDateTime: inDays(7.01) })).body!.error.message).toMatch(/10080 minutes/);
    expect((await subscribe(person.id, { expirationDateTime: inDays(-1) })).status).toBe(400);
    expect((await subscribe(person.id, { expirationDateTime: inDays(6.99) })).status).toBe(201);
  });

  it('notifies on a move and a cancel, in Outlook or through Graph, after the change and with the clientState', async () => {
    const { organizer, seriesId, subscription } = await seriesWithSubscription(10);
    s.tenant.moveOccurrence(seriesId, firstOriginal, at('2027-06-02T07:00:00Z'), at('2027-06-02T07:30:00Z'));
    expect(r.received).toEqual([]); // delivered after the change, not inside it
    await s.tenant.notificationsIdle();
    expect(r.received).toHaveLength(1);
    const [n] = r.received[0]!.body.value as Body[];
    expect(n).toEqual({
      subscriptionId: subscription.id,
      subscriptionExpirationDateTime: subscription.expirationDateTime,
      changeType: 'updated',
      resource: `Users/${organizer.id}/Events/${seriesId}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `Users/${organizer.id}/Events/${seriesId}`, '@odata.etag': expect.any(String), id: seriesId },
      clientState: 'secret-123',
      tenantId: TENANT_ID,
    });

    const instances = (await s.graph('GET', instancesPath(organizer.id, seriesId, '2027-06-01T00:00:00Z', '2027-07-01T00:00:00Z'))).body!.value as Body[];
    expect((await s.graph('POST', `/users/${organizer.id}/events/${encodeURIComponent(instances[1]!.id)}/cancel`, {})).status).toBe(202);
    await s.tenant.notificationsIdle();
    expect(r.received.map((x) => x.body.value[0].changeType)).toEqual(['updated', 'updated']);
    expect((await s.graph('DELETE', `/users/${organizer.id}/events/${encodeURIComponent(seriesId)}`)).status).toBe(204);
    await s.tenant.notificationsIdle();
    expect(r.received.map((x) => x.body.value[0].changeType)).toEqual(['updated', 'updated', 'deleted']);
    expect(s.tenant.subscriptions.counters.delivered).toBeGreaterThanOrEqual(3);
  });

  it('notifies a subscription on an attendee’s events too, and retries a delivery that failed', async () => {
    const { attendee, seriesId } = await seriesWithSubscription(12);
    const onAttendee = await subscribe(attendee.id, { changeType: 'updated' });
    expect(onAttendee.status).toBe(201);
    await s.tenant.notificationsIdle();
    r.received.length = 0;
    r.behaviour.failNext = 2;
    const retriedBefore = s.tenant.subscriptions.counters.retried;
    s.tenant.cancelOccurrence(seriesId, firstOriginal);
    await s.tenant.notificationsIdle();
    expect(r.received.map((x) => x.body.value[0].resource).sort()).toEqual([`Users/${attendee.id}/Events/${seriesId}`, `Users/${s.org.people[12]!.id}/Events/${seriesId}`].sort());
    expect(s.tenant.subscriptions.counters.retried - retriedBefore).toBe(2);
  });

  it('renews with PATCH; an expired subscription delivers nothing and cannot be renewed', async () => {
    const { seriesId, subscription } = await seriesWithSubscription(14);
    const renewed = await s.graph('PATCH', `/subscriptions/${subscription.id}`, { expirationDateTime: inDays(3) });
    expect(renewed.status).toBe(200);
    expect(new Date(renewed.body!.expirationDateTime).getTime()).toBeGreaterThan(new Date(subscription.expirationDateTime).getTime());
    expect((await s.graph('PATCH', `/subscriptions/${subscription.id}`, { expirationDateTime: inDays(8) })).status).toBe(400);

    s.clock.advance(3 * 86_400_000 + 60_000);
    const expiredBefore = s.tenant.subscriptions.counters.expired;
    s.tenant.moveOccurrence(seriesId, firstOriginal, at('2027-06-01T09:00:00Z'), at('2027-06-01T09:30:00Z'));
    await s.tenant.notificationsIdle();
    expect(r.received).toEqual([]);
    expect(s.tenant.subscriptions.counters.expired).toBeGreaterThan(expiredBefore);
    expect((await s.graph('PATCH', `/subscriptions/${subscription.id}`, { expirationDateTime: inDays(1) })).status).toBe(404);
  });

  it('drops notifications on purpose at lostNotificationRate, deterministically counted', async () => {
    const { seriesId } = await seriesWithSubscription(16);
    s.tenant.faults.lostNotificationRate = 1;
    const lostBefore = s.tenant.subscriptions.counters.lost;
    s.tenant.cancelOccurrence(seriesId, firstOriginal);
    await s.tenant.notificationsIdle();
    expect(r.received).toEqual([]);
    expect(s.tenant.subscriptions.counters.lost).toBe(lostBefore + 1);

    s.tenant.faults.lostNotificationRate = 0.5;
    for (let i = 0; i < 20; i++) s.tenant.updateEvent(seriesId, { subject: `Renamed ${i}` });
    await s.tenant.notificationsIdle();
    expect(r.received.length).toBeGreaterThan(2);
    expect(r.received.length).toBeLessThan(18);
    expect(s.tenant.subscriptions.counters.lost).toBe(lostBefore + 1 + 20 - r.received.length);
  });

  it('posts lifecycle events to the lifecycle URL; subscriptionRemoved removes the subscription; DELETE stops notifications', async () => {
    const { seriesId, subscription } = await seriesWithSubscription(18);
    await s.tenant.sendLifecycle(subscription.id, 'reauthorizationRequired');
    await s.tenant.sendLifecycle(subscription.id, 'missed');
    expect(r.received.map((x) => [x.path, x.body.value[0].lifecycleEvent, x.body.value[0].clientState, x.body.value[0].subscriptionId])).toEqual([
      ['/lifecycle', 'reauthorizationRequired', 'secret-123', subscription.id],
      ['/lifecycle', 'missed', 'secret-123', subscription.id],
    ]);
    expect(r.received[0]!.body.value[0]).toMatchObject({ tenantId: TENANT_ID, resource: subscription.resource, subscriptionExpirationDateTime: subscription.expirationDateTime });
    await s.tenant.sendLifecycle(subscription.id, 'subscriptionRemoved');
    expect((await s.graph('GET', `/subscriptions/${subscription.id}`)).status).toBe(404);

    const other = await subscribe(s.org.people[18]!.id);
    expect((await s.graph('DELETE', `/subscriptions/${other.body!.id}`)).status).toBe(204);
    await s.tenant.notificationsIdle();
    r.received.length = 0;
    s.tenant.cancelOccurrence(seriesId, firstOriginal);
    await s.tenant.notificationsIdle();
    expect(r.received).toEqual([]);
  });
});
