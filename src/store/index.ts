import type { Store } from '../app/store.ts';
import { SqlDashboardRepository } from './dashboard.repository.ts';
import { SqlCareRepository } from './care.repository.ts';
import { SqlBookingRepository } from './bookings.repository.ts';
import { SqlDirectoryRepository } from './directory.repository.ts';
import { SqlMatchingRepository } from './matching.repository.ts';
import { SqlOutboxRepository } from './outbox.repository.ts';
import { SqlConversationRepository } from './conversations.repository.ts';
import { SqlEnrollmentRepository } from './enrollments.repository.ts';
import { SqlJobRepository } from './jobs.repository.ts';
import { SqlAdminRepository, SqlProgramRepository } from './programs.repository.ts';
import { SqlActionItemRepository, SqlFeedbackRepository } from './feedback.repository.ts';
import { SqlSeriesRepository } from './series.repository.ts';
import { SqlSessionRepository } from './sessions.repository.ts';
import { SqlSubscriptionRepository } from './subscriptions.repository.ts';
import { SqlInvitationRepository } from './invitations.repository.ts';
import { SqlSeriesChangeRepository } from './series-changes.repository.ts';
import { SqlClosingRepository, SqlSkillRepository } from './closing.repository.ts';
import { SqlAuditRepository } from './audit.repository.ts';
import { SqlPrivacyRepository } from './privacy.repository.ts';
import type { SqlClient, SqlExecutor } from './sql-client.ts';

function bind(db: SqlExecutor, transaction: Store['transaction']): Store {
  return {
    directory: new SqlDirectoryRepository(db),
    programs: new SqlProgramRepository(db),
    enrollments: new SqlEnrollmentRepository(db),
    conversations: new SqlConversationRepository(db),
    admins: new SqlAdminRepository(db),
    outbox: new SqlOutboxRepository(db),
    matching: new SqlMatchingRepository(db),
    bookings: new SqlBookingRepository(db),
    jobs: new SqlJobRepository(db),
    sessions: new SqlSessionRepository(db),
    series: new SqlSeriesRepository(db),
    actionItems: new SqlActionItemRepository(db),
    feedback: new SqlFeedbackRepository(db),
    subscriptions: new SqlSubscriptionRepository(db),
    invitations: new SqlInvitationRepository(db),
    seriesChanges: new SqlSeriesChangeRepository(db),
    skills: new SqlSkillRepository(db),
    closings: new SqlClosingRepository(db),
    audit: new SqlAuditRepository(db),
    privacy: new SqlPrivacyRepository(db),
    dashboard: new SqlDashboardRepository(db),
    care: new SqlCareRepository(db),
    transaction,
  };
}

/** Every repository on one database; `transaction` gives the same repositories inside one transaction. */
export function createStore(db: SqlClient): Store {
  const transaction: Store['transaction'] = (fn) =>
    db.transaction((tx) => {
      // Nested transactions run inside the outer one.
      const inner: Store = bind(tx, (f) => f(inner));
      return fn(inner);
    });
  return bind(db, transaction);
}
