// Teams identifiers as the sandbox mints them. Pure string functions: the chat view uses them too.

/**
 * A person's Teams user id (their "MRI"). In the sandbox it is `29:` + the Entra object id, so it
 * can be read back. In real Teams the `29:…` id is an opaque, per-bot id that cannot be computed
 * from the object id: a bot learns it from the activities it receives (`from.id`) or from the
 * members API, and must never build it itself.
 */
export const userMri = (entraObjectId: string) => `29:${entraObjectId}`;

/** The bot's Teams id: `28:` + its Microsoft app id. */
export const botMri = (botId: string) => `28:${botId}`;

/** The Entra object id behind a sandbox `29:` id, or undefined when it is not one. */
export function entraIdOf(mri: string): string | undefined {
  return mri.startsWith('29:') && mri.length > 3 ? mri.slice(3) : undefined;
}

/** Teams shows refreshes of a card automatically to at most this many listed people. */
export const MAX_REFRESH_USERS = 60;

/**
 * Whether Teams refreshes a card automatically (trigger `automatic`) when `viewerMri` sees it:
 * the card has `refresh.action` of type Action.Execute, and either its `refresh.userIds` lists the
 * viewer, or it has no `userIds` and the conversation has at most 60 members. `userIds: []` means
 * "no automatic refresh for anyone" (the card offers a manual refresh instead).
 */
export function refreshesAutomatically(card: Record<string, unknown> | null | undefined, viewerMri: string, memberCount: number): boolean {
  const refresh = card?.refresh as { action?: { type?: unknown }; userIds?: unknown } | undefined;
  if (!refresh || refresh.action?.type !== 'Action.Execute') return false;
  if (Array.isArray(refresh.userIds)) return refresh.userIds.slice(0, MAX_REFRESH_USERS).includes(viewerMri);
  return memberCount <= MAX_REFRESH_USERS;
}
