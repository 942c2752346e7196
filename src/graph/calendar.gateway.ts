import type { CalendarGateway, PersonSchedule } from '../app/booking/ports.ts';
import type { WorkingHoursSource } from '../app/matching/ports.ts';
import type { DayOfWeek, FreeBusyStatus } from '../domain/scheduling/types.ts';
import { toIanaZone } from '../domain/shared/time-zones.ts';
import type { GraphHttp } from './graph-client.ts';

interface GraphMailboxSettings {
  timeZone?: string;
  workingHours?: { startTime?: string; endTime?: string; timeZone?: { name?: string } };
}

/** "08:30:00.0000000" → "08:30" */
const hhmm = (t: string | undefined, fallback: string) => (t && /^\d{2}:\d{2}/.test(t) ? t.slice(0, 5) : fallback);

/**
 * Working hours from mailbox settings, twenty people per `$batch`, Windows zone names mapped to
 * IANA here at the border.
 */
export class GraphWorkingHours implements WorkingHoursSource {
  constructor(private readonly graph: GraphHttp) {}

  async workingHours(userIds: string[]) {
    const answers = await this.graph.batch<GraphMailboxSettings>(userIds.map((id, i) => ({ id: String(i), method: 'GET' as const, url: `/users/${encodeURIComponent(id)}/mailboxSettings` })));
    const out = new Map<string, { timeZone: string; start: string; end: string }>();
    answers.forEach((a, i) => {
      if (!a.ok) return;
      const zone = toIanaZone(a.body.workingHours?.timeZone?.name ?? a.body.timeZone ?? 'UTC');
      if (!zone) return;
      out.set(userIds[i]!, { timeZone: zone, start: hhmm(a.body.workingHours?.startTime, '09:00'), end: hhmm(a.body.workingHours?.endTime, '17:00') });
    });
    return out;
  }
}

interface GraphScheduleInformation {
  scheduleId: string;
  scheduleItems?: { status?: string; start?: { dateTime: string; timeZone?: string }; end?: { dateTime: string; timeZone?: string } }[];
  workingHours?: { daysOfWeek?: string[]; startTime?: string; endTime?: string; timeZone?: { name?: string } };
  error?: { message?: string; responseCode?: string };
}

const PEOPLE_PER_CALL = 20; // getSchedule takes at most 20 schedules
const STATUSES: FreeBusyStatus[] = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere'];
const MAX_WINDOW_MS = 62 * 86_400_000;
/**
 * Flipside reads `scheduleItems` (exact to the minute), never the `availabilityView` string, so it
 * asks for the coarsest view Graph allows (one digit a day) instead of one digit per 15 minutes:
 * 56 characters a person instead of 5,376, less for Graph to compute and less on the wire.
 */
const VIEW_INTERVAL = 1440;

/** Graph's "2026-11-24T07:00:00.0000000" in UTC (we ask for UTC with Prefer: outlook.timezone). */
/** The form Graph writes (seven decimals, no zone): read by its seconds, without two regular-expression replaces per instant. */
const GRAPH_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/;
const utc = (dateTime: string) => new Date(GRAPH_UTC.test(dateTime) ? `${dateTime.slice(0, 19)}Z` : `${dateTime.replace(/\.\d+$/, '').replace(/Z$/, '')}Z`);

/**
 * Free/busy of many people in few requests: `getSchedule` for 20 people per call, 20 calls per
 * `$batch` (400 people per HTTP request), working hours from the same answer. Each call is made on
 * the first person's own mailbox, so the per-mailbox concurrency limit is spread, not hit.
 */
export class GraphCalendar implements CalendarGateway {
  constructor(private readonly graph: GraphHttp) {}

  async schedules(people: { id: string; mail: string }[], start: Date, end: Date): Promise<Map<string, PersonSchedule>> {
    if (end.getTime() - start.getTime() >= MAX_WINDOW_MS) throw new RangeError('getSchedule windows must be shorter than 62 days');
    const chunks: { id: string; mail: string }[][] = [];
    for (let i = 0; i < people.length; i += PEOPLE_PER_CALL) chunks.push(people.slice(i, i + PEOPLE_PER_CALL));
    const iso = (d: Date) => d.toISOString().slice(0, 19);
    const answers = await this.graph.batch<{ value: GraphScheduleInformation[] }>(
      chunks.map((chunk, i) => ({
        id: String(i),
        method: 'POST' as const,
        url: `/users/${encodeURIComponent(chunk[0]!.id)}/calendar/getSchedule`,
        headers: { Prefer: 'outlook.timezone="UTC"' },
        body: { schedules: chunk.map((p) => p.mail), startTime: { dateTime: iso(start), timeZone: 'UTC' }, endTime: { dateTime: iso(end), timeZone: 'UTC' }, availabilityViewInterval: VIEW_INTERVAL },
      })),
    );
    const out = new Map<string, PersonSchedule>();
    answers.forEach((answer, i) => {
      const chunk = chunks[i]!;
      if (!answer.ok) {
        for (const p of chunk) out.set(p.id, { ok: false, reason: `Graph could not read the calendars (${answer.error.graphCode})` });
        return;
      }
      const byMail = new Map(answer.body.value.map((s) => [s.scheduleId.toLowerCase(), s]));
      for (const p of chunk) out.set(p.id, toSchedule(byMail.get(p.mail.toLowerCase())));
    });
    return out;
  }
}

function toSchedule(s: GraphScheduleInformation | undefined): PersonSchedule {
  if (!s) return { ok: false, reason: 'Graph returned no schedule for this person' };
  if (s.error) return { ok: false, reason: `${s.error.responseCode ?? 'error'}: ${s.error.message ?? 'the calendar could not be read'}` };
  const zone = toIanaZone(s.workingHours?.timeZone?.name ?? 'UTC');
  if (!zone) return { ok: false, reason: `unknown time zone "${s.workingHours?.timeZone?.name}"` };
  return {
    ok: true,
    workingHours: {
      daysOfWeek: (s.workingHours?.daysOfWeek ?? ['monday', 'tuesday', 'wednesday', 'thursday', 'friday']).map((d) => d.toLowerCase() as DayOfWeek),
      startTime: hhmm(s.workingHours?.startTime, '09:00'),
      endTime: hhmm(s.workingHours?.endTime, '17:00'),
      timeZone: zone,
    },
    busy: (s.scheduleItems ?? [])
      .filter((item) => item.start?.dateTime && item.end?.dateTime)
      .map((item) => ({
        start: utc(item.start!.dateTime),
        end: utc(item.end!.dateTime),
        status: (STATUSES as string[]).includes(item.status ?? '') ? (item.status as FreeBusyStatus) : 'busy',
      })),
  };
}
