import { z } from 'zod';
import { deliverOutbox, type DeliveryDeps } from '../app/outbox/deliverOutbox.ts';
import { defineJob } from './worker.ts';

export const DELIVER_OUTBOX = 'deliver-outbox';
/** Messages claimed per run; a full batch runs again at once. */
export const DELIVER_BATCH = 50;

/** Sends what is due in the outbox, every half second (and at once when kicked). */
export const deliverOutboxJob = (deps: DeliveryDeps) =>
  defineJob({
    kind: DELIVER_OUTBOX,
    every: 500,
    payload: z.null(),
    async run() {
      return { more: (await deliverOutbox(deps, DELIVER_BATCH)) >= DELIVER_BATCH };
    },
  });
