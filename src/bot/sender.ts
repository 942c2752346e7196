import { TeamsInfo, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { DeliveryError, type ChatSender, type ConversationRef } from '../app/outbox/ports.ts';

const RETRY_STATUSES = new Set([408, 412, 429, 500, 502, 503, 504]);

interface ConnectorFailure {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
  response?: { status?: number; bodyAsText?: string; headers?: Record<string, string> | { get?(name: string): string | undefined } };
}

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
      ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    });
  }
  return new DeliveryError({ kind: 'failed', reason: `Bot Connector ${status}: ${(e.message ?? '').slice(0, 200)}` });
}

/**
 * Sends through botbuilder's CloudAdapter into a person's 1:1 conversation. Cards carry Entra
 * object ids in `refresh.userIds`; Teams wants user MRIs (29:…), which only the conversation's
 * members know, so they are translated here, at the border.
 */
export class BotChatSender implements ChatSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly botId: string,
    private readonly mris: MriTranslator,
  ) {}

  async send(ref: ConversationRef, activity: Record<string, unknown>): Promise<string> {
    let id = '';
    await this.continue(ref, async (context) => {
      const response = await context.sendActivity((await this.withMris(context, ref, activity)) as never);
      id = response?.id ?? '';
    });
    if (!id) throw new DeliveryError({ kind: 'retry', reason: 'the Bot Connector answered without an activity id' });
    return id;
  }

  async update(ref: ConversationRef, activityId: string, activity: Record<string, unknown>): Promise<void> {
    await this.continue(ref, async (context) => {
      await context.updateActivity({ ...(await this.withMris(context, ref, activity)), id: activityId } as never);
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
    const content = attachments?.[0]?.content;
    if (!content) return activity;
    const card = await this.mris.translate(context, ref.tenantId, content);
    return { ...activity, attachments: [{ ...attachments![0], content: card }, ...attachments!.slice(1)] };
  }
}

/**
 * Cards name deciders by Entra object id; Teams' `refresh.userIds` takes user MRIs (29:…). Teams
 * answers a member looked up by Entra object id in a conversation they belong to; those who are
 * not members are left out (they keep the base view).
 */
export class MriTranslator {
  private readonly cache = new Map<string, string>();

  async translate<T extends Record<string, unknown>>(context: TurnContext, tenantId: string, card: T): Promise<T> {
    const refresh = card.refresh as { userIds?: string[] } | undefined;
    if (!refresh?.userIds?.length) return card;
    const userIds: string[] = [];
    for (const id of refresh.userIds) {
      const mri = id.startsWith('29:') ? id : await this.mriOf(context, tenantId, id);
      if (mri) userIds.push(mri);
    }
    return { ...card, refresh: { ...refresh, userIds } };
  }

  private async mriOf(context: TurnContext, tenantId: string, aadObjectId: string): Promise<string | undefined> {
    const key = `${tenantId}/${aadObjectId}`;
    const known = this.cache.get(key);
    if (known) return known;
    try {
      const member = await TeamsInfo.getMember(context, aadObjectId);
      this.cache.set(key, member.id);
      return member.id;
    } catch {
      return undefined; // not a member of this conversation: see the class comment
    }
  }
}
