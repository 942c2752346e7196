import { TeamsInfo, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { DeliveryError, type ChatSender, type ConversationRef } from '../app/outbox/ports.ts';
import { dependencyAttributes, SpanKind, withSpan } from '../app/shared/tracing.ts';

const RETRY_STATUSES = new Set([408, 412, 429, 500, 502, 503, 504]);

interface ConnectorFailure {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
  response?: { status?: number; bodyAsText?: string; headers?: Record<string, string> | { get?(name: string): string | undefined } };
}

/** A send as a dependency span: the service and the route, never the conversation (its id names people). */
const connectorAttributes = (ref: ConversationRef, method: string) => dependencyAttributes(method, `${ref.serviceUrl.replace(/\/$/, '')}/v3/conversations/{id}/activities`, 'Bot Connector');

/** Turns a Bot Connector failure into what the outbox should do about it. */
export function classify(error: unknown): DeliveryError {
  const e = (error ?? {}) as ConnectorFailure;
  const status = e.statusCode ?? e.status ?? e.response?.status;
  const body = `${e.response?.bodyAsText ?? ''} ${e.code ?? ''} ${e.message ?? ''}`;
  const headers = e.response?.headers;
  // botframework-connector gives the headers as a plain object; other clients as Headers.
  const retryAfter = Number(typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after']);
  if (status === 403 && /MessageWritesBlocked|ConversationBlockedByUser/i.test(body)) {
    return new DeliveryError({ kind: 'blocked', reason: 'the person blocked or removed the bot (MessageWritesBlocked)' });
  }
  if (status === undefined || RETRY_STATUSES.has(status)) {
    return new DeliveryError({
      kind: 'retry',
      reason: `Bot Connector ${status ?? 'unreachable'}: ${(e.message ?? '').slice(0, 200)}`,
      ...(status === 429 ? { throttled: true } : {}),
      ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    });
  }
  return new DeliveryError({ kind: 'failed', reason: `Bot Connector ${status}: ${(e.message ?? '').slice(0, 200)}` });
}

const cardOf = (activity: Record<string, unknown>) => (activity.attachments as { content?: Record<string, unknown> }[] | undefined)?.[0]?.content;

/**
 * Sends through botbuilder's CloudAdapter into a person's 1:1 conversation or a pair's chat. Cards
 * carry Entra object ids in `refresh.userIds`; Teams wants user MRIs (29:…), which only the
 * conversation's members know, so they are translated here, at the border. Give it an adapter
 * that makes each request once (`createAdapter(…, { sdkRetries: false })`): a 429 then comes
 * straight back to the outbox, which retries it after Retry-After within its rate limiter.
 */
export class BotChatSender implements ChatSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly botId: string,
    private readonly mris: MriTranslator,
  ) {}

  /** A member lookup, when the card names people whose MRIs are not known yet (see MriTranslator). */
  lookupsFor(ref: ConversationRef, activity: Record<string, unknown>): number {
    return this.mris.lookupsFor(ref.tenantId, ref.conversationId, cardOf(activity));
  }

  async send(ref: ConversationRef, activity: Record<string, unknown>): Promise<string> {
    return withSpan('Bot Connector send', SpanKind.CLIENT, connectorAttributes(ref, 'POST'), async () => {
      let id = '';
      await this.continue(ref, async (context) => {
        const response = await context.sendActivity((await this.withMris(context, ref, activity)) as never);
        id = response?.id ?? '';
      });
      if (!id) throw new DeliveryError({ kind: 'retry', reason: 'the Bot Connector answered without an activity id' });
      return id;
    });
  }

  async update(ref: ConversationRef, activityId: string, activity: Record<string, unknown>): Promise<void> {
    await withSpan('Bot Connector update', SpanKind.CLIENT, connectorAttributes(ref, 'PUT'), async () => {
      await this.continue(ref, async (context) => {
        await context.updateActivity({ ...(await this.withMris(context, ref, activity)), id: activityId } as never);
      });
    });
  }

  private async continue(ref: ConversationRef, logic: (context: TurnContext) => Promise<void>) {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: ref.serviceUrl,
      conversation: { id: ref.conversationId, tenantId: ref.tenantId, conversationType: 'personal', isGroup: false, name: '' },
      bot: { id: `28:${this.botId}`, name: 'Flipside' },
    };
    // botbuilder hands errors thrown inside the turn to onTurnError instead of rethrowing them:
    // keep the failure here so the outbox can act on it (retry, blocked, failed).
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        try {
          await logic(context);
        } catch (error) {
          failure = error ?? new Error('unknown failure');
        }
      });
    } catch (error) {
      failure = error;
    }
    if (failure !== undefined) throw failure instanceof DeliveryError ? failure : classify(failure);
  }

  private async withMris(context: TurnContext, ref: ConversationRef, activity: Record<string, unknown>): Promise<Record<string, unknown>> {
    const attachments = activity.attachments as { content?: Record<string, unknown> }[] | undefined;
    const content = cardOf(activity);
    if (!content) return activity;
    const card = await this.mris.translate(context, ref.tenantId, content, { strict: true });
    return { ...activity, attachments: [{ ...attachments![0], content: card }, ...attachments!.slice(1)] };
  }
}

