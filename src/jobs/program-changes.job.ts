import { z } from 'zod';
import type { BookingDeps } from '../app/booking/booking.ts';
import { APPLY_SERIES_CHANGE, applySeriesChange } from '../app/programs/changes.ts';
import { DELIVER_OUTBOX } from './deliver-outbox.job.ts';
import { defineJob } from './worker.ts';

export { APPLY_SERIES_CHANGE };

const uuid = z.uuid();

/**
 * One program edit reaching one booked series (scheduled with the edit, due at once): the series
 * is updated in Outlook and the pair told once. A Graph failure worth retrying throws, and the
 * worker tries again with backoff; after the last attempt the change stays pending, which HR sees.
 */
export const applySeriesChangeJob = (deps: BookingDeps, kick: (kind: string) => void) =>
  defineJob({
    kind: APPLY_SERIES_CHANGE,
    payload: z.object({ tenantId: uuid, programId: uuid, menteeId: uuid, changeId: z.string().regex(/^\d{1,16}$/) }),
    leaseMs: 120_000,
    async run(payload, { log }) {
      const outcome = await applySeriesChange(deps, payload);
      log.info({ outcome, programId: payload.programId, menteeId: payload.menteeId }, 'program change applied to a series');
      if (outcome !== 'skipped') kick(DELIVER_OUTBOX);
    },
  });
