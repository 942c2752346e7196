import type { Me, Profile } from '../../contracts/api.ts';
import { AppError } from '../shared/errors.ts';
import type { DirectoryRepository, ProfileRecord } from './ports.ts';

const NOT_FOUND = 'This person is not in your organisation’s directory (yet): the directory may still be syncing.';

function profileView({ person, managers, reports }: ProfileRecord): Profile {
  return {
    person: {
      id: person.id,
      displayName: person.displayName,
      jobTitle: person.jobTitle,
      department: person.department,
      mail: person.mail,
      officeLocation: person.officeLocation,
      hireDate: person.hireDate,
      accountEnabled: person.accountEnabled,
      level: person.level,
    },
    manager: managers[0] ?? null,
    chain: managers.slice(1),
    directReports: reports,
  };
}

/**
 * A person's profile from the synced org chart: who they are, their manager and chain, their reports (one query).
 * @throws AppError `not_found` when the person is not in the tenant's directory (or was removed).
 */
export async function getProfile(deps: { directory: DirectoryRepository }, tenantId: string, personId: string): Promise<Profile> {
  const record = await deps.directory.profile(tenantId, personId, false);
  if (!record) throw new AppError('not_found', NOT_FOUND, { field: 'id' });
  return profileView(record);
}

/** What the tab's first call answers: the signed-in person's profile, roles and how fresh the directory is (one query). */
export async function getMe(deps: { directory: DirectoryRepository }, caller: { tenantId: string; userId: string; roles: string[] }): Promise<Me> {
  const record = await deps.directory.profile(caller.tenantId, caller.userId, true);
  if (!record) throw new AppError('not_found', NOT_FOUND, { field: 'id' });
  const directory = record.directory ?? { people: 0, lastSyncAt: null };
  return { ...profileView(record), roles: caller.roles, directory: { people: directory.people, lastSyncAt: directory.lastSyncAt?.toISOString() ?? null } };
}

/** How cards greet a person: their name, or "there" for someone not (yet) in the directory. */
export async function displayNameOf(directory: DirectoryRepository, tenantId: string, userId: string): Promise<string> {
  return (await directory.getPerson(tenantId, userId))?.displayName ?? 'there';
}
