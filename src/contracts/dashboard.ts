import { z } from 'zod';

/**
 * A figure HR sees: its value, or hidden because it is about fewer than `minGroup` people (or
 * because it would let such a figure be worked out from the totals).
 */
export const figureSchema = z.union([z.object({ hidden: z.literal(false), value: z.number() }), z.object({ hidden: z.literal(true) })]);
export type Figure = z.infer<typeof figureSchema>;

export const funnelStageSchema = z.enum(['enrolled', 'approved', 'matched', 'booked', 'active', 'completed']);
export type FunnelStage = z.infer<typeof funnelStageSchema>;
export const dropoutSchema = z.enum(['pending', 'declined', 'expired', 'withdrawn', 'unmatched', 'waiting', 'ongoing', 'closed']);
export type Dropout = z.infer<typeof dropoutSchema>;

/** A section whose data Flipside does not collect yet (fit checks, skills, closing survey). */
const notCollected = z.object({ status: z.literal('notCollected'), note: z.string() });

export const dashboardSchema = z.object({
  programId: z.string(),
  programName: z.string(),
  /** The smallest group figures are shown about (a program setting, never below 5). */
  minGroup: z.number(),
  asOf: z.string(),
  /** The people behind the whole dashboard: when fewer than minGroup, nearly everything is hidden. */
  enrolled: figureSchema,
  funnel: z.array(
    z.object({
      stage: funnelStageSchema,
      people: figureSchema,
      /** Where people stopped at this stage, and who is still at it ('pending', 'waiting'). */
      stopped: z.array(z.object({ reason: dropoutSchema, people: figureSchema })),
    }),
  ),
  sessions: z.object({
    weeks: z.array(z.object({ week: z.string(), planned: figureSchema, held: figureSchema })),
    planned: figureSchema,
    held: figureSchema,
    /** Held out of those due (ended, not cancelled), in percent. */
    attendanceRate: figureSchema,
    /** Sessions held per booked pair. */
    perPair: figureSchema,
  }),
  ratings: z.object({
    /** Answers per rating 1–5 ("how useful was it"). */
    distribution: z.array(z.object({ rating: z.number(), answers: figureSchema })),
    mean: figureSchema,
    trend: z.array(z.object({ week: z.string(), mean: figureSchema })),
  }),
  byDepartment: z.array(
    z.object({
      /** null: the departments smaller than minGroup, together. */
      department: z.string().nullable(),
      enrolled: figureSchema,
      matched: figureSchema,
      attendanceRate: figureSchema,
      meanRating: figureSchema,
    }),
  ),
  byDirection: z.array(
    z.object({
      direction: z.enum(['up', 'back', 'together']),
      planned: figureSchema,
      held: figureSchema,
      meanRating: figureSchema,
    }),
  ),
  /** Pairs HR should look at: the one place with names, because HR must act on them. */
  attention: z.array(
    z.object({
      mentor: z.object({ id: z.string(), name: z.string() }),
      mentee: z.object({ id: z.string(), name: z.string() }),
      reasons: z.array(z.enum(['unbookable', 'notBooked', 'stalled', 'missedTwice'])),
      held: z.number(),
      due: z.number(),
    }),
  ),
  fitChecks: notCollected,
  skills: notCollected,
  closingSurvey: notCollected,
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const enrolleeSchema = z.object({
  enrollmentId: z.string(),
  userId: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  role: z.enum(['mentor', 'mentee', 'both']),
  status: z.enum(['pending', 'approved', 'declined', 'expired', 'withdrawn']),
  /** Whose decision it waits for (pending), or who decided. */
  approver: z.object({ kind: z.enum(['manager', 'programAdmin']), id: z.string().nullable(), name: z.string().nullable(), unreachable: z.boolean() }).nullable(),
  reminders: z.number(),
  remindedAt: z.string().nullable(),
  matched: z.boolean(),
  partnerName: z.string().nullable(),
  enrolledAt: z.string(),
});
export type Enrollee = z.infer<typeof enrolleeSchema>;
export const enrolleesSchema = z.object({ enrollees: z.array(enrolleeSchema) });

export const reminderResultSchema = z.object({ sent: z.boolean(), enrollee: enrolleeSchema });
export type ReminderResult = z.infer<typeof reminderResultSchema>;

export const minGroupInputSchema = z.object({ minGroup: z.number().int().min(5, 'must be 5 or more').max(1000) });
