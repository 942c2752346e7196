import { DateTime } from 'luxon';
import { generatedItems, type CalendarItem } from '../org/index.ts';
import { badRequest, graphError, notFound, GraphFailure, type SandboxRequest, type SandboxResponse } from './odata.ts';
import { expandOccurrences, formatInstant, outputZone, parseDtz, type Occurrence } from './recurrence.ts';
import type { SandboxEvent, SandboxTenant } from './tenant.ts';

type Status = CalendarItem['status'];
const DIGIT: Record<Status, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };
const RANK: Record<Status, number> = { free: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };
const DIGIT_OF_RANK = (Object.keys(RANK) as Status[]).sort((a, b) => RANK[a] - RANK[b]).map((s) => DIGIT[s]);
const MAX_SCHEDULES = 20;
const MAX_WINDOW_DAYS = 62;

/** Occurrences of a created event inside [from, to), at their actual times (moved and cancelled occurrences honoured). */
export function expandEvent(e: SandboxEvent, from: DateTime, to: DateTime): Occurrence[] {
  return expandOccurrences(e.resource, e.exceptions, from, to);
}

/** POST /users/{id}/calendar/getSchedule: free/busy of up to 20 people, with their working hours. */
export function getSchedule(t: SandboxTenant, req: SandboxRequest, id: string): SandboxResponse {
  if (!t.person(id)) return notFound(id);
  const body = (req.body ?? {}) as Record<string, unknown>;
  // Graph accepts the CSDL's PascalCase names as well as the documented camelCase.
  const schedules = (body.schedules ?? body.Schedules) as unknown;
  if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((s) => typeof s === 'string')) {
    return badRequest('schedules: a list of SMTP addresses is required.', 'ErrorInvalidRequest');
  }
  if (schedules.length > MAX_SCHEDULES) return badRequest(`schedules: at most ${MAX_SCHEDULES} people per request, got ${schedules.length}.`, 'ErrorExceededFindCountLimit');
  const start = parseDtz(body.startTime ?? body.StartTime, 'startTime');
  const end = parseDtz(body.endTime ?? body.EndTime, 'endTime');
  if (end <= start) return badRequest('endTime must be after startTime.', 'ErrorInvalidRequest');
  if (end.diff(start, 'days').days >= MAX_WINDOW_DAYS) return badRequest(`The time window must be shorter than ${MAX_WINDOW_DAYS} days.`, 'ErrorInvalidRequest');
  const interval = Number(body.availabilityViewInterval ?? body.AvailabilityViewInterval ?? 30);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) return badRequest('availabilityViewInterval must be between 5 and 1440 minutes.', 'ErrorInvalidRequest');
  const out = outputZone(req);

  const value = (schedules as string[]).map((address) => {
    const p = t.person(address);
    if (!p) return { scheduleId: address, availabilityView: '', scheduleItems: [], error: { message: `The user ${address} was not found.`, responseCode: 'ErrorMailRecipientNotFound' } };
    if (t.org.personas.mailboxError === p.id) {
      return { scheduleId: address, availabilityView: '', scheduleItems: [], error: { message: 'The mailbox database is temporarily unavailable.', responseCode: 'ErrorMailboxStoreUnavailable' } };
    }
    // Milliseconds throughout: a calendar is hundreds of items, and luxon per item was most of the sandbox's time.
    const startMs = start.toMillis();
    const items: { startMs: number; endMs: number; status: Status; subject: string; isRecurring: boolean; isException: boolean }[] = [
      ...generatedItems(t.org, p, start.toJSDate(), end.toJSDate()).map((i) => ({
        startMs: i.startMs,
        endMs: i.endMs,
        status: i.status,
        subject: i.subject,
        isRecurring: i.isRecurring,
        isException: false,
      })),
      ...t.eventsOf(p.id).flatMap((e) =>
        expandEvent(e, start, end).map((o) => ({
          startMs: o.start.toMillis(),
          endMs: o.end.toMillis(),
          isException: o.moved,
          status: (e.resource.showAs as Status | undefined) ?? 'busy',
          subject: String(e.resource.subject ?? ''),
          isRecurring: !!e.resource.recurrence,
        })),
      ),
    ].sort((a, b) => a.startMs - b.startMs);
    const slots = Math.ceil((end.toMillis() - startMs) / 60_000 / interval);
    // Per interval the highest-ranked status over it (ranks in a byte array: thousands of intervals a person).
    const view = new Uint8Array(slots);
    for (const item of items) {
      const first = Math.max(0, Math.floor((item.startMs - startMs) / 60_000 / interval));
      const last = Math.min(slots, Math.ceil((item.endMs - startMs) / 60_000 / interval));
      const rank = RANK[item.status];
      for (let i = first; i < last; i++) if (rank > view[i]!) view[i] = rank;
    }
    let availabilityView = '';
    for (const rank of view) availabilityView += DIGIT_OF_RANK[rank];
    return {
      scheduleId: address,
      availabilityView,
      scheduleItems: items.map((i) => ({
        isPrivate: false,
        status: i.status,
        subject: i.subject,
        location: '',
        isMeeting: i.status !== 'oof',
        isRecurring: i.isRecurring,
        isException: i.isException,
        isReminderSet: true,
        start: formatInstant(i.startMs, out),
        end: formatInstant(i.endMs, out),
      })),
      workingHours: {
        daysOfWeek: p.workingHours.daysOfWeek,
        startTime: p.workingHours.startTime,
        endTime: p.workingHours.endTime,
        timeZone: { name: p.workingHours.timeZone },
      },
    };
  });
  return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value } };
}

