import { randomUUID } from 'node:crypto';
import { audit } from '../audit/audit.ts';
import type { ProgramInput } from '../../contracts/programs.ts';
import { DEFAULT_WEIGHTS } from '../../domain/matching/rules.ts';
import { pastDate } from '../../domain/programs/changes.ts';
import { enrollmentWindow } from '../../domain/programs/program.ts';
import { REVERSE_MENTORING_TOPICS } from '../../domain/programs/template.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { ProgramCounts, ProgramRecord } from './ports.ts';
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

/** Refuses a date set in the past (one kept as it was may stay there), naming the field. */
function refusePastDates(clock: Clock, input: ProgramInput, current?: ProgramRecord): void {
  const past = pastDate(input, today(clock), current);
  if (past) throw new AppError('bad_request', `${past.field}: ${past.message}`, { field: past.field });
}

/**
 * Creates a program from HR's form.
 * @throws AppError `forbidden`, `bad_request` naming a date in the past.
 */
export async function createProgram(deps: { store: Store; clock: Clock }, actor: Actor, input: ProgramInput): Promise<ProgramRecord> {
  requireAdmin(actor);
  refusePastDates(deps.clock, input);
  const now = deps.clock.now();
  const program: ProgramRecord = { ...input, tenantId: actor.tenantId, id: randomUUID(), createdBy: actor.userId, createdAt: now, updatedAt: now };
  await deps.store.transaction(async (tx) => {
    await tx.programs.insert(program);
    await audit(tx, deps.clock, actor, 'program.created', { programId: program.id });
  });
  return program;
}

/**
 * Changes a program. Topics that enrollments already chose cannot be removed; a date changed to
 * one in the past is refused. `inside` runs in the same transaction with the program before and
 * after (the booked series follow the change through it).
 * @throws AppError `not_found`, `forbidden`, `bad_request` naming a past date, or `conflict` naming the topic in use.
 */
export async function updateProgram(
  deps: { store: Store; clock: Clock },
  actor: Actor,
  id: string,
  input: ProgramInput,
  inside?: (tx: Store, current: ProgramRecord, next: ProgramRecord) => Promise<void>,
): Promise<ProgramRecord> {
  requireAdmin(actor);
  return deps.store.transaction(async (tx) => {
    const current = await tx.programs.get(actor.tenantId, id);
    if (!current) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
    refusePastDates(deps.clock, input, current);
    const kept = new Set(input.topics.map((t) => t.id));
    const removed = current.topics.filter((t) => !kept.has(t.id)).map((t) => t.id);
    if (removed.length > 0) {
      const inUse = await tx.enrollments.topicsInUse(actor.tenantId, id);
      const blocked = removed.find((t) => inUse.has(t));
      if (blocked) throw new AppError('conflict', `The topic "${current.topics.find((t) => t.id === blocked)!.name}" is chosen by enrollments and cannot be removed.`, { field: 'topics' });
    }
    const program: ProgramRecord = { ...current, ...input, updatedAt: deps.clock.now() };
    await tx.programs.update(program);
    await inside?.(tx, current, program);
    const changed = (Object.keys(input) as (keyof ProgramInput)[]).filter((k) => JSON.stringify(input[k]) !== JSON.stringify(current[k]));
    await audit(tx, deps.clock, actor, 'program.updated', { programId: id, details: { changed } });
    return program;
  });
}

/** A program with its enrollment window today and, for admins, its pending and approved counts. */
export interface ProgramSummary {
  program: ProgramRecord;
  enrollment: 'upcoming' | 'open' | 'closed';
  counts: ProgramCounts | undefined;
}

function summarise(programs: ProgramRecord[], counts: Map<string, ProgramCounts>, actor: Actor, clock: Clock): ProgramSummary[] {
  const day = today(clock);
  return programs.map((p) => ({
    program: p,
    enrollment: enrollmentWindow(p, day),
    counts: actor.isProgramAdmin ? (counts.get(p.id) ?? { pending: 0, approved: 0, enrolled: 0 }) : undefined,
  }));
}

/** The tenant's programs; archived ones only for program admins (kept for reports). */
export async function listPrograms(deps: { store: Store; clock: Clock }, actor: Actor): Promise<ProgramSummary[]> {
  // The counts are for program admins only: an employee's list reads the programs and nothing else.
  const [programs, counts] = await Promise.all([deps.store.programs.list(actor.tenantId), actor.isProgramAdmin ? deps.store.programs.counts(actor.tenantId) : new Map<string, ProgramCounts>()]);
  return summarise(
    programs.filter((p) => actor.isProgramAdmin || !p.archivedAt),
    counts,
    actor,
    deps.clock,
  );
}

/**
 * Archives a program (hidden from employees, kept with everything in it for reports) or brings it back.
 * @throws AppError `forbidden`, `not_found`.
 */
export async function archiveProgram(deps: { store: Store; clock: Clock }, actor: Actor, id: string, archived: boolean): Promise<ProgramRecord> {
  requireAdmin(actor);
  const program = await deps.store.programs.get(actor.tenantId, id);
  if (!program) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  const at = archived ? (program.archivedAt ?? deps.clock.now()) : null;
  await deps.store.transaction(async (tx) => {
    await tx.programs.setArchived(actor.tenantId, id, at);
    if (Boolean(program.archivedAt) !== archived) await audit(tx, deps.clock, actor, 'program.archived', { programId: id, details: { archived } });
  });
  return { ...program, archivedAt: at };
}

/**
 * Deletes a program nobody ever enrolled in; one with enrollments can be archived instead.
 * @throws AppError `forbidden`, `not_found`, `conflict` when someone enrolled.
 */
export async function deleteProgram(deps: { store: Store; clock: Clock }, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await deps.store.transaction(async (tx) => {
    if (!(await tx.programs.get(actor.tenantId, id))) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
    if (!(await tx.programs.deleteUnused(actor.tenantId, id))) {
      throw new AppError('conflict', 'People enrolled in this program, so it cannot be deleted: archive it instead (it is then hidden from employees and kept for reports).', { field: 'id' });
    }
    await audit(tx, deps.clock, actor, 'program.deleted', { programId: id });
  });
}

/** One program's summary, as `listPrograms` gives it (after creating or changing it). */
export async function summariseProgram(deps: { store: Store; clock: Clock }, actor: Actor, program: ProgramRecord): Promise<ProgramSummary> {
  return summarise([program], await deps.store.programs.counts(actor.tenantId), actor, deps.clock)[0]!;
}
