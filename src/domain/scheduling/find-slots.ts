import { zoneName } from '../shared/time-zones.ts';
import { MINUTES_PER_DAY, MS_PER_DAY, MS_PER_MINUTE, dayOfWeekFromIso, formatIsoDate, formatLocalTime, isoWeekday, parseIsoDate, parseLocalTime, weekdayOfEpochDay } from './calendar-days.ts';
import { IntervalSet } from './intervals.ts';
import { firstOnOrAfter, slotId } from './recurrence.ts';
import {
  CADENCE_INTERVAL_WEEKS,
  type Cadence,
  type DayOfWeek,
  type LocalTime,
  type PairRole,
  type SchedulingPerson,
  type SlotAlternative,
  type SlotCandidate,
  type SlotConcern,
  type SlotSearch,
  type SlotSearchResult,
} from './types.ts';
import { ZoneClock } from './zone-clock.ts';

const DEFAULT_GRANULARITY = 15;
const DEFAULT_MAX_SLOTS = 3;
const DEFAULT_MIN_FREE_SHARE = 0.5;
const DEFAULT_CONSENT_STRETCH = 240;
/** Meeting lengths offered as "a shorter meeting would fit". */
const SHORTER_LENGTHS = [45, 30];
const LUNCH_START = 12 * 60;
const LUNCH_END = 13 * 60 + 30;
const EDGE_MS = 30 * MS_PER_MINUTE;
const ROLES: readonly PairRole[] = ['mentor', 'mentee'];

interface PersonModel {
  role: PairRole;
  clock: ZoneClock;
  /** Working time as UTC intervals over the whole program (with a day of margin each side). */
  windows: IntervalSet;
  days: ReadonlySet<number>;
  startMinute: number;
  endMinute: number;
}

interface Context {
  startDay: number;
  endDay: number;
  windowStart: number;
  windowEnd: number;
  organizer: PersonModel;
  people: readonly PersonModel[];
  /** Busy time of either person (tentative, busy, whole out-of-office days), merged. */
  busy: IntervalSet;
}

interface Variant {
  cadence: Cadence;
  durationMinutes: number;
  granularityMinutes: number;
  /** The person whose working hours a slot may leave, with their consent (null: nobody's). */
  relaxed: PairRole | null;
  /** How far (ms) outside the relaxed person's working day a session may reach. */
  stretchLimitMs: number;
  /** Drop a start time that is outside someone's hours on most dates (off when checking one slot). */
  requireMajority: boolean;
}

interface PersonTally {
  who: PairRole;
  outsideDays: number[];
  lunch: number;
  startEdge: number;
  endEdge: number;
}

/** A scored candidate before it is turned into the public shape. */
interface Scored {
  weekday: number;
  minute: number;
  firstDay: number;
  lastDay: number;
  occurrences: number;
  checked: number;
  free: number;
  outside: ReadonlyArray<{ who: PairRole; days: number[] }>;
  outsideDates: number;
  maxStretchMs: number;
  /** For the relaxed person, on the worst date: time of the session outside their hours, before their day, after it. */
  relaxed: { dates: number; outsideMs: number; beforeMs: number; afterMs: number };
  comfort: number;
  concerns: SlotConcern[];
}

function buildPerson(role: PairRole, person: SchedulingPerson, firstDay: number, lastDay: number): PersonModel {
  const hours = person.workingHours;
  const clock = new ZoneClock(hours.timeZone, firstDay, lastDay);
  const startMinute = parseLocalTime(hours.startTime);
  const endMinute = parseLocalTime(hours.endTime);
  const days = new Set(hours.daysOfWeek.map(isoWeekday));
  const intervals: Array<[number, number]> = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (!days.has(weekdayOfEpochDay(day))) continue;
    const start = clock.localToUtc(day, startMinute);
    const end = endMinute > startMinute ? clock.localToUtc(day, endMinute) : clock.localToUtc(day + 1, endMinute);
    intervals.push([start, end]);
  }
  return { role, clock, windows: IntervalSet.from(intervals), days, startMinute, endMinute };
}

function busyIntervals(person: SchedulingPerson, clock: ZoneClock): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const item of person.busy) {
    const start = item.start.getTime();
    const end = item.end.getTime();
    if (!(end > start)) continue;
    switch (item.status) {
      case 'busy':
      case 'tentative':
        out.push([start, end]);
        break;
      case 'oof': {
        // Out of office takes the whole local day(s) it touches: nobody books a mentoring
        // session into the gap between two halves of a day off.
        const firstDay = clock.localDay(start);
        const lastDay = clock.localDay(end - 1);
        out.push([clock.localToUtc(firstDay, 0), clock.localToUtc(lastDay + 1, 0)]);
        break;
      }
      case 'free':
      case 'workingElsewhere':
        break;
    }
  }
  return out;
}

