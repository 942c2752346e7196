import { randomUUID } from 'node:crypto';
import type { ProgramInput } from '../../contracts/programs.ts';
import { DEFAULT_WEIGHTS } from '../../domain/matching/rules.ts';
import { enrollmentWindow } from '../../domain/programs/program.ts';
import { REVERSE_MENTORING_TOPICS } from '../../domain/programs/template.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { ProgramRecord } from './ports.ts';
import type { Store } from '../store.ts';

function requireAdmin(actor: Actor) {
  if (!actor.isProgramAdmin) throw new AppError('forbidden', 'Only program admins (the Program.Admin role) can create or change programs.');
}

export const today = (clock: Clock) => clock.now().toISOString().slice(0, 10);

/** A new program from the reverse-mentoring template: six months from the next Monday, enrollment open for four weeks. */
export function programTemplate(clock: Clock): ProgramInput {
  const now = clock.now();
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 28));
  monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7));
  const end = new Date(monday);
  end.setUTCMonth(end.getUTCMonth() + 6);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    name: 'Reverse mentoring',
    description: 'Junior colleagues mentor senior leaders on new tools, AI and how younger customers think — and learn strategy and the organisation in return.',
    startsOn: iso(monday),
    endsOn: iso(end),
    enrollmentOpensOn: today(clock),
    enrollmentClosesOn: iso(new Date(monday.getTime() - 86_400_000)),
    cadences: ['weekly', 'biweekly', 'monthly'],
    sessionMinutes: 45,
    topics: REVERSE_MENTORING_TOPICS,
    // Junior by two levels or by five years at the company: levels alone leave too few seniors in a
    // typical org chart (most people sit on its two lowest levels), and a newer colleague on the same
    // level is just as much the reverse mentor of someone who has been here for a decade.
    seniority: { minLevelGap: 2, minTenureYearsGap: 5, combine: 'either' },
    mentorCapacity: 1,
    agendaLeadHours: 24,
    heldMinutes: 10,
    sessionPlan: null,
    matchingWeights: { ...DEFAULT_WEIGHTS },
  };
}

export async function createProgram(deps: { store: Store; clock: Clock }, actor: Actor, input: ProgramInput): Promise<ProgramRecord> {
  requireAdmin(actor);
  const now = deps.clock.now();
  const program: ProgramRecord = { ...input, tenantId: actor.tenantId, id: randomUUID(), createdBy: actor.userId, createdAt: now, updatedAt: now };
  await deps.store.programs.insert(program);
  return program;
}

/**
 * Changes a program. Topics that enrollments already chose cannot be removed.
 * @throws AppError `not_found`, `forbidden`, or `conflict` naming the topic in use.
 */
export async function updateProgram(deps: { store: Store; clock: Clock }, actor: Actor, id: string, input: ProgramInput): Promise<ProgramRecord> {
  requireAdmin(actor);
  return deps.store.transaction(async (tx) => {
    const current = await tx.programs.get(actor.tenantId, id);
    if (!current) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
    const kept = new Set(input.topics.map((t) => t.id));
    const removed = current.topics.filter((t) => !kept.has(t.id)).map((t) => t.id);
    if (removed.length > 0) {
      const inUse = await tx.enrollments.topicsInUse(actor.tenantId, id);
      const blocked = removed.find((t) => inUse.has(t));
      if (blocked) throw new AppError('conflict', `The topic "${current.topics.find((t) => t.id === blocked)!.name}" is chosen by enrollments and cannot be removed.`, { field: 'topics' });
    }
    const program: ProgramRecord = { ...current, ...input, updatedAt: deps.clock.now() };
    await tx.programs.update(program);
    return program;
  });
}

/** A program with its enrollment window today and, for admins, its pending and approved counts. */
export interface ProgramSummary {
  program: ProgramRecord;
  enrollment: 'upcoming' | 'open' | 'closed';
  counts: { pending: number; approved: number } | undefined;
}

function summarise(programs: ProgramRecord[], counts: Map<string, { pending: number; approved: number }>, actor: Actor, clock: Clock): ProgramSummary[] {
  const day = today(clock);
  return programs.map((p) => ({
    program: p,
    enrollment: enrollmentWindow(p, day),
    counts: actor.isProgramAdmin ? (counts.get(p.id) ?? { pending: 0, approved: 0 }) : undefined,
  }));
}

export async function listPrograms(deps: { store: Store; clock: Clock }, actor: Actor): Promise<ProgramSummary[]> {
  const [programs, counts] = await Promise.all([deps.store.programs.list(actor.tenantId), deps.store.programs.counts(actor.tenantId)]);
  return summarise(programs, counts, actor, deps.clock);
}

/** One program's summary, as `listPrograms` gives it (after creating or changing it). */
export async function summariseProgram(deps: { store: Store; clock: Clock }, actor: Actor, program: ProgramRecord): Promise<ProgramSummary> {
  return summarise([program], await deps.store.programs.counts(actor.tenantId), actor, deps.clock)[0]!;
}
