// The chat view's JSON API under /sandbox/chat/api: request schemas (checked by the server) and
// the shapes it answers. The browser imports the types only.
import { z } from 'zod';

const id = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(200, `${what} is too long`);

export const conversationsQuery = z.object({ userId: id('userId') });

export const sendMessageRequest = z.object({
  userId: id('userId'),
  conversationId: id('conversationId'),
  text: z.string({ error: 'text is required' }).trim().min(1, 'Type a message first').max(4000, 'A message can be at most 4000 characters'),
});

export const actionRequest = z.object({
  userId: id('userId'),
  conversationId: id('conversationId'),
  activityId: id('activityId'),
  action: z.object(
    {
      verb: z.string({ error: 'action.verb is required' }).min(1, 'action.verb is required').max(200),
      data: z.record(z.string(), z.unknown()).optional(),
      id: z.string().max(200).optional(),
    },
    { error: 'action must be an object with a verb' },
  ),
});

export const refreshRequest = z.object({
  userId: id('userId'),
  conversationId: id('conversationId'),
  activityId: id('activityId'),
});

export type SendMessageRequest = z.infer<typeof sendMessageRequest>;
export type ActionRequest = z.infer<typeof actionRequest>;
export type RefreshRequest = z.infer<typeof refreshRequest>;

/** One message as one viewer sees it. */
export interface ChatActivityView {
  id: string;
  from: 'bot' | 'me' | 'other';
  senderName: string;
  sentAt: string;
  /** When the bot last edited it, or null. */
  updatedAt: string | null;
  /** 1 + the number of edits. */
  version: number;
  deleted: boolean;
  text: string | null;
  /** The Adaptive Card this viewer sees: their own replacement (after a click) or the message's card. */
  card: Record<string, unknown> | null;
  /** True when `card` is this viewer's own view from an invoke answer. */
  personal: boolean;
  /** Teams would refresh this card automatically for this viewer (refresh.userIds lists them). */
  autoRefresh: boolean;
  /** Changes whenever what this viewer sees changes. */
  stamp: string;
}

export interface ChatConversationView {
  id: string;
  type: 'personal' | 'groupChat';
  title: string;
  members: { id: string; displayName: string }[];
  lastActivityAt: string;
  activities: ChatActivityView[];
}

export interface ConversationsResponse {
  person: { id: string; displayName: string; jobTitle: string };
  conversations: ChatConversationView[];
}

export interface SendMessageResponse {
  activityId: string;
  /** The bot's HTTP status (200 when it took the message; 0 when it could not be reached). */
  botStatus: number;
}

export interface ActionResponse {
  botStatus: number;
  /** The bot's answer as it came (the `adaptiveCard/action` response format). */
  invokeResponse: unknown;
  card?: Record<string, unknown>;
  message?: string;
  error?: { code: string; message: string };
}

export interface ApiError {
  error: { code: string; field?: string; message: string };
}
