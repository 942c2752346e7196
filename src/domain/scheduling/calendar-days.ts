// Calendar arithmetic on local dates without time zones: a local date is an "epoch day" (days
// since 1970-01-01) and a local time is minutes since midnight, so stepping by 14 days or
// finding a weekday is integer arithmetic and cannot drift across month ends or leap days.

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1_440;

/** Days of the week as Microsoft Graph names them (and as cards show them). */
export type DayOfWeek = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** Monday first, as ISO 8601 numbers them: index + 1 is the ISO weekday. */
export const DAYS_OF_WEEK: readonly DayOfWeek[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: DayOfWeek): number {
  return DAYS_OF_WEEK.indexOf(day) + 1;
}

export function dayOfWeekFromIso(iso: number): DayOfWeek {
  const day = DAYS_OF_WEEK[iso - 1];
  if (day === undefined) throw new RangeError(`not an ISO weekday: ${iso}`);
  return day;
}

/** ISO weekday (1 = Monday) of an epoch day; 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a calendar date "yyyy-MM-dd" into an epoch day.
 * @throws RangeError for anything that is not a real date (2026-02-30 included).
 */
export function parseIsoDate(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new RangeError(`not a date (yyyy-MM-dd): ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`not a date: ${date}`);
  }
  return ms / MS_PER_DAY;
}

/** Formats an epoch day as "yyyy-MM-dd". */
export function formatIsoDate(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar year of an epoch day. */
export function yearOfEpochDay(epochDay: number): number {
  return new Date(epochDay * MS_PER_DAY).getUTCFullYear();
}

const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

/**
 * Parses a local time "HH:mm" into minutes after midnight; "24:00" is accepted as the end of a day.
 * @throws RangeError for anything else.
 */
export function parseLocalTime(time: string): number {
  const match = LOCAL_TIME.exec(time);
  if (match === null) throw new RangeError(`not a local time (HH:mm): ${time}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minutes > MINUTES_PER_DAY) throw new RangeError(`not a local time: ${time}`);
  return minutes;
}

/** Formats minutes after midnight (0 ≤ minutes < 1440) as "HH:mm". */
export function formatLocalTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
