import type { Weights } from '../../domain/matching/rules.ts';
import type { Cadence, ProgramRules } from '../../domain/programs/program.ts';

export interface ProgramRecord extends ProgramRules {
  tenantId: string;
  id: string;
  name: string;
  description: string;
  seniority: { minLevelGap: number; minTenureYearsGap: number; combine: 'levels' | 'tenure' | 'either' | 'both' };
  mentorCapacity: number;
  /** Hours before a session that its agenda goes out. */
  agendaLeadHours: number;
  /** Minutes together in the meeting for a session to count as held. */
  heldMinutes: number;
  /** HR's own session plan; null: the template's, from each pair's topics. */
  sessionPlan: { title: string; description: string }[] | null;
  /** How much each matching preference counts; null: the defaults (DEFAULT_WEIGHTS). */
  matchingWeights: Weights | null;
  /** Archived: hidden from employees, kept for reports (absent: not archived). */
  archivedAt?: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A program's enrollments: `enrolled` counts every one, withdrawn and declined too (a program with any cannot be deleted). */
export interface ProgramCounts {
  pending: number;
  approved: number;
  enrolled: number;
}

export interface ProgramRepository {
  insert(p: ProgramRecord): Promise<void>;
  update(p: ProgramRecord): Promise<void>;
  get(tenantId: string, id: string): Promise<ProgramRecord | undefined>;
  list(tenantId: string): Promise<ProgramRecord[]>;
  /** Archives (a date) or brings back (null) a program. */
  setArchived(tenantId: string, id: string, at: Date | null): Promise<void>;
  /** Deletes a program nobody enrolled in, with its matching draft; false when it has enrollments. */
  deleteUnused(tenantId: string, id: string): Promise<boolean>;
  /** Pending and approved enrollments per program, and every enrollment ever (whatever became of it). */
  counts(tenantId: string): Promise<Map<string, ProgramCounts>>;
}

export interface AdminRepository {
  record(tenantId: string, userId: string, at: Date): Promise<void>;
  list(tenantId: string): Promise<string[]>;
}

/** A saved program edit as it reaches one booked series (see changes.ts). */
export interface SeriesChangeRecord {
  tenantId: string;
  programId: string;
  menteeId: string;
  /** One program edit: every series it changes carries the same id. */
  changeId: string;
  status: 'pending' | 'applied' | 'failed';
  summary: string[];
  /** The series as it is to become. */
  target: { durationMinutes: number; cadence: Cadence };
  problem: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SeriesChangeRepository {
  insert(r: SeriesChangeRecord): Promise<void>;
  /** The row, locked until the transaction ends. */
  getForUpdate(tenantId: string, programId: string, menteeId: string, changeId: string): Promise<SeriesChangeRecord | undefined>;
  save(r: SeriesChangeRecord): Promise<void>;
  /** The latest change of each pair of the program. */
  latest(tenantId: string, programId: string): Promise<SeriesChangeRecord[]>;
}
