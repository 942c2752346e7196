import { ADAPTIVE_CARD, type Activity, type JsonObject } from './types.ts';

/** The activity types of the swagger's `ActivityTypes`. */
const ACTIVITY_TYPES = new Set([
  'message',
  'contactRelationUpdate',
  'conversationUpdate',
  'typing',
  'endOfConversation',
  'event',
  'invoke',
  'deleteUserData',
  'messageUpdate',
  'messageDelete',
  'installationUpdate',
  'messageReaction',
  'suggestion',
  'trace',
  'handoff',
]);

/** Teams refuses bot messages above about 100 KB (PLATFORM.md). */
export const MAX_ACTIVITY_BYTES = 100 * 1024;

export type Checked<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (message: string, status = 400, code = 'BadArgument'): Checked<never> => ({ ok: false, status, code, message });

/**
 * Checks an activity the bot sends (send, reply, update, or the `activity` of a create): it needs a
 * known `type`; text must be a string; each attachment needs a `contentType`, and an Adaptive Card
 * attachment a `content` that is an AdaptiveCard object with a version and a body or actions.
 */
export function checkActivity(body: unknown): Checked<Activity> {
  if (!isObject(body)) return bad('The request body must be an Activity object.');
  if (typeof body.type !== 'string' || body.type === '') return bad("Activity 'type' is required.");
  if (!ACTIVITY_TYPES.has(body.type)) return bad(`Activity type '${body.type}' is not a Bot Framework activity type.`);
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string') return bad("Activity 'text' must be a string.");
  if (body.attachments !== undefined && body.attachments !== null) {
    if (!Array.isArray(body.attachments)) return bad("Activity 'attachments' must be an array.");
    for (const [i, a] of (body.attachments as unknown[]).entries()) {
      if (!isObject(a) || typeof a.contentType !== 'string' || a.contentType === '') return bad(`attachments[${i}].contentType is required.`);
      if (a.contentType === ADAPTIVE_CARD) {
        const problem = cardProblem(a.content);
        if (problem) return bad(`attachments[${i}].content: ${problem}`);
      }
    }
  }
  if (body.type === 'message' && !body.text && !(Array.isArray(body.attachments) && body.attachments.length > 0)) {
    return bad('A message activity needs text or at least one attachment.');
  }
  const bytes = Buffer.byteLength(JSON.stringify(body));
  if (bytes > MAX_ACTIVITY_BYTES) return bad(`The activity is ${bytes} bytes; Teams accepts about ${MAX_ACTIVITY_BYTES}.`, 413, 'MessageSizeTooBig');
  return { ok: true, value: body as Activity };
}

/** Why `content` is not an Adaptive Card object, or undefined when it is one. */
export function cardProblem(content: unknown): string | undefined {
  if (!isObject(content)) return 'an Adaptive Card attachment needs a content object (the card itself, not a string).';
  if (content.type !== 'AdaptiveCard') return `content.type must be 'AdaptiveCard', got ${JSON.stringify(content.type)}.`;
  if (typeof content.version !== 'string' || !/^\d+\.\d+$/.test(content.version)) return 'content.version must be a version string such as "1.5".';
  if (content.body !== undefined && !Array.isArray(content.body)) return 'content.body must be an array of elements.';
  if (content.actions !== undefined && !Array.isArray(content.actions)) return 'content.actions must be an array of actions.';
  return undefined;
}

/** The first Adaptive Card of an activity, if it has one. */
export function firstCard(activity: Activity | undefined): JsonObject | undefined {
  const a = activity?.attachments?.find((x) => x.contentType === ADAPTIVE_CARD && isObject(x.content));
  return a ? (a.content as JsonObject) : undefined;
}

export { isObject };
