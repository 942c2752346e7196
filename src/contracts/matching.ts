import { z } from './zod.ts';
import { personSummarySchema } from './api.ts';
import { CADENCES } from './programs.ts';
import { storableString } from './fields.ts';
import { sessionCountsSchema } from './sessions.ts';

/** One proposed (or published) pair, with why it is a good one in plain words. */
export const proposedPairSchema = z.object({
  mentor: personSummarySchema,
  mentee: personSummarySchema,
  score: z.number(),
  reasons: z.array(z.string()),
  /** Kept as is when matching runs again. */
  locked: z.boolean(),
  /** Assigned by hand by HR. */
  manual: z.boolean(),
  /** Published in an earlier round: kept as it is (absent: not published). */
  published: z.optional(z.boolean()),
});
export type ProposedPair = z.infer<typeof proposedPairSchema>;

export const matchingProposalSchema = z.object({
  programId: z.string(),
  status: z.enum(['draft', 'published']),
  /** 1 until the first publishing; each run after publishing starts the next round. */
  round: z.number().check(z.int(), z.gte(1)),
  /** Approved people in no published pair (after publishing): they are in the next round. */
  waiting: z.object({ total: z.number(), approvedSincePublishing: z.number() }),
  runAt: z.string(),
  publishedAt: z.nullable(z.string()),
  pairs: z.array(proposedPairSchema),
  /** Mentees nobody fits, and why. */
  unmatched: z.array(z.object({ person: personSummarySchema, reason: z.string() })),
  /** Pairs HR removed: never proposed again for this program. */
  removed: z.array(z.object({ mentor: personSummarySchema, mentee: personSummarySchema })),
  stats: z.object({
    mentors: z.number(),
    mentees: z.number(),
    matched: z.number(),
    eligiblePairs: z.number(),
    optimalityGap: z.number(),
    milliseconds: z.number(),
  }),
});
export type MatchingProposal = z.infer<typeof matchingProposalSchema>;

export const handPairSchema = z.object({
  mentorId: storableString().check(z.minLength(1, 'is required')),
  menteeId: storableString().check(z.minLength(1, 'is required')),
});
export const lockSchema = z.object({ locked: z.boolean() });

/** Where a pair's recurring meeting stands, as the tab shows it. */
export const bookingStatusSchema = z.enum(['finding', 'choosing', 'booking', 'booked', 'unbookable', 'ending', 'ended']);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const bookingViewSchema = z.object({
  status: bookingStatusSchema,
  /** The series in words, in the viewer's own time zone: "Tuesdays 10:00–10:45, every two weeks". */
  when: z.nullable(z.string()),
  /** The series for the tab to write in the viewer's locale: its cadence and the session `when` is said from. */
  series: z.optional(z.nullable(z.object({ cadence: z.enum(CADENCES), start: z.string(), end: z.string() }))),
  /** The next session still to come, if the series is booked. */
  nextSession: z.nullable(z.object({ start: z.string(), end: z.string() })),
  /** The IANA zone `when` is said in (the viewer's), so the tab shows `nextSession` in the same clock. */
  zone: z.optional(z.string()),
  /** That zone named the way the viewer knows it: "Seattle time", "Pacific Time". */
  zoneName: z.optional(z.string()),
  joinUrl: z.nullable(z.string()),
  /** Why no meeting could be booked, in plain words. */
  problem: z.nullable(z.string()),
});
export type BookingView = z.infer<typeof bookingViewSchema>;

/** What a person sees of their match. */
export const myMatchSchema = z.object({
  programId: z.string(),
  programName: z.string(),
  role: z.enum(['mentor', 'mentee']),
  partner: personSummarySchema,
  reasons: z.array(z.string()),
  publishedAt: z.string(),
  /** The pair's meeting series; null before Flipside starts looking for a time. */
  booking: z.nullable(bookingViewSchema),
});
export type MyMatch = z.infer<typeof myMatchSchema>;

/** HR's view of the program's meetings once pairs are published. */
export const programBookingsSchema = z.object({
  counts: z.partialRecord(bookingStatusSchema, z.number()),
  pairs: z.array(z.object({ mentor: personSummarySchema, mentee: personSummarySchema, booking: bookingViewSchema, sessions: sessionCountsSchema })),
});
export type ProgramBookings = z.infer<typeof programBookingsSchema>;
