import type { DirectoryRepository } from './directory/ports.ts';
import type { AdminRepository, ProgramRepository, SeriesChangeRepository } from './programs/ports.ts';
import type { ClosingRepository, SkillRepository } from './closing/ports.ts';
import type { EnrollmentRepository } from './enrollment/ports.ts';
import type { ConversationRepository, OutboxRepository } from './outbox/ports.ts';
import type { MatchingRepository } from './matching/ports.ts';
import type { BookingRepository } from './booking/ports.ts';
import type { JobRepository } from './shared/jobs.ts';
import type { InvitationRepository } from './invitations/ports.ts';
import type { AuditRepository } from './audit/ports.ts';
import type { PrivacyRepository } from './data-rights/ports.ts';
import type { DashboardRepository } from './dashboard/ports.ts';
import type { CareRepository } from './care/ports.ts';
import type { ActionItemRepository, FeedbackRepository, SeriesRepository, SessionRepository, SubscriptionRepository } from './sessions/ports.ts';

/** Every repository, and transactions over them. */
export interface Store {
  directory: DirectoryRepository;
  programs: ProgramRepository;
  enrollments: EnrollmentRepository;
  conversations: ConversationRepository;
  admins: AdminRepository;
  outbox: OutboxRepository;
  matching: MatchingRepository;
  bookings: BookingRepository;
  /** Durable jobs: scheduled inside the same transaction as the change that asks for them. */
  jobs: JobRepository;
  sessions: SessionRepository;
  /** The session loop's view of each pair's series (beside its booking). */
  series: SeriesRepository;
  actionItems: ActionItemRepository;
  /** Each person's private answers: read only through the use cases that keep them private. */
  feedback: FeedbackRepository;
  subscriptions: SubscriptionRepository;
  /** HR's invitations to programs, and the directory look-ups that find whom to invite. */
  invitations: InvitationRepository;
  /** A running program's edits as they reach each booked series. */
  seriesChanges: SeriesChangeRepository;
  /** Skills rated before, at the mid-point and after. */
  skills: SkillRepository;
  /** Closing surveys and when each pair's went out. */
  closings: ClosingRepository;
  /** Admin actions, who and when (record them with `audit()` in the action's transaction). */
  audit: AuditRepository;
  /** A person's data across every table (the inventory): export and erasure. */
  privacy: PrivacyRepository;
  /** Read-only aggregates and lists for HR's dashboard and exports. */
  dashboard: DashboardRepository;
  /** The care loop: fit checks, the junior mentor's confidential check-ins (program admins only), stalls, pauses. */
  care: CareRepository;
  /** Runs `fn` in one transaction: all of it lands, or none of it. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
}
