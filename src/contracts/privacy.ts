import { z } from './zod.ts';

/** "Leave and delete": one confirmation, typed by the person, so that a stray click deletes nothing. */
export const eraseRequestSchema = z.object({
  confirm: z.literal(true, { message: 'must be true: confirm that you want to leave every program and delete your data' }),
});

/** Where a person's erasure stands. */
export const erasureStatusSchema = z.object({
  /** none: nothing asked; waiting: meetings being cancelled; erased: deleted, the card saying so on its way; done. */
  state: z.enum(['none', 'waiting', 'erased', 'done']),
  requestedAt: z.nullable(z.string()),
});
export type ErasureStatus = z.infer<typeof erasureStatusSchema>;

/** What "download my data" returns: one section per kind of data, each a list of records. */
export const myDataSchema = z.object({
  exportedAt: z.string(),
  person: z.object({ id: z.string(), tenantId: z.string() }),
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type MyData = z.infer<typeof myDataSchema>;
