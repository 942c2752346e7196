import { DateTime } from 'luxon';
import { toIanaZone } from '../../domain/shared/time-zones.ts';
import { badRequest, GraphFailure, type SandboxRequest } from './odata.ts';

/**
 * Time on the wire as Graph writes it (dateTimeTimeZone, Windows or IANA zone names) and the
 * expansion of a series into its occurrences, honouring per-occurrence exceptions (moved or
 * cancelled, as someone does in Outlook). Kept apart from calendar.ts so the tenant, the
 * calendar routes and the occurrence routes share one notion of "the occurrences of a series".
 */

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

export function zoneOf(name: string | undefined, what: string): string {
  const zone = toIanaZone(name ?? 'UTC');
  if (!zone) throw new GraphFailure(badRequest(`${what}: time zone '${name}' is not supported.`, 'ErrorTimeZoneNotSupported'));
  return zone;
}

export function parseDtz(value: unknown, what: string): DateTime {
  const v = value as Partial<DateTimeTimeZone> | undefined;
  if (!v || typeof v.dateTime !== 'string') throw new GraphFailure(badRequest(`${what}: a dateTime and timeZone are required.`, 'ErrorInvalidRequest'));
  const dt = DateTime.fromISO(v.dateTime.replace(/Z$/, ''), { zone: zoneOf(v.timeZone, what) });
  if (!dt.isValid) throw new GraphFailure(badRequest(`${what}: '${v.dateTime}' is not a valid date and time.`, 'ErrorInvalidRequest'));
  return dt;
}

export function formatDtz(instant: DateTime, outZone: { iana: string; name: string }): DateTimeTimeZone {
  return { dateTime: instant.setZone(outZone.iana).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'0000'"), timeZone: outZone.name };
}

const HOUR_MS = 3_600_000;
/** Per zone, per UTC hour: the offset (numbers as keys, no string built per lookup). */
const offsets = new Map<string, Map<number, number>>();

/** UTC offset in minutes of `zone` at `ms`: luxon (Intl) once per zone and hour in which the offset holds still, else exactly. */
function offsetAt(zone: string, ms: number): number {
  if (zone === 'Etc/UTC' || zone === 'UTC') return 0; // what Flipside asks for (Prefer: outlook.timezone="UTC"): no lookup at all
  const hour = Math.floor(ms / HOUR_MS);
  let byHour = offsets.get(zone);
  if (!byHour) offsets.set(zone, (byHour = new Map()));
  const cached = byHour.get(hour);
  if (cached !== undefined) return cached;
  const first = DateTime.fromMillis(hour * HOUR_MS, { zone }).offset;
  const last = DateTime.fromMillis((hour + 1) * HOUR_MS - 1, { zone }).offset;
  // No zone changes its offset twice inside one hour: the same at both ends means the same throughout.
  if (first !== last) return DateTime.fromMillis(ms, { zone }).offset;
  if (byHour.size > 100_000) byHour.clear(); // a cache: answers never depend on it
  byHour.set(hour, first);
  return first;
}

/** `formatDtz` for an instant in UTC milliseconds, without luxon per call (same text). */
export function formatInstant(ms: number, outZone: { iana: string; name: string }): DateTimeTimeZone {
  const local = new Date(ms + offsetAt(outZone.iana, ms) * 60_000).toISOString();
  return { dateTime: `${local.slice(0, 23)}0000`, timeZone: outZone.name };
}

/** Graph's `Prefer: outlook.timezone="..."`, UTC when absent. */
export function outputZone(req: SandboxRequest): { iana: string; name: string } {
  const m = /outlook\.timezone="([^"]+)"/i.exec(req.headers.prefer ?? '');
  const name = m?.[1] ?? 'UTC';
  return { iana: zoneOf(name, 'Prefer: outlook.timezone'), name };
}

/** What happened to one occurrence on its own: moved to new times, or cancelled. */
export type OccurrenceException = { kind: 'moved'; start: Date; end: Date; lastModifiedDateTime: string } | { kind: 'cancelled' };

/** Per series: exceptions keyed by the occurrence's original start (UTC ISO, as `originalStart`). */
export type Exceptions = ReadonlyMap<string, OccurrenceException>;

export interface Occurrence {
  /** Where the series' pattern put it. */
  originalStart: DateTime;
  start: DateTime;
  end: DateTime;
  /** Moved on its own (Graph's `type: exception`). */
  moved: boolean;
}

