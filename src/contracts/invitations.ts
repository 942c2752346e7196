import { z } from './zod.ts';
import { freeText, storableString } from './fields.ts';

const guid = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an id (GUID)'));

/** The longest pasted or uploaded list the API takes (the request body is limited to 100 KB too). */
export const ADDRESS_LIST_MAX_LENGTH = 90_000;

/**
 * Whom HR invites to a program: everyone of a department, a manager and their whole organisation,
 * or a pasted / uploaded list of email addresses or UPNs (CSV, one or more columns; a header row
 * naming an email or UPN column picks that column).
 */
export const invitationRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('department'), department: freeText(120) }),
  z.object({ kind: z.literal('organisation'), managerId: guid }),
  z.object({
    kind: z.literal('list'),
    list: storableString().check(
      z.maxLength(ADDRESS_LIST_MAX_LENGTH, `must be at most ${ADDRESS_LIST_MAX_LENGTH} characters: split the list`),
      z.refine((s) => s.trim().length > 0, 'paste or upload at least one address'),
    ),
  }),
]);
export type InvitationRequest = z.infer<typeof invitationRequestSchema>;

/** Why an entry of a list invites nobody. */
export const INVITATION_PROBLEMS = ['malformed', 'unknown', 'duplicate', 'disabled'] as const;
export type InvitationProblemReason = (typeof INVITATION_PROBLEMS)[number];

export const invitationSummarySchema = z.object({
  /** People invited to the program so far. */
  invited: z.number(),
  /** Of them, those with a live (pending or approved) enrollment. */
  enrolled: z.number(),
  /** Of them, those who answered "Not for me". */
  declined: z.number(),
  /** Of them, those Teams could not reach (they blocked Flipside, or it could not be installed for them). */
  undeliverable: z.number(),
});
export type InvitationSummary = z.infer<typeof invitationSummarySchema>;

export const invitationResultSchema = z.object({
  /** Invited now (each gets a card in Teams). */
  invited: z.number(),
  /** Invited before: not invited again. */
  alreadyInvited: z.number(),
  /** Already enrolled: not invited. */
  alreadyEnrolled: z.number(),
  /** Disabled accounts of a department or organisation, left out. */
  leftOut: z.number(),
  /** The entries of a list that invite nobody, each with its line and why. */
  problems: z.array(z.object({ entry: z.string(), line: z.number(), reason: z.enum(INVITATION_PROBLEMS) })),
  summary: invitationSummarySchema,
});
export type InvitationResult = z.infer<typeof invitationResultSchema>;

/** What the invitation panel offers: the departments to pick from, and where the program's invitations stand. */
export const invitationOptionsSchema = z.object({
  departments: z.array(z.object({ name: z.string(), people: z.number() })),
  summary: invitationSummarySchema,
});
export type InvitationOptions = z.infer<typeof invitationOptionsSchema>;

export const managerSearchSchema = z.object({ search: z._default(storableString().check(z.maxLength(100)), '') });

export const managerCandidateSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  jobTitle: z.nullable(z.string()),
  department: z.nullable(z.string()),
  /** The manager and everyone reporting to them, directly or not. */
  organisationSize: z.number(),
});
export type ManagerCandidate = z.infer<typeof managerCandidateSchema>;
