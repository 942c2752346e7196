import { z } from './zod.ts';

/** Every API error: a stable code, a message fit to show, the field at fault, and an id to quote. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.optional(z.string()),
    correlationId: z.string(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * The error code (HTTP 403) of a request Entra ID refused until the signed-in person consents to
 * Flipside's delegated permissions: the server's on-behalf-of exchange answers it, and the tab
 * shows its consent prompt for it, as it does when Teams SSO itself says consent is needed.
 */
export const CONSENT_REQUIRED = 'consent_required';

export const personSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  jobTitle: z.nullable(z.string()),
  department: z.nullable(z.string()),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const profileSchema = z.object({
  person: z.extend(personSummarySchema, {
    mail: z.nullable(z.string()),
    officeLocation: z.nullable(z.string()),
    hireDate: z.nullable(z.string()),
    accountEnabled: z.boolean(),
    /** Depth in the org chart: 0 at the top. */
    level: z.number().check(z.int()),
  }),
  manager: z.nullable(personSummarySchema),
  /** Managers above the manager, nearest first. */
  chain: z.array(personSummarySchema),
  directReports: z.array(personSummarySchema),
});
export type Profile = z.infer<typeof profileSchema>;

export const meSchema = z.extend(profileSchema, {
  roles: z.array(z.string()),
  directory: z.object({ people: z.number().check(z.int()), lastSyncAt: z.nullable(z.string()) }),
});
export type Me = z.infer<typeof meSchema>;

/** The sandbox's person picker (sandbox mode only). */
export const sandboxPersonSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  jobTitle: z.string(),
  department: z.string(),
  officeLocation: z.string(),
  persona: z.nullable(z.string()),
  accountEnabled: z.boolean(),
});
export type SandboxPerson = z.infer<typeof sandboxPersonSchema>;
export const sandboxPeopleSchema = z.object({ value: z.array(sandboxPersonSchema) });
export const sandboxSigninSchema = z.object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number() });
