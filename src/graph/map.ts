import type { DirectoryChange } from '../domain/shared/directory.ts';

/** A user as users/delta returns it (wire type: stays inside src/graph). */
export interface GraphDeltaUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  employeeHireDate?: string | null;
  accountEnabled?: boolean | null;
  'manager@delta'?: { id: string; '@removed'?: unknown }[];
  '@removed'?: { reason: string };
}

/**
 * Maps one users/delta item to a directory change. `manager@delta` is present only when the
 * manager changed: absent means "unchanged" (undefined), an empty list or a removed entry means
 * "no manager now".
 */
export function toDirectoryChange(u: GraphDeltaUser): DirectoryChange {
  if (u['@removed']) return { kind: 'removed', id: u.id };
  const managers = u['manager@delta'];
  const current = managers?.find((m) => !m['@removed']);
  return {
    kind: 'upsert',
    person: {
      id: u.id,
      displayName: u.displayName ?? u.userPrincipalName ?? u.id,
      mail: u.mail ?? null,
      userPrincipalName: u.userPrincipalName ?? null,
      jobTitle: u.jobTitle ?? null,
      department: u.department ?? null,
      officeLocation: u.officeLocation ?? null,
      hireDate: u.employeeHireDate ?? null,
      accountEnabled: u.accountEnabled ?? true,
      managerId: managers === undefined ? undefined : (current?.id ?? null),
    },
  };
}
