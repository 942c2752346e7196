import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { AppError } from '../app/shared/errors.ts';
import type { AdaptiveCard } from '../cards/index.ts';
import { errorCard, helpCard, statusCard, welcomeCard } from '../cards/index.ts';
import { parseAction, VERBS, type ParsedAction } from '../cards/actions.ts';
import type { StatusCardVM } from '../cards/types.ts';
import type { MriTranslator } from './sender.ts';

/** What the bot asks of the application: use cases, bound to their dependencies by the composition root. */
export interface BotUseCases {
  tenantId: string;
  sandbox: boolean;
  tabUrl: string;
  rememberConversation(ref: { tenantId: string; userId: string; conversationId: string; serviceUrl: string }): Promise<void>;
  displayName(tenantId: string, userId: string): Promise<string>;
  statusOf(tenantId: string, userId: string): Promise<StatusCardVM['enrollments']>;
  viewApproval(actor: { tenantId: string; userId: string }, enrollmentId: string): Promise<AdaptiveCard>;
  decideApproval(actor: { tenantId: string; userId: string }, enrollmentId: string, decision: 'approve' | 'decline', version: number, note: string | undefined): Promise<AdaptiveCard>;
  /** The pair's booking card as it stands (refresh). */
  viewBooking(actor: { tenantId: string; userId: string }, pair: { programId: string; menteeId: string }): Promise<AdaptiveCard>;
  pickSlot(actor: { tenantId: string; userId: string }, pick: { programId: string; menteeId: string; slotId: string; version: number }): Promise<AdaptiveCard>;
  rescheduleBooking(actor: { tenantId: string; userId: string }, pair: { programId: string; menteeId: string; version: number }): Promise<AdaptiveCard>;
}

const CARD = 'application/vnd.microsoft.card.adaptive';

function cardResponse(card: AdaptiveCard | Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD, value: card as unknown as Record<string, unknown> };
}

/** A 400 in the documented error format: for malformed actions. */
function badRequest(message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } as unknown as Record<string, unknown> };
}

/**
 * Flipside's bot: thin handlers that parse, call a use case and answer with a card. Welcome on
 * install, `help` and `status`, and the Universal Actions invoke (`adaptiveCard/action`).
 */
export class FlipsideBot extends TeamsActivityHandler {
  constructor(
    private readonly app: BotUseCases,
    private readonly log: Logger,
    private readonly mris: MriTranslator,
  ) {
    super();

    this.onConversationUpdate(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      const botAdded = added.some((m) => m.id === context.activity.recipient.id);
      if (botAdded && context.activity.conversation.conversationType === 'personal') {
        const who = await this.remember(context);
        if (who) await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard({ displayName: await this.app.displayName(who.tenantId, who.userId), tabUrl: this.app.tabUrl, sandbox: this.app.sandbox }))] });
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const who = await this.remember(context);
      const text = (context.activity.text ?? '').replace(/<at>.*?<\/at>/g, '').trim().toLowerCase();
      if (text === 'status' && who) {
        const vm: StatusCardVM = { displayName: await this.app.displayName(who.tenantId, who.userId), enrollments: await this.app.statusOf(who.tenantId, who.userId), tabUrl: this.app.tabUrl };
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(statusCard(vm))] });
      } else {
        await context.sendActivity({
          ...(text && text !== 'help' ? { text: `I didn't catch "${text.slice(0, 40)}". Here is what I can do:` } : {}),
          attachments: [CardFactory.adaptiveCard(helpCard())],
        });
      }
      await next();
    });
  }

  /** The person behind an activity: tenant and Entra object id, from the Teams channel data. */
  private actor(context: TurnContext): { tenantId: string; userId: string } | undefined {
    const a = context.activity;
    const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const userId = a.from?.aadObjectId;
    if (!tenantId || !userId) return undefined;
    // One deployment serves one tenant: activities from another tenant are not ours to answer.
    if (tenantId !== this.app.tenantId) return undefined;
    return { tenantId, userId };
  }

  private async remember(context: TurnContext) {
    const who = this.actor(context);
    if (who && context.activity.conversation.conversationType === 'personal') {
      await this.app.rememberConversation({ ...who, conversationId: context.activity.conversation.id, serviceUrl: context.activity.serviceUrl });
    }
    return who;
  }

  /** Calls the use case behind a verb. An automatic refresh only ever reads, whatever verb it carries. */
  private answer(who: { tenantId: string; userId: string }, action: ParsedAction, automatic: boolean): Promise<AdaptiveCard> {
    switch (action.verb) {
      case VERBS.refreshApproval:
        return this.app.viewApproval(who, action.data.enrollmentId);
      case VERBS.approve:
      case VERBS.decline:
        if (automatic) return this.app.viewApproval(who, action.data.enrollmentId);
        return this.app.decideApproval(who, action.data.enrollmentId, action.verb === VERBS.approve ? 'approve' : 'decline', action.data.version, action.data.note);
      case VERBS.refreshBooking:
        return this.app.viewBooking(who, action.data);
      case VERBS.pickSlot:
        return automatic ? this.app.viewBooking(who, action.data) : this.app.pickSlot(who, action.data);
      case VERBS.reschedule:
        return automatic ? this.app.viewBooking(who, action.data) : this.app.rescheduleBooking(who, action.data);
    }
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const who = this.actor(context);
    if (!who) return badRequest('The action does not say who sent it (from.aadObjectId) or comes from another tenant.');
    const parsed = parseAction(invoke.action?.verb, invoke.action?.data);
    if (!parsed.ok) return badRequest(`${parsed.field}: ${parsed.message}`);
    const { action } = parsed;
    const log = this.log.child({ cat: 'bot', verb: action.verb, user: who.userId });
    try {
      const card = await this.answer(who, action, (context.activity.value as { trigger?: string } | undefined)?.trigger === 'automatic');
      return cardResponse(await this.mris.translate(context, who.tenantId, { ...card }));
    } catch (error) {
      if (error instanceof AppError && error.expose) {
        log.info({ code: error.code }, error.message);
        const title = error.code !== 'forbidden' ? 'That did not work' : action.verb.startsWith('booking.') ? 'Not your pair' : 'Not yours to decide';
        return cardResponse(errorCard({ title, message: error.message }));
      }
      const correlationId = randomUUID();
      log.error({ err: error, correlationId }, 'card action failed');
      return cardResponse(errorCard({ title: 'Something went wrong', message: 'Flipside could not complete this action. Please try again in a moment.', correlationId }));
    }
  }
}
