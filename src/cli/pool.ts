import { z } from 'zod';
import { DEFAULT_WEIGHTS, type MatchingRules, type Participant } from '../domain/matching/rules.ts';

const topicChoice = z.object({ topicId: z.string().min(1), level: z.number().int().min(1).max(5) });
const hhmm = z.string().regex(/^\d{2}:\d{2}$/, 'must be a time like 09:00');

/** The pool format of `flipside match`: an HR export with the program's rules. */
export const poolSchema = z.object({
  rules: z.object({
    seniority: z.object({ minLevelGap: z.number().int().min(0), minTenureYearsGap: z.number().min(0), combine: z.enum(['levels', 'tenure', 'either', 'both']) }),
    mentorCapacity: z.number().int().min(1).max(10).default(1),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (yyyy-mm-dd)'),
    idealLevelGap: z.number().int().min(1).optional(),
    weights: z.object({ topics: z.number().min(0), reciprocity: z.number().min(0), otherDepartment: z.number().min(0), sharedHours: z.number().min(0), idealGap: z.number().min(0) }).optional(),
  }),
  topics: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })).min(1),
  people: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      managerId: z.string().min(1).nullable(),
      department: z.string().nullable().default(null),
      hireDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (yyyy-mm-dd)')
        .nullable()
        .default(null),
      timeZone: z.string().min(1).default('UTC'),
      workStart: hhmm.default('09:00'),
      workEnd: hhmm.default('17:00'),
      role: z.enum(['mentor', 'mentee', 'both', 'none']).default('none'),
      teach: z.array(topicChoice).default([]),
      learn: z.array(topicChoice).default([]),
      excluded: z.array(z.string()).default([]),
      previousPartners: z.array(z.string()).default([]),
    }),
  ),
});
export type Pool = z.infer<typeof poolSchema>;

/**
 * Participants from a pool: levels and reporting lines from the manager ids (everyone in the
 * export, enrolled or not, places people in the chart).
 * @returns the first problem (unknown manager or topic, duplicate id, a cycle) with its path, or the participants.
 */
export function participantsOf(pool: Pool): { ok: true; mentors: Participant[]; mentees: Participant[]; rules: MatchingRules; capacity: number } | { ok: false; path: string; message: string } {
  const byId = new Map<string, Pool['people'][number]>();
  for (const [i, p] of pool.people.entries()) {
    if (byId.has(p.id)) return { ok: false, path: `people[${i}].id`, message: `"${p.id}" is used twice` };
    byId.set(p.id, p);
  }
  const topics = new Set(pool.topics.map((t) => t.id));
  const participants: Participant[] = [];
  for (const [i, p] of pool.people.entries()) {
    if (p.managerId !== null && !byId.has(p.managerId)) return { ok: false, path: `people[${i}].managerId`, message: `no person "${p.managerId}" in the pool` };
    for (const side of ['teach', 'learn'] as const) {
      const bad = p[side].findIndex((c) => !topics.has(c.topicId));
      if (bad >= 0) return { ok: false, path: `people[${i}].${side}[${bad}].topicId`, message: `"${p[side][bad]!.topicId}" is not one of the topics` };
    }
    const chain: string[] = [];
    for (let m = p.managerId; m !== null; m = byId.get(m)!.managerId) {
      if (chain.includes(m) || m === p.id) return { ok: false, path: `people[${i}].managerId`, message: 'the manager chain loops back' };
      chain.push(m);
    }
    if (p.role === 'none') continue;
    if (!/^[A-Za-z_]+\/[A-Za-z_/+-]+$|^UTC$/.test(p.timeZone)) return { ok: false, path: `people[${i}].timeZone`, message: 'must be an IANA zone such as Europe/Berlin' };
    participants.push({ ...p, role: p.role, level: chain.length, managerChain: chain });
  }
  const rules: MatchingRules = {
    seniority: pool.rules.seniority,
    weights: pool.rules.weights ?? DEFAULT_WEIGHTS,
    idealLevelGap: pool.rules.idealLevelGap ?? Math.max(pool.rules.seniority.minLevelGap, 1) + 1,
    asOf: pool.rules.asOf,
    topicNames: Object.fromEntries(pool.topics.map((t) => [t.id, t.name])),
  };
  return { ok: true, mentors: participants.filter((p) => p.role !== 'mentee'), mentees: participants.filter((p) => p.role !== 'mentor'), rules, capacity: pool.rules.mentorCapacity };
}