function buildContext(search: SlotSearch): Context {
  const startDay = parseIsoDate(search.program.startDate);
  const endDay = parseIsoDate(search.program.endDate);
  if (endDay < startDay) throw new RangeError('program ends before it starts');
  const windowStart = search.checkWindow.start.getTime();
  const windowEnd = search.checkWindow.end.getTime();
  if (Number.isNaN(windowStart) || Number.isNaN(windowEnd)) throw new RangeError('check window has an invalid date');
  const firstDay = Math.min(startDay, Math.floor(windowStart / MS_PER_DAY)) - 2;
  const lastDay = Math.max(endDay, Math.floor(windowEnd / MS_PER_DAY)) + 2;
  const mentor = buildPerson('mentor', search.mentor, firstDay, lastDay);
  const mentee = buildPerson('mentee', search.mentee, firstDay, lastDay);
  const busy = IntervalSet.from([...busyIntervals(search.mentor, mentor.clock), ...busyIntervals(search.mentee, mentee.clock)]);
  return {
    startDay,
    endDay,
    windowStart,
    windowEnd,
    organizer: search.organizer === 'mentor' ? mentor : mentee,
    people: [mentor, mentee],
    busy,
  };
}

/** Start times to try, as (ISO weekday, minute) in the organizer's zone, around their hours. */
function candidateStarts(ctx: Context, variant: Variant): Array<[number, number]> {
  const org = ctx.organizer;
  const extend = variant.relaxed === org.role ? variant.stretchLimitMs / MS_PER_MINUTE : 0;
  const length = org.endMinute > org.startMinute ? org.endMinute - org.startMinute : org.endMinute + MINUTES_PER_DAY - org.startMinute;
  const g = variant.granularityMinutes;
  const first = Math.ceil((org.startMinute - extend) / g) * g;
  const last = org.startMinute + length + extend - variant.durationMinutes;
  const seen = new Set<number>();
  const starts: Array<[number, number]> = [];
  for (const weekday of [...org.days].sort((a, b) => a - b)) {
    for (let m = first; m <= last; m += g) {
      const dayShift = Math.floor(m / MINUTES_PER_DAY);
      const wd = ((((weekday - 1 + dayShift) % 7) + 7) % 7) + 1;
      const minute = m - dayShift * MINUTES_PER_DAY;
      const key = wd * MINUTES_PER_DAY + minute;
      if (seen.has(key)) continue;
      seen.add(key);
      starts.push([wd, minute]);
    }
  }
  return starts;
}

/**
 * Checks one start time on every date of the series: working hours of both people on every
 * date, free/busy on the dates inside the check window, comfort. Returns null when the slot is
 * not a candidate for this variant (outside someone's hours on most dates).
 */
