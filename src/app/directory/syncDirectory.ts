import type { DirectoryChange } from '../../domain/shared/directory.ts';
import { AppError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { DirectoryRepository, DirectorySource } from './ports.ts';

export interface SyncResult {
  kind: 'full' | 'delta';
  changes: number;
  people: number;
}

/**
 * A full round names a manager only for people who have one, so there "no manager said" means
 * "no manager" (in a delta round it means "unchanged").
 */
const fromFullRound = (c: DirectoryChange): DirectoryChange => (c.kind === 'upsert' && c.person.managerId === undefined ? { ...c, person: { ...c.person, managerId: null } } : c);

/**
 * Brings the stored org chart up to date with one delta round: everything the first time, only
 * changes afterwards. When Graph has forgotten the delta link (410), starts over with a full
 * round, after which people the full round did not return are marked removed.
 * @throws AppError `graph_error` / `unavailable` when Graph cannot be read; what was applied stays (it is idempotent).
 */
export async function syncDirectory(deps: { directory: DirectoryRepository; source: DirectorySource; clock: Clock }, tenantId: string): Promise<SyncResult> {
  const { directory, source, clock } = deps;
  await directory.ensureTenant(tenantId);
  const state = await directory.getSyncState(tenantId);
  try {
    return await round(state?.deltaLink);
  } catch (error) {
    if (state && error instanceof AppError && error.code === 'conflict') return round(undefined);
    throw error;
  }

  async function round(deltaLink: string | undefined): Promise<SyncResult> {
    const startedAt = clock.now();
    let changes = 0;
    let next: string | undefined;
    for await (const page of source.delta(deltaLink)) {
      await directory.applyChanges(tenantId, deltaLink ? page.changes : page.changes.map(fromFullRound), startedAt);
      changes += page.changes.length;
      next = page.deltaLink ?? next;
    }
    if (!next) throw new AppError('graph_error', 'The directory delta round ended without a delta link.');
    if (!deltaLink) await directory.markUnseenRemoved(tenantId, startedAt);
    await directory.saveSyncState(tenantId, next, !deltaLink, clock.now());
    return { kind: deltaLink ? 'delta' : 'full', changes, people: await directory.countPeople(tenantId) };
  }
}
