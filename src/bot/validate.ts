import { z } from 'zod';
import { storableString } from '../contracts/fields.ts';

// Strings of an activity may be stored (conversation references) and are echoed in every reply,
// which Teams takes up to about 100 KB: Teams' own ids and names are far shorter than this.
const MAX_ECHOED = 1024;
// storableString is the contracts' (zod/mini, so checks are added with `.check`); zod's full build takes it as it is.
const text = storableString().check(z.maxLength(MAX_ECHOED, `must be at most ${MAX_ECHOED} characters`));
const optionalText = z.nullish(text);

/** An account as botbuilder copies it into a reply (its serializer refuses a field of another type). */
const account = z
  .object({
    id: text.check(z.minLength(1)),
    name: optionalText,
    // Not held to a GUID here, so an emulator's mock user (the Agents Playground's) is not refused.
    aadObjectId: optionalText,
    role: optionalText,
  })
  .loose();

/**
 * The least a Bot Framework activity from Teams carries, and the type of each field botbuilder or
 * Flipside reads from it (botbuilder checks only that the body is an object with a type); anything
 * else passes through as sent.
 */
export const incomingActivitySchema = z
  .object({
    type: text.check(z.minLength(1)),
    id: optionalText,
    name: optionalText,
    channelId: text.check(z.minLength(1)),
    serviceUrl: z.url().pipe(text),
    locale: optionalText,
    text: z.string().nullish(),
    replyToId: optionalText,
    timestamp: optionalText,
    localTimestamp: optionalText,
    from: account,
    recipient: account,
    conversation: account.extend({ conversationType: optionalText, tenantId: optionalText, isGroup: z.boolean().nullish() }),
    membersAdded: z.array(account).nullish(),
    membersRemoved: z.array(account).nullish(),
  })
  .loose();

/** The first problem with an incoming activity, or null when botbuilder can take it. */
export function activityProblem(body: unknown): { field: string; message: string } | null {
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.join('.') || 'body', message: issue.message };
}
