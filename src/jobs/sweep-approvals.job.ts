import { z } from 'zod';
import { sweepApprovals, type ApprovalDeps } from '../app/approvals/approvals.ts';
import { DELIVER_OUTBOX } from './deliver-outbox.job.ts';
import { defineJob } from './worker.ts';

export const SWEEP_APPROVALS = 'sweep-approvals';

/** Reminders, expiries and requests that move to a new manager, once a minute. */
export const sweepApprovalsJob = (deps: ApprovalDeps, kick: (kind: string) => void) =>
  defineJob({
    kind: SWEEP_APPROVALS,
    every: 60_000,
    payload: z.null(),
    async run(_payload, { log }) {
      const swept = await sweepApprovals(deps);
      if (swept.expired + swept.moved + swept.reminded > 0) {
        log.info(swept, 'approvals swept');
        kick(DELIVER_OUTBOX);
      }
    },
  });
