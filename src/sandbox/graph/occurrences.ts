import { DateTime } from 'luxon';
import { eventResource, findEvent } from './calendar.ts';
import { badRequest, graphError, notFound, type SandboxRequest, type SandboxResponse } from './odata.ts';
import { expandOccurrences, formatDtz, occurrenceKey, outputZone, parseDtz, isPatternOccurrence, type Occurrence } from './recurrence.ts';
import type { SandboxEvent, SandboxTenant } from './tenant.ts';

/**
 * The occurrences of a series as Graph serves them: `/events/{id}/instances`, `/calendarView`,
 * and an occurrence's own id (GET, PATCH to move it, `cancel` or DELETE to cancel it).
 */

/**
 * An occurrence's id: the series id and its original start, so it is the same on every read and
 * survives a move (Graph's occurrence ids are opaque; a stable id is what matters to callers).
 */
export const occurrenceId = (seriesId: string, originalStart: DateTime | Date): string =>
  `${seriesId}_${DateTime.fromJSDate(originalStart instanceof Date ? originalStart : originalStart.toJSDate(), { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`;

export function parseOccurrenceId(id: string): { seriesId: string; originalStart: Date } | undefined {
  const m = /^(.+)_(\d{8}T\d{6}Z)$/.exec(id);
  if (!m) return undefined;
  const at = DateTime.fromFormat(m[2]!, "yyyyMMdd'T'HHmmss'Z'", { zone: 'utc' });
  return at.isValid ? { seriesId: m[1]!, originalStart: at.toJSDate() } : undefined;
}

const itemNotFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

/** Graph's time window for instances and calendarView: both bounds required, ISO 8601 (UTC unless an offset is given). */
function timeWindow(req: SandboxRequest): { from: DateTime; to: DateTime } | SandboxResponse {
  const raw = [req.query.get('startDateTime') ?? req.query.get('StartDateTime'), req.query.get('endDateTime') ?? req.query.get('EndDateTime')];
  if (!raw[0] || !raw[1]) return badRequest('This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.', 'ErrorInvalidParameter');
  const [from, to] = raw.map((v) => DateTime.fromISO(v!, { zone: 'utc', setZone: true }));
  if (!from!.isValid || !to!.isValid) return badRequest('StartDateTime and EndDateTime must be ISO 8601 dates and times.', 'ErrorInvalidParameter');
  if (to! <= from!) return badRequest('EndDateTime must be after StartDateTime.', 'ErrorInvalidParameter');
  return { from: from!, to: to! };
}

function withoutContext(resource: Record<string, unknown>): Record<string, unknown> {
  const { '@odata.context': _context, ...rest } = resource;
  return rest;
}

/** One occurrence as Graph shows it: the series' properties, its own id, times and type. */
function occurrenceResource(t: SandboxTenant, e: SandboxEvent, o: Occurrence, req: SandboxRequest, base: string): Record<string, unknown> {
  const out = outputZone(req);
  const series = withoutContext(eventResource(t, e, base));
  const exception = e.exceptions.get(occurrenceKey(o.originalStart));
  return {
    ...series,
    id: occurrenceId(e.id, o.originalStart),
    seriesMasterId: e.id,
    type: o.moved ? 'exception' : 'occurrence',
    recurrence: null,
    originalStart: o.originalStart.toUTC().toISO({ suppressMilliseconds: true }),
    originalStartTimeZone: (e.resource.start as { timeZone?: string } | undefined)?.timeZone ?? 'UTC',
    originalEndTimeZone: (e.resource.end as { timeZone?: string } | undefined)?.timeZone ?? 'UTC',
    lastModifiedDateTime: exception?.kind === 'moved' ? exception.lastModifiedDateTime : e.lastModifiedDateTime,
    start: formatDtz(o.start, out),
    end: formatDtz(o.end, out),
    isCancelled: false,
  };
}

/** The occurrence at its original start, with its actual times; undefined when the pattern has none there or it was cancelled. */
function occurrenceAt(e: SandboxEvent, originalStart: Date): Occurrence | undefined {
  if (!e.resource.recurrence || !isPatternOccurrence(e.resource, originalStart)) return undefined;
  const exception = e.exceptions.get(occurrenceKey(originalStart));
  if (exception?.kind === 'cancelled') return undefined;
  const zone = parseDtz(e.resource.start, 'start').zoneName!;
  const length = parseDtz(e.resource.end, 'end').diff(parseDtz(e.resource.start, 'start'));
  const original = DateTime.fromJSDate(originalStart, { zone });
  if (exception?.kind === 'moved') return { originalStart: original, start: DateTime.fromJSDate(exception.start, { zone }), end: DateTime.fromJSDate(exception.end, { zone }), moved: true };
  return { originalStart: original, start: original, end: original.plus(length), moved: false };
}

function findOccurrence(t: SandboxTenant, userId: string, id: string): { e: SandboxEvent; o: Occurrence } | SandboxResponse {
  const parsed = parseOccurrenceId(id);
  if (!parsed) return itemNotFound();
  const e = findEvent(t, userId, parsed.seriesId);
  if ('status' in e) return e;
  const o = occurrenceAt(e, parsed.originalStart);
  return o ? { e, o } : itemNotFound();
}

