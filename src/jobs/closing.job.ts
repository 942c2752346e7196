import { z } from 'zod';
import { sendDueClosings, type ClosingDeps } from '../app/closing/closing.ts';
import { DELIVER_OUTBOX } from './deliver-outbox.job.ts';
import { defineJob } from './worker.ts';

export const SEND_CLOSINGS = 'send-closings';

/** The closing surveys of pairs whose last session ended an hour ago, by the Clock, every minute. */
export const sendClosingsJob = (deps: ClosingDeps, kick: (kind: string) => void) =>
  defineJob({
    kind: SEND_CLOSINGS,
    every: 60_000,
    payload: z.null(),
    async run() {
      const sent = await sendDueClosings(deps);
      if (sent > 0) kick(DELIVER_OUTBOX);
      return { more: sent >= 100 };
    },
  });
