/** Where the bot reaches a person: their 1:1 conversation with Flipside. */
export interface ConversationRef {
  tenantId: string;
  userId: string;
  conversationId: string;
  serviceUrl: string;
  blockedAt: Date | null;
}

export interface ConversationRepository {
  save(ref: Omit<ConversationRef, 'blockedAt'>): Promise<void>;
  get(tenantId: string, userId: string): Promise<ConversationRef | undefined>;
  markBlocked(tenantId: string, userId: string, at: Date): Promise<void>;
}

/**
 * What an outbox message is about, so that delivery outcomes can be told back to the feature that
 * sent it: a kind that feature registers a handler for, and the ids the handler needs.
 */
export type OutboxPurpose = { kind: string; [id: string]: string };

export interface OutboxMessage {
  tenantId: string;
  /** Same key, same message: enqueueing it again does nothing. */
  dedupeKey: string;
  recipientId: string;
  kind: 'send' | 'update';
  /** For updates: the dedupe key of the message whose activity is replaced. */
  updatesKey?: string;
  /** A group chat to post in (a pair's chat) instead of the recipient's 1:1 chat with Flipside. */
  chatId?: string;
  /** The Bot Framework activity to send (type message, attachments…). */
  activity: Record<string, unknown>;
  purpose?: OutboxPurpose;
}

export interface OutboxRow extends OutboxMessage {
  id: number;
  attempts: number;
  status: 'pending' | 'sent' | 'blocked' | 'failed';
  conversationId: string | null;
  activityId: string | null;
}

export interface OutboxRepository {
  enqueue(m: OutboxMessage): Promise<void>;
  /** `enqueue` for many messages in one statement, in the list's order. */
  enqueueMany(messages: readonly OutboxMessage[]): Promise<void>;
  /** Which of these dedupe keys the outbox holds already. */
  existingKeys(dedupeKeys: readonly string[]): Promise<Set<string>>;
  /** Claims due messages for `leaseMs` (FOR UPDATE SKIP LOCKED), oldest first. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  markSent(id: number, conversationId: string, activityId: string, at: Date): Promise<void>;
  retryLater(id: number, at: Date, error: string): Promise<void>;
  /** Puts a claimed message back, due at `at`, without counting the attempt (rate limits, ordering). */
  release(id: number, at: Date): Promise<void>;
  /** Not sent and not to be: the person blocked the bot, or the message failed for good. */
  markUndeliverable(id: number, status: 'blocked' | 'failed', error: string): Promise<void>;
  findByKey(dedupeKey: string): Promise<OutboxRow | undefined>;
  /** Messages of kind `send` whose key starts with `prefix`, oldest first. */
  sendsWithPrefix(prefix: string): Promise<OutboxRow[]>;
  countByStatus(): Promise<Record<string, number>>;
}

/** Why a message could not be delivered this time. */
export type DeliveryFailure =
  /** `throttled`: the Bot Connector answered 429 (too many requests), not a fault. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; throttled?: boolean }
  /** The person blocked or removed the bot (403 MessageWritesBlocked): stop, do not retry. */
  | { kind: 'blocked'; reason: string }
  | { kind: 'failed'; reason: string };

export class DeliveryError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(failure.reason);
    this.name = 'DeliveryError';
  }
}

/** Sends and updates bot messages in a person's conversation (the Bot Connector). */
export interface ChatSender {
  /**
   * How many Bot Connector requests delivering `activity` would make besides the send itself (a
   * member lookup for people the sender does not know yet), so that they count against the rate
   * limits too. 0 when the sender has no such thing.
   */
  lookupsFor?(ref: ConversationRef, activity: Record<string, unknown>): number;
  /** @returns the new activity's id. @throws DeliveryError */
  send(ref: ConversationRef, activity: Record<string, unknown>): Promise<string>;
  /** @throws DeliveryError */
  update(ref: ConversationRef, activityId: string, activity: Record<string, unknown>): Promise<void>;
}

/** Makes sure Flipside is installed for a person (through Graph) and finds their 1:1 chat with it. */
export interface ChatInstaller {
  /** The chat id of the person's 1:1 chat with Flipside, installing the app first if needed; undefined when it cannot be installed (e.g. a disabled account). */
  personalChat(userId: string): Promise<string | undefined>;
}
