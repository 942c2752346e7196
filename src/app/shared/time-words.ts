/**
 * The one place card and bot texts write times and dates: each in one person's own clock, their
 * zone named the way they know it. Cards take these words as they are (cards/ is pure layout).
 */
import { DateTime } from 'luxon';
import { formatDate } from '../../cards/format.ts';
import type { Cadence } from '../../domain/scheduling/types.ts';
import { zoneName } from '../../domain/shared/time-zones.ts';

/** Where a person's clock is: their IANA zone (UTC when unknown) and their office as the directory gives it. */
export interface LocalClock {
  zone: string;
  office: string | null;
}

type Span = { start: Date; end: Date };

const EVERY: Record<Cadence, string> = { weekly: '', biweekly: 'every other ', monthly: 'every fourth ' };

/** "Seattle time", "Pacific Time", "UTC": a person's clock named the way they know it (see `zoneName`). */
export function clockWords(clock: LocalClock, at: Date): string {
  return zoneName(clock.zone, clock.office, at);
}

const hours = (span: Span, zone: string) => `${DateTime.fromJSDate(span.start, { zone }).toFormat('HH:mm')}–${DateTime.fromJSDate(span.end, { zone }).toFormat('HH:mm')}`;

/**
 * A series in words in one person's own clock, from its first session: "Tuesdays 10:00–10:45
 * (London time)", "every other Tuesday 16:30–17:15 (Pacific Time)".
 */
export function seriesWords(first: Span, cadence: Cadence, clock: LocalClock): string {
  const weekday = DateTime.fromJSDate(first.start, { zone: clock.zone }).toFormat('cccc');
  const day = cadence === 'weekly' ? `${weekday}s` : `${EVERY[cadence]}${weekday}`;
  return `${day} ${hours(first, clock.zone)} (${clockWords(clock, first.start)})`;
}

/** One session: "Tuesday 3 March, 10:00–10:45 (Seattle time)"; `withZone: false` where the zone is said once elsewhere. */
export function sessionWords(s: Span, clock: LocalClock, withZone = true): string {
  const day = DateTime.fromJSDate(s.start, { zone: clock.zone }).toFormat('cccc d LLLL');
  return `${day}, ${hours(s, clock.zone)}${withZone ? ` (${clockWords(clock, s.start)})` : ''}`;
}

/** The day of an instant in a person's zone, written as every card writes a date: "Tue 6 Jan 2027". */
export function dateWords(at: Date, zone: string): string {
  return formatDate(DateTime.fromJSDate(at, { zone }).toISODate()!);
}
