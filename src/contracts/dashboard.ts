import { z } from './zod.ts';

/**
 * A figure HR sees: its value, or hidden because it is about fewer than `minGroup` people, or
 * (`reason: 'complement'`) because it would let such a figure be worked out from the totals —
 * a figure that may well be about many people, so the tab does not call it "fewer than 5".
 */
export const figureSchema = z.union([z.object({ hidden: z.literal(false), value: z.number() }), z.object({ hidden: z.literal(true), reason: z.optional(z.literal('complement')) })]);
export type Figure = z.infer<typeof figureSchema>;

export const funnelStageSchema = z.enum(['enrolled', 'approved', 'matched', 'booked', 'active', 'completed']);
export type FunnelStage = z.infer<typeof funnelStageSchema>;
export const dropoutSchema = z.enum(['pending', 'declined', 'expired', 'withdrawn', 'unmatched', 'waiting', 'ongoing', 'closed']);
export type Dropout = z.infer<typeof dropoutSchema>;

/**
 * A mean or a rate: null when there is nothing to measure yet (no answer given, no session due),
 * which is not the same as hidden ("fewer than minGroup").
 */
export const measureSchema = z.nullable(figureSchema);
export type Measure = z.infer<typeof measureSchema>;

export const fitAnswerSchema = z.enum(['yes', 'notSure', 'no', 'unanswered']);
export type FitAnswer = z.infer<typeof fitAnswerSchema>;

/** A yes/no question's answers. */
const yesNoSchema = z.object({ yes: figureSchema, no: figureSchema });

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
    /** Held out of those due (ended, not cancelled), in percent; null before any session is due. */
    attendanceRate: measureSchema,
    /** Sessions held per booked pair; null before any pair has booked. */
    perPair: measureSchema,
  }),
  ratings: z.object({
    /** Answers per rating 1–5 ("how useful was it"). */
    distribution: z.array(z.object({ rating: z.number(), answers: figureSchema })),
    /** null: no answer yet. */
    mean: measureSchema,
    trend: z.array(z.object({ week: z.string(), mean: figureSchema })),
  }),
  byDepartment: z.array(
    z.object({
      /** null: the departments smaller than minGroup, together. */
      department: z.nullable(z.string()),
      enrolled: figureSchema,
      matched: figureSchema,
      attendanceRate: measureSchema,
      meanRating: measureSchema,
    }),
  ),
  byDirection: z.array(
    z.object({
      direction: z.enum(['up', 'back', 'together']),
      planned: figureSchema,
      held: figureSchema,
      meanRating: measureSchema,
    }),
  ),
  /** Pairs HR should look at: the one place with names, because HR must act on them. */
  attention: z.array(
    z.object({
      mentor: z.object({ id: z.string(), name: z.string() }),
      mentee: z.object({ id: z.string(), name: z.string() }),
      /** fitCheckNo: someone answered "no" at the fit check and HR has not decided yet; askedForHr: the junior mentor asked HR to get in touch. */
      reasons: z.array(z.enum(['unbookable', 'notBooked', 'stalled', 'missedTwice', 'fitCheckNo', 'askedForHr'])),
      held: z.number(),
      due: z.number(),
    }),
  ),
  /** "Is this pairing working for you?", asked of each person early in a pair. Notes are never aggregated. */
  fitChecks: z.object({
    /** People asked (one answer per person and pair). */
    asked: figureSchema,
    answers: z.array(z.object({ answer: fitAnswerSchema, people: figureSchema })),
  }),
  /**
   * Each person's self-rating (1–5) of the topics they chose to learn, at enrollment ("before") and
   * in the closing survey ("after"): only people who rated both count. The program's outcome.
   */
  skills: z.object({
    /** Ratings of a topic both before and after (a person counts once per topic). */
    rated: figureSchema,
    /** The mean change (after − before) across every topic. */
    change: measureSchema,
    /** People who rated at enrollment and have not rated at the end yet. */
    waiting: figureSchema,
    /** Per topic, the largest change first. */
    topics: z.array(
      z.object({
        topicId: z.string(),
        topic: z.string(),
        people: figureSchema,
        before: measureSchema,
        after: measureSchema,
        change: measureSchema,
      }),
    ),
  }),
  /** The closing survey each person gets when their pair's last session has ended. What changed for them stays theirs. */
  closingSurvey: z.object({
    /** People the survey went to. */
    sent: figureSchema,
    answered: figureSchema,
    /** Answers per rating 1–5 of the program's overall value. */
    overall: z.array(z.object({ rating: z.number(), answers: figureSchema })),
    meanOverall: measureSchema,
    recommend: yesNoSchema,
    keepMeeting: yesNoSchema,
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const enrolleeSchema = z.object({
  enrollmentId: z.string(),
  userId: z.string(),
  name: z.string(),
  department: z.nullable(z.string()),
  role: z.enum(['mentor', 'mentee', 'both']),
  status: z.enum(['pending', 'approved', 'declined', 'expired', 'withdrawn']),
  /** Whose decision it waits for (pending), or who decided. */
  approver: z.nullable(z.object({ kind: z.enum(['manager', 'programAdmin']), id: z.nullable(z.string()), name: z.nullable(z.string()), unreachable: z.boolean() })),
  reminders: z.number(),
  remindedAt: z.nullable(z.string()),
  matched: z.boolean(),
  partnerName: z.nullable(z.string()),
  enrolledAt: z.string(),
});
export type Enrollee = z.infer<typeof enrolleeSchema>;
export const enrolleesSchema = z.object({ enrollees: z.array(enrolleeSchema) });

export const reminderResultSchema = z.object({ sent: z.boolean(), enrollee: enrolleeSchema });
export type ReminderResult = z.infer<typeof reminderResultSchema>;

export const minGroupInputSchema = z.object({ minGroup: z.number().check(z.int(), z.gte(5, 'must be 5 or more'), z.lte(1000)) });
