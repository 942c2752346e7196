import { z } from './zod.ts';
import { calendarDate, freeText, storableString } from './fields.ts';

export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const SESSION_MINUTES = [30, 45, 60] as const;
export const ROLES = ['mentor', 'mentee', 'both'] as const;
export type EnrollmentRole = (typeof ROLES)[number];
export const ENROLLMENT_STATUSES = ['pending', 'approved', 'declined', 'expired', 'withdrawn'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export const GOAL_MAX_LENGTH = 280;

/**
 * A topic of the program's catalogue. `teachesUp`: the junior teaches it to the senior (AI, social
 * media…); `teachesDown`: the senior teaches it back (strategy, the organisation…).
 */
export const topicSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, 'must be 2–40 lowercase letters, digits or dashes')),
  name: freeText(60),
  direction: z.enum(['teachesUp', 'teachesDown']),
});
export type Topic = z.infer<typeof topicSchema>;

/** Who may mentor whom: the mentor must be junior by at least this much (levels and/or tenure). */
export const seniorityRuleSchema = z.object({
  minLevelGap: z.number().check(z.int(), z.gte(0), z.lte(10)),
  minTenureYearsGap: z.number().check(z.gte(0), z.lte(40)),
  combine: z.enum(['levels', 'tenure', 'either', 'both']),
});
export type SeniorityRule = z.infer<typeof seniorityRuleSchema>;

/** Matching's preferences, in the order the program form shows them. */
export const MATCHING_PREFERENCES = ['topics', 'reciprocity', 'otherDepartment', 'sharedHours', 'idealGap'] as const;
export type MatchingPreference = (typeof MATCHING_PREFERENCES)[number];

/**
 * How much each preference counts when pairs are scored, relative to the others (only the
 * proportions matter); 0 ignores it, and an ignored preference is never given as a reason.
 */
export const matchingWeightsSchema = z
  .object(
    Object.fromEntries(MATCHING_PREFERENCES.map((p) => [p, z.number().check(z.gte(0, 'must be 0 (ignore) or more'), z.lte(1, 'must be at most 1'))])) as Record<MatchingPreference, z.ZodMiniNumber>,
  )
  .check(z.refine((w) => MATCHING_PREFERENCES.some((p) => w[p] > 0), { message: 'give at least one preference some weight' }));
export type MatchingWeights = z.infer<typeof matchingWeightsSchema>;

// The domain's DEFAULT_WEIGHTS, repeated because contracts import nothing; tests/matching-weights.test.ts keeps them equal.
export const DEFAULT_MATCHING_WEIGHTS: MatchingWeights = { topics: 0.45, reciprocity: 0.2, otherDepartment: 0.1, sharedHours: 0.15, idealGap: 0.1 };

/** A session plan's limits: at most this many steps, each a title and a description of at most these lengths (the form counts towards them). */
export const SESSION_PLAN_MAX_STEPS = 40;
export const STEP_TITLE_MAX = 80;
export const STEP_DESCRIPTION_MAX = 400;

/** The longest program name: the form counts towards it. */
export const PROGRAM_NAME_MAX_LENGTH = 80;

export const programInputSchema = z
  .object({
    name: freeText(PROGRAM_NAME_MAX_LENGTH),
    description: z._default(freeText(2000, { required: false }), ''),
    startsOn: calendarDate(),
    endsOn: calendarDate(),
    enrollmentOpensOn: calendarDate(),
    enrollmentClosesOn: calendarDate(),
    cadences: z.array(z.enum(CADENCES)).check(z.minLength(1, 'choose at least one cadence')),
    sessionMinutes: z.union([z.literal(30), z.literal(45), z.literal(60)]),
    topics: z.array(topicSchema).check(z.minLength(2, 'needs at least two topics'), z.maxLength(60)),
    seniority: seniorityRuleSchema,
    mentorCapacity: z._default(z.number().check(z.int(), z.gte(1), z.lte(5)), 1),
    /** Hours before each session that its agenda goes to the pair's chat. */
    agendaLeadHours: z._default(z.number().check(z.int(), z.gte(1, 'must be at least 1 hour'), z.lte(168, 'must be at most a week (168 hours)')), 24),
    /** Minutes both must be in the Teams meeting together for a session to count as held. */
    heldMinutes: z._default(z.number().check(z.int(), z.gte(1, 'must be at least 1 minute'), z.lte(60, 'must be at most 60 minutes')), 10),
    /** HR's own session plan, one step per session in order (the last one is always the last session); null: the template's. */
    sessionPlan: z._default(
      z.nullable(
        z
          .array(z.object({ title: freeText(STEP_TITLE_MAX), description: z._default(freeText(STEP_DESCRIPTION_MAX, { required: false }), '') }))
          .check(z.maxLength(SESSION_PLAN_MAX_STEPS, `can have at most ${SESSION_PLAN_MAX_STEPS} steps`)),
      ),
      null,
    ),
    matchingWeights: z._default(matchingWeightsSchema, DEFAULT_MATCHING_WEIGHTS),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.endsOn <= p.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must be after the start date' });
      if (p.enrollmentClosesOn < p.enrollmentOpensOn) ctx.addIssue({ code: 'custom', path: ['enrollmentClosesOn'], message: 'must not be before enrollment opens' });
      if (p.enrollmentClosesOn > p.startsOn) ctx.addIssue({ code: 'custom', path: ['enrollmentClosesOn'], message: 'must not be after the program starts' });
      const ids = new Set<string>();
      p.topics.forEach((t, i) => {
        if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: `"${t.id}" is used twice` });
        ids.add(t.id);
      });
      if (!p.topics.some((t) => t.direction === 'teachesUp') || !p.topics.some((t) => t.direction === 'teachesDown')) {
        ctx.addIssue({ code: 'custom', path: ['topics'], message: 'reverse mentoring is reciprocal: include topics in both directions' });
      }
    }),
  );
