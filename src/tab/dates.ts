/**
 * The one way the tab writes dates and times: in the user's locale (the browser's, which Teams
 * sets to the user's language), with one day format everywhere ("3 Jan 2027" in en-GB,
 * "Jan 3, 2027" in en-US). Calendar days (program dates, "yyyy-mm-dd") are read in UTC so no zone
 * shifts them; instants (a session, a decision, a matching run) are shown in the viewer's own
 * zone, and session times name it.
 */

/** The user's locale: `undefined` lets Intl take the browser's. */
const LOCALE: string | undefined = undefined;

/** A clock to show times in: an IANA zone and its name as the viewer knows it ("Seattle time"). */
export interface ViewerClock {
  zone: string;
  name: string;
}

/** The browser's IANA zone (the machine's, as Teams runs on it). */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The platform's common name of a zone ("Pacific Time", "Central European Time"). */
export function zoneCommonName(zone: string, at: Date = new Date()): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  return new Intl.DateTimeFormat(LOCALE, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/**
 * The viewer's clock: the zone and name the server gave (their calendar's zone, named by their
 * office city or the zone's common name), else the browser's zone with its common name.
 */
export function viewerClock(given?: { zone?: string | undefined; zoneName?: string | undefined }): ViewerClock {
  if (given?.zone && given.zoneName) return { zone: given.zone, name: given.zoneName };
  const zone = browserZone();
  return { zone, name: zoneCommonName(zone) };
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const DAY_YEAR: Intl.DateTimeFormatOptions = { ...DAY, year: 'numeric' };
// "09:05" on a 24-hour clock, "9:05 AM" on a 12-hour one (not "09:05 AM", which no one writes).
const TWELVE_HOUR = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric' }).resolvedOptions().hour12 === true;
const TIME: Intl.DateTimeFormatOptions = { hour: TWELVE_HOUR ? 'numeric' : '2-digit', minute: '2-digit' };

const calendarDay = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
const fmt = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(LOCALE, options);

/** A calendar day without its year: "3 Jan". */
export const shortDay = (iso: string): string => fmt({ ...DAY, timeZone: 'UTC' }).format(calendarDay(iso));
/** A calendar day: "3 Jan 2027". */
export const longDay = (iso: string): string => fmt({ ...DAY_YEAR, timeZone: 'UTC' }).format(calendarDay(iso));

/** "4 Jan – 2 Jul 2027", or "28 Dec 2026 – 2 Jul 2027" across a new year. */
export function dateRange(startsOn: string, endsOn: string): string {
  const sameYear = startsOn.slice(0, 4) === endsOn.slice(0, 4);
  return `${sameYear ? shortDay(startsOn) : longDay(startsOn)} – ${longDay(endsOn)}`;
}

/** The day of an instant in the viewer's zone: "24 Nov", with the year when it is not this year's. */
export function momentDay(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  return fmt(at.getFullYear() === now.getFullYear() ? DAY : DAY_YEAR).format(at);
}

/** An instant in the viewer's zone with its time: "24 Nov 2026, 14:05". */
export const momentDateTime = (iso: string): string => fmt({ ...DAY_YEAR, ...TIME }).format(new Date(iso));

/** "March 2014", for a calendar date such as a hire date. */
export const monthYear = (iso: string): string => fmt({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));

/** "Tue 3 Mar 2027, 10:04": the sandbox's clock, in the browser's zone. */
export const clockDate = (iso: string): string => fmt({ weekday: 'short', ...DAY_YEAR, ...TIME }).format(new Date(iso));

/**
 * One session, start to end, in `clock`'s zone and named: "Wednesday 14 May, 14:00–14:30
 * (Seattle time)" (`named: false` leaves the zone out where the page names it once). The year
 * shows when it is not this year's.
 */
export function sessionRange(
  session: { start: string; end: string },
  clock: ViewerClock,
  { now = new Date(), weekday = 'long', named = true }: { now?: Date; weekday?: 'long' | 'short'; named?: boolean } = {},
): string {
  const start = new Date(session.start);
  const year = fmt({ year: 'numeric', timeZone: clock.zone });
  const range = fmt({
    weekday,
    day: 'numeric',
    month: weekday === 'long' ? 'long' : 'short',
    ...(year.format(start) === year.format(now) ? {} : { year: 'numeric' }),
    ...TIME,
    timeZone: clock.zone,
  }).formatRange(start, new Date(session.end));
  return named ? `${range} (${clock.name})` : range;
}

const EVERY: Record<'weekly' | 'biweekly' | 'monthly', string> = { weekly: 'Every', biweekly: 'Every other', monthly: 'Every fourth' };

/**
 * A series in `clock`'s zone, in the same clock style as its sessions: "Every other Monday,
 * 4:15 – 5:00 PM (Seattle time)" in en-US, "Every other Monday, 16:15–17:00 (Seattle time)" in
 * en-GB. Said from one session (the next): across clock changes the local time can shift.
 */
export function seriesRange(series: { cadence: keyof typeof EVERY; start: string; end: string }, clock: ViewerClock): string {
  const start = new Date(series.start);
  const weekday = fmt({ weekday: 'long', timeZone: clock.zone }).format(start);
  const hours = fmt({ ...TIME, timeZone: clock.zone }).formatRange(start, new Date(series.end));
  return `${EVERY[series.cadence]} ${weekday}, ${hours} (${clock.name})`;
}
