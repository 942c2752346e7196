import { randomUUID } from 'node:crypto';
import type { Enrollment, EnrollmentInput } from '../../contracts/programs.ts';
import { checkEnrollmentChoices, enrollmentWindow } from '../../domain/programs/program.ts';
import type { Actor } from '../shared/actor.ts';
import { enqueueApprovalRequest, enqueueApprovalUpdates, knownPeople, type ApprovalSettings, type KnownPeople } from '../approvals/approval-messages.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';
import { AppError } from '../shared/errors.ts';
import { endBooking } from '../booking/booking.ts';
import type { Clock } from '../shared/clock.ts';
import type { EnrollmentRecord } from './ports.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { Store } from '../store.ts';
import { today } from '../programs/programs.ts';

type Deps = { store: Store; clock: Clock; settings: ApprovalSettings };

/** The enrollment as the tab shows it to its owner (the approver and decider read unless `known`). */
export async function enrollmentView(store: Store, e: EnrollmentRecord, known?: KnownPeople): Promise<Enrollment> {
  const person = async (id: string | null) => (!id ? undefined : known?.has(id) ? known.get(id) : await store.directory.getPerson(e.tenantId, id));
  const approver = await person(e.approverId);
  const decider = await person(e.decidedBy);
  return {
    id: e.id,
    programId: e.programId,
    role: e.role,
    teach: e.teach,
    learn: e.learn,
    goals: e.goals,
    cadence: e.cadence,
    status: e.status,
    approver:
      e.approverKind === 'programAdmin'
        ? { id: '', displayName: 'The program admins', kind: 'programAdmin' }
        : approver
          ? { id: approver.id, displayName: approver.displayName, kind: 'manager' }
          : null,
    approverUnreachable: e.approverUnreachable,
    decision: e.decidedAt ? { by: decider?.displayName ?? 'Someone who left', at: e.decidedAt.toISOString(), note: e.decisionNote } : null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/**
 * The approver of a person: their manager in the synced directory, while that manager is an
 * enabled account; otherwise the program admins.
 */
export async function approverFor(store: Store, tenantId: string, userId: string): Promise<Pick<EnrollmentRecord, 'approverId' | 'approverKind'>> {
  const person = await store.directory.getPerson(tenantId, userId);
  return approverOf(person?.managerId ? await store.directory.getPerson(tenantId, person.managerId) : undefined);
}

function approverOf(manager: DirectoryPerson | undefined): Pick<EnrollmentRecord, 'approverId' | 'approverKind'> {
  return manager?.accountEnabled ? { approverId: manager.id, approverKind: 'manager' } : { approverId: null, approverKind: 'programAdmin' };
}

async function openProgram(deps: Deps, actor: Actor, programId: string): Promise<ProgramRecord> {
  const program = await deps.store.programs.get(actor.tenantId, programId);
  if (!program || program.archivedAt) throw new AppError('not_found', 'There is no such program.', { field: 'programId' });
  const window = enrollmentWindow(program, today(deps.clock));
  if (window !== 'open') {
    throw new AppError(
      'bad_request',
      window === 'upcoming' ? `Enrollment for ${program.name} opens on ${program.enrollmentOpensOn}.` : `Enrollment for ${program.name} closed on ${program.enrollmentClosesOn}.`,
      { field: 'programId' },
    );
  }
  return program;
}

function checkChoices(program: ProgramRecord, input: EnrollmentInput) {
  const problem = checkEnrollmentChoices(program, input);
  if (problem) throw new AppError('bad_request', `${problem.field}: ${problem.message}`, { field: problem.field });
}

/**
 * Enrolls the caller (never anyone else) and asks their manager — or the program admins when they
 * have none — to approve, all in one transaction with the outgoing approval card.
 * @throws AppError `bad_request` (window, topics, cadence), `not_found`, `conflict` (already enrolled).
 */
export async function enroll(deps: Deps, actor: Actor, programId: string, input: EnrollmentInput): Promise<Enrollment> {
  const program = await openProgram(deps, actor, programId);
  checkChoices(program, input);
  const person = await deps.store.directory.getPerson(actor.tenantId, actor.userId);
  if (!person) throw new AppError('conflict', 'Your profile has not synced from the directory yet: try again in a few minutes.');
  // The person and their manager are read once, for the approver, the card and the answer.
  const manager = person.managerId ? await deps.store.directory.getPerson(actor.tenantId, person.managerId) : undefined;
  const known = knownPeople([person.id, person.managerId], new Map([person, manager].flatMap((p) => (p ? [[p.id, p] as const] : []))));
  const now = deps.clock.now();
  const record: EnrollmentRecord = {
    tenantId: actor.tenantId,
    id: randomUUID(),
    programId,
    userId: actor.userId,
    role: input.role,
    teach: input.teach,
    learn: input.learn,
    goals: input.goals,
    cadence: input.cadence,
    status: 'pending',
    ...approverOf(manager),
    approverUnreachable: false,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    version: 1,
    remindedAt: null,
    expiresAt: new Date(now.getTime() + deps.settings.expireAfterDays * 86_400_000),
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.transaction(async (tx) => {
    await tx.enrollments.insert(record);
    await enqueueApprovalRequest(tx, deps.settings, record, program, false, known);
  });
  return enrollmentView(deps.store, record, known);
}

async function ownEnrollment(tx: Store, actor: Actor, id: string): Promise<EnrollmentRecord> {
  const e = await tx.enrollments.getForUpdate(actor.tenantId, id);
  // Someone else's enrollment is "not found" for the caller: no hint that it exists.
  if (!e || e.userId !== actor.userId) throw new AppError('not_found', 'There is no such enrollment of yours.', { field: 'id' });
  return e;
}

/** Edits a pending enrollment; the approver's card shows the new version. */
export async function updateEnrollment(deps: Deps, actor: Actor, id: string, input: EnrollmentInput): Promise<Enrollment> {
  const updated = await deps.store.transaction(async (tx) => {
    const e = await ownEnrollment(tx, actor, id);
    if (e.status !== 'pending') throw new AppError('conflict', `This enrollment is ${e.status}: only a pending enrollment can be edited.`, { field: 'status' });
    const program = (await tx.programs.get(actor.tenantId, e.programId))!;
    checkChoices(program, input);
    const next: EnrollmentRecord = { ...e, ...input, version: e.version + 1, updatedAt: deps.clock.now() };
    await tx.enrollments.update(next);
    await enqueueApprovalUpdates(tx, deps.settings, next, program);
    return next;
  });
  return enrollmentView(deps.store, updated);
}

/** Withdraws at any time: pending or approved. The approver's card says so; a pair's series ends. */
export async function withdrawEnrollment(deps: Deps, actor: Actor, id: string): Promise<Enrollment> {
  let known: KnownPeople | undefined;
  const updated = await deps.store.transaction(async (tx) => {
    const e = await ownEnrollment(tx, actor, id);
    if (e.status === 'withdrawn') return e;
    if (e.status !== 'pending' && e.status !== 'approved') throw new AppError('conflict', `This enrollment is ${e.status}: there is nothing to withdraw.`, { field: 'status' });
    const next: EnrollmentRecord = { ...e, status: 'withdrawn', version: e.version + 1, updatedAt: deps.clock.now() };
    await tx.enrollments.update(next);
    // Everyone the cards and the answer name, in one read.
    const ids = [actor.userId, e.approverId, e.decidedBy];
    known = knownPeople(
      ids,
      await tx.directory.getPeople(
        actor.tenantId,
        ids.filter((x): x is string => !!x),
      ),
    );
    await enqueueApprovalUpdates(tx, deps.settings, next, (await tx.programs.get(actor.tenantId, e.programId))!, known);
    // Leaving the program ends the person's pair: their series stops from the next session on.
    const name = known.get(actor.userId)?.displayName ?? 'One of you';
    for (const pair of (await tx.matching.pairsOf(actor.tenantId, actor.userId)).filter((p) => p.programId === e.programId)) {
      await endBooking(tx, deps.settings, { tenantId: actor.tenantId, programId: e.programId, menteeId: pair.menteeId }, `${name} left the program.`, deps.clock.now());
    }
    return next;
  });
  return enrollmentView(deps.store, updated, known);
}

export async function listMyEnrollments(deps: { store: Store }, actor: Actor): Promise<Enrollment[]> {
  const rows = await deps.store.enrollments.listForUser(actor.tenantId, actor.userId);
  // Every approver and decider the list names, in one read.
  const ids = [...new Set(rows.flatMap((e) => [e.approverId, e.decidedBy]).filter((x): x is string => !!x))];
  const known = knownPeople(ids, ids.length === 0 ? new Map() : await deps.store.directory.getPeople(actor.tenantId, ids));
  return Promise.all(rows.map((e) => enrollmentView(deps.store, e, known)));
}
