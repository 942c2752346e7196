import type { ApprovalView } from '../../cards/index.ts';
import type { ApprovalCardVM } from '../../cards/types.ts';
import type { CardActor } from '../shared/actor.ts';
import { decide, mayDecide, type Decision } from '../../domain/programs/program.ts';
import { approvalVM, enqueueApprovalRequest, enqueueApprovalUpdates, enqueueOutcome, type ApprovalSettings } from './approval-messages.ts';
import { approverFor } from '../enrollment/enrollment.ts';
import { AppError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EnrollmentRecord } from '../enrollment/ports.ts';
import type { OutboxPurpose } from '../outbox/ports.ts';
import type { Store } from '../store.ts';

/** What the approval use cases run on. */
export type ApprovalDeps = { store: Store; clock: Clock; settings: ApprovalSettings };
type Deps = ApprovalDeps;

async function isAdmin(store: Store, actor: CardActor) {
  return (await store.admins.list(actor.tenantId)).includes(actor.userId);
}

/** An approval card's content, and which view of it this person gets. */
export interface ApprovalCardView {
  vm: ApprovalCardVM;
  view: ApprovalView;
}

async function cardFor(store: Store, settings: ApprovalSettings, e: EnrollmentRecord, actor: CardActor): Promise<ApprovalCardView> {
  const program = (await store.programs.get(e.tenantId, e.programId))!;
  const vm = await approvalVM(store, settings, e, program);
  const canDecide = e.status === 'pending' && mayDecide(e, actor.userId, await isAdmin(store, actor));
  return { vm, view: canDecide ? 'decider' : 'readOnly' };
}

/**
 * The approval card as this person should see it now (the automatic refresh). Reads only: a
 * refresh never changes anything.
 * @throws AppError `not_found` for an enrollment of another tenant or none.
 */
export async function viewApproval(deps: Deps, actor: CardActor, enrollmentId: string): Promise<ApprovalCardView> {
  const e = await deps.store.enrollments.get(actor.tenantId, enrollmentId);
  if (!e) throw new AppError('not_found', 'This approval request no longer exists.', { field: 'enrollmentId' });
  return cardFor(deps.store, deps.settings, e, actor);
}

/**
 * Approve or Decline from the card. The row is locked, so concurrent clicks queue and one decision
 * is recorded; a repeated click answers the decided card. Anyone but the approver is refused and
 * nothing changes. Returns the card to show the person who clicked.
 * @throws AppError `forbidden` (not theirs to decide), `not_found`.
 */
export async function decideApproval(deps: Deps, actor: CardActor, enrollmentId: string, decision: Decision, cardVersion: number, note: string | undefined): Promise<ApprovalCardView> {
  const admin = await isAdmin(deps.store, actor);
  return deps.store.transaction(async (tx) => {
    const e = await tx.enrollments.getForUpdate(actor.tenantId, enrollmentId);
    if (!e) throw new AppError('not_found', 'This approval request no longer exists.', { field: 'enrollmentId' });
    const outcome = decide(e, actor.userId, admin, decision, cardVersion);
    if (outcome.kind === 'refused' && outcome.reason === 'not-allowed') {
      const employee = await tx.directory.getPerson(e.tenantId, e.userId);
      throw new AppError('forbidden', `Only ${employee?.displayName ?? 'the employee'}'s manager${e.approverKind === 'programAdmin' ? ' — here, a program admin —' : ''} can decide this request.`);
    }
    if (outcome.kind !== 'decide') return cardFor(tx, deps.settings, e, actor);
    const now = deps.clock.now();
    const next: EnrollmentRecord = { ...e, status: outcome.status, decidedBy: actor.userId, decidedAt: now, decisionNote: note?.trim() || null, version: e.version + 1, updatedAt: now };
    await tx.enrollments.update(next);
    const program = (await tx.programs.get(e.tenantId, e.programId))!;
    await enqueueApprovalUpdates(tx, deps.settings, next, program);
    await enqueueOutcome(tx, deps.settings, next, program);
    return cardFor(tx, deps.settings, next, actor);
  });
}

/**
 * The periodic pass over pending requests: one reminder after `remindAfterDays`, expiry after
 * `expireAfterDays`, and a request whose employee now has another manager moves to that manager.
 * Idempotent: each change is made once, under the row's lock.
 */
export async function sweepApprovals(deps: Deps): Promise<{ reminded: number; expired: number; moved: number }> {
  const counts = { reminded: 0, expired: 0, moved: 0 };
  const now = deps.clock.now();
  for (const pending of await deps.store.enrollments.listPending(1000)) {
    await deps.store.transaction(async (tx) => {
      const e = await tx.enrollments.getForUpdate(pending.tenantId, pending.id);
      if (!e || e.status !== 'pending') return;
      const program = (await tx.programs.get(e.tenantId, e.programId))!;
      if (e.expiresAt <= now) {
        const next: EnrollmentRecord = { ...e, status: 'expired', version: e.version + 1, updatedAt: now };
        await tx.enrollments.update(next);
        await enqueueApprovalUpdates(tx, deps.settings, next, program);
        await enqueueOutcome(tx, deps.settings, next, program);
        counts.expired++;
        return;
      }
      const approver = await approverFor(tx, e.tenantId, e.userId);
      if (approver.approverKind !== e.approverKind || approver.approverId !== e.approverId) {
        const next: EnrollmentRecord = { ...e, ...approver, approverUnreachable: false, version: e.version + 1, updatedAt: now };
        await tx.enrollments.update(next);
        await enqueueApprovalUpdates(tx, deps.settings, next, program); // the old approver's card turns read-only
        await enqueueApprovalRequest(tx, deps.settings, next, program);
        counts.moved++;
        return;
      }
      if (!e.remindedAt && e.createdAt.getTime() + deps.settings.remindAfterDays * 86_400_000 <= now.getTime()) {
        const next: EnrollmentRecord = { ...e, remindedAt: now, updatedAt: now };
        await tx.enrollments.update(next);
        await enqueueApprovalRequest(tx, deps.settings, next, program, true);
        counts.reminded++;
      }
    });
  }
  return counts;
}

/** The outbox could not deliver an approval request (the approver blocked the bot): mark the request. */
export async function noteUndeliverable(deps: { store: Store }, tenantId: string, purpose: OutboxPurpose): Promise<void> {
  const enrollmentId = purpose.enrollmentId;
  if (!enrollmentId) return;
  await deps.store.transaction(async (tx) => {
    const e = await tx.enrollments.getForUpdate(tenantId, enrollmentId);
    if (e && e.status === 'pending' && !e.approverUnreachable) await tx.enrollments.update({ ...e, approverUnreachable: true });
  });
}