/** GET /users/{id}/events/{seriesId}/instances?startDateTime=&endDateTime= */
export function listInstances(t: SandboxTenant, req: SandboxRequest, userId: string, seriesId: string, base: string): SandboxResponse {
  const e = findEvent(t, userId, seriesId);
  if ('status' in e) return e;
  const window = timeWindow(req);
  if ('status' in window) return window;
  const value = e.resource.recurrence
    ? expandOccurrences(e.resource, e.exceptions, window.from, window.to).map((o) => occurrenceResource(t, e, o, req, base))
    : expandOccurrences(e.resource, e.exceptions, window.from, window.to).map(() => withoutContext(eventResource(t, e, base)));
  return { status: 200, body: { '@odata.context': `${base}/$metadata#users('${t.person(userId)!.id}')/events('${e.id}')/instances`, value } };
}

/** GET /users/{id}/calendarView?startDateTime=&endDateTime=: single events and occurrences of series in the window, by start. */
export function calendarView(t: SandboxTenant, req: SandboxRequest, userId: string, base: string): SandboxResponse {
  const p = t.person(userId);
  if (!p) return notFound(userId);
  const window = timeWindow(req);
  if ('status' in window) return window;
  const out = outputZone(req);
  const items = t.eventsOf(p.id).flatMap((e) =>
    expandOccurrences(e.resource, e.exceptions, window.from, window.to).map((o) => ({
      at: o.start.toMillis(),
      resource: e.resource.recurrence ? occurrenceResource(t, e, o, req, base) : { ...withoutContext(eventResource(t, e, base)), start: formatDtz(o.start, out), end: formatDtz(o.end, out) },
    })),
  );
  items.sort((a, b) => a.at - b.at);
  return { status: 200, body: { '@odata.context': `${base}/$metadata#users('${p.id}')/calendarView`, value: items.map((i) => i.resource) } };
}

/** GET /users/{id}/events/{occurrenceId} */
export function getOccurrence(t: SandboxTenant, req: SandboxRequest, userId: string, id: string, base: string): SandboxResponse {
  const found = findOccurrence(t, userId, id);
  if ('status' in found) return found;
  return { status: 200, body: { '@odata.context': `${base}/$metadata#users('${found.e.organizerId}')/events/$entity`, ...occurrenceResource(t, found.e, found.o, req, base) } };
}

/** PATCH /users/{id}/events/{occurrenceId} with start and/or end: moves that occurrence alone (it becomes an exception). */
export function moveOccurrence(t: SandboxTenant, req: SandboxRequest, userId: string, id: string, base: string): SandboxResponse {
  const found = findOccurrence(t, userId, id);
  if ('status' in found) return found;
  const { e, o } = found;
  if (e.organizerId !== t.person(userId)?.id) return graphError(403, 'ErrorAccessDenied', 'Only the organizer can update the event.');
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return badRequest('The request body must be an event.', 'RequestBodyRead');
  const other = Object.keys(body).find((k) => k !== 'start' && k !== 'end' && !k.startsWith('@odata'));
  // The sandbox keeps one set of properties per series: an occurrence differs only in its times.
  if (other) return badRequest(`The sandbox changes only start and end of an occurrence, not '${other}'.`, 'ErrorInvalidRequest');
  if (!body.start && !body.end) return badRequest('start or end is required to move an occurrence.', 'ErrorInvalidRequest');
  const start = body.start ? parseDtz(body.start, 'start') : o.start;
  const end = body.end ? parseDtz(body.end, 'end') : body.start ? start.plus(o.end.diff(o.start)) : o.end;
  if (end <= start) return badRequest('The end of the event must be after its start.', 'ErrorInvalidRequest');
  t.moveOccurrence(e.id, o.originalStart.toJSDate(), start.toJSDate(), end.toJSDate());
  return getOccurrence(t, req, userId, id, base);
}

/** POST /users/{id}/events/{id}/cancel: an occurrence id cancels that occurrence, a series or single event id cancels it all. Organizer only. */
export function cancel(t: SandboxTenant, userId: string, id: string): SandboxResponse {
  const found = parseOccurrenceId(id) ? findOccurrence(t, userId, id) : findEvent(t, userId, id);
  if ('status' in found) return found;
  const e = 'e' in found ? found.e : found;
  if (e.organizerId !== t.person(userId)?.id) return badRequest("Your request can't be completed. You need to be an organizer to cancel a meeting.", 'ErrorInvalidRequest');
  // Graph moves a cancelled event to Deleted Items: it is no longer among the mailbox's events.
  if ('o' in found) t.cancelOccurrence(e.id, found.o.originalStart.toJSDate());
  else t.deleteEvent(e.id);
  return { status: 202 };
}

/** DELETE /users/{id}/events/{occurrenceId}: removes that occurrence from the series. */
export function deleteOccurrence(t: SandboxTenant, userId: string, id: string): SandboxResponse {
  const found = findOccurrence(t, userId, id);
  if ('status' in found) return found;
  if (found.e.organizerId !== t.person(userId)?.id) return graphError(403, 'ErrorAccessDenied', 'Only the organizer can delete an occurrence of the series.');
  t.cancelOccurrence(found.e.id, found.o.originalStart.toJSDate());
  return { status: 204 };
}
