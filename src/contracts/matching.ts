import { z } from 'zod';
import { personSummarySchema } from './api.ts';

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
});
export type ProposedPair = z.infer<typeof proposedPairSchema>;

export const matchingProposalSchema = z.object({
  programId: z.string(),
  status: z.enum(['draft', 'published']),
  runAt: z.string(),
  publishedAt: z.string().nullable(),
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
  mentorId: z.string().min(1, 'is required'),
  menteeId: z.string().min(1, 'is required'),
});
export const lockSchema = z.object({ locked: z.boolean() });

/** What a person sees of their match. */
export const myMatchSchema = z.object({
  programId: z.string(),
  programName: z.string(),
  role: z.enum(['mentor', 'mentee']),
  partner: personSummarySchema,
  reasons: z.array(z.string()),
  publishedAt: z.string(),
});
export type MyMatch = z.infer<typeof myMatchSchema>;
