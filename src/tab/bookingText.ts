import type { BookingStatus, BookingView } from '../contracts/matching.ts';
import { seriesRange, viewerClock } from './dates.ts';

// How soon a session is, in the viewer's locale; its date and time are written by dates.ts.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** HR's name for each state, as a badge and in the summary, in the order a pair moves through them. */
export const BOOKING_STATUS_LABEL: Record<BookingStatus, string> = {
  finding: 'Finding a time',
  choosing: 'Picking a time',
  booking: 'Booking',
  booked: 'Booked',
  unbookable: 'Could not book',
  ending: 'Ending',
  ended: 'Ended',
};
export const BOOKING_STATUSES = Object.keys(BOOKING_STATUS_LABEL) as BookingStatus[];

/** States Flipside is working on by itself (no one has to click anything): worth watching. */
export const inProgress = (status: BookingStatus): boolean => status === 'finding' || status === 'booking' || status === 'ending';

/** Ended or ending: there is nothing left to end. */
export const isOver = (status: BookingStatus): boolean => status === 'ending' || status === 'ended';

/** "Every other Wednesday 14:00–14:30 (London time)": the server's words, as a sentence start. */
export const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** "in 3 days", "tomorrow", "in 2 hours", "happening now": how soon a session is, in the viewer's locale. */
export function howSoon(session: { start: string; end: string }, now: Date = new Date()): string {
  const start = new Date(session.start);
  const end = new Date(session.end);
  if (start.getTime() <= now.getTime()) return end.getTime() > now.getTime() ? 'happening now' : 'just ended';
  const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const ahead = start.getTime() - now.getTime();
  if (ahead < HOUR) return words.format(Math.max(1, Math.round(ahead / MINUTE)), 'minute');
  // Calendar days, not 24-hour spans: a session tomorrow morning is "tomorrow" even 15 hours ahead.
  const days = Math.round((startOfDay(start) - startOfDay(now)) / DAY);
  if (days === 0) return words.format(Math.round(ahead / HOUR), 'hour');
  if (days < 14) return words.format(days, 'day');
  return words.format(Math.round(days / 7), 'week');
}

/** A booked series as the tab writes it: in the viewer's locale and clock, like its sessions; the server's words when it gives no series. */
export function seriesText(booking: BookingView): string {
  return booking.series ? seriesRange(booking.series, viewerClock(booking)) : capitalised(booking.when ?? '');
}
