import { z } from 'zod';
import { bookingRound, type BookingDeps } from '../app/booking/booking.ts';
import { DELIVER_OUTBOX } from './deliver-outbox.job.ts';
import { WRITE_SESSIONS } from './sessions.job.ts';
import { defineJob } from './worker.ts';

export const BOOK_PAIRS = 'book-pairs';

/** Finds times for new pairs, books picked series and trims ended ones, every 5 s (and when kicked). */
export const bookPairsJob = (deps: BookingDeps, kick: (kind: string) => void) =>
  defineJob({
    kind: BOOK_PAIRS,
    every: 5_000,
    payload: z.null(),
    async run() {
      const moved = await bookingRound(deps);
      if (moved > 0) {
        kick(DELIVER_OUTBOX); // the cards that say so
        kick(WRITE_SESSIONS); // the sessions of series booked, moved or ended
      }
      return { more: moved > 0 };
    },
  });
