import type { PersonSummary, Profile } from '../contracts/api.ts';
import { monthYear } from './dates.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "joined March 2014 · 12 years", from an ISO hire date; null when the directory has none. */
export function tenure(hireDate: string | null, now: Date = new Date()): string | null {
  if (!hireDate) return null;
  const hired = new Date(hireDate);
  if (Number.isNaN(hired.getTime())) return null;
  const months = (now.getUTCFullYear() - hired.getUTCFullYear()) * 12 + (now.getUTCMonth() - hired.getUTCMonth()) - (now.getUTCDate() < hired.getUTCDate() ? 1 : 0);
  const joined = `joined ${monthYear(hireDate)}`;
  if (months < 0) return `${joined} · starts soon`;
  if (months < 1) return `${joined} · new this month`;
  if (months < 12) return `${joined} · ${plural(months, 'month')}`;
  return `${joined} · ${plural(Math.floor(months / 12), 'year')}`;
}

/** The top of the reporting line above a person (the CEO in most organisations). */
function topOf(profile: Profile): PersonSummary | null {
  return profile.chain.at(-1) ?? profile.manager;
}

/** "Level 3 · 3 levels below the CEO", said plainly. */
export function levelText(profile: Profile): string {
  const { level } = profile.person;
  const label = `Level ${level}`;
  if (!profile.manager) return level === 0 ? `${label} · top of the organisation` : `${label} · no manager in the directory`;
  const top = topOf(profile);
  const isCeo = top?.jobTitle ? /\b(ceo|chief executive)\b/i.test(top.jobTitle) : false;
  const below = isCeo ? 'the CEO' : top ? top.displayName : 'the top of the organisation';
  return `${label} · ${plural(level, 'level')} below ${below}`;
}

export const subtitle = (person: Pick<PersonSummary, 'jobTitle' | 'department'>): string => [person.jobTitle, person.department].filter(Boolean).join(' · ');

export const firstName = (displayName: string): string => displayName.split(/\s+/)[0] ?? displayName;
