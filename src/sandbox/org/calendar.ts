import { DateTime } from 'luxon';
import { Rng, hash, hashString, seed32 } from './rng.ts';
import type { CalendarItem, SandboxOrg, SandboxPerson, Weekday } from './types.ts';

/*
 * Lazily generated calendars of the sandbox people. Nothing is stored: every day of every
 * person is a pure function of (org seed, person, their manager and reports, the date), so a
 * window can be asked for in any order and overlapping windows always agree. Recurring meetings
 * are fixed in the organiser's own zone, so they keep their local time across daylight-saving
 * changes, and a team meeting is the same instant for the whole team.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const SLOT_MINUTES = 30;
const SLOT_MS = SLOT_MINUTES * MINUTE_MS;

const TAG_TEAM = 0x7ea3;
const TAG_ONE_ON_ONE = 0x1001;
const TAG_PERSON = 0x9e55;
const TAG_VACATION = 0xfac1;
const TAG_DAY = 0xda71;
const TAG_FILL = 0xf111;

const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const MEETING_SUBJECTS = [
  'Project sync',
  'Design review',
  'Planning',
  'Customer call',
  'Interview',
  'Cross-team sync',
  'Roadmap review',
  'Retrospective',
  'Budget review',
  'Hiring debrief',
  'Vendor call',
  'Training',
  'Lunch and learn',
  'Quarterly business review',
  'Steering committee',
  'Pipeline review',
  'Incident review',
  'Workshop',
];
const TRAVEL_CITIES = ['Seattle', 'New York', 'London', 'Berlin', 'Bangalore', 'Sydney', 'Tokyo', 'Singapore', 'Toronto'];

// ---- time zones --------------------------------------------------------------------------

/** Per zone, per civil day and hour (numbers as keys: no string built per lookup). */
const offsetCache = new Map<string, Map<number, number>>();

/** UTC offset in minutes of `zone` at `hour` o'clock local on a civil day (days since 1970-01-01). */
function offsetMinutes(zone: string, dayNumber: number, hour: number): number {
  let byDay = offsetCache.get(zone);
  if (!byDay) offsetCache.set(zone, (byDay = new Map()));
  const key = dayNumber * 24 + hour;
  let offset = byDay.get(key);
  if (offset === undefined) {
    const date = new Date(dayNumber * DAY_MS);
    const local = DateTime.fromObject({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour }, { zone });
    if (!local.isValid) throw new RangeError(`invalid time zone ${zone}`);
    offset = local.offset;
    // A cache, not a store: the result never depends on what is in it.
    if (byDay.size > 50_000) byDay.clear();
    byDay.set(key, offset);
  }
  return offset;
}

/**
 * UTC milliseconds of a local wall-clock time. All sandbox offices change clocks at night
 * (01:00–03:00 local), so the offset at noon holds for every time a meeting can have; midnight
 * (all-day items) is asked for separately.
 */
function localToUtc(zone: string, dayNumber: number, minuteOfDay: number): number {
  const hour = minuteOfDay === 0 ? 0 : 12;
  return dayNumber * DAY_MS + minuteOfDay * MINUTE_MS - offsetMinutes(zone, dayNumber, hour) * MINUTE_MS;
}

/** The civil day, in `zone`, that contains a UTC instant (exact outside the night-time clock change). */
function localDay(zone: string, utcMs: number): number {
  const guess = Math.floor(utcMs / DAY_MS);
  return Math.floor((utcMs + offsetMinutes(zone, guess, 12) * MINUTE_MS) / DAY_MS);
}

