import type { Me } from '../../contracts/api.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';
import { AppError } from '../shared/errors.ts';
import type { DirectoryRepository } from './ports.ts';

const summary = (p: DirectoryPerson) => ({ id: p.id, displayName: p.displayName, jobTitle: p.jobTitle, department: p.department });

/**
 * A person's profile from the synced org chart: who they are, their manager and chain, their reports.
 * @throws AppError `not_found` when the person is not in the tenant's directory (or was removed).
 */
export async function getProfile(deps: { directory: DirectoryRepository }, tenantId: string, personId: string) {
  const person = await deps.directory.getPerson(tenantId, personId);
  if (!person) throw new AppError('not_found', 'This person is not in your organisation’s directory (yet): the directory may still be syncing.', { field: 'id' });
  const [chain, reports] = await Promise.all([deps.directory.managerChain(tenantId, personId), deps.directory.directReports(tenantId, personId)]);
  return {
    person: {
      ...summary(person),
      mail: person.mail,
      officeLocation: person.officeLocation,
      hireDate: person.hireDate,
      accountEnabled: person.accountEnabled,
      level: person.level,
    },
    manager: chain[0] ? summary(chain[0]) : null,
    chain: chain.slice(1).map(summary),
    directReports: reports.map(summary),
  };
}

/** What the tab's first call answers: the signed-in person's profile, roles and how fresh the directory is. */
export async function getMe(deps: { directory: DirectoryRepository }, caller: { tenantId: string; userId: string; roles: string[] }): Promise<Me> {
  const { tenantId, userId, roles } = caller;
  const [profile, sync, people] = await Promise.all([getProfile(deps, tenantId, userId), deps.directory.getSyncState(tenantId), deps.directory.countPeople(tenantId)]);
  return { ...profile, roles, directory: { people, lastSyncAt: sync?.lastSyncAt.toISOString() ?? null } };
}

/** How cards greet a person: their name, or "there" for someone not (yet) in the directory. */
export async function displayNameOf(directory: DirectoryRepository, tenantId: string, userId: string): Promise<string> {
  return (await directory.getPerson(tenantId, userId))?.displayName ?? 'there';
}