function evaluate(ctx: Context, variant: Variant, series: Series, weekday: number, minute: number): Scored | null {
  const { days, steadyOffsets } = series;
  const firstDay = days[0];
  if (firstDay === undefined) return null;
  const occurrences = days.length;
  const durationMs = variant.durationMinutes * MS_PER_MINUTE;
  // A candidate must be acceptable on a majority of its dates.
  const allowedMisses = variant.requireMajority ? Math.ceil(occurrences / 2) - 1 : Number.POSITIVE_INFINITY;
  const people = ctx.people;
  const tallies: PersonTally[] = people.map((p) => ({ who: p.role, outsideDays: [], lunch: 0, startEdge: 0, endEdge: 0 }));
  let misses = 0;
  let outsideDates = 0;
  let relaxedOutside = 0;
  let maxStretchMs = 0;
  const relaxed = { dates: 0, outsideMs: 0, beforeMs: 0, afterMs: 0 };
  let checked = 0;
  let free = 0;
  let lastDay = firstDay;

  for (let k = 0; k < occurrences; k++) {
    const day = days[k] as number;
    const steady = steadyOffsets[k];
    lastDay = day;
    const start = steady === null || steady === undefined ? ctx.organizer.clock.localToUtc(day, minute) : (day * MINUTES_PER_DAY + minute - steady) * MS_PER_MINUTE;
    const end = start + durationMs;
    let acceptable = true;
    let anyOutside = false;
    for (let i = 0; i < people.length; i++) {
      const person = people[i] as PersonModel;
      const tally = tallies[i] as PersonTally;
      const index = person.windows.indexContaining(start, end);
      if (index < 0) {
        const stretch = person.windows.stretchNeeded(start, end);
        anyOutside = true;
        tally.outsideDays.push(day);
        if (person.role === variant.relaxed && stretch <= variant.stretchLimitMs) {
          relaxedOutside++;
          if (stretch > maxStretchMs) maxStretchMs = stretch;
          const { before, after } = person.windows.stretchParts(start, end);
          relaxed.dates++;
          relaxed.outsideMs = Math.max(relaxed.outsideMs, durationMs - person.windows.coveredMs(start, end));
          relaxed.beforeMs = Math.max(relaxed.beforeMs, before);
          relaxed.afterMs = Math.max(relaxed.afterMs, after);
        } else {
          acceptable = false;
        }
        continue;
      }
      if (start < person.windows.startAt(index) + EDGE_MS) tally.startEdge++;
      if (end > person.windows.endAt(index) - EDGE_MS) tally.endEdge++;
      const local = person.clock.localMinute(start);
      if (local < LUNCH_END && local + variant.durationMinutes > LUNCH_START) tally.lunch++;
    }
    if (anyOutside) outsideDates++;
    if (!acceptable && ++misses > allowedMisses) return null;
    if (start >= ctx.windowStart && end <= ctx.windowEnd) {
      checked++;
      if (!ctx.busy.overlaps(start, end)) free++;
    }
  }
  // With consent asked for, the slot must actually need it: otherwise it is an ordinary slot.
  if (variant.relaxed !== null && relaxedOutside === 0) return null;

  const concerns: SlotConcern[] = [];
  let penalty = 4 * (weekday - 1);
  for (const { who, lunch, startEdge, endEdge } of tallies) {
    const shares = { lunch: lunch / occurrences, start: startEdge / occurrences, end: endEdge / occurrences };
    penalty += 25 * shares.lunch + 15 * shares.start + 15 * shares.end;
    if (shares.lunch > 0.5) concerns.push({ who, kind: 'over-lunch' });
    if (shares.start > 0.5) concerns.push({ who, kind: 'start-of-day' });
    if (shares.end > 0.5) concerns.push({ who, kind: 'end-of-day' });
  }
  return {
    weekday,
    minute,
    firstDay,
    lastDay,
    occurrences,
    checked,
    free,
    outside: tallies.filter((t) => t.outsideDays.length > 0).map((t) => ({ who: t.who, days: t.outsideDays })),
    outsideDates,
    maxStretchMs,
    relaxed,
    comfort: Math.max(0, Math.min(100, Math.round(100 - penalty))),
    concerns,
  };
}

/** Share of checked sessions free for both; with nothing checked there is no evidence against. */
function freeShare(s: Scored): number {
  return s.checked === 0 ? 1 : s.free / s.checked;
}

/**
 * Ranking: least time outside the hours of a consenting person (always 0 for ordinary slots),
 * most sessions free, inside working hours on every date, comfort.
 */
function compareScored(a: Scored, b: Scored): number {
  return a.maxStretchMs - b.maxStretchMs || freeShare(b) - freeShare(a) || b.free - a.free || a.outsideDates - b.outsideDates || b.comfort - a.comfort || a.weekday - b.weekday || a.minute - b.minute;
}

/** The dates of a series on one weekday, with the organizer's offset on each where it is steady. */
interface Series {
  days: number[];
  steadyOffsets: Array<number | null>;
}

function seriesOn(ctx: Context, cadence: Cadence, weekday: number): Series {
  const step = 7 * CADENCE_INTERVAL_WEEKS[cadence];
  const days: number[] = [];
  const steadyOffsets: Array<number | null> = [];
  for (let day = firstOnOrAfter(ctx.startDay, weekday); day <= ctx.endDay; day += step) {
    days.push(day);
    steadyOffsets.push(ctx.organizer.clock.steadyOffsetOn(day));
  }
  return { days, steadyOffsets };
}

