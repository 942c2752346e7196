import { z } from './zod.ts';
import { personSummarySchema } from './api.ts';

/** Where a session stands: planned, then held / partly held / missed; or cancelled, or moved (to a new time still ahead). */
export const sessionStatusSchema = z.enum(['planned', 'held', 'partly_held', 'missed', 'cancelled', 'moved']);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const goalStepSchema = z.enum(['not_started', 'started', 'halfway', 'done']);
export type GoalStep = z.infer<typeof goalStepSchema>;

/** A shared action item of a pair. */
export const actionItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** Who raised it. */
  by: z.string(),
  done: z.boolean(),
  /** The session it was raised for (its number), null when added between sessions. */
  sessionN: z.nullable(z.number()),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

/** One session as a participant sees it, in their own zone. */
export const mySessionSchema = z.object({
  id: z.string(),
  n: z.number(),
  of: z.number(),
  start: z.string(),
  end: z.string(),
  /** In the viewer's zone and words: "Tuesday 3 March, 10:00–10:45". */
  when: z.string(),
  status: sessionStatusSchema,
  topic: z.object({ title: z.string(), description: z.string() }),
  /** The viewer's own rating (1–5), null when not given. */
  myRating: z.nullable(z.number()),
  answered: z.boolean(),
});
export type MySession = z.infer<typeof mySessionSchema>;

/** A participant's mentoring in one program: partner, sessions, action items, goals. */
export const myMentoringPairSchema = z.object({
  programId: z.string(),
  programName: z.string(),
  role: z.enum(['mentor', 'mentee']),
  partner: personSummarySchema,
  /** Why they were paired, in plain words. */
  reasons: z.array(z.string()),
  /** The viewer's IANA zone (their calendar's), in which the tab shows this pair's times. */
  zone: z.optional(z.string()),
  /** The viewer's zone, named as they know it ("Seattle time", "Pacific Time"). */
  zoneName: z.string(),
  next: z.nullable(z.extend(mySessionSchema, { joinUrl: z.nullable(z.string()), note: z.nullable(z.string()) })),
  /** Sessions that have ended or were cancelled, newest first. */
  past: z.array(mySessionSchema),
  counts: z.object({ held: z.number(), missed: z.number(), planned: z.number(), total: z.number() }),
  items: z.array(actionItemSchema),
  goals: z.array(z.object({ text: z.string(), current: z.nullable(goalStepSchema), history: z.array(z.object({ n: z.number(), step: goalStepSchema })) })),
  /**
   * The viewer's own ratings (1–5) of the topics they chose to learn: at enrollment, on the
   * mid-point session's feedback card, in the closing survey; null when not rated (yet).
   */
  skills: z.array(z.object({ topic: z.string(), before: z.nullable(z.number()), mid: z.nullable(z.number()), after: z.nullable(z.number()) })),
  /** The session whose feedback card asks for the mid-point rating; null when the program is too short for one. */
  midpointSession: z.nullable(z.number()),
});
export type MyMentoringPair = z.infer<typeof myMentoringPairSchema>;

export const myMentoringSchema = z.object({ pairs: z.array(myMentoringPairSchema) });
export type MyMentoring = z.infer<typeof myMentoringSchema>;

/** Sessions of one pair for HR: held vs planned. */
export const sessionCountsSchema = z.object({ held: z.number(), partlyHeld: z.number(), missed: z.number(), cancelled: z.number(), planned: z.number(), total: z.number() });
export type SessionCounts = z.infer<typeof sessionCountsSchema>;

/** The sandbox's clock, as its control page and the tab's banner show it (sandbox mode only). */
export const sandboxTimeSchema = z.object({
  now: z.string(),
  /** The next session of any pair still ahead, if any. */
  nextSessionAt: z.nullable(z.string()),
  /** Time is being moved right now (jobs run as it goes). */
  moving: z.boolean(),
});
export type SandboxTime = z.infer<typeof sandboxTimeSchema>;

export const skipTimeSchema = z.object({ to: z.enum(['next-session', 'day', 'week']) });
