import type { DirectoryChange, DirectoryPerson } from '../../src/domain/shared/directory.ts';
import type { SandboxOrg, SandboxPerson } from '../../src/sandbox/org/index.ts';

/** Two tenants of the store's tests: rows of one must never show in the other. */
export const T1 = '11111111-1111-4111-8111-111111111111';
export const T2 = '22222222-2222-4222-8222-222222222222';

/** The n-th made-up object id: a GUID that reads as its number (…-000000000012). */
export const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The n-th person of a made-up directory: `Person n`, in Finance in Berlin, enabled, hired in 2020. */
export function directoryPerson(n: number, managerId: string | null, extra: Partial<{ department: string; accountEnabled: boolean }> = {}): DirectoryPerson {
  return {
    id: guid(n),
    displayName: `Person ${n}`,
    mail: `p${n}@x.test`,
    userPrincipalName: `p${n}@x.test`,
    jobTitle: 'Title',
    department: extra.department ?? 'Finance',
    officeLocation: 'Berlin',
    hireDate: '2020-01-01T00:00:00.000Z',
    accountEnabled: extra.accountEnabled ?? true,
    managerId,
  };
}

/** A sync round's change that adds or updates the n-th person; a manager of `undefined` says nothing about the manager. */
export function upsertPerson(n: number, managerId: string | null | undefined, extra: Partial<{ department: string; accountEnabled: boolean }> = {}): DirectoryChange {
  return { kind: 'upsert', person: { ...directoryPerson(n, null, extra), managerId } };
}

/** Enabled people with a manager who are none of the personas: no edge case in the way, in the org's order. */
export function ordinaryPeople(org: SandboxOrg): SandboxPerson[] {
  return org.people.filter((p) => p.accountEnabled && p.managerId && !p.persona);
}
