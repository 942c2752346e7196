import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { generatedAttendance, type Intervals } from './attendance.ts';
import { joinUrlOf, meetingThreadOf } from './calendar.ts';
import { badRequest, graphError, notFound, type SandboxRequest, type SandboxResponse } from './odata.ts';
import { expandOccurrences, occurrenceKey, parseDtz } from './recurrence.ts';
import type { SandboxEvent, SandboxTenant } from './tenant.ts';

/**
 * Teams online meetings behind the tenant's online events, and their attendance reports: one
 * report per occurrence that has ended by the sandbox clock and that someone joined, readable by
 * the organizer only, as Graph serves them (`/users/{organizer}/onlineMeetings/…`).
 */

const MAX_REPORTS = 50;

/** The meeting id Teams gives an event's meeting: base64 of organizer and thread (url-safe here, so it sits in a path). */
export const meetingIdOf = (e: SandboxEvent): string => `MSo${Buffer.from(`1*${e.organizerId}*0**${meetingThreadOf(e)}`).toString('base64url')}`;

/** A stable GUID-shaped id from text (report ids are GUIDs in Graph). */
function guidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const meetingNotFound = () => graphError(404, 'NotFound', 'The requested online meeting was not found.');

/** Graph refuses app-only access to online meetings unless an application access policy grants it. */
export function policyDenied(t: SandboxTenant, req: SandboxRequest): SandboxResponse | undefined {
  if (req.caller.kind === 'app' && !t.attendance.policyGranted) return graphError(403, 'Forbidden', 'No application access policy found for this app.');
  return undefined;
}

/** The organizer's online event behind a meeting id; another person's path finds nothing. */
function findMeeting(t: SandboxTenant, userId: string, meetingId: string): SandboxEvent | SandboxResponse {
  const p = t.person(userId);
  if (!p) return notFound(userId);
  const e = [...t.events.values()].find((x) => x.organizerId === p.id && x.resource.isOnlineMeeting && meetingIdOf(x) === meetingId);
  return e ?? meetingNotFound();
}

function meetingResource(t: SandboxTenant, e: SandboxEvent): Record<string, unknown> {
  const identity = (id: string) => {
    const p = t.org.byId.get(id);
    return { upn: p?.userPrincipalName ?? null, role: id === e.organizerId ? 'presenter' : 'attendee', identity: { user: { id, displayName: p?.displayName ?? null, tenantId: t.org.tenantId } } };
  };
  return {
    id: meetingIdOf(e),
    subject: String(e.resource.subject ?? ''),
    creationDateTime: e.createdDateTime,
    startDateTime: parseDtz(e.resource.start, 'start').toUTC().toISO(),
    endDateTime: parseDtz(e.resource.end, 'end').toUTC().toISO(),
    joinWebUrl: joinUrlOf(e),
    joinUrl: joinUrlOf(e),
    chatInfo: { threadId: meetingThreadOf(e), messageId: '0', replyChainMessageId: null },
    participants: {
      organizer: identity(e.organizerId),
      attendees: t
        .mailboxesOf(e)
        .filter((id) => id !== e.organizerId)
        .map(identity),
    },
    allowedPresenters: 'everyone',
    isEntryExitAnnounced: false,
    recordAutomatically: false,
  };
}

/** An OData string literal: single quotes, a quote doubled inside. */
const FILTER = /^\s*joinWebUrl\s+eq\s+'((?:[^']|'')*)'\s*$/i;

function normalizeUrl(url: string): string {
  try {
    return decodeURIComponent(url).toLowerCase();
  } catch {
    return url.toLowerCase(); // a lone % is compared as written
  }
}

/** GET /users/{organizerId}/onlineMeetings?$filter=JoinWebUrl eq '{joinUrl}' */
export function listMeetings(t: SandboxTenant, req: SandboxRequest, userId: string, base: string): SandboxResponse {
  const p = t.person(userId);
  if (!p) return notFound(userId);
  const filter = req.query.get('$filter');
  if (!filter) return badRequest('This API requires a $filter on JoinWebUrl or joinMeetingIdSettings/joinMeetingId.', 'BadRequest');
  const m = FILTER.exec(filter);
  if (!m) return badRequest(`The filter '${filter}' is not supported: use JoinWebUrl eq '{joinWebUrl}'.`, 'BadRequest');
  const wanted = normalizeUrl(m[1]!.replace(/''/g, "'"));
  const value = [...t.events.values()].filter((e) => e.organizerId === p.id && e.resource.isOnlineMeeting && normalizeUrl(joinUrlOf(e)) === wanted).map((e) => meetingResource(t, e));
  return { status: 200, body: { '@odata.context': `${base}/$metadata#users('${p.id}')/onlineMeetings`, value } };
}

/** GET /users/{organizerId}/onlineMeetings/{meetingId} */
export function getMeeting(t: SandboxTenant, userId: string, meetingId: string, base: string): SandboxResponse {
  const e = findMeeting(t, userId, meetingId);
  if ('status' in e) return e;
  return { status: 200, body: { '@odata.context': `${base}/$metadata#users('${e.organizerId}')/onlineMeetings/$entity`, ...meetingResource(t, e) } };
}

interface Report {
  id: string;
  start: Date;
  end: Date;
  people: Record<string, Intervals>;
}

