import { z } from 'zod';
import type { CareDeps } from '../app/care/context.ts';
import { workPauses } from '../app/care/pause.ts';
import { END_OLD_SERIES, endOldSeries } from '../app/care/repair.ts';
import { careSweep } from '../app/care/sweep.ts';
import { BOOK_PAIRS } from './book-pairs.job.ts';
import { DELIVER_OUTBOX } from './deliver-outbox.job.ts';
import { WRITE_SESSIONS } from './sessions.job.ts';
import { defineJob, type JobDefinition } from './worker.ts';

export const CARE_SWEEP = 'care-sweep';
export const CARE_PAUSES = 'care-pauses';
export { END_OLD_SERIES };

/**
 * The care loop's jobs on the Clock: the sweep over booked pairs (fit checks, check-ins, nudges,
 * HR's close question), the pauses (occurrences cancelled in Outlook, series put back), and, one
 * per re-paired pair, ending its old series in Outlook.
 */
export function careJobs(deps: CareDeps, kick: (kind: string) => void): JobDefinition[] {
  return [
    defineJob({
      kind: CARE_SWEEP,
      payload: z.null(),
      every: 15 * 60_000,
      leaseMs: 300_000,
      async run() {
        if ((await careSweep(deps)) > 0) kick(DELIVER_OUTBOX);
      },
    }),
    defineJob({
      kind: CARE_PAUSES,
      payload: z.null(),
      every: 60_000,
      leaseMs: 300_000,
      async run() {
        if ((await workPauses(deps)) > 0) {
          kick(WRITE_SESSIONS);
          kick(BOOK_PAIRS);
          kick(DELIVER_OUTBOX);
        }
      },
    }),
    defineJob({
      kind: END_OLD_SERIES,
      payload: z.object({
        organizerId: z.string().min(1).max(100),
        eventId: z.string().min(1).max(1000),
        lastDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullable(),
      }),
      maxAttempts: 8,
      async run(payload) {
        await endOldSeries(deps, payload);
      },
    }),
  ];
}
