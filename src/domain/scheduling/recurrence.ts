import { DAYS_OF_WEEK, MS_PER_MINUTE, formatIsoDate, formatLocalTime, isoWeekday, parseIsoDate, parseLocalTime, weekdayOfEpochDay, type DayOfWeek } from './calendar-days.ts';
import { CADENCE_INTERVAL_WEEKS, type Cadence, type Occurrence, type ProgramPeriod, type RecurrenceFacts, type RecurringSlot } from './types.ts';
import { ZoneClock } from './zone-clock.ts';

/** The facts that define a series, without its id. */
export type SlotDefinition = Omit<RecurringSlot, 'id'>;

const CADENCES: readonly Cadence[] = ['weekly', 'biweekly', 'monthly'];

/**
 * The stable id of a slot, e.g. "weekly.mon.0930.60": cadence, weekday, start time and length,
 * so a card can send the choice back and the server can tell exactly which slot was picked
 * without storing the offer. The zone is not part of it: it is the organizer's, fixed per pair.
 */
export function slotId(slot: Pick<RecurringSlot, 'cadence' | 'dayOfWeek' | 'startTime' | 'durationMinutes'>): string {
  return `${slot.cadence}.${slot.dayOfWeek.slice(0, 3)}.${slot.startTime.replace(':', '')}.${slot.durationMinutes}`;
}

/**
 * Reads a slot id back (see `slotId`). Returns `null` for anything `slotId` cannot have produced,
 * so a tampered or stale card action is an ordinary outcome for the caller to answer.
 */
export function parseSlotId(id: string): Pick<RecurringSlot, 'cadence' | 'dayOfWeek' | 'startTime' | 'durationMinutes'> | null {
  const match = /^(weekly|biweekly|monthly)\.([a-z]{3})\.(\d{2})(\d{2})\.(\d{1,4})$/.exec(id);
  if (match === null) return null;
  const cadence = CADENCES.find((c) => c === match[1]);
  const dayOfWeek = DAYS_OF_WEEK.find((d) => d.startsWith(match[2] ?? '-'));
  const hours = Number(match[3]);
  const minutes = Number(match[4]);
  const durationMinutes = Number(match[5]);
  if (cadence === undefined || dayOfWeek === undefined) return null;
  if (hours > 23 || minutes > 59 || durationMinutes <= 0) return null;
  return { cadence, dayOfWeek, startTime: `${match[3]}:${match[4]}`, durationMinutes };
}

/** The first epoch day on or after `epochDay` that falls on ISO weekday `weekday`. */
export function firstOnOrAfter(epochDay: number, weekday: number): number {
  return epochDay + ((weekday - weekdayOfEpochDay(epochDay) + 7) % 7);
}

/**
 * Expands a slot into its sessions from program start to program end (inclusive, dates in the
 * organizer's zone), each with its UTC start and end. The local time stays fixed across
 * daylight-saving changes, so the UTC instants move with them; dates step by whole weeks
 * (7, 14 or 28 days), never by months. Booking uses it to know what it is creating.
 *
 * @throws RangeError for an invalid zone, date or time.
 */
export function expandOccurrences(slot: SlotDefinition, program: ProgramPeriod): Occurrence[] {
  const startDay = parseIsoDate(program.startDate);
  const endDay = parseIsoDate(program.endDate);
  const minute = parseLocalTime(slot.startTime);
  const clock = new ZoneClock(slot.timeZone, startDay, endDay);
  const step = 7 * CADENCE_INTERVAL_WEEKS[slot.cadence];
  const occurrences: Occurrence[] = [];
  for (let day = firstOnOrAfter(startDay, isoWeekday(slot.dayOfWeek)); day <= endDay; day += step) {
    const start = clock.localToUtc(day, minute);
    occurrences.push({
      date: formatIsoDate(day),
      start: new Date(start),
      end: new Date(start + slot.durationMinutes * MS_PER_MINUTE),
    });
  }
  return occurrences;
}

function localDateTime(clock: ZoneClock, utcMs: number): string {
  return `${formatIsoDate(clock.localDay(utcMs))}T${formatLocalTime(clock.localMinute(utcMs))}:00`;
}

/**
 * The recurrence of a slot's series as plain, Graph-shaped facts: a weekly pattern with interval
 * 1, 2 or 4 on the slot's weekday, ending on the date of the last session within the program,
 * and the first session's local start and end in the organizer's zone. Returns `null` when the
 * program holds no session of this slot (a program shorter than a week).
 *
 * @throws RangeError for an invalid zone, date or time.
 */
export function toRecurrence(slot: SlotDefinition, program: ProgramPeriod): RecurrenceFacts | null {
  const occurrences = expandOccurrences(slot, program);
  const first = occurrences[0];
  const last = occurrences[occurrences.length - 1];
  if (first === undefined || last === undefined) return null;
  const clock = new ZoneClock(slot.timeZone, parseIsoDate(first.date), parseIsoDate(first.date) + 1);
  const days: readonly DayOfWeek[] = [slot.dayOfWeek];
  return {
    pattern: { type: 'weekly', interval: CADENCE_INTERVAL_WEEKS[slot.cadence], daysOfWeek: days, firstDayOfWeek: 'monday' },
    range: { type: 'endDate', startDate: first.date, endDate: last.date },
    start: { dateTime: localDateTime(clock, first.start.getTime()), timeZone: slot.timeZone },
    end: { dateTime: localDateTime(clock, first.end.getTime()), timeZone: slot.timeZone },
  };
}