/** The meeting's reports: occurrences ended by the sandbox clock that someone joined, the 50 most recent, newest first. */
function reportsOf(t: SandboxTenant, e: SandboxEvent): Report[] {
  const now = DateTime.fromJSDate(t.clock.now());
  const first = parseDtz(e.resource.start, 'start');
  const personIds = t.mailboxesOf(e);
  const reports: Report[] = [];
  for (const o of expandOccurrences(e.resource, e.exceptions, first.minus({ days: 366 }), now)) {
    if (o.end > now) continue;
    const key = occurrenceKey(o.originalStart);
    const people =
      t.attendanceOverrides.get(e.id)?.get(key) ??
      generatedAttendance({ seed: t.org.seed, eventId: e.id, originalStart: o.originalStart.toJSDate(), start: o.start.toJSDate(), end: o.end.toJSDate(), personIds, joinRate: t.attendance.joinRate });
    const intervals = Object.values(people).flat();
    if (intervals.length === 0) continue;
    reports.push({
      id: guidOf(`${e.id}|${key}`),
      start: new Date(Math.min(...intervals.map((i) => i.join.getTime()))),
      end: new Date(Math.max(...intervals.map((i) => i.leave.getTime()))),
      people,
    });
  }
  return reports.sort((a, b) => b.start.getTime() - a.start.getTime()).slice(0, MAX_REPORTS);
}

function recordsOf(t: SandboxTenant, e: SandboxEvent, r: Report): Record<string, unknown>[] {
  return Object.entries(r.people)
    .filter(([, intervals]) => intervals.length > 0)
    .map(([personId, intervals]) => {
      const p = t.org.byId.get(personId);
      const attendanceIntervals = intervals.map((i) => ({
        joinDateTime: i.join.toISOString(),
        leaveDateTime: i.leave.toISOString(),
        durationInSeconds: Math.round((i.leave.getTime() - i.join.getTime()) / 1000),
      }));
      return {
        id: personId,
        emailAddress: p?.mail ?? null,
        identity: { '@odata.type': '#microsoft.graph.communicationsUserIdentity', id: personId, displayName: p?.displayName ?? null, tenantId: t.org.tenantId },
        role: personId === e.organizerId ? 'Organizer' : 'Attendee',
        totalAttendanceInSeconds: attendanceIntervals.reduce((sum, i) => sum + i.durationInSeconds, 0),
        attendanceIntervals,
        registrationId: null,
        externalRegistrationInformation: null,
      };
    });
}

function reportResource(t: SandboxTenant, e: SandboxEvent, r: Report, expand: boolean): Record<string, unknown> {
  const records = recordsOf(t, e, r);
  return {
    id: r.id,
    totalParticipantCount: records.length,
    meetingStartDateTime: r.start.toISOString(),
    meetingEndDateTime: r.end.toISOString(),
    externalEventInformation: [],
    ...(expand ? { attendanceRecords: records } : {}),
  };
}

function findReport(t: SandboxTenant, userId: string, meetingId: string, reportId: string): { e: SandboxEvent; r: Report } | SandboxResponse {
  const e = findMeeting(t, userId, meetingId);
  if ('status' in e) return e;
  const r = reportsOf(t, e).find((x) => x.id === reportId);
  return r ? { e, r } : graphError(404, 'NotFound', 'The requested attendance report was not found.');
}

/** GET …/onlineMeetings/{meetingId}/attendanceReports */
export function listReports(t: SandboxTenant, userId: string, meetingId: string, base: string): SandboxResponse {
  const e = findMeeting(t, userId, meetingId);
  if ('status' in e) return e;
  const value = reportsOf(t, e).map((r) => reportResource(t, e, r, false));
  return { status: 200, body: { '@odata.context': `${base}/$metadata#users('${e.organizerId}')/onlineMeetings('${meetingId}')/attendanceReports`, value } };
}

/** GET …/attendanceReports/{reportId}, with `$expand=attendanceRecords` for the records inline. */
export function getReport(t: SandboxTenant, req: SandboxRequest, userId: string, meetingId: string, reportId: string, base: string): SandboxResponse {
  const found = findReport(t, userId, meetingId, reportId);
  if ('status' in found) return found;
  const expand = req.query.get('$expand');
  if (expand && expand.trim().toLowerCase() !== 'attendancerecords')
    return badRequest(`Could not find a navigation property named '${expand}' on type 'microsoft.graph.meetingAttendanceReport'.`, 'BadRequest');
  return {
    status: 200,
    body: { '@odata.context': `${base}/$metadata#users('${found.e.organizerId}')/onlineMeetings('${meetingId}')/attendanceReports/$entity`, ...reportResource(t, found.e, found.r, !!expand) },
  };
}

/** GET …/attendanceReports/{reportId}/attendanceRecords */
export function listRecords(t: SandboxTenant, userId: string, meetingId: string, reportId: string, base: string): SandboxResponse {
  const found = findReport(t, userId, meetingId, reportId);
  if ('status' in found) return found;
  return {
    status: 200,
    body: {
      '@odata.context': `${base}/$metadata#users('${found.e.organizerId}')/onlineMeetings('${meetingId}')/attendanceReports('${reportId}')/attendanceRecords`,
      value: recordsOf(t, found.e, found.r),
    },
  };
}
