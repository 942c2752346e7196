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
}

/** Per purpose kind: tell the feature that sent a message that it will never arrive. */
export type UndeliverableHandlers = ReadonlyMap<string, (tenantId: string, purpose: OutboxPurpose) => Promise<void>>;

export const MAX_ATTEMPTS = 12;
const LEASE_MS = 60_000;

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

/**
 * Delivers what is due in the outbox: each message once, in order, within Teams' rate limits;
 * 429/412/502/504 and network failures are retried with backoff; a person who blocked the bot is
 * marked unreachable and not retried. Returns how many messages were sent.
 */
export async function deliverOutbox(deps: DeliveryDeps, batch = 50): Promise<number> {
  const random = deps.random ?? Math.random;
  let sent = 0;
  const now = deps.clock.now();
  for (const row of await deps.store.outbox.claimDue(now, batch, LEASE_MS)) {
    const later = (ms: number, why: string) => deps.store.outbox.retryLater(row.id, new Date(deps.clock.now().getTime() + ms), why);
    try {
      const ref = await conversationOf(deps, row);
      if (!ref) {
        await deps.store.outbox.markUndeliverable(row.id, 'failed', 'Flipside could not be installed for this person');
        await noteUndeliverable(deps, row);
        continue;
      }
      if (ref.blockedAt) {
        await deps.store.outbox.markUndeliverable(row.id, 'blocked', 'the person blocked or removed the bot');
        await noteUndeliverable(deps, row);
        continue;
      }
      let target: OutboxRow | undefined;
      if (row.kind === 'update') {
        target = row.updatesKey ? await deps.store.outbox.findByKey(row.updatesKey) : undefined;
        if (target?.status === 'pending') {
          await deps.store.outbox.release(row.id, new Date(now.getTime() + 1_000)); // the message it updates is not out yet
          continue;
        }
        if (!target || target.status !== 'sent' || !target.activityId) {
          await deps.store.outbox.markUndeliverable(row.id, 'failed', 'the message to update was never delivered');
          continue;
        }
      }
      const wait = deps.limiter.acquire(
        [
          { key: `c:${ref.conversationId}`, limits: CONVERSATION_LIMITS },
          { key: `t:${row.tenantId}`, limits: TENANT_LIMITS },
        ],
        deps.clock.now().getTime(),
      );
      if (wait > 0) {
        await deps.store.outbox.release(row.id, new Date(deps.clock.now().getTime() + wait));
        continue;
      }
      const activityId = target ? (await deps.sender.update(ref, target.activityId!, row.activity), target.activityId!) : await deps.sender.send(ref, row.activity);
      await deps.store.outbox.markSent(row.id, ref.conversationId, activityId, deps.clock.now());
      sent++;
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
        await later(backoffMs(row.attempts, failure.retryAfterMs, random), failure.reason);
      }
    }
  }
  return sent;
}
