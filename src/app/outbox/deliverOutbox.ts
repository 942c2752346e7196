import { backoffMs } from '../shared/backoff.ts';
import { DeliveryError, type ChatInstaller, type ChatSender, type ConversationRef, type OutboxPurpose, type OutboxRow } from './ports.ts';
import { type Clock } from '../shared/clock.ts';
import { type Store } from '../store.ts';
import { CONVERSATION_LIMITS, SlidingWindowLimiter, TENANT_LIMITS } from './rate-limit.ts';

export interface DeliveryDeps {
  store: Store;
  clock: Clock;
  sender: ChatSender;
  installer: ChatInstaller;
  limiter: SlidingWindowLimiter;
  /** Where a conversation found through Graph is served (the Bot Connector service URL). */
  serviceUrl: string;
  /**
   * What to do when a message cannot be delivered (the person blocked Flipside, or it could not be
   * installed for them), per message purpose: the feature that sent it registers its own handler.
   */
  onUndeliverable?: UndeliverableHandlers;
  /** Randomness for backoff jitter (tests pass a fixed one). */
  random?: () => number;
  /** Conversations served at once in a pass (default 6); each conversation's messages go one after another. */
  concurrency?: number;
  /**
   * Waits out a short rate-limit wait in the pass itself instead of putting the message back (real
   * time: give it only with a clock that runs on its own). Without it, a message the limiter holds
   * back is released to when a slot frees, for a later pass.
   */
  pause?: (ms: number) => Promise<void>;
}

/** Per purpose kind: tell the feature that sent a message that it will never arrive. */
export type UndeliverableHandlers = ReadonlyMap<string, (tenantId: string, purpose: OutboxPurpose) => Promise<void>>;

export const MAX_ATTEMPTS = 12;
const LEASE_MS = 60_000;
const CONCURRENCY = 6;
/** The longest rate-limit wait spent in a pass (with `pause`); longer ones release the message. */
const MAX_PAUSE_MS = 1_000;

/** Tells the sender's feature, through the handler registered for the message's purpose. */
async function noteUndeliverable(deps: DeliveryDeps, row: OutboxRow): Promise<void> {
  if (row.purpose) await deps.onUndeliverable?.get(row.purpose.kind)?.(row.tenantId, row.purpose);
}

async function conversationOf(deps: DeliveryDeps, row: OutboxRow): Promise<ConversationRef | undefined> {
  // A group chat (a pair's): Flipside was installed in it through Graph when it was created.
  if (row.chatId) return { tenantId: row.tenantId, userId: row.recipientId, conversationId: row.chatId, serviceUrl: deps.serviceUrl, blockedAt: null };
  const known = await deps.store.conversations.get(row.tenantId, row.recipientId);
  if (known) return known;
  const chatId = await deps.installer.personalChat(row.recipientId);
  if (!chatId) return undefined;
  await deps.store.conversations.save({ tenantId: row.tenantId, userId: row.recipientId, conversationId: chatId, serviceUrl: deps.serviceUrl });
  return deps.store.conversations.get(row.tenantId, row.recipientId);
}

/** The conversation a message goes to, as far as the row tells without a lookup: its lane in a pass. */
const laneOf = (row: OutboxRow) => (row.chatId ? `chat:${row.chatId}` : `user:${row.tenantId}/${row.recipientId}`);

/**
 * Delivers what is due in the outbox: each message once, in order per conversation, within Teams'
 * rate limits; 429/412/502/504 and network failures are retried with backoff (a 429 after its
 * Retry-After); a person who blocked the bot is marked unreachable and not retried. Several
 * conversations are served at once (`concurrency`), each conversation's messages one after
 * another: a message put off (throttled, held back) puts off the ones after it in its
 * conversation, never those of another. Returns how many messages were sent.
 */
export async function deliverOutbox(deps: DeliveryDeps, batch = 50): Promise<number> {
  const lanes = new Map<string, OutboxRow[]>();
  for (const row of await deps.store.outbox.claimDue(deps.clock.now(), batch, LEASE_MS)) {
    const lane = lanes.get(laneOf(row));
    if (lane) lane.push(row);
    else lanes.set(laneOf(row), [row]);
  }
  const queue = [...lanes.values()];
  let sent = 0;
  const work = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      let putOffUntil: Date | undefined;
      for (const row of lane) {
        // Keep the conversation's order: what comes after a message that was put off waits with it.
        if (putOffUntil) await deps.store.outbox.release(row.id, putOffUntil);
        else {
          const outcome = await deliverOne(deps, row);
          if (outcome === 'sent') sent++;
          else if (outcome instanceof Date) putOffUntil = outcome;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? CONCURRENCY, queue.length) }, work));
  return sent;
}

