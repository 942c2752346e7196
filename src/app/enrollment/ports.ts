import type { Cadence, EnrollmentStatus, Role, TopicChoice } from '../../domain/programs/program.ts';

export interface EnrollmentRecord {
  tenantId: string;
  id: string;
  programId: string;
  userId: string;
  role: Role;
  teach: TopicChoice[];
  learn: TopicChoice[];
  goals: string[];
  cadence: Cadence;
  status: EnrollmentStatus;
  approverId: string | null;
  approverKind: 'manager' | 'programAdmin' | null;
  approverUnreachable: boolean;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: number;
  remindedAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnrollmentRepository {
  /** @throws AppError `conflict` when the person already has a live enrollment in the program. */
  insert(e: EnrollmentRecord): Promise<void>;
  update(e: EnrollmentRecord): Promise<void>;
  get(tenantId: string, id: string): Promise<EnrollmentRecord | undefined>;
  /** The row, locked until the transaction ends: concurrent decisions on it queue up. */
  getForUpdate(tenantId: string, id: string): Promise<EnrollmentRecord | undefined>;
  listForUser(tenantId: string, userId: string): Promise<EnrollmentRecord[]>;
  /** The approved enrollments of a program, oldest first. */
  listApproved(tenantId: string, programId: string): Promise<EnrollmentRecord[]>;
  /** Topic ids chosen by live (pending or approved) enrollments of a program. */
  topicsInUse(tenantId: string, programId: string): Promise<Set<string>>;
  /** Pending enrollments of every tenant, oldest first. */
  listPending(limit: number): Promise<EnrollmentRecord[]>;
}
