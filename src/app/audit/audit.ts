import type { AuditLogPage } from '../../contracts/audit.ts';
import { pseudonymLabel } from '../../domain/shared/pseudonym.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import type { AuditAction, AuditDetails } from './ports.ts';

/**
 * Records an admin action in the audit log. Call it on the transaction's store of the action
 * (`tx`), so that the action and its entry land together or not at all:
 *
 *     await deps.store.transaction(async (tx) => {
 *       await tx.bookings.save(...);
 *       await audit(tx, deps.clock, actor, 'pair.repaired', { programId, subjectId: menteeId, details: { mentorId } });
 *     });
 *
 * Details carry ids and codes, never names or free text.
 */
export async function audit(
  store: Pick<Store, 'audit'>,
  clock: Clock,
  actor: Pick<Actor, 'tenantId' | 'userId'>,
  action: AuditAction,
  what: { programId: string | null; subjectId?: string | null; details?: AuditDetails },
): Promise<void> {
  await store.audit.record({ tenantId: actor.tenantId, programId: what.programId, actorId: actor.userId, action, subjectId: what.subjectId ?? null, details: what.details ?? {}, at: clock.now() });
}

const PAGE = 50;

/**
 * A program's audit log for its admins, newest first, a page at a time (`before`: the last id of
 * the previous page). People are named as the directory names them now; an erased person by their
 * pseudonym.
 * @throws AppError `forbidden` (not a program admin), `not_found` (no such program).
 */
export async function programAuditLog(deps: { store: Store }, actor: Actor, programId: string, page: { before?: number; limit?: number } = {}): Promise<AuditLogPage> {
  if (!actor.isProgramAdmin) throw new AppError('forbidden', 'Only program admins (the Program.Admin role) can read the audit log.');
  if (!(await deps.store.programs.get(actor.tenantId, programId))) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  const limit = Math.min(Math.max(page.limit ?? PAGE, 1), 200);
  const rows = await deps.store.audit.listForProgram(actor.tenantId, programId, { before: page.before, limit: limit + 1 });
  const shown = rows.slice(0, limit);
  const ids = [...new Set(shown.flatMap((r) => [r.actorId, ...(r.subjectId ? [r.subjectId] : [])]))];
  const people = await deps.store.directory.getPeople(actor.tenantId, ids);
  const pseudonyms = new Set(await deps.store.privacy.pseudonymsAmong(actor.tenantId, ids));
  const name = (id: string) => people.get(id)?.displayName ?? (pseudonyms.has(id) ? pseudonymLabel(id) : 'Someone who left');
  return {
    entries: shown.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      actor: { id: r.actorId, displayName: name(r.actorId), erased: pseudonyms.has(r.actorId) },
      subject: r.subjectId ? { id: r.subjectId, displayName: name(r.subjectId), erased: pseudonyms.has(r.subjectId) } : null,
      details: r.details,
    })),
    next: rows.length > limit ? shown.at(-1)!.id : null,
  };
}