/** A map of at most `max` entries that forgets the one used longest ago. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
}

export interface MriTranslatorOptions {
  /** People remembered, across tenants (default 50,000). */
  maxPeople?: number;
  /** How long a conversation's member list, once fetched, stands for who is not in it (default 10 minutes). */
  rosterTtlMs?: number;
  now?: () => number;
}

/** A page of members as large as Teams serves: a group chat (at most 250 people) fits in one. */
const ROSTER_PAGE = 500;

/**
 * Cards name deciders by Entra object id; Teams' `refresh.userIds` takes user MRIs (29:…). A
 * person's MRI is the same in every conversation of the bot in a tenant, so it is remembered per
 * (tenant, Entra object id), in a bounded LRU, from whatever shows it: a member list the bot
 * fetched, or the `from` of any activity the bot receives (`learn`). Only when a card names
 * someone not yet known is the conversation's member list fetched — one request for all of them;
 * those who are not members are left out (they keep the base view).
 */
export class MriTranslator {
  private readonly mris: Lru<string, string>;
  /** Conversations whose member list was fetched, and when: who is unknown after that is not in it. */
  private readonly rosters = new Lru<string, number>(10_000);
  private readonly rosterTtlMs: number;
  private readonly now: () => number;
  /** Member-list requests made, and MRIs learned from activities. */
  readonly counters = { lookups: 0, learned: 0 };

  constructor(options: MriTranslatorOptions = {}) {
    this.mris = new Lru(options.maxPeople ?? 50_000);
    this.rosterTtlMs = options.rosterTtlMs ?? 600_000;
    this.now = options.now ?? Date.now;
  }

  /** Remembers a person's MRI, e.g. from an incoming activity's `from` (`id`, `aadObjectId`). */
  learn(tenantId: string | undefined, aadObjectId: string | undefined, mri: string | undefined): void {
    if (!tenantId || !aadObjectId || !mri?.startsWith('29:')) return;
    const key = keyOf(tenantId, aadObjectId);
    if (this.mris.get(key) === mri) return;
    this.mris.set(key, mri);
    this.counters.learned++;
  }

  /** The MRI of a person, when known. */
  known(tenantId: string, aadObjectId: string): string | undefined {
    return this.mris.get(keyOf(tenantId, aadObjectId));
  }

  /** How many Bot Connector requests translating `card` in `conversationId` would make now: 0 or 1. */
  lookupsFor(tenantId: string, conversationId: string, card: Record<string, unknown> | undefined): number {
    return this.unknown(tenantId, card).length > 0 && !this.rosterFresh(conversationId) ? 1 : 0;
  }

  /**
   * The card with `refresh.userIds` as MRIs. With `strict`, a failed member lookup is thrown (the
   * outbox then tries the message again later) rather than leaving the people it would have found out.
   */
  async translate<T extends Record<string, unknown>>(context: TurnContext, tenantId: string, card: T, options: { strict?: boolean } = {}): Promise<T> {
    const refresh = card.refresh as { userIds?: string[] } | undefined;
    if (!refresh?.userIds?.length) return card;
    const conversationId = context.activity.conversation?.id ?? '';
    if (this.unknown(tenantId, card).length > 0 && !this.rosterFresh(conversationId)) {
      try {
        await this.fetchRoster(context, tenantId, conversationId);
      } catch (error) {
        if (options.strict) throw error;
      }
    }
    const userIds: string[] = [];
    for (const id of refresh.userIds) {
      const mri = id.startsWith('29:') ? id : this.known(tenantId, id);
      if (mri) userIds.push(mri);
    }
    return { ...card, refresh: { ...refresh, userIds } };
  }

  private unknown(tenantId: string, card: Record<string, unknown> | undefined): string[] {
    const ids = (card?.refresh as { userIds?: string[] } | undefined)?.userIds ?? [];
    return ids.filter((id) => !id.startsWith('29:') && !this.known(tenantId, id));
  }

  private rosterFresh(conversationId: string): boolean {
    const at = this.rosters.get(conversationId);
    return at !== undefined && this.now() - at < this.rosterTtlMs;
  }

  private async fetchRoster(context: TurnContext, tenantId: string, conversationId: string): Promise<void> {
    this.counters.lookups++;
    const page = await TeamsInfo.getPagedMembers(context, ROSTER_PAGE);
    for (const m of page.members ?? []) this.learn(tenantId, m.aadObjectId, m.id);
    this.rosters.set(conversationId, this.now());
  }
}

const keyOf = (tenantId: string, aadObjectId: string) => `${tenantId.toLowerCase()}/${aadObjectId.toLowerCase()}`;
