import { z } from 'zod';
import { erasureRound, type ErasureDeps } from '../app/data-rights/erasure.ts';
import { DELIVER_OUTBOX } from './deliver-outbox.job.ts';
import { defineJob } from './worker.ts';

export const ERASE_PEOPLE = 'erase-people';

/**
 * Leave-and-delete requests and people gone from the directory past the grace period: erased once
 * their meetings are cancelled, forgotten once the card saying so went. Every minute, and when kicked.
 */
export const erasePeopleJob = (deps: ErasureDeps, kick: (kind: string) => void) =>
  defineJob({
    kind: ERASE_PEOPLE,
    every: 60_000,
    payload: z.null(),
    async run() {
      const moved = await erasureRound(deps);
      if (moved > 0) kick(DELIVER_OUTBOX);
    },
  });
