import type { Logger } from 'pino';
import type { ApprovalDeps } from '../app/approvals/approvals.ts';
import type { BookingDeps } from '../app/booking/booking.ts';
import type { syncDirectory } from '../app/directory/syncDirectory.ts';
import type { DeliveryDeps } from '../app/outbox/deliverOutbox.ts';
import type { SessionDeps } from '../app/sessions/context.ts';
import type { CareDeps } from '../app/care/context.ts';
import type { Clock } from '../app/shared/clock.ts';
import type { JobRepository } from '../app/shared/jobs.ts';
import { bookPairsJob } from './book-pairs.job.ts';
import { erasePeopleJob } from './erase-people.job.ts';
import type { ErasureDeps } from '../app/data-rights/erasure.ts';
import { careJobs } from './care.job.ts';
import { deliverOutboxJob } from './deliver-outbox.job.ts';
import { applySeriesChangeJob } from './program-changes.job.ts';
import { sendClosingsJob } from './closing.job.ts';
import { sessionJobs } from './sessions.job.ts';
import { sweepApprovalsJob } from './sweep-approvals.job.ts';
import { syncDirectoryJob } from './sync-directory.job.ts';
import { startWorker, type Worker } from './worker.ts';

export { BOOK_PAIRS } from './book-pairs.job.ts';
export { DELIVER_OUTBOX } from './deliver-outbox.job.ts';
export { APPLY_SERIES_CHANGE } from './program-changes.job.ts';
export { ERASE_PEOPLE } from './erase-people.job.ts';
export { CARE_PAUSES, CARE_SWEEP } from './care.job.ts';
export { SEND_CLOSINGS } from './closing.job.ts';
export { SWEEP_APPROVALS } from './sweep-approvals.job.ts';
export { CHECK_SERIES, KEEP_SUBSCRIPTIONS, READ_ATTENDANCE, SESSION_CARDS, WRITE_SESSIONS } from './sessions.job.ts';
export { SYNC_DIRECTORY } from './sync-directory.job.ts';

export interface FlipsideJobDeps {
  tenantId: string;
  delivery: DeliveryDeps;
  booking: BookingDeps;
  approvals: ApprovalDeps;
  sessions: SessionDeps;
  care: CareDeps;
  directory: Parameters<typeof syncDirectory>[0];
  erasure: ErasureDeps;
}

/**
 * Every job kind of Flipside, on one worker over the jobs table. Each recurring job also runs
 * at once at start (a restart syncs the directory and delivers what waits), as one would expect.
 */
export async function startJobs(deps: FlipsideJobDeps, options: { jobs: JobRepository; clock: Clock; log: Logger; autoStart?: boolean }): Promise<Worker> {
  // Jobs kick each other ("cards to deliver now") through the worker they run on.
  let started!: (worker: Worker) => void;
  const ready = new Promise<Worker>((resolve) => (started = resolve));
  const kick = (kind: string) => void ready.then((w) => w.kick(kind));
  const definitions = [
    deliverOutboxJob(deps.delivery),
    bookPairsJob(deps.booking, kick),
    sweepApprovalsJob(deps.approvals, kick),
    syncDirectoryJob(deps.directory, deps.tenantId, kick),
    ...sessionJobs(deps.sessions, deps.tenantId, kick),
    applySeriesChangeJob(deps.booking, kick),
    erasePeopleJob(deps.erasure, kick),
    ...careJobs(deps.care, kick),
    sendClosingsJob(deps.sessions, kick),
  ];
  const worker = await startWorker({ ...options, definitions });
  started(worker);
  for (const kind of worker.recurringKinds) kick(kind); // one-off kinds run when they are due
  return worker;
}
