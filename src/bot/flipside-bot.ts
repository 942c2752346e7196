import { randomUUID } from 'node:crypto';
import { CardFactory, TeamsActivityHandler, type AdaptiveCardInvokeResponse, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { CardActor } from '../app/shared/actor.ts';
import { AppError } from '../app/shared/errors.ts';
import type { AdaptiveCard, StatusCardVM } from '../cards/index.ts';
import { errorCard, helpCard, statusCard, welcomeCard } from '../cards/index.ts';
import { tabLink } from '../cards/tab-link.ts';
import type { MriTranslator } from './sender.ts';
import { quoted, type VerbRegistry } from './verbs.ts';

/** What the bot's messages need of the application, bound by the composition root. */
export interface BotApp {
  tenantId: string;
  sandbox: boolean;
  tabUrl: string;
  rememberConversation(ref: { tenantId: string; userId: string; conversationId: string; serviceUrl: string }): Promise<void>;
  displayName(tenantId: string, userId: string): Promise<string>;
  statusOf(tenantId: string, userId: string): Promise<StatusCardVM['enrollments']>;
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const ACTION = 'adaptiveCard/action';

function cardResponse(card: AdaptiveCard | Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD, value: card as unknown as Record<string, unknown> };
}

/** A 400 in the documented Universal Actions error format, for malformed actions. */
function badRequest(message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } as unknown as Record<string, unknown> };
}

/**
 * Invokes Teams sends only for features an app declares or starts, none of which Flipside has (its
 * manifest declares a personal tab and a bot; its cards use only Action.Execute and Action.OpenUrl).
 * Each gets a documented answer instead of botbuilder's 501 with no body.
 *
 * Notifications, after which Teams only needs to hear that the bot received them: 200, no body.
 */
const ACKNOWLEDGED = new Set(['signin/verifyState', 'actionableMessage/executeAction', 'composeExtension/setting', 'composeExtension/onCardButtonClicked']);

/** Requests whose answer Teams would render (results, a dialog, a tab…): a 400 naming what Flipside does not have. */
const NOT_OFFERED: ReadonlyArray<[prefix: string, feature: string]> = [
  ['composeExtension/', 'message extension'],
  ['task/', 'dialogs (task modules)'],
  ['tab/', 'bot-rendered tab'],
  ['config/', 'bot configuration'],
  ['fileConsent/', 'file uploads'],
  ['signin/', 'bot sign-in'],
  ['application/search', 'typeahead search in cards'],
  ['message/', 'message feedback'],
  ['handoff/', 'handoff from Copilot'],
];

/** The documented error answer to an invoke Flipside does not take; `status` is also the HTTP status. */
function invokeError(status: 400 | 404, code: string, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } };
}

