import type { Cadence, Enrollment, EnrollmentRole, EnrollmentStatus, Program, Topic } from '../contracts/programs.ts';

import { shortDay } from './dates.ts';

// Dates are written by dates.ts, the tab's one formatter; these are re-exported where program texts are used.
export { dateRange, longDay, momentDay, shortDay } from './dates.ts';

const calendarDay = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

export const CADENCE_LABEL: Record<Cadence, string> = { weekly: 'Weekly', biweekly: 'Every two weeks', monthly: 'Monthly' };
/** "Weekly, every two weeks or monthly". */
export function cadenceList(cadences: Cadence[]): string {
  const words = cadences.map((c, i) => (i === 0 ? CADENCE_LABEL[c] : CADENCE_LABEL[c].toLowerCase()));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
}

const WEEKS_BETWEEN: Record<Cadence, number> = { weekly: 1, biweekly: 2, monthly: 4 };

/**
 * Sessions over the program at a cadence: the same count as the manager's approval card
 * (domain/programs timeAsk), which the tab may not import.
 */
export function sessionsAt(program: Pick<Program, 'startsOn' | 'endsOn'>, cadence: Cadence): number {
  const days = Math.round((calendarDay(program.endsOn).getTime() - calendarDay(program.startsOn).getTime()) / 86_400_000);
  return Math.max(1, Math.floor(days / (7 * WEEKS_BETWEEN[cadence])) + 1);
}

/** "about 13 sessions of 45 min". */
export function sessionsAsk(program: Pick<Program, 'startsOn' | 'endsOn' | 'sessionMinutes'>, cadence: Cadence): string {
  return `about ${sessionsAt(program, cadence)} sessions of ${program.sessionMinutes} min`;
}

/** "every two weeks · about 13 sessions of 45 min". */
export function cadenceAsk(program: Pick<Program, 'startsOn' | 'endsOn' | 'sessionMinutes'>, cadence: Cadence): string {
  return `${CADENCE_LABEL[cadence].toLowerCase()} · ${sessionsAsk(program, cadence)}`;
}

/** "Enrollment open · closes 3 Jan", "Enrollment opens 5 Jan", "Enrollment closed on 3 Jan". */
export function windowText(program: Pick<Program, 'enrollment' | 'enrollmentOpensOn' | 'enrollmentClosesOn'>): string {
  switch (program.enrollment) {
    case 'open':
      return `Enrollment open · closes ${shortDay(program.enrollmentClosesOn)}`;
    case 'upcoming':
      return `Enrollment opens ${shortDay(program.enrollmentOpensOn)}`;
    case 'closed':
      return `Enrollment closed on ${shortDay(program.enrollmentClosesOn)}`;
  }
}

export const DIRECTION_LABEL: Record<Topic['direction'], string> = {
  teachesUp: 'Digital & new ways of working',
  teachesDown: 'Strategy & the organisation',
};

export const DIRECTION_HINT: Record<Topic['direction'], string> = {
  teachesUp: 'Usually taught by the junior colleague',
  teachesDown: 'Usually taught back by the senior colleague',
};

export const ROLE_LABEL: Record<EnrollmentRole, string> = { mentor: 'Mentor', mentee: 'Mentee', both: 'Both' };

export const ROLE_HINT: Record<EnrollmentRole, string> = {
  mentor: 'You teach. In reverse mentoring the junior colleague is the mentor: you share new tools and ways of working.',
  mentee: 'You learn, usually as the more senior colleague, from someone earlier in their career.',
  both: 'You teach some topics and learn others: reverse mentoring works best when it goes both ways.',
};

export const STATUS_LABEL: Record<EnrollmentStatus, string> = {
  pending: 'Pending approval',
  approved: 'Approved',
  declined: 'Declined',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

/** A live enrollment blocks a second one in the same program (the server's unique index says the same). */
export const isLive = (e: Pick<Enrollment, 'status'>): boolean => e.status === 'pending' || e.status === 'approved';

const TIME_WORDS =
  /\b(by|before|until|within|end of|day|days|week|weeks|weekly|month|months|monthly|quarter|quarters|q[1-4]|year|years|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|spring|summer|autumn|fall|winter)\b/i;

/**
 * A gentle nudge toward a SMART goal, or null when the goal looks specific enough: a goal with no
 * number and no time word is rarely measurable or time-bound; a goal of a few words rarely specific.
 */
export function smartNudge(goal: string): string | null {
  const text = goal.trim();
  if (!text) return null;
  if (text.split(/\s+/).length < 4) return 'Say a little more: what will you be able to do, or do differently?';
  if (!/\d/.test(text) && !TIME_WORDS.test(text)) return 'Add a number or a date to make it measurable and time-bound, e.g. "by March, run a Copilot demo for my team".';
  return null;
}

/** "AI assistants at work" → "ai-assistants-at-work": a topic's id, as the contract allows (2–40 of a–z, 0–9, -). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
