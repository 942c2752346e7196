// What people see of Flipside in the sandbox's Teams (the sandbox Bot Connector), and what a
// tampered Teams client could send the bot.
import type { SandboxBotConnector } from '../../src/sandbox/connector/connector.ts';
import { ADAPTIVE_CARD, type Activity } from '../../src/sandbox/connector/types.ts';
import type { Flipside } from '../../src/server/compose.ts';
import type { Json } from './api.ts';

/** The bot's messages a person was shown that carry an Adaptive Card, each with its card as they see it now. */
export function cardsFor(connector: SandboxBotConnector, userId: string): { activity: Json; card: Json }[] {
  return connector
    .delivered(userId)
    .map((a) => ({ activity: a as Json, card: (a.attachments ?? []).find((x) => x.contentType === ADAPTIVE_CARD)?.content as Json | undefined }))
    .filter((x): x is { activity: Json; card: Json } => !!x.card);
}

/** The bot's messages a person was shown whose attachments mention `text` (an enrollment id, a name…). */
export function cardsMentioning(connector: SandboxBotConnector, userId: string, text: string): Activity[] {
  return connector.delivered(userId).filter((a) => JSON.stringify(a.attachments ?? []).includes(text));
}

/** Every Action.Execute of a card, wherever it sits, except the card's own refresh action. */
export function actionsOf(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (!node || typeof node !== 'object') return [];
  const n = node as Json;
  return [
    ...(n.type === 'Action.Execute' ? [n] : []),
    ...Object.entries(n)
      .filter(([k]) => k !== 'refresh')
      .flatMap(([, v]) => actionsOf(v)),
  ];
}

/**
 * Posts a card click straight to the bot's endpoint, as someone else: `activity` is a real invoke
 * (from `connector.invoke`), replayed with another sender, as a forged Teams client would. Returns
 * the bot's invoke answer (`{ statusCode, type, value }`).
 */
export async function forgedInvoke(f: Flipside, activity: Json, as: { id: string; displayName: string }, action: { verb: string; data: Json }, activityId = 'f:forged'): Promise<Json> {
  const res = await fetch(`${f.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...activity,
      id: activityId,
      from: { id: `29:${as.id}`, aadObjectId: as.id, name: as.displayName },
      value: { action: { type: 'Action.Execute', ...action }, trigger: 'manual' },
    }),
  });
  return (await res.json()) as Json;
}
