import { DateTime } from 'luxon';
import type { TopicChoice } from '../programs/program.ts';
import { reasonsInWords, type PairReason } from './reasons.ts';

/** A participant as matching sees them: the org chart, their enrollment, their working day. */
export interface Participant {
  id: string;
  name: string;
  department: string | null;
  /** Depth in the org chart: 0 at the top. */
  level: number;
  /** yyyy-mm-dd; null when the directory does not say. */
  hireDate: string | null;
  /** Everyone above them, nearest first. */
  managerChain: string[];
  role: 'mentor' | 'mentee' | 'both';
  teach: TopicChoice[];
  learn: TopicChoice[];
  /** IANA zone and local working hours ("09:00"–"17:00"). */
  timeZone: string;
  workStart: string;
  workEnd: string;
  /** People they asked not to be paired with. */
  excluded: string[];
  /** Everyone they were paired with before, in any program. */
  previousPartners: string[];
}

export interface SeniorityRule {
  minLevelGap: number;
  minTenureYearsGap: number;
  combine: 'levels' | 'tenure' | 'either' | 'both';
}

/**
 * How much each preference counts, relative to the others (only the proportions matter); 0 ignores
 * it. The defaults favour topic fit, then reciprocity.
 */
export interface Weights {
  topics: number;
  reciprocity: number;
  otherDepartment: number;
  sharedHours: number;
  idealGap: number;
}

/** The preferences in the order their reasons are given when weighted alike. */
export const PREFERENCES = ['topics', 'reciprocity', 'otherDepartment', 'sharedHours', 'idealGap'] as const satisfies readonly (keyof Weights)[];

// src/contracts/programs.ts holds a copy for the tab (contracts import nothing); a test keeps them equal.
export const DEFAULT_WEIGHTS: Weights = { topics: 0.45, reciprocity: 0.2, otherDepartment: 0.1, sharedHours: 0.15, idealGap: 0.1 };

export interface MatchingRules {
  seniority: SeniorityRule;
  weights: Weights;
  /** The level gap the program likes best. */
  idealLevelGap: number;
  /** The date seniority by tenure is measured at (no clock in the domain). */
  asOf: string;
  topicNames: Record<string, string>;
}

export type Refusal =
  { kind: 'wrong-side'; words: string } | { kind: 'not-junior'; words: string } | { kind: 'same-line'; words: string } | { kind: 'paired-before'; words: string } | { kind: 'excluded'; words: string };

const mentors = (p: Participant) => p.role === 'mentor' || p.role === 'both';
const learns = (p: Participant) => p.role === 'mentee' || p.role === 'both';

function tenureYears(p: Participant, asOf: string): number | null {
  if (!p.hireDate) return null;
  return DateTime.fromISO(asOf).diff(DateTime.fromISO(p.hireDate), 'years').years;
}

/**
 * The must-rules: a pair that breaks one is never proposed. The mentor is on the mentoring side and
 * the mentee on the learning side; the mentor is junior by the program's rule (levels and/or tenure,
 * never age); neither is in the other's reporting line; they were never paired before; neither
 * excluded the other. Capacity is the solver's. Returns null when the pair may be made.
 */
export function refusal(mentor: Participant, mentee: Participant, rules: MatchingRules): Refusal | null {
  if (mentor.id === mentee.id) return { kind: 'wrong-side', words: 'cannot mentor themselves' };
  if (!mentors(mentor)) return { kind: 'wrong-side', words: `${mentor.name} did not enroll as a mentor` };
  if (!learns(mentee)) return { kind: 'wrong-side', words: `${mentee.name} did not enroll as a mentee` };
  if (mentor.managerChain.includes(mentee.id) || mentee.managerChain.includes(mentor.id)) {
    return { kind: 'same-line', words: `${mentor.name} is in ${mentee.name}'s reporting line` };
  }
  const levelGap = mentor.level - mentee.level;
  const mentorTenure = tenureYears(mentor, rules.asOf);
  const menteeTenure = tenureYears(mentee, rules.asOf);
  const tenureGap = mentorTenure !== null && menteeTenure !== null ? menteeTenure - mentorTenure : null;
  const byLevels = levelGap >= Math.max(1, rules.seniority.minLevelGap);
  const byTenure = tenureGap !== null && tenureGap >= Math.max(rules.seniority.minTenureYearsGap, 0.5);
  const junior = { levels: byLevels, tenure: byTenure, either: byLevels || byTenure, both: byLevels && byTenure }[rules.seniority.combine];
  if (!junior) return { kind: 'not-junior', words: `${mentor.name} is not junior enough to ${mentee.name} (${levelGap} level${Math.abs(levelGap) === 1 ? '' : 's'} apart)` };
  if (mentor.previousPartners.includes(mentee.id) || mentee.previousPartners.includes(mentor.id)) {
    return { kind: 'paired-before', words: `${mentor.name} and ${mentee.name} were paired before` };
  }
  if (mentor.excluded.includes(mentee.id) || mentee.excluded.includes(mentor.id)) return { kind: 'excluded', words: 'one of them asked not to be paired with the other' };
  return null;
}

