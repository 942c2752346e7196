/**
 * The audit log: every admin action with who took it and when. Entries hold ids and codes only
 * (never names); when a person is erased their id is replaced by the pseudonym of their erasure,
 * so the entries stay.
 */

/** Every action the log records. Add a code here to record a new kind of action. */
export const AUDIT_ACTIONS = [
  'program.created',
  'program.updated',
  'matching.run',
  'matching.locked',
  'matching.unlocked',
  'matching.removed',
  'matching.assigned',
  'matching.published',
  'pair.ended',
  'pair.repaired',
  'pair.kept',
  'pair.closed',
  'program.archived',
  'program.deleted',
  'invitations.sent',
  'export.downloaded',
  'checkin.viewed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Ids, codes and figures about the action: never names or free text. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export interface AuditEntry {
  tenantId: string;
  /** The program it was about; null for actions outside a program. */
  programId: string | null;
  /** Who took it. */
  actorId: string;
  action: AuditAction;
  /** The person it was about (a pair's mentee, a check-in's author), when there is one. */
  subjectId?: string | null;
  details?: AuditDetails;
  at: Date;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
}

export interface AuditRepository {
  /** Adds one entry (inside the caller's transaction when called on a transaction's store). */
  record(entry: AuditEntry): Promise<void>;
  /** A program's entries, newest first, `limit` of them older than entry `before` (absent: from the newest). */
  listForProgram(tenantId: string, programId: string, page: { before?: number; limit: number }): Promise<AuditRecord[]>;
}
