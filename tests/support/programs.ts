// Programs, enrollments and published pairs set up through the API, as HR and employees make them.
import type { MatchingProposal } from '../../src/contracts/matching.ts';
import type { Program, ProgramInput } from '../../src/contracts/programs.ts';
import type { ProgramRecord } from '../../src/app/programs/ports.ts';
import type { Flipside } from '../../src/server/compose.ts';
import type { Api, Json } from './api.ts';

/** HR's program from the sandbox template, with `changes` on top (a name, a mentor capacity…). */
export async function createProgram(api: Api, hrId: string, changes: Partial<ProgramInput> = {}): Promise<Program> {
  const template = await api.ok<ProgramInput>(hrId, 'GET', '/programs/template');
  return api.ok<Program>(hrId, 'POST', '/programs', { ...template, ...changes });
}

const GOALS = ['Run a Copilot demo for my team by March'];

/** A mentor's enrollment: teaches AI assistants (level 4), learns nothing, every two weeks; `changes` on top. */
export const mentorEnrollment = (changes: Json = {}): Json => ({
  role: 'mentor',
  teach: [{ topicId: 'ai-assistants', level: 4 }],
  learn: [],
  goals: GOALS,
  cadence: 'biweekly',
  acceptedTerms: true,
  ...changes,
});

/** A mentee's enrollment: learns AI assistants (level 1), teaches nothing, every two weeks; `changes` on top. */
export const menteeEnrollment = (changes: Json = {}): Json => ({
  role: 'mentee',
  teach: [],
  learn: [{ topicId: 'ai-assistants', level: 1 }],
  goals: GOALS,
  cadence: 'biweekly',
  acceptedTerms: true,
  ...changes,
});

/**
 * Enrolls each person with their enrollment, then approves every enrollment of the program straight
 * in the database: approval in Teams has tests of its own (approval-flow, enrollment-flow).
 */
export async function enrollApproved(f: Flipside, api: Api, programId: string, enrollments: { userId: string; enrollment: Json }[]): Promise<void> {
  for (const { userId, enrollment } of enrollments) await api.ok(userId, 'POST', `/programs/${programId}/enrollments`, enrollment);
  await f.db.query("UPDATE enrollments SET status = 'approved' WHERE program_id = $1", [programId]);
}

/** HR runs matching and publishes what it proposed; the published proposal. */
export async function publishMatching(api: Api, hrId: string, programId: string): Promise<MatchingProposal> {
  await api.ok(hrId, 'POST', `/programs/${programId}/matching/runs`);
  return api.ok<MatchingProposal>(hrId, 'POST', `/programs/${programId}/matching/publish`);
}

/** A program row as the store takes it, for repository tests that set up without the API. */
export function programRecord(tenantId: string, id: string, changes: Partial<ProgramRecord> = {}): ProgramRecord {
  const at = new Date('2026-11-22T10:00:00Z');
  return {
    tenantId,
    id,
    name: 'P',
    description: '',
    startsOn: '2027-01-04',
    endsOn: '2027-06-30',
    enrollmentOpensOn: '2026-11-01',
    enrollmentClosesOn: '2026-12-15',
    cadences: ['biweekly'],
    sessionMinutes: 45,
    topics: [],
    seniority: { minLevelGap: 2, minTenureYearsGap: 0, combine: 'levels' },
    mentorCapacity: 1,
    agendaLeadHours: 24,
    heldMinutes: 10,
    sessionPlan: null,
    matchingWeights: null,
    createdBy: '00000000-0000-4000-8000-000000000001', // guid(1)
    createdAt: at,
    updatedAt: at,
    ...changes,
  };
}