/** Start minutes (relative to a local midnight at `base`) a person could accept, as ranges. */
function acceptableStarts(person: PersonModel, variant: Variant, base: number): Array<[number, number]> {
  const slack = person.role === variant.relaxed ? variant.stretchLimitMs / MS_PER_MINUTE : 0;
  const duration = variant.durationMinutes;
  const from = base - (slack + duration) * MS_PER_MINUTE;
  const to = base + (MINUTES_PER_DAY + slack) * MS_PER_MINUTE;
  const ranges: Array<[number, number]> = [];
  for (const [ws, we] of person.windows.overlapping(from, to)) {
    const lo = (ws - base) / MS_PER_MINUTE - slack;
    const hi = (we - base) / MS_PER_MINUTE - duration + slack;
    if (hi >= lo) ranges.push([lo, hi]);
  }
  return ranges;
}

function intersectRanges(a: Array<[number, number]>, b: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i] as [number, number];
    const [blo, bhi] = b[j] as [number, number];
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (hi >= lo) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

/**
 * Drops start times that cannot be acceptable on a majority of their dates, by counting per
 * date which start minutes fall inside both people's (possibly stretched) working days: a few
 * range operations per date instead of a lookup per start time and date. Keeps a superset of
 * the candidates that `evaluate` accepts, so it changes speed, not results.
 */
function plausibleStarts(ctx: Context, variant: Variant, series: Series, minutes: readonly number[]): number[] {
  const n = series.days.length;
  if (n === 0) return [];
  const needed = n - (Math.ceil(n / 2) - 1);
  const counts = new Uint16Array(minutes.length);
  const [first, second] = ctx.people as [PersonModel, PersonModel];
  for (let k = 0; k < n; k++) {
    const steady = series.steadyOffsets[k];
    if (steady === null || steady === undefined) {
      // Around a daylight-saving change: let evaluate decide.
      for (let i = 0; i < counts.length; i++) counts[i] = (counts[i] as number) + 1;
      continue;
    }
    const base = ((series.days[k] as number) * MINUTES_PER_DAY - steady) * MS_PER_MINUTE;
    const ranges = intersectRanges(acceptableStarts(first, variant, base), acceptableStarts(second, variant, base));
    for (const [lo, hi] of ranges) {
      for (let i = 0; i < minutes.length; i++) {
        const m = minutes[i] as number;
        if (m >= lo && m <= hi) counts[i] = (counts[i] as number) + 1;
      }
    }
  }
  return minutes.filter((_, i) => (counts[i] as number) >= needed);
}

function rank(ctx: Context, variant: Variant): Scored[] {
  const minutesByWeekday = new Map<number, number[]>();
  for (const [weekday, minute] of candidateStarts(ctx, variant)) {
    const list = minutesByWeekday.get(weekday);
    if (list === undefined) minutesByWeekday.set(weekday, [minute]);
    else list.push(minute);
  }
  const scored: Scored[] = [];
  for (const [weekday, minutes] of minutesByWeekday) {
    const series = seriesOn(ctx, variant.cadence, weekday);
    const starts = variant.requireMajority ? plausibleStarts(ctx, variant, series, minutes) : minutes;
    for (const minute of starts) {
      const s = evaluate(ctx, variant, series, weekday, minute);
      if (s !== null) scored.push(s);
    }
  }
  return scored.sort(compareScored);
}

function toCandidate(ctx: Context, variant: Variant, s: Scored): SlotCandidate {
  const fields = {
    dayOfWeek: dayOfWeekFromIso(s.weekday),
    startTime: formatLocalTime(s.minute),
    durationMinutes: variant.durationMinutes,
    cadence: variant.cadence,
  };
  return {
    id: slotId(fields),
    ...fields,
    timeZone: ctx.organizer.clock.zone,
    firstOccurrence: formatIsoDate(s.firstDay),
    lastOccurrence: formatIsoDate(s.lastDay),
    occurrences: s.occurrences,
    checkedOccurrences: s.checked,
    freeOccurrences: s.free,
    withinWorkingHoursEveryDate: s.outsideDates === 0,
    outsideWorkingHours: s.outside.map((o) => ({ who: o.who, dates: o.days.map(formatIsoDate) })),
    comfort: s.comfort,
    concerns: s.concerns,
  };
}

/** Picks the best slots, skipping ones that overlap an already picked slot on the same day. */
function pickDistinct(ranked: readonly Scored[], count: number, durationMinutes: number): Scored[] {
  const picked: Scored[] = [];
  for (const s of ranked) {
    if (picked.length >= count) break;
    const clash = picked.some((p) => p.weekday === s.weekday && Math.abs(p.minute - s.minute) < durationMinutes);
    if (!clash) picked.push(s);
  }
  return picked;
}

