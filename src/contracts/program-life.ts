/** A program's life after publishing: changes to a running program, archiving, skills and the end. */
import { z } from './zod.ts';
import { personSummarySchema } from './api.ts';

/** What saving an edit would do to one booked series. */
export const seriesChangePreviewSchema = z.object({
  mentor: personSummarySchema,
  mentee: personSummarySchema,
  /** Each change in words: "45 → 60 minutes", "ends 30 June 2027 instead of 15 June 2027". */
  summary: z.array(z.string()),
  /** A longer meeting or another cadence: checked against both calendars before it is applied. */
  calendarCheck: z.boolean(),
});

/** Before saving an edit: how many booked series it changes, and how. */
export const programChangePreviewSchema = z.object({
  /** Booked series of the program. */
  booked: z.number(),
  /** Of those, the series the edit changes. */
  changes: z.array(seriesChangePreviewSchema),
});
export type ProgramChangePreview = z.infer<typeof programChangePreviewSchema>;

export const SERIES_CHANGE_STATUSES = ['pending', 'applied', 'failed'] as const;

/** After saving: where each series' update stands (the latest change per pair). */
export const seriesChangesSchema = z.object({
  changes: z.array(
    z.extend(z.omit(seriesChangePreviewSchema, { calendarCheck: true }), {
      status: z.enum(SERIES_CHANGE_STATUSES),
      /** Why it could not be applied ("the new cadence no longer fits both calendars: …"). */
      problem: z.nullable(z.string()),
      at: z.string(),
    }),
  ),
});
export type SeriesChanges = z.infer<typeof seriesChangesSchema>;

export const archiveInputSchema = z.object({ archived: z.boolean() });
