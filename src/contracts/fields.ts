import { z } from './zod.ts';

/** What a request is told about text that Postgres cannot store as sent (`text` and `jsonb` alike). */
export const CANNOT_BE_STORED = 'contains a character that cannot be stored';

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `s` can be stored and read back unchanged: no NUL (Postgres refuses it in `text` and in
 * `jsonb`) and no unpaired UTF-16 surrogate (UTF-8 cannot encode one: the driver would silently
 * write U+FFFD, and `jsonb` refuses the `\ud800` escape).
 */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/**
 * Any string of a request that reaches the store (ids, choices, names): only characters that can be
 * stored, checked before any other rule so the answer says what is really wrong.
 */
export const storableString = () => z.string().check(z.refine(isStorableText, CANNOT_BE_STORED));

/**
 * A free-text field of a request (names, descriptions, goals, notes): trimmed, at most `max`
 * characters, only characters that can be stored, and not empty unless `required: false`.
 * `tooLong` replaces the default "must be at most N characters".
 */
export function freeText(max: number, options: { required?: boolean; tooLong?: string } = {}) {
  const schema = storableString().check(z.trim(), z.maxLength(max, options.tooLong ?? `must be at most ${max} characters`));
  return options.required === false ? schema : schema.check(z.minLength(1, 'is required'));
}

/** Whether `s` (yyyy-mm-dd) names a day of the Gregorian calendar: year 1 or later, month 1–12, a day that month has. */
export function isCalendarDate(s: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** A calendar date of a request, yyyy-mm-dd: the pattern first, then a day that exists (no 29 February 2025, month 13, day 0 or year 0). */
export const calendarDate = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (yyyy-mm-dd)', abort: true }), z.refine(isCalendarDate, 'is not a day of the calendar'));