const EVENT_FIELDS = [
  'subject',
  'body',
  'start',
  'end',
  'recurrence',
  'attendees',
  'location',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'showAs',
  'isReminderOn',
  'transactionId',
  'allowNewTimeProposals',
  'responseRequested',
];

export function validateEvent(body: Record<string, unknown>, partial: boolean): void {
  for (const key of Object.keys(body)) {
    if (!EVENT_FIELDS.includes(key) && !key.startsWith('@odata')) throw new GraphFailure(badRequest(`Property '${key}' does not exist on type 'microsoft.graph.event'.`, 'RequestBodyRead'));
  }
  if (!partial || body.start) parseDtz(body.start, 'start');
  if (!partial || body.end) parseDtz(body.end, 'end');
  if (body.start && body.end && parseDtz(body.end, 'end') <= parseDtz(body.start, 'start')) throw new GraphFailure(badRequest('The end of the event must be after its start.', 'ErrorInvalidRequest'));
  const rec = body.recurrence as { pattern?: { type?: string; interval?: number; daysOfWeek?: unknown }; range?: { type?: string; startDate?: string; endDate?: string } } | null | undefined;
  if (rec) {
    const types = ['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly'];
    if (!rec.pattern || !types.includes(rec.pattern.type ?? '')) throw new GraphFailure(badRequest(`recurrence.pattern.type must be one of ${types.join(', ')}.`, 'ErrorInvalidRecurrence'));
    if (rec.pattern.interval !== undefined && (!Number.isInteger(rec.pattern.interval) || rec.pattern.interval < 1))
      throw new GraphFailure(badRequest('recurrence.pattern.interval must be a positive integer.', 'ErrorInvalidRecurrence'));
    if (rec.pattern.type === 'weekly' && (!Array.isArray(rec.pattern.daysOfWeek) || rec.pattern.daysOfWeek.length === 0))
      throw new GraphFailure(badRequest('recurrence.pattern.daysOfWeek is required for a weekly pattern.', 'ErrorInvalidRecurrence'));
    if (!rec.range || !['endDate', 'noEnd', 'numbered'].includes(rec.range.type ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(rec.range.startDate ?? ''))
      throw new GraphFailure(badRequest('recurrence.range needs a type (endDate, noEnd, numbered) and a startDate (yyyy-MM-dd).', 'ErrorInvalidRecurrence'));
    if (rec.range.type === 'endDate' && !/^\d{4}-\d{2}-\d{2}$/.test(rec.range.endDate ?? ''))
      throw new GraphFailure(badRequest('recurrence.range.endDate (yyyy-MM-dd) is required for an endDate range.', 'ErrorInvalidRecurrence'));
  }
  if (body.attendees !== undefined && !Array.isArray(body.attendees)) throw new GraphFailure(badRequest('attendees must be a list.', 'RequestBodyRead'));
}

/** The Teams thread of an online event's meeting (the join URL and the meeting id derive from it). */
export const meetingThreadOf = (e: SandboxEvent): string => `19:meeting_${Buffer.from(e.id).toString('hex').slice(0, 24)}@thread.v2`;

/** The Teams join link of an event with `isOnlineMeeting`, stable per event (Teams writes it percent-encoded, lower-case `%3a`). */
export const joinUrlOf = (e: SandboxEvent): string => `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${Buffer.from(e.id).toString('hex').slice(0, 24)}%40thread.v2/0`;

export function eventResource(t: SandboxTenant, e: SandboxEvent, base: string): Record<string, unknown> {
  const organizer = t.org.byId.get(e.organizerId);
  const r = e.resource;
  return {
    '@odata.context': `${base}/$metadata#users('${e.organizerId}')/events/$entity`,
    id: e.id,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: e.lastModifiedDateTime,
    iCalUId: `040000008200E00074C5B7101A82E008${Buffer.from(e.id).toString('hex').slice(0, 32)}`,
    type: r.recurrence ? 'seriesMaster' : 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.id)}&exvsurl=1&path=/calendar/item`,
    isCancelled: false,
    showAs: 'busy',
    organizer: { emailAddress: { name: organizer?.displayName ?? '', address: organizer?.mail ?? '' } },
    ...r,
    attendees: ((r.attendees as { emailAddress: unknown; type?: string }[] | undefined) ?? []).map((a) => ({
      type: a.type ?? 'required',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: a.emailAddress,
    })),
    transactionId: e.transactionId,
    onlineMeeting: r.isOnlineMeeting ? { joinUrl: joinUrlOf(e) } : null,
  };
}

export function createEvent(t: SandboxTenant, req: SandboxRequest, userId: string, base: string): SandboxResponse {
  const organizer = t.person(userId);
  if (!organizer) return notFound(userId);
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return badRequest('The request body must be an event.', 'RequestBodyRead');
  validateEvent(body, false);
  const transactionId = typeof body.transactionId === 'string' ? body.transactionId : null;
  const { event, created } = t.createEvent(organizer.id, transactionId, { ...body });
  // A repeated transactionId returns the event created the first time, not a second one.
  return { status: created ? 201 : 200, body: eventResource(t, event, base) };
}

export function findEvent(t: SandboxTenant, userId: string, eventId: string): SandboxEvent | SandboxResponse {
  const p = t.person(userId);
  if (!p) return notFound(userId);
  const e = t.events.get(eventId);
  if (!e || !t.eventsOf(p.id).includes(e)) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return e;
}

export function getEvent(t: SandboxTenant, userId: string, eventId: string, base: string): SandboxResponse {
  const e = findEvent(t, userId, eventId);
  return 'status' in e ? e : { status: 200, body: eventResource(t, e, base) };
}

export function listEvents(t: SandboxTenant, userId: string, base: string): SandboxResponse {
  const p = t.person(userId);
  if (!p) return notFound(userId);
  return { status: 200, body: { '@odata.context': `${base}/$metadata#users('${p.id}')/events`, value: t.eventsOf(p.id).map((e) => eventResource(t, e, base)) } };
}

export function updateEvent(t: SandboxTenant, req: SandboxRequest, userId: string, eventId: string, base: string): SandboxResponse {
  const e = findEvent(t, userId, eventId);
  if ('status' in e) return e;
  if (e.organizerId !== t.person(userId)?.id) return graphError(403, 'ErrorAccessDenied', 'Only the organizer can update the event.');
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return badRequest('The request body must be an event.', 'RequestBodyRead');
  validateEvent(body, true);
  return { status: 200, body: eventResource(t, t.updateEvent(e.id, body), base) };
}

export function deleteEvent(t: SandboxTenant, userId: string, eventId: string): SandboxResponse {
  const e = findEvent(t, userId, eventId);
  if ('status' in e) return e;
  t.deleteEvent(e.id);
  return { status: 204 };
}
