import type { DirectoryRepository } from './directory/ports.ts';
import type { AdminRepository, ProgramRepository } from './programs/ports.ts';
import type { EnrollmentRepository } from './enrollment/ports.ts';
import type { ConversationRepository, OutboxRepository } from './outbox/ports.ts';
import type { MatchingRepository } from './matching/ports.ts';
import type { BookingRepository } from './booking/ports.ts';
import type { JobRepository } from './shared/jobs.ts';
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
  /** The care loop: fit checks, the junior mentor's confidential check-ins (program admins only), stalls, pauses. */
  care: CareRepository;
  /** Runs `fn` in one transaction: all of it lands, or none of it. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
}