function fits(s: Scored, minFreeShare: number): boolean {
  return freeShare(s) >= minFreeShare;
}

/** Longest shared working stretch of the two people between two instants, in minutes. */
function overlapMinutesBetween(ctx: Context, from: number, to: number): number {
  const [a, b] = ctx.people.map((p) => p.windows.overlapping(from, to));
  let best = 0;
  let i = 0;
  let j = 0;
  while (a !== undefined && b !== undefined && i < a.length && j < b.length) {
    const [as, ae] = a[i] as [number, number];
    const [bs, be] = b[j] as [number, number];
    const overlap = Math.min(ae, be, to) - Math.max(as, bs, from);
    if (overlap > best) best = overlap;
    if (ae < be) i++;
    else j++;
  }
  return Math.round(best / MS_PER_MINUTE);
}

/** Longest shared working stretch on one day of the program's first week, in minutes. */
function firstWeekOverlapMinutes(ctx: Context): number {
  const from = ctx.organizer.clock.localToUtc(ctx.startDay, 0);
  return overlapMinutesBetween(ctx, from, from + 7 * MS_PER_DAY);
}

function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function alternatives(ctx: Context, base: Variant, minFreeShare: number, hoursOverlap: boolean): SlotAlternative[] {
  const found: SlotAlternative[] = [];
  const best = (variant: Variant): Scored | undefined => rank(ctx, variant).find((s) => fits(s, minFreeShare));

  // Without common hours, only a length that fits the longest shared stretch can help.
  const longestShared = hoursOverlap ? base.durationMinutes : overlapMinutesBetween(ctx, ctx.organizer.clock.localToUtc(ctx.startDay, 0), ctx.organizer.clock.localToUtc(ctx.endDay + 1, 0));
  for (const durationMinutes of SHORTER_LENGTHS.filter((d) => d < base.durationMinutes && d <= longestShared)) {
    const variant = { ...base, durationMinutes };
    const s = best(variant);
    if (s !== undefined) {
      found.push({ kind: 'shorter-meeting', durationMinutes, slot: toCandidate(ctx, variant, s) });
      break;
    }
  }
  // Meeting less often helps with busy calendars, not with working hours that do not meet.
  if (hoursOverlap && base.cadence !== 'monthly') {
    const variant: Variant = { ...base, cadence: 'monthly' };
    const s = best(variant);
    if (s !== undefined) found.push({ kind: 'monthly', slot: toCandidate(ctx, variant, s) });
  }
  for (const role of ROLES) {
    const variant: Variant = { ...base, relaxed: role };
    const s = best(variant);
    if (s !== undefined) {
      const minutes = (ms: number) => Math.round(ms / MS_PER_MINUTE);
      found.push({
        kind: 'outside-hours',
        needsConsentOf: role,
        minutesOutsideHours: Math.min(variant.durationMinutes, minutes(s.relaxed.outsideMs)),
        startsBeforeDayMinutes: minutes(s.relaxed.beforeMs),
        endsAfterDayMinutes: minutes(s.relaxed.afterMs),
        outsideOnEveryDate: s.relaxed.dates === s.occurrences,
        slot: toCandidate(ctx, variant, s),
      });
    }
  }
  return found.sort(compareAlternatives);
}

/**
 * The order a person would pick alternatives in: more sessions free for both (then a larger share
 * of them), then one that keeps everyone inside their working hours, then comfort; otherwise as
 * found (shorter meeting, less often, outside hours).
 */
function compareAlternatives(a: SlotAlternative, b: SlotAlternative): number {
  const share = (x: SlotAlternative) => (x.slot.checkedOccurrences === 0 ? 1 : x.slot.freeOccurrences / x.slot.checkedOccurrences);
  const asksHours = (x: SlotAlternative) => (x.kind === 'outside-hours' ? 1 : 0);
  return b.slot.freeOccurrences - a.slot.freeOccurrences || share(b) - share(a) || asksHours(a) - asksHours(b) || b.slot.comfort - a.slot.comfort;
}

function baseVariant(search: SlotSearch): Variant {
  const granularityMinutes = search.granularityMinutes ?? DEFAULT_GRANULARITY;
  const stretch = search.consentStretchMinutes ?? DEFAULT_CONSENT_STRETCH;
  if (!Number.isInteger(search.durationMinutes) || search.durationMinutes <= 0) {
    throw new RangeError(`meeting length must be a positive number of minutes: ${search.durationMinutes}`);
  }
  if (!Number.isInteger(granularityMinutes) || granularityMinutes <= 0) {
    throw new RangeError(`granularity must be a positive number of minutes: ${granularityMinutes}`);
  }
  return {
    cadence: search.cadence,
    durationMinutes: search.durationMinutes,
    granularityMinutes,
    relaxed: null,
    stretchLimitMs: stretch * MS_PER_MINUTE,
    requireMajority: true,
  };
}

