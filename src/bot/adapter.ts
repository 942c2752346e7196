import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Request as BotRequest, type Response as BotResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { AppError } from '../app/shared/errors.ts';
import { activityProblem } from './validate.ts';

export interface BotIdentity {
  mode: 'sandbox' | 'tenant';
  appId: string;
  password: string | undefined;
  tenantId: string;
}

/**
 * The Bot Framework adapter. On a real tenant it validates every incoming request's Bot Framework
 * token and authenticates its own calls as the single-tenant bot; in sandbox mode there is no app
 * password, so botbuilder accepts unauthenticated traffic and sends without a token — only there.
 */
export function createAdapter(identity: BotIdentity, log: Logger): CloudAdapter {
  const auth =
    identity.mode === 'tenant'
      ? new ConfigurationBotFrameworkAuthentication({
          MicrosoftAppId: identity.appId,
          MicrosoftAppPassword: identity.password,
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppTenantId: identity.tenantId,
        })
      : new ConfigurationBotFrameworkAuthentication({});
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, 'bot turn failed');
    if (context.activity.type === 'message') await context.sendActivity('Sorry — something went wrong on our side. Please try again.');
  };
  return adapter;
}

/** The app id to continue conversations as: none in the sandbox (no credentials), the bot's otherwise. */
export function botAppIdFor(identity: BotIdentity): string {
  return identity.mode === 'tenant' ? identity.appId : '';
}

/** An HTTP request and response as botbuilder takes them (Express's fit). */
export type { Request as BotRequest, Response as BotResponse } from 'botbuilder';

/**
 * The bot's HTTP endpoint (/api/messages): the activity is checked for what botbuilder needs
 * before botbuilder sees it, then the adapter runs the bot's turn.
 * @throws AppError `bad_request` naming the field of an activity botbuilder could not take.
 */
export function botEndpoint(adapter: CloudAdapter, bot: { run(context: TurnContext): Promise<void> }) {
  return async (req: BotRequest, res: BotResponse): Promise<void> => {
    const problem = activityProblem(req.body);
    if (problem) throw new AppError('bad_request', `Not a Bot Framework activity: ${problem.field}: ${problem.message}`, { field: problem.field });
    await adapter.process(req, res, (context) => bot.run(context));
  };
}
