import { z } from 'zod';

const account = z.object({ id: z.string().min(1) }).loose();

/** The least a Bot Framework activity from Teams carries; botbuilder needs all of it. */
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1),
    channelId: z.string().min(1),
    serviceUrl: z.url(),
    from: account,
    recipient: account,
    conversation: account,
  })
  .loose();

/** The first problem with an incoming activity, or null when botbuilder can take it. */
export function activityProblem(body: unknown): { field: string; message: string } | null {
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.join('.') || 'body', message: issue.message };
}
