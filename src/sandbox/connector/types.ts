// Wire shapes of the Bot Connector v3 API and of the Teams activities the sandbox sends, written
// from the swagger (shared/reference/bot/) and the Teams documentation. The sandbox is Microsoft's
// side, so it keeps its own copies: it shares no types with the bot.

export type JsonObject = Record<string, unknown>;

/** A Bot Framework ChannelAccount as Teams fills it. */
export interface ChannelAccount {
  /** `29:…` for a person, `28:…` for a bot. */
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: 'user' | 'bot';
}

/** A ConversationAccount as Teams fills it. */
export interface ConversationAccount {
  id: string;
  conversationType: ConversationType;
  tenantId: string;
  isGroup?: boolean;
  name?: string;
}

export type ConversationType = 'personal' | 'groupChat';

/** An activity as the sandbox stores and sends it: the typed fields it relies on, and the rest as sent. */
export interface Activity extends JsonObject {
  type: string;
  id?: string;
  timestamp?: string;
  text?: string;
  attachments?: Attachment[];
  replyToId?: string;
}

export interface Attachment extends JsonObject {
  contentType: string;
  content?: unknown;
}

/** A member as Teams answers `GET /v3/conversations/{id}/members` (a TeamsChannelAccount). */
export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
  userPrincipalName: string;
  tenantId: string;
  userRole: 'user';
}

/** The Bot Connector's error body (`ErrorResponse` in the swagger). */
export interface ConnectorErrorBody {
  error: { code: string; message: string; innerHttpError?: { statusCode: number; body: JsonObject } };
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const ACTIVITY_MESSAGE = 'application/vnd.microsoft.activity.message';
export const ERROR_RESPONSE = 'application/vnd.microsoft.error';

/** What the bot answers to an `adaptiveCard/action` invoke (the HTTP body of its 200). */
export interface AdaptiveCardInvokeResponse {
  statusCode: number;
  type: string;
  value?: unknown;
}

/** An `Action.Execute` as the client sends it in `value.action`. */
export interface ExecuteAction {
  verb: string;
  data?: JsonObject;
  id?: string;
}
