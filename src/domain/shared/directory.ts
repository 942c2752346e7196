/** A person as the org chart knows them (synced from Microsoft Graph). Never an age. */
export interface DirectoryPerson {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  hireDate: string | null;
  accountEnabled: boolean;
  managerId: string | null;
}

/**
 * One change from a directory sync round. `managerId` is `undefined` when the round did not say
 * anything about the manager (Graph sends `manager@delta` only when it changed).
 */
export type DirectoryChange = { kind: 'upsert'; person: Omit<DirectoryPerson, 'managerId'> & { managerId: string | null | undefined } } | { kind: 'removed'; id: string };