/**
 * Finds the best recurring slots for a mentoring pair: weekday and local start time in the
 * organizer's zone, for the whole program at the chosen cadence.
 *
 * Every start time around the organizer's working hours (on a `granularityMinutes` grid) is
 * checked on every date of its series: inside both people's working hours in their own zones
 * (daylight-saving changes move Europe and America apart for a few weeks a year, so one week
 * says nothing about the others), and, for dates inside the check window, free for both.
 * Slots are ranked by share of checked sessions free for both, then by being inside working
 * hours on every date, then by comfort (lunch, the first and last half hour of a working day,
 * earlier in the week). A slot outside someone's hours on most dates is never offered as such.
 *
 * When nothing fits, the answer says why as a value (`no-common-hours` with the overlap, or
 * `no-free-time` with the best busy slot) and lists the nearest alternatives: a shorter meeting,
 * the monthly cadence, or a slot that leaves one person's hours and needs their consent, in the
 * order a person would pick them (most sessions free for both first).
 *
 * Pure and deterministic: "now" is the caller's program period and check window. Calendars
 * are indexed once (sorted, merged intervals), so each check is a binary search.
 *
 * @throws RangeError for malformed input (unknown zone, bad date or time, non-positive length).
 */
export function findRecurringSlots(search: SlotSearch): SlotSearchResult {
  const base = baseVariant(search);
  const maxSlots = search.maxSlots ?? DEFAULT_MAX_SLOTS;
  const minFreeShare = search.minFreeShare ?? DEFAULT_MIN_FREE_SHARE;
  const ctx = buildContext(search);
  const ranked = rank(ctx, base);
  const fitting = ranked.filter((s) => fits(s, minFreeShare));
  if (fitting.length > 0) {
    const slots = pickDistinct(fitting, maxSlots, base.durationMinutes).map((s) => toCandidate(ctx, base, s));
    return { kind: 'slots', slots };
  }

  const at = new Date(`${search.program.startDate}T12:00:00Z`);
  const [mentor, mentee] = [search.mentor, search.mentee].map((p) => zoneName(p.workingHours.timeZone, p.office, at));
  const bestBusy = ranked[0];
  if (bestBusy === undefined) {
    const overlapMinutes = firstWeekOverlapMinutes(ctx);
    return {
      kind: 'no-common-hours',
      overlapMinutes,
      message: `no common working hours: ${formatMinutes(overlapMinutes)} overlap between ${mentor} and ${mentee}`,
      alternatives: alternatives(ctx, base, minFreeShare, false),
    };
  }
  const best = toCandidate(ctx, base, bestBusy);
  return {
    kind: 'no-free-time',
    message:
      `no time free for both${mentor === mentee ? '' : ` between ${mentor} and ${mentee}`}: the best slot inside both people's ` +
      `working hours is free ${best.freeOccurrences} of ${best.checkedOccurrences} times`,
    best,
    alternatives: alternatives(ctx, base, minFreeShare, true),
  };
}

/**
 * Checks one given slot (weekday and start time in the organizer's zone) against the same facts
 * the finder uses, with the search's cadence and meeting length, and reports it whether or not
 * it fits. For re-checking a slot someone picked from a card before booking it, and for
 * re-checking a running series against fresh free/busy data. Returns `null` when the program
 * holds no session on that weekday.
 *
 * @throws RangeError for malformed input, as `findRecurringSlots`.
 */
export function evaluateSlot(search: SlotSearch, slot: { dayOfWeek: DayOfWeek; startTime: LocalTime }): SlotCandidate | null {
  const variant: Variant = { ...baseVariant(search), requireMajority: false };
  const ctx = buildContext(search);
  const weekday = isoWeekday(slot.dayOfWeek);
  const minute = parseLocalTime(slot.startTime);
  if (minute >= MINUTES_PER_DAY) throw new RangeError(`not a start time: ${slot.startTime}`);
  const scored = evaluate(ctx, variant, seriesOn(ctx, variant.cadence, weekday), weekday, minute);
  return scored === null ? null : toCandidate(ctx, variant, scored);
}
