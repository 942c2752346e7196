import type { DirectoryPerson } from '../../domain/shared/directory.ts';

export type InvitationSource = 'department' | 'organisation' | 'list';

/** One person invited to one program. */
export interface InvitationRecord {
  tenantId: string;
  programId: string;
  userId: string;
  invitedBy: string;
  source: InvitationSource;
  invitedAt: Date;
  declinedAt: Date | null;
  undeliverableAt: Date | null;
}

export interface InvitationCounts {
  invited: number;
  enrolled: number;
  declined: number;
  undeliverable: number;
}

/** Invitations, and the directory look-ups that find whom to invite. */
export interface InvitationRepository {
  /** Inserts those not invited to the program yet (one row per person and program, whatever retries happen); returns who is new. */
  insertNew(rows: InvitationRecord[]): Promise<Set<string>>;
  get(tenantId: string, programId: string, userId: string): Promise<InvitationRecord | undefined>;
  /** Of `userIds`, those invited to the program before. */
  invitedAmong(tenantId: string, programId: string, userIds: readonly string[]): Promise<Set<string>>;
  markDeclined(tenantId: string, programId: string, userId: string, at: Date): Promise<void>;
  markUndeliverable(tenantId: string, programId: string, userId: string, at: Date): Promise<void>;
  counts(tenantId: string, programId: string): Promise<InvitationCounts>;
  /** Of `userIds`, those with a live (pending or approved) enrollment in the program. */
  enrolledAmong(tenantId: string, programId: string, userIds: readonly string[]): Promise<Set<string>>;
  /** Everyone (not removed) whose department is `department`, case-insensitively. */
  peopleInDepartment(tenantId: string, department: string): Promise<DirectoryPerson[]>;
  /** The manager and everyone who reports to them, directly or not. */
  organisationOf(tenantId: string, managerId: string): Promise<DirectoryPerson[]>;
  /** People whose mail or UPN is one of `addresses` (lower-cased), by address. */
  findByAddresses(tenantId: string, addresses: readonly string[]): Promise<Map<string, DirectoryPerson>>;
  departments(tenantId: string): Promise<Array<{ name: string; people: number }>>;
  /** People with reports whose name, title or department contains `search`, with the size of their organisation. */
  searchManagers(tenantId: string, search: string, limit: number): Promise<Array<{ person: DirectoryPerson; organisationSize: number }>>;
}
