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