export type ProgramInput = z.infer<typeof programInputSchema>;

export const programSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  enrollmentOpensOn: z.string(),
  enrollmentClosesOn: z.string(),
  cadences: z.array(z.enum(CADENCES)),
  sessionMinutes: z.number(),
  topics: z.array(topicSchema),
  seniority: seniorityRuleSchema,
  mentorCapacity: z.number(),
  agendaLeadHours: z.number(),
  heldMinutes: z.number(),
  sessionPlan: z.nullable(z.array(z.object({ title: z.string(), description: z.string() }))),
  /** The weights matching uses: the program's own, or the defaults. */
  matchingWeights: matchingWeightsSchema,
  /** Derived from today and the enrollment window. */
  enrollment: z.enum(['upcoming', 'open', 'closed']),
  /** When HR archived it (hidden from employees, kept for reports); null while it is not. */
  archivedAt: z.optional(z.nullable(z.string())),
  /** For program admins; `enrolled` counts every enrollment ever (a program with none can be deleted). */
  counts: z.optional(z.object({ pending: z.number(), approved: z.number(), enrolled: z.number() })),
});
export type Program = z.infer<typeof programSchema>;

const topicChoice = z.object({ topicId: storableString().check(z.minLength(1, 'is required')), level: z.number().check(z.int(), z.gte(1, 'rate 1 to 5'), z.lte(5, 'rate 1 to 5')) });

export const enrollmentInputSchema = z
  .object({
    role: z.enum(ROLES),
    teach: z.array(topicChoice).check(z.maxLength(10)),
    learn: z.array(topicChoice).check(z.maxLength(10)),
    goals: z.array(freeText(GOAL_MAX_LENGTH)).check(z.minLength(1, 'write at least one goal'), z.maxLength(3, 'write at most three goals')),
    cadence: z.enum(CADENCES),
    acceptedTerms: z.literal(true, { error: 'accept the program terms to enroll' }),
  })
  .check(
    z.superRefine((e, ctx) => {
      if ((e.role === 'mentor' || e.role === 'both') && e.teach.length === 0) ctx.addIssue({ code: 'custom', path: ['teach'], message: 'choose at least one topic you can teach' });
      if ((e.role === 'mentee' || e.role === 'both') && e.learn.length === 0) ctx.addIssue({ code: 'custom', path: ['learn'], message: 'choose at least one topic you want to learn' });
    }),
  );
export type EnrollmentInput = z.infer<typeof enrollmentInputSchema>;

export const enrollmentSchema = z.object({
  id: z.string(),
  programId: z.string(),
  role: z.enum(ROLES),
  teach: z.array(topicChoice),
  learn: z.array(topicChoice),
  goals: z.array(z.string()),
  cadence: z.enum(CADENCES),
  status: z.enum(ENROLLMENT_STATUSES),
  approver: z.nullable(z.object({ id: z.string(), displayName: z.string(), kind: z.enum(['manager', 'programAdmin']) })),
  /** The approver could not be reached in Teams (they blocked or removed the bot). */
  approverUnreachable: z.boolean(),
  decision: z.nullable(z.object({ by: z.string(), at: z.string(), note: z.nullable(z.string()) })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;
