import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { Store } from '../store.ts';

/**
 * The program, for a program admin of its tenant.
 * @throws AppError `forbidden` (not a program admin), `not_found` (no such program in the tenant).
 */
export async function adminProgram(store: Store, actor: Actor, programId: string): Promise<ProgramRecord> {
  if (!actor.isProgramAdmin) throw new AppError('forbidden', 'Only program admins (the Program.Admin role) can see a program’s dashboard, enrollees and exports.');
  const program = await store.programs.get(actor.tenantId, programId);
  if (!program) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  return program;
}
