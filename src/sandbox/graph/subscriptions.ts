import { randomUUID } from 'node:crypto';
import { Rng } from '../org/rng.ts';

/**
 * Graph change-notification subscriptions on mailboxes' events, and their delivery: the
 * validation handshake before a subscription exists, notifications POSTed after the change that
 * caused them (never inside its request), retried a few times, droppable on purpose, and
 * lifecycle notifications. Outgoing HTTP is global fetch, as a webhook sender's would be.
 */

export type ChangeType = 'created' | 'updated' | 'deleted';
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface SandboxSubscription {
  id: string;
  /** As the caller wrote it (`users/{id}/events`), and the mailbox it resolves to. */
  resource: string;
  userId: string;
  changeTypes: ChangeType[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: Date;
  applicationId: string;
  creatorId: string;
}

export interface NotificationCounters {
  /** Notifications (change and lifecycle) answered 2xx. */
  delivered: number;
  /** Extra attempts after a failed one. */
  retried: number;
  /** Given up after every attempt failed. */
  failed: number;
  /** Dropped on purpose by `lostNotificationRate`. */
  lost: number;
  /** Not sent because the subscription had expired by the sandbox clock. */
  expired: number;
}

/** Why a validation handshake failed, in Graph's words. */
export type ValidationOutcome = { ok: true } | { ok: false; code: string; message: string };

const RETRY_DELAYS_MS = [100, 400, 1000];

export class SubscriptionHub {
  readonly subscriptions = new Map<string, SandboxSubscription>();
  readonly counters: NotificationCounters = { delivered: 0, retried: 0, failed: 0, lost: 0, expired: 0 };
  /** How long the notification endpoint has to echo the validation token (Graph: 10 s). */
  validationTimeoutMs = 10_000;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly random: () => number;

  constructor(
    private readonly options: {
      clock: { now(): Date };
      tenantId: () => string;
      seed: number;
      /** Share of change notifications dropped on purpose (read at each change). */
      lostRate: () => number;
    },
  ) {
    const rng = new Rng(options.seed ^ 0x10571);
    this.random = () => rng.next();
  }

  isLive(s: SandboxSubscription): boolean {
    return s.expirationDateTime.getTime() > this.options.clock.now().getTime();
  }

  /**
   * Graph's handshake: POST `{url}?validationToken=…` (text/plain) and require a 200 whose body is
   * the token, as text/plain, within the timeout.
   */
  async validate(url: string): Promise<ValidationOutcome> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
    try {
      const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '', signal: AbortSignal.timeout(this.validationTimeoutMs) });
      const text = await res.text();
      if (res.status !== 200) return { ok: false, code: 'ValidationError', message: 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.' };
      if (!/^text\/plain\b/i.test(res.headers.get('content-type') ?? '')) {
        return { ok: false, code: 'ValidationError', message: 'Subscription validation request failed. Must respond with 200 OK to this request with the validationToken as text/plain.' };
      }
      if (text !== token) return { ok: false, code: 'ValidationError', message: 'Subscription validation request failed. Response must exactly match validationToken query parameter.' };
      return { ok: true };
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { ok: false, code: 'InvalidRequest', message: 'Subscription validation request timed out.' };
      return { ok: false, code: 'ValidationError', message: 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.' };
    }
  }

  add(s: Omit<SandboxSubscription, 'id'>): SandboxSubscription {
    const subscription = { ...s, id: randomUUID() };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  /**
   * A change to an event seen from these mailboxes: every live subscription on one of them that
   * asked for this change type gets a notification, sent after the current request has answered.
   */
  notify(userIds: readonly string[], eventId: string, changeType: ChangeType): void {
    for (const s of this.subscriptions.values()) {
      if (!userIds.includes(s.userId) || !s.changeTypes.includes(changeType)) continue;
      if (!this.isLive(s)) {
        this.counters.expired++;
        continue;
      }
      const rate = this.options.lostRate();
      if (rate > 0 && this.random() < rate) {
        this.counters.lost++;
        continue;
      }
      const resource = `Users/${s.userId}/Events/${eventId}`;
      const body = {
        value: [
          {
            subscriptionId: s.id,
            subscriptionExpirationDateTime: s.expirationDateTime.toISOString(),
            changeType,
            resource,
            resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': resource, '@odata.etag': `W/"${randomUUID()}"`, id: eventId },
            clientState: s.clientState,
            tenantId: this.options.tenantId(),
          },
        ],
      };
      this.track(this.deliver(s.notificationUrl, body));
    }
  }

  /** Posts a lifecycle notification; `subscriptionRemoved` also removes the subscription. Resolves once delivered or given up. */
  lifecycle(subscriptionId: string, lifecycleEvent: LifecycleEvent): Promise<void> {
    const s = this.subscriptions.get(subscriptionId);
    if (!s) throw new Error(`no sandbox subscription ${subscriptionId}`);
    if (!s.lifecycleNotificationUrl) throw new Error(`sandbox subscription ${subscriptionId} has no lifecycleNotificationUrl`);
    if (lifecycleEvent === 'subscriptionRemoved') this.subscriptions.delete(subscriptionId);
    const body = {
      value: [
        {
          subscriptionId: s.id,
          lifecycleEvent,
          clientState: s.clientState,
          subscriptionExpirationDateTime: s.expirationDateTime.toISOString(),
          tenantId: this.options.tenantId(),
          resource: s.resource,
        },
      ],
    };
    const delivery = this.deliver(s.lifecycleNotificationUrl, body);
    this.track(delivery);
    return delivery;
  }

  /** Resolves when no delivery is pending or in flight (including ones queued meanwhile). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** One attempt: true when the endpoint answered 2xx; unreachable or timed out counts as a failed attempt. */
  private async post(url: string, body: unknown): Promise<boolean> {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(this.validationTimeoutMs) });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  }

  /** Starts on a later turn of the event loop, so the request that caused the change has answered first. */
  private async deliver(url: string, body: unknown): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (let attempt = 0; ; attempt++) {
      if (await this.post(url, body)) {
        this.counters.delivered++;
        return;
      }
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) {
        this.counters.failed++;
        return;
      }
      this.counters.retried++;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