/** The answer to an invoke other than `adaptiveCard/action`: never botbuilder's 501 with an empty body. */
export function otherInvoke(name: unknown): InvokeResponse {
  if (typeof name !== 'string' || name === '') return invokeError(400, 'BadRequest', `name: an invoke needs a name; Flipside answers "${ACTION}" (Universal Actions).`);
  if (ACKNOWLEDGED.has(name)) return { status: 200 };
  const feature = NOT_OFFERED.find(([prefix]) => name.startsWith(prefix))?.[1];
  if (feature) return invokeError(400, 'NotSupported', `name: ${quoted(name)} is not supported: Flipside has no ${feature}; it answers "${ACTION}" (Universal Actions).`);
  return invokeError(404, 'NotFound', `name: Flipside does not know the invoke ${quoted(name)}; it answers "${ACTION}" (Universal Actions).`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Flipside's bot: thin handlers that parse, call a use case and answer with a card. Welcome on
 * install, `help` and `status`, and the Universal Actions invoke (`adaptiveCard/action`), answered
 * by the verb registry; other invokes get a documented answer (`otherInvoke`).
 */
export class FlipsideBot extends TeamsActivityHandler {
  constructor(
    private readonly app: BotApp,
    private readonly verbs: VerbRegistry,
    private readonly log: Logger,
    private readonly mris: MriTranslator,
  ) {
    super();

    // Every activity shows who sent it, by MRI and Entra object id: what cards' refresh.userIds need.
    this.onTurn(async (context, next) => {
      const a = context.activity;
      const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      if (tenantId === this.app.tenantId && a.from?.aadObjectId && GUID.test(a.from.aadObjectId)) this.mris.learn(tenantId, a.from.aadObjectId, a.from.id);
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      const botAdded = added.some((m) => m.id === context.activity.recipient.id);
      if (botAdded && context.activity.conversation.conversationType === 'personal') {
        const who = await this.remember(context);
        if (who)
          await context.sendActivity({
            attachments: [
              CardFactory.adaptiveCard(welcomeCard({ displayName: await this.app.displayName(who.tenantId, who.userId), tabUrl: tabLink(this.app.tabUrl, '/'), sandbox: this.app.sandbox })),
            ],
          });
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const who = await this.remember(context);
      const text = (context.activity.text ?? '')
        .replace(/<at>.*?<\/at>/g, '')
        .trim()
        .toLowerCase();
      if (text === 'status' && who) {
        const vm: StatusCardVM = {
          displayName: await this.app.displayName(who.tenantId, who.userId),
          enrollments: await this.app.statusOf(who.tenantId, who.userId),
          tabUrl: tabLink(this.app.tabUrl, '/'),
        };
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
  private actor(context: TurnContext): CardActor | undefined {
    const a = context.activity;
    const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const userId = a.from?.aadObjectId;
    // Entra object ids are GUIDs: anything else names nobody Flipside knows.
    if (!tenantId || !userId || !GUID.test(userId)) return undefined;
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

  /**
   * Every invoke is answered here: Universal Actions before botbuilder reads `value.action` (which
   * it assumes is there), any other name with a documented answer (botbuilder's default is a 501
   * with no body, which Teams shows as "Unable to reach app").
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== ACTION) {
      const answer = otherInvoke(context.activity.name);
      this.log.info({ invoke: typeof context.activity.name === 'string' ? context.activity.name.slice(0, 100) : null, status: answer.status }, 'invoke Flipside does not take');
      return answer;
    }
    const response = await this.onCardAction(context);
    return { status: response.statusCode, body: response };
  }

  private async onCardAction(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const who = this.actor(context);
    if (!who) return badRequest('The action does not say who sent it (from.aadObjectId) or comes from another tenant.');
    const value: unknown = context.activity.value;
    if (!isObject(value) || !isObject(value.action)) return badRequest('value.action: an Action.Execute is required.');
    if (value.action.type !== undefined && value.action.type !== 'Action.Execute') return badRequest(`value.action.type: ${quoted(value.action.type)} is not supported; only Action.Execute is.`);
    const parsed = this.verbs.parse(value.action.verb, value.action.data);
    if (!parsed.ok) return badRequest(`${parsed.field}: ${parsed.message}`);
    const { registration, data } = parsed;
    const log = this.log.child({ verb: registration.verb, user: who.userId });
    try {
      // An automatic refresh only ever reads, whatever verb it carries.
      const automatic = value.trigger === 'automatic';
      const card = automatic || !registration.act ? await registration.view(who, data) : await registration.act(who, data);
      return cardResponse(await this.mris.translate(context, who.tenantId, { ...card }));
    } catch (error) {
      if (error instanceof AppError && error.expose) {
        log.info({ code: error.code }, error.message);
        return cardResponse(errorCard({ title: error.code === 'forbidden' ? registration.refusedTitle : 'That did not work', message: error.message }));
      }
      const correlationId = randomUUID();
      log.error({ err: error, correlationId }, 'card action failed');
      return cardResponse(errorCard({ title: 'Something went wrong', message: 'Flipside could not complete this action. Please try again in a moment.', correlationId }));
    }
  }
}
