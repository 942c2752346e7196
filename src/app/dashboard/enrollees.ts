import type { Enrollee, ReminderResult } from '../../contracts/dashboard.ts';
import { enqueueApprovalRequest, type ApprovalSettings } from '../approvals/approval-messages.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import { adminProgram } from './program-admin.ts';
import type { EnrolleeRow } from './ports.ts';

type Deps = { store: Store; clock: Clock; settings: ApprovalSettings };

const GONE = 'Someone no longer in the directory';

/** An enrollee as HR's list shows them: no goals, no decision notes (those are the employee's and the manager's). */
export function enrolleeView(r: EnrolleeRow): Enrollee {
  return {
    enrollmentId: r.enrollmentId,
    userId: r.userId,
    name: r.name ?? GONE,
    department: r.department,
    role: r.role,
    status: r.status,
    approver: r.approverKind ? { kind: r.approverKind, id: r.approverId, name: r.approverName, unreachable: r.approverUnreachable } : null,
    reminders: r.reminders,
    remindedAt: r.remindedAt?.toISOString() ?? null,
    matched: r.matched,
    partnerName: r.matched ? (r.partnerName ?? GONE) : null,
    enrolledAt: r.createdAt.toISOString(),
  };
}

/** Every enrollee of a program (their latest enrollment), for program admins. */
export async function listEnrollees(deps: { store: Store }, actor: Actor, programId: string): Promise<Enrollee[]> {
  await adminProgram(deps.store, actor, programId);
  return (await deps.store.dashboard.enrollees(actor.tenantId, programId)).map(enrolleeView);
}

/**
 * HR sends the approver of a pending enrollment a reminder (the approval card again, through the
 * outbox). At most one such reminder per enrollment and day: a second click, a retry or a
 * double-click the same day sends nothing more (`sent: false`).
 * @throws AppError `forbidden`, `not_found`, `conflict` (the request is no longer pending).
 */
export async function remindApprover(deps: Deps, actor: Actor, programId: string, enrollmentId: string): Promise<ReminderResult> {
  const program = await adminProgram(deps.store, actor, programId);
  const sent = await deps.store.transaction(async (tx) => {
    const e = await tx.enrollments.getForUpdate(actor.tenantId, enrollmentId);
    if (!e || e.programId !== programId) throw new AppError('not_found', 'There is no such enrollment in this program.', { field: 'enrollmentId' });
    if (e.status !== 'pending') throw new AppError('conflict', `This request is ${e.status}: there is nothing to remind anyone of.`, { field: 'enrollmentId' });
    const now = deps.clock.now();
    const key = `hr-${now.toISOString().slice(0, 10)}`;
    const before = await tx.outbox.sendsWithPrefix(`approval:${e.id}:to:`);
    if (before.some((m) => m.dedupeKey.endsWith(`:reminder:${key}`))) return false;
    await enqueueApprovalRequest(tx, deps.settings, e, program, { key });
    await tx.enrollments.update({ ...e, remindedAt: now, updatedAt: now });
    return true;
  });
  const row = (await deps.store.dashboard.enrollees(actor.tenantId, programId)).find((r) => r.enrollmentId === enrollmentId)!;
  return { sent, enrollee: enrolleeView(row) };
}
