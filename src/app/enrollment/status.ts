import type { StatusCardVM } from '../../cards/types.ts';
import type { Store } from '../store.ts';

/** One enrollment as `status` lists it, with the program it belongs to. */
export type EnrollmentLine = Omit<StatusCardVM['enrollments'][number], 'pairings'> & { programId: string };

/** A person's enrollments as the bot's `status` card lists them: program, state, approver, note. */
export async function enrollmentStatus(store: Store, tenantId: string, userId: string): Promise<EnrollmentLine[]> {
  const programs = new Map((await store.programs.list(tenantId)).map((p) => [p.id, p.name]));
  const approverName = async (id: string | null) => (id ? ((await store.directory.getPerson(tenantId, id))?.displayName ?? null) : null);
  return Promise.all(
    (await store.enrollments.listForUser(tenantId, userId)).map(async (e) => ({
      programId: e.programId,
      programName: programs.get(e.programId) ?? 'A program',
      status: e.status,
      approverName: e.approverKind === 'programAdmin' ? 'the program admins' : await approverName(e.approverId),
      note: e.decisionNote,
    })),
  );
}
