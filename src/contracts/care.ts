/** The care loop in the tab: HR's section on a program's Meetings page, pause / resume on My mentoring. */
import { z } from './zod.ts';
import { personSummarySchema } from './api.ts';

export const careSettingsSchema = z.object({
  missedInRow: z
    .number({ error: 'missedInRow must be a number' })
    .check(z.int('missedInRow must be a whole number'), z.gte(1, 'missedInRow must be 1 to 10'), z.lte(10, 'missedInRow must be 1 to 10')),
  idleDays: z.number({ error: 'idleDays must be a number' }).check(z.int('idleDays must be a whole number'), z.gte(7, 'idleDays must be 7 to 90'), z.lte(90, 'idleDays must be 7 to 90')),
});
export type CareSettingsInput = z.infer<typeof careSettingsSchema>;

export const fitDecisionSchema = z.object({ decision: z.enum(['keep', 'repair'], { error: 'decision must be keep or repair' }) });
export const pauseInputSchema = z.object({ untilDate: z.string({ error: 'untilDate must be a date (yyyy-mm-dd)' }).check(z.maxLength(10, 'untilDate must be a date (yyyy-mm-dd)')) });
export const closeInputSchema = z.object({ mentorId: z.string().check(z.regex(/^[0-9a-f-]{36}$/i, 'mentorId must be a person id')) });

const scaleCounts = z.nullable(z.object({ yes: z.number(), mostly: z.number(), no: z.number() }));

export const programCareSchema = z.object({
  settings: careSettingsSchema,
  /** "No" answers to the fit check: the pair, who said it, their note only if they shared it. */
  fitNos: z.array(
    z.object({
      fitCheckId: z.string(),
      mentor: personSummarySchema,
      mentee: personSummarySchema,
      answeredBy: personSummarySchema,
      note: z.nullable(z.string()),
      answeredAt: z.string(),
      decision: z.nullable(z.enum(['keep', 'repair'])),
      /** The pair still meets as it did (HR can still decide). */
      live: z.boolean(),
    }),
  ),
  stalled: z.array(
    z.object({
      mentor: personSummarySchema,
      mentee: personSummarySchema,
      reason: z.string(),
      since: z.string(),
      nudgedAt: z.nullable(z.string()),
      closeAskedAt: z.nullable(z.string()),
      pausedUntil: z.nullable(z.string()),
    }),
  ),
  /** Check-ins HR may read one by one: the mentor asked to be contacted, or flagged a concern. */
  contactRequests: z.array(
    z.object({
      checkInId: z.string(),
      mentor: personSummarySchema,
      occasion: z.enum(['third', 'midpoint']),
      answeredAt: z.string(),
      contactMe: z.boolean(),
      answers: z.array(z.object({ title: z.string(), value: z.string() })),
    }),
  ),
  /** Totals of the check-ins; null figures when fewer than five answered. */
  checkIns: z.object({ answered: z.nullable(z.number()), speakOpenly: scaleCounts, respectful: scaleCounts }),
});
export type ProgramCare = z.infer<typeof programCareSchema>;

export const myCareSchema = z.object({
  pairs: z.array(
    z.object({
      programId: z.string(),
      programName: z.string(),
      menteeId: z.string(),
      mentorId: z.string(),
      partner: personSummarySchema,
      /** Booked (a series in Outlook): it can be paused. */
      canPause: z.boolean(),
      pause: z.nullable(z.object({ untilDate: z.string(), status: z.enum(['cancelling', 'paused', 'resuming']), problem: z.nullable(z.string()) })),
      /** The latest day a pause may end (the day before the program ends, at most eight weeks away). */
      latestUntil: z.string(),
      today: z.string(),
    }),
  ),
});
export type MyCare = z.infer<typeof myCareSchema>;
