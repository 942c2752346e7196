/** Changes to a program once it runs: which dates may be set, and what an edit does to a booked series. */
import type { Cadence, ProgramRules } from './program.ts';

type Dates = Pick<ProgramRules, 'startsOn' | 'endsOn' | 'enrollmentOpensOn' | 'enrollmentClosesOn'>;

const DATE_FIELDS: { field: keyof Dates; words: string }[] = [
  { field: 'enrollmentOpensOn', words: 'enrollment opening' },
  { field: 'enrollmentClosesOn', words: 'enrollment closing' },
  { field: 'startsOn', words: 'start' },
  { field: 'endsOn', words: 'end' },
];

/**
 * The first program date set in the past (before `today`, yyyy-mm-dd), with its reason; null when
 * none. A date kept as it was (`current`, when editing) may stay in the past: a running program
 * started some time ago.
 */
export function pastDate(next: Dates, today: string, current?: Dates): { field: keyof Dates; message: string } | null {
  for (const { field, words } of DATE_FIELDS) {
    if (current && current[field] === next[field]) continue;
    if (next[field] < today) return { field, message: `the ${words} date ${next[field]} is in the past: pick today (${today}) or later` };
  }
  return null;
}

const FREQUENCY: Record<Cadence, number> = { weekly: 1, biweekly: 2, monthly: 4 };

/** What a booked series is made of, for comparing it before and after an edit. */
export interface SeriesShape {
  durationMinutes: number;
  cadence: Cadence;
  /** The last day of the program (the series ends with it). */
  endsOn: string;
  startsOn: string;
}

/** What an edit does to one series. */
export interface SeriesChange {
  before: SeriesShape;
  after: SeriesShape;
  /** Each change in words: "45 → 60 minutes", "every two weeks → every week". */
  summary: string[];
}

const CADENCE_WORDS: Record<Cadence, string> = { weekly: 'every week', biweekly: 'every two weeks', monthly: 'every four weeks' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "30 June 2027". */
export function dayWords(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/**
 * The cadence a series keeps after an edit: its own while the program still offers it, else the
 * offered one nearest in frequency (the less frequent on a tie: asking less time is the kinder guess).
 */
export function keptCadence(current: Cadence, offered: readonly Cadence[]): Cadence {
  if (offered.includes(current) || offered.length === 0) return current;
  return [...offered].sort((a, b) => Math.abs(FREQUENCY[a] - FREQUENCY[current]) - Math.abs(FREQUENCY[b] - FREQUENCY[current]) || FREQUENCY[b] - FREQUENCY[a])[0]!;
}

/**
 * What saving `next` does to a series booked under `current`: its length follows the program's
 * session length when that changed (a pair who agreed on a shorter meeting keeps theirs otherwise),
 * its cadence stays unless the program no longer offers it, and it starts and ends with the
 * program. Null when the series stays as it is.
 */
export function seriesChange(
  current: Pick<ProgramRules, 'startsOn' | 'endsOn' | 'sessionMinutes' | 'cadences'>,
  next: Pick<ProgramRules, 'startsOn' | 'endsOn' | 'sessionMinutes' | 'cadences'>,
  series: { durationMinutes: number; cadence: Cadence },
): SeriesChange | null {
  const before: SeriesShape = { durationMinutes: series.durationMinutes, cadence: series.cadence, startsOn: current.startsOn, endsOn: current.endsOn };
  const after: SeriesShape = {
    durationMinutes: next.sessionMinutes !== current.sessionMinutes ? next.sessionMinutes : series.durationMinutes,
    cadence: keptCadence(series.cadence, next.cadences),
    startsOn: next.startsOn,
    endsOn: next.endsOn,
  };
  const summary: string[] = [];
  if (after.durationMinutes !== before.durationMinutes) summary.push(`${before.durationMinutes} → ${after.durationMinutes} minutes`);
  if (after.cadence !== before.cadence) summary.push(`${CADENCE_WORDS[before.cadence]} → ${CADENCE_WORDS[after.cadence]}`);
  if (after.startsOn !== before.startsOn) summary.push(`starts ${dayWords(after.startsOn)} instead of ${dayWords(before.startsOn)}`);
  if (after.endsOn !== before.endsOn) summary.push(`ends ${dayWords(after.endsOn)} instead of ${dayWords(before.endsOn)}`);
  return summary.length > 0 ? { before, after, summary } : null;
}

/**
 * Whether a changed series must be checked against both calendars before it is applied: a longer
 * meeting or another cadence lands on times nobody checked. A shorter meeting or other dates of the
 * same weekly time do not.
 */
export const needsCalendarCheck = (c: SeriesChange) => c.after.durationMinutes > c.before.durationMinutes || c.after.cadence !== c.before.cadence;