/** Minutes of working day the two share on a typical weekday, each in their own zone. */
export function sharedWorkingMinutes(a: Participant, b: Participant, asOf: string): number {
  const day = DateTime.fromISO(asOf, { zone: 'utc' }).set({ weekday: 3 }); // a Wednesday near the date
  const span = (p: Participant) => {
    const local = day.setZone(p.timeZone, { keepLocalTime: true });
    const [sh, sm] = p.workStart.split(':').map(Number);
    const [eh, em] = p.workEnd.split(':').map(Number);
    return [local.set({ hour: sh, minute: sm }).toMillis(), local.set({ hour: eh, minute: em }).toMillis()] as const;
  };
  const [as, ae] = span(a);
  const [bs, be] = span(b);
  return Math.max(0, Math.round((Math.min(ae, be) - Math.max(as, bs)) / 60_000));
}

export interface ScoredPair {
  score: number;
  /** Plain words, for HR and for the pair. */
  reasons: string[];
  /** The same reasons as codes without names: what is stored. */
  codes: PairReason[];
}

/** How well `teacher` covers what `learner` wants: 0..1, weighted by the learner's priority (list order) and the levels given. */
function coverage(teacher: Participant, learner: Participant): { share: number; topics: string[] } {
  if (learner.learn.length === 0) return { share: 0, topics: [] };
  const teaches = new Map(teacher.teach.map((t) => [t.topicId, t.level]));
  let got = 0;
  let all = 0;
  const topics: string[] = [];
  learner.learn.forEach((want, i) => {
    const priority = 1 / (1 + i * 0.25);
    all += priority;
    const level = teaches.get(want.topicId);
    if (level !== undefined) {
      // A teacher rated above the learner's level is worth the most.
      got += priority * Math.min(1, 0.5 + Math.max(0, level - want.level) * 0.25);
      topics.push(want.topicId);
    }
  });
  return { share: got / all, topics };
}

/**
 * The should-rules as one score in 0..1 with its reasons: topics the mentor teaches that the mentee
 * wants (by priority and level), the reverse direction, different departments, shared working
 * hours in their own zones, and a level gap near the program's ideal. The reasons follow the
 * weights: a preference weighted 0 gives none, and the most heavily weighted come first.
 */
export function scorePair(mentor: Participant, mentee: Participant, rules: MatchingRules): ScoredPair {
  const w = rules.weights;
  const up = coverage(mentor, mentee);
  const back = coverage(mentee, mentor);
  const otherDept = mentor.department !== null && mentee.department !== null && mentor.department !== mentee.department;
  const shared = sharedWorkingMinutes(mentor, mentee, rules.asOf);
  const gap = mentor.level - mentee.level;
  const gapFit = Math.max(0, 1 - Math.abs(gap - rules.idealLevelGap) / Math.max(1, rules.idealLevelGap));
  const fit: Record<keyof Weights, number> = { topics: up.share, reciprocity: back.share, otherDepartment: otherDept ? 1 : 0, sharedHours: Math.min(1, shared / 240), idealGap: gapFit };
  const total = PREFERENCES.reduce((sum, p) => sum + w[p], 0);
  // Every preference ignored: no pair is better than another.
  const score = total > 0 ? PREFERENCES.reduce((sum, p) => sum + w[p] * fit[p], 0) / total : 0;

  const found: Record<keyof Weights, PairReason | null> = {
    topics: { code: 'topics', taught: up.topics, wanted: mentee.learn.length },
    reciprocity: back.topics.length > 0 ? { code: 'reciprocity', topics: back.topics } : null,
    otherDepartment: otherDept ? { code: 'otherDepartment' } : null,
    sharedHours: { code: 'sharedHours', minutes: shared },
    idealGap: { code: 'levelGap', gap },
  };
  const codes = PREFERENCES.filter((p) => w[p] > 0 && found[p] !== null)
    .sort((a, b) => w[b] - w[a]) // stable: ties keep PREFERENCES' order
    .map((p) => found[p]!);
  const ctx = { mentor: mentor.name, mentee: mentee.name, mentorDepartment: mentor.department, menteeDepartment: mentee.department, topicNames: rules.topicNames };
  return { score: Math.round(score * 1e6) / 1e6, reasons: reasonsInWords(codes, ctx), codes };
}

/** Why nobody fits a mentee, in words: the most common refusal among the mentors who could not be paired. */
export function whyUnmatched(mentee: Participant, refusals: Refusal[], mentorsAtCapacity: number): string {
  if (refusals.length === 0) return mentorsAtCapacity > 0 ? 'every mentor who fits already has as many mentees as they can take' : 'no mentor enrolled';
  const counts = new Map<Refusal['kind'], number>();
  for (const r of refusals) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const [kind, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const every = n === refusals.length ? 'every eligible mentor' : `${n} of ${refusals.length} mentors`;
  // "every eligible mentor is", "1 of 3 mentors is", "2 of 3 mentors are".
  const [is, was] = n === refusals.length || n === 1 ? ['is', 'was'] : ['are', 'were'];
  const first = mentee.name.split(' ')[0];
  const words: Record<Refusal['kind'], string> = {
    'wrong-side': `${every} did not enroll on the mentoring side`,
    'not-junior': n === refusals.length ? `no mentor is junior enough to ${first}` : `${every} ${is} not junior enough to ${first}`,
    'same-line': `${every} ${is} in ${first}'s reporting line`,
    'paired-before': `${every} ${was} paired with ${first} before`,
    excluded: `${every} ${was} excluded by ${first} or excluded them`,
  };
  return words[kind];
}