/** @returns 'sent', 'done' (settled otherwise: undeliverable, failed) or when it is due again. */
async function deliverOne(deps: DeliveryDeps, row: OutboxRow): Promise<'sent' | 'done' | Date> {
  const random = deps.random ?? Math.random;
  const at = (ms: number) => new Date(deps.clock.now().getTime() + ms);
  const conversationKey = (ref: ConversationRef) => `c:${ref.conversationId}`;
  const tenantKey = `t:${row.tenantId}`;
  let ref: ConversationRef | undefined;
  try {
    ref = await conversationOf(deps, row);
    if (!ref) {
      await deps.store.outbox.markUndeliverable(row.id, 'failed', 'Flipside could not be installed for this person');
      await noteUndeliverable(deps, row);
      return 'done';
    }
    if (ref.blockedAt) {
      await deps.store.outbox.markUndeliverable(row.id, 'blocked', 'the person blocked or removed the bot');
      await noteUndeliverable(deps, row);
      return 'done';
    }
    let target: OutboxRow | undefined;
    if (row.kind === 'update') {
      target = row.updatesKey ? await deps.store.outbox.findByKey(row.updatesKey) : undefined;
      if (target?.status === 'pending') {
        const due = at(1_000); // the message it updates is not out yet
        await deps.store.outbox.release(row.id, due);
        return due;
      }
      if (!target || target.status !== 'sent' || !target.activityId) {
        await deps.store.outbox.markUndeliverable(row.id, 'failed', 'the message to update was never delivered');
        return 'done';
      }
    }
    // Every request the delivery makes counts: the send, and a member lookup when one is needed.
    const cost = 1 + (deps.sender.lookupsFor?.(ref, row.activity) ?? 0);
    const keys = [
      { key: conversationKey(ref), limits: CONVERSATION_LIMITS, cost },
      { key: tenantKey, limits: TENANT_LIMITS, cost },
    ];
    let wait = deps.limiter.acquire(keys, deps.clock.now().getTime());
    for (let pauses = 0; wait > 0 && wait <= MAX_PAUSE_MS && deps.pause && pauses < 3; pauses++) {
      await deps.pause(wait);
      wait = deps.limiter.acquire(keys, deps.clock.now().getTime());
    }
    if (wait > 0) {
      const due = at(wait);
      await deps.store.outbox.release(row.id, due);
      return due;
    }
    const activityId = target ? (await deps.sender.update(ref, target.activityId!, row.activity), target.activityId!) : await deps.sender.send(ref, row.activity);
    deps.limiter.answered(tenantKey, deps.clock.now().getTime(), { throttled: false });
    await deps.store.outbox.markSent(row.id, ref.conversationId, activityId, deps.clock.now());
    return 'sent';
  } catch (error) {
    const failure = error instanceof DeliveryError ? error.failure : { kind: 'retry' as const, reason: error instanceof Error ? error.message : String(error) };
    if (failure.kind === 'blocked' && row.chatId) {
      // Flipside was removed from a group chat: that says nothing about the person's own chat.
      await deps.store.outbox.markUndeliverable(row.id, 'blocked', failure.reason);
    } else if (failure.kind === 'blocked') {
      await deps.store.conversations.markBlocked(row.tenantId, row.recipientId, deps.clock.now());
      await deps.store.outbox.markUndeliverable(row.id, 'blocked', failure.reason);
      await noteUndeliverable(deps, row);
    } else if (failure.kind === 'failed' || row.attempts >= MAX_ATTEMPTS) {
      await deps.store.outbox.markUndeliverable(row.id, 'failed', failure.reason);
    } else {
      const delay = backoffMs(row.attempts, failure.retryAfterMs, random);
      if (ref && failure.kind === 'retry' && failure.throttled) {
        // Teams said when this conversation may be written to again; and if the whole tenant is
        // being throttled, not just now and then, everyone waits (SlidingWindowLimiter.answered).
        const nowMs = deps.clock.now().getTime();
        deps.limiter.hold(conversationKey(ref), nowMs + delay);
        deps.limiter.answered(tenantKey, nowMs, { throttled: true, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) });
      }
      const due = at(delay);
      await deps.store.outbox.retryLater(row.id, due, failure.reason);
      return due;
    }
    return 'done';
  }
}
