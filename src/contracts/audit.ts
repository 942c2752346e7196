import { z } from './zod.ts';

const namedSchema = z.object({
  id: z.string(),
  /** As the directory names them now; an erased person by their pseudonym ("Former participant …"). */
  displayName: z.string(),
  erased: z.boolean(),
});

export const auditEntrySchema = z.object({
  id: z.number().check(z.int()),
  at: z.string(),
  /** program.created, program.updated, matching.run, matching.locked, matching.unlocked, matching.removed, matching.assigned, matching.published, pair.ended, pair.repaired, export.downloaded, checkin.viewed. */
  action: z.string(),
  actor: namedSchema,
  subject: z.nullable(namedSchema),
  /** Ids, codes and figures: never names or free text. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** A page of a program's audit log, newest first; `next`: pass as `before` for the page after. */
export const auditLogPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  next: z.nullable(z.number().check(z.int())),
});
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;

export const auditQuerySchema = z.object({
  before: z.optional(z.coerce.number().check(z.int(), z.positive())),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(200))),
});