interface EventTimes {
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  recurrence?: { pattern: { type: string; interval?: number; daysOfWeek?: string[] }; range: { type: string; startDate: string; endDate?: string; numberOfOccurrences?: number } } | null;
  isCancelled?: boolean;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const occurrenceKey = (originalStart: Date | DateTime): string => (originalStart instanceof Date ? originalStart : originalStart.toJSDate()).toISOString();

/** The pattern's occurrences (original times) whose original start is before `to`, and that end after `from`. */
function patternOccurrences(r: EventTimes, from: DateTime, to: DateTime): { start: DateTime; end: DateTime }[] {
  const start = parseDtz(r.start, 'start');
  const end = parseDtz(r.end, 'end');
  const length = end.diff(start);
  if (!r.recurrence) return start < to && end > from ? [{ start, end }] : [];
  const { pattern, range } = r.recurrence;
  const zone = start.zoneName!;
  const interval = Math.max(1, pattern.interval ?? 1);
  const rangeStart = DateTime.fromISO(range.startDate, { zone });
  const rangeEnd = range.type === 'endDate' && range.endDate ? DateTime.fromISO(range.endDate, { zone }).endOf('day') : to;
  const maxCount = range.type === 'numbered' ? (range.numberOfOccurrences ?? 1) : Infinity;
  const days = pattern.type === 'daily' ? WEEKDAYS : (pattern.daysOfWeek ?? [WEEKDAYS[start.weekday - 1]!]).map((d) => d.toLowerCase());
  const out: { start: DateTime; end: DateTime }[] = [];
  let count = 0;
  const firstWeek = rangeStart.startOf('week');
  for (let day = rangeStart; day <= rangeEnd && day < to && count < maxCount; day = day.plus({ days: 1 })) {
    const weeks = Math.floor(day.startOf('week').diff(firstWeek, 'weeks').weeks + 1e-9);
    const dayInterval = pattern.type === 'daily' ? Math.round(day.diff(rangeStart, 'days').days) % interval === 0 : weeks % interval === 0;
    if (!days.includes(WEEKDAYS[day.weekday - 1]!) || !dayInterval) continue;
    const s = day.set({ hour: start.hour, minute: start.minute, second: 0, millisecond: 0 });
    count++; // a cancelled occurrence still counts: cancelling one does not lengthen a numbered series
    const occurrenceEnd = s.plus(length);
    if (s < to && occurrenceEnd > from) out.push({ start: s, end: occurrenceEnd });
  }
  return out;
}

/**
 * Occurrences of an event that overlap [from, to) at their actual times: single events, and daily /
 * weekly series with their exceptions applied — a cancelled occurrence is absent, a moved one is
 * where it was moved to (so it can enter or leave the window).
 */
export function expandOccurrences(resource: Record<string, unknown>, exceptions: Exceptions, from: DateTime, to: DateTime): Occurrence[] {
  const r = resource as unknown as EventTimes;
  if (r.isCancelled) return [];
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  const add = (originalStart: DateTime, plannedEnd: DateTime) => {
    const key = occurrenceKey(originalStart);
    if (seen.has(key)) return;
    seen.add(key);
    const exception = exceptions.get(key);
    if (exception?.kind === 'cancelled') return;
    const start = exception ? DateTime.fromJSDate(exception.start, { zone: originalStart.zoneName! }) : originalStart;
    const end = exception ? DateTime.fromJSDate(exception.end, { zone: originalStart.zoneName! }) : plannedEnd;
    if (start < to && end > from) out.push({ originalStart, start, end, moved: !!exception });
  };
  for (const o of patternOccurrences(r, from, to)) add(o.start, o.end);
  if (r.recurrence) {
    const zone = parseDtz(r.start, 'start').zoneName!;
    const length = parseDtz(r.end, 'end').diff(parseDtz(r.start, 'start'));
    // Moved occurrences whose original time lies outside the window but whose new one is inside.
    for (const [key, exception] of exceptions) if (exception.kind === 'moved') add(DateTime.fromISO(key, { zone }), DateTime.fromISO(key, { zone }).plus(length));
  }
  return out.sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

/** Whether `originalStart` is an occurrence the series' pattern produces (moved or cancelled ones included). */
export function isPatternOccurrence(resource: Record<string, unknown>, originalStart: Date): boolean {
  const r = resource as unknown as EventTimes;
  const at = DateTime.fromJSDate(originalStart);
  return patternOccurrences(r, at, at.plus({ milliseconds: 1 })).some((o) => o.start.toMillis() === at.toMillis());
}