/** Monday = 0 ... Sunday = 6. 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Monday-based week number, for fortnightly recurrences and week-long absences. */
function weekOf(dayNumber: number): number {
  return Math.floor((dayNumber + 3) / 7);
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

// ---- recurring meetings ------------------------------------------------------------------

interface Recurrence {
  zone: string;
  weekday: number;
  startMinute: number;
  durationMinutes: number;
  /** Every other week when set, in weeks of this parity. */
  parity: 0 | 1 | null;
  subject: string;
}

/** A slot on a half-hour grid inside [from, to) minutes, drawn from `h`. */
function slotIn(from: number, to: number, h: number): number {
  const slots = Math.max(1, Math.floor((to - from) / SLOT_MINUTES));
  return from + (h % slots) * SLOT_MINUTES;
}

/** The weekly meeting a manager holds with their direct reports: derived from the manager alone. */
function teamMeeting(seed: number, manager: SandboxPerson): Recurrence {
  const h = hash(seed, hashString(manager.id), TAG_TEAM);
  const start = minutesOf(manager.workingHours.startTime);
  const end = minutesOf(manager.workingHours.endTime);
  return {
    zone: manager.office.ianaTimeZone,
    weekday: h % 4, // Monday to Thursday, so part-timers are there too
    startMinute: slotIn(start + 60, end - 120, h >>> 4),
    durationMinutes: (h >>> 12) % 5 < 2 ? 30 : 60,
    parity: null,
    subject: manager.level === 0 ? 'Executive staff meeting' : `Team meeting (${manager.givenName}'s team)`,
  };
}

/** A manager's one-on-one with one report, in the manager's zone and hours; weekly or fortnightly. */
function oneOnOne(seed: number, manager: SandboxPerson, report: SandboxPerson): Recurrence {
  const h = hash(seed, hashString(report.id), hashString(manager.id), TAG_ONE_ON_ONE);
  const start = minutesOf(manager.workingHours.startTime);
  const end = minutesOf(manager.workingHours.endTime);
  const fortnightly = (h >>> 20) % 5 < 2;
  return {
    zone: manager.office.ianaTimeZone,
    weekday: h % 4,
    startMinute: slotIn(start, end - 30, h >>> 4),
    durationMinutes: 30,
    parity: fortnightly ? (((h >>> 24) & 1) as 0 | 1) : null,
    subject: `${manager.givenName} / ${report.givenName} 1:1`,
  };
}

interface Item {
  startMs: number;
  endMs: number;
  status: CalendarItem['status'];
  subject: string;
  isRecurring: boolean;
  isAllDay: boolean;
}

function expand(recurrence: Recurrence, fromDay: number, toDay: number, into: Item[]): void {
  const firstMonday = fromDay - weekdayOf(fromDay);
  for (let day = firstMonday + recurrence.weekday; day <= toDay; day += 7) {
    if (day < fromDay) continue;
    if (recurrence.parity !== null && (weekOf(day) & 1) !== recurrence.parity) continue;
    const startMs = localToUtc(recurrence.zone, day, recurrence.startMinute);
    into.push({
      startMs,
      endMs: startMs + recurrence.durationMinutes * MINUTE_MS,
      status: 'busy',
      subject: recurrence.subject,
      isRecurring: true,
      isAllDay: false,
    });
  }
}

// ---- the person's days -------------------------------------------------------------------

interface Profile {
  seed: number;
  personHash: number;
  zone: string;
  startMinute: number;
  slots: number;
  workDays: boolean[];
  /** Share of working hours meant to be taken, before daily noise. */
  target: number;
  noise: number;
  focusShare: number;
  vacationRate: number;
  oofRate: number;
  elsewhereRate: number;
}

function unit(h: number): number {
  return h / 4294967296;
}

function profileOf(org: SandboxOrg, person: SandboxPerson, reportCount: number): Profile {
  const seed = seed32(org.seed);
  const personHash = hashString(person.id);
  const u = unit(hash(seed, personHash, TAG_PERSON));
  const start = minutesOf(person.workingHours.startTime);
  const end = minutesOf(person.workingHours.endTime);
  const full = person.persona === 'fullCalendar';
  let target: number;
  let focusShare: number;
  if (full) [target, focusShare] = [0.93, 0.1];
  else if (person.level === 0) [target, focusShare] = [0.76 + 0.06 * u, 0.05];
  else if (person.level === 1) [target, focusShare] = [0.7 + 0.1 * u, 0.05];
  else if (reportCount > 0 && person.level === 2) [target, focusShare] = [0.55 + 0.12 * u, 0.15];
  else if (reportCount > 0) [target, focusShare] = [0.45 + 0.12 * u, 0.2];
  else [target, focusShare] = [0.22 + 0.13 * u, 0.45];
  const days = new Set(person.workingHours.daysOfWeek);
  return {
    seed,
    personHash,
    zone: person.office.ianaTimeZone,
    startMinute: start,
    slots: Math.max(0, Math.floor((end - start) / SLOT_MINUTES)),
    workDays: WEEKDAYS.map((d) => days.has(d)),
    target,
    noise: full ? 0.02 : 0.08,
    focusShare,
    vacationRate: full ? 0 : 0.03,
    oofRate: full ? 0 : 0.02,
    elsewhereRate: 0.06,
  };
}

type DayKind = 'off' | 'vacation' | 'oof' | 'elsewhere' | 'work';

function dayKind(p: Profile, day: number): DayKind {
  if (!p.workDays[weekdayOf(day)]) return 'off';
  if (unit(hash(p.seed, p.personHash, weekOf(day), TAG_VACATION)) < p.vacationRate) return 'vacation';
  const r = unit(hash(p.seed, p.personHash, day, TAG_DAY));
  if (r < p.oofRate) return 'oof';
  if (r < p.oofRate + p.elsewhereRate) return 'elsewhere';
  return 'work';
}

function allDay(p: Profile, day: number, status: CalendarItem['status'], subject: string): Item {
  return {
    startMs: localToUtc(p.zone, day, 0),
    endMs: localToUtc(p.zone, day + 1, 0),
    status,
    subject,
    isRecurring: false,
    isAllDay: true,
  };
}

/**
 * Fills one working day with meetings and focus time until the day's share of taken
 * half-hours reaches its target. `taken` marks half-hours already held by recurring meetings.
 */
function fillDay(p: Profile, day: number, taken: boolean[], into: Item[]): void {
  const rng = new Rng(hash(p.seed, p.personHash, day, TAG_FILL));
  const target = Math.min(0.97, Math.max(0.05, p.target + (rng.next() * 2 - 1) * p.noise));
  const need = Math.round(target * p.slots);
  let used = 0;
  for (const t of taken) if (t) used++;
  const dayStart = localToUtc(p.zone, day, p.startMinute);
  const free: number[] = [];
  while (used < need) {
    free.length = 0;
    for (let i = 0; i < p.slots; i++) if (!taken[i]) free.push(i);
    if (free.length === 0) break;
    const first = free[rng.int(free.length)] ?? 0;
    const focus = rng.chance(p.focusShare);
    const wanted = focus ? 2 + rng.int(3) : rng.weighted([0.55, 0.35, 0.1]) + 1;
    let length = 0;
    while (length < wanted && used < need && first + length < p.slots && !taken[first + length]) {
      taken[first + length] = true;
      length++;
      used++;
    }
    const tentative = rng.chance(focus ? 0.35 : 0.12);
    into.push({
      startMs: dayStart + first * SLOT_MS,
      endMs: dayStart + (first + length) * SLOT_MS,
      status: tentative ? 'tentative' : 'busy',
      subject: focus ? 'Focus time' : rng.pick(MEETING_SUBJECTS),
      isRecurring: false,
      isAllDay: false,
    });
  }
}

function absenceSubject(p: Profile, day: number, kind: 'vacation' | 'oof'): string {
  if (kind === 'vacation') return 'Vacation';
  const h = hash(p.seed, p.personHash, day, TAG_DAY + 1);
  switch (h % 4) {
    case 0:
      return `Travel to ${TRAVEL_CITIES[(h >>> 8) % TRAVEL_CITIES.length] ?? 'London'}`;
    case 1:
      return 'Conference';
    case 2:
      return 'Customer visit';
    default:
      return 'Out of office';
  }
}

/**
 * The person's generated calendar items overlapping [startUtc, endUtc), sorted by start (then
 * end). A pure function of the org's seed, the person, their manager and direct reports, and the
 * window: recurring team meetings and one-on-ones, meetings and focus time filling the day to a
 * share that grows with seniority (executives ~70–85 % busy, individual contributors ~25–40 %,
 * the `fullCalendar` persona ~93 %), occasional out-of-office, vacation and working-elsewhere
 * days. Items are not clipped to the window.
 * @throws RangeError for an invalid date.
 */
export function generatedCalendar(org: SandboxOrg, person: SandboxPerson, startUtc: Date, endUtc: Date): CalendarItem[] {
  return generatedItems(org, person, startUtc, endUtc).map((item) => ({
    start: new Date(item.startMs).toISOString(),
    end: new Date(item.endMs).toISOString(),
    status: item.status,
    subject: item.subject,
    isRecurring: item.isRecurring,
    isAllDay: item.isAllDay,
  }));
}

/** `generatedCalendar` with times as UTC milliseconds (no string round trip), for getSchedule. */
export interface GeneratedItem {
  startMs: number;
  endMs: number;
  status: CalendarItem['status'];
  subject: string;
  isRecurring: boolean;
  isAllDay: boolean;
}

/** The items of `generatedCalendar`, in the same order, with times as UTC milliseconds. */
export function generatedItems(org: SandboxOrg, person: SandboxPerson, startUtc: Date, endUtc: Date): GeneratedItem[] {
  const windowStart = startUtc.getTime();
  const windowEnd = endUtc.getTime();
  if (Number.isNaN(windowStart) || Number.isNaN(windowEnd)) throw new RangeError('invalid calendar window');
  if (windowEnd <= windowStart) return [];

  const reports = org.directReports(person.id);
  const p = profileOf(org, person, reports.length);
  const firstDay = localDay(p.zone, windowStart) - 1;
  const lastDay = localDay(p.zone, windowEnd - 1) + 1;

  // Recurring meetings, expanded in their organisers' zones over a margin wide enough for any offset.
  const recurring: Item[] = [];
  const manager = person.managerId === null ? undefined : org.byId.get(person.managerId);
  if (manager !== undefined) {
    expand(teamMeeting(p.seed, manager), firstDay - 1, lastDay + 1, recurring);
    expand(oneOnOne(p.seed, manager, person), firstDay - 1, lastDay + 1, recurring);
  }
  if (reports.length > 0) {
    expand(teamMeeting(p.seed, person), firstDay - 1, lastDay + 1, recurring);
    for (const report of reports) expand(oneOnOne(p.seed, person, report), firstDay - 1, lastDay + 1, recurring);
  }

  const items: Item[] = [];
  const kinds = new Map<number, DayKind>();
  for (let day = firstDay; day <= lastDay; day++) kinds.set(day, dayKind(p, day));
  // Recurring meetings on days the person is away are declined, so they leave the calendar.
  for (const item of recurring) {
    const kind = kinds.get(localDay(p.zone, item.startMs));
    if (kind !== 'vacation' && kind !== 'oof') items.push(item);
  }

  for (let day = firstDay; day <= lastDay; day++) {
    const kind = kinds.get(day) ?? 'off';
    if (kind === 'off') continue;
    if (kind === 'vacation' || kind === 'oof') {
      items.push(allDay(p, day, 'oof', absenceSubject(p, day, kind)));
      continue;
    }
    if (kind === 'elsewhere') items.push(allDay(p, day, 'workingElsewhere', 'Working from home'));
    const dayStart = localToUtc(p.zone, day, p.startMinute);
    const dayEnd = dayStart + p.slots * SLOT_MS;
    const taken = new Array<boolean>(p.slots).fill(false);
    for (const item of recurring) {
      if (item.endMs <= dayStart || item.startMs >= dayEnd) continue;
      const from = Math.max(0, Math.floor((item.startMs - dayStart) / SLOT_MS));
      const to = Math.min(p.slots, Math.ceil((item.endMs - dayStart) / SLOT_MS));
      for (let i = from; i < to; i++) taken[i] = true;
    }
    fillDay(p, day, taken, items);
  }

  const inWindow = items.filter((item) => item.endMs > windowStart && item.startMs < windowEnd);
  inWindow.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  return inWindow;
}
