import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Request as BotRequest,
  type Response as BotResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { AppError } from '../app/shared/errors.ts';
import { activityProblem } from './validate.ts';

export interface BotIdentity {
  mode: 'sandbox' | 'tenant';
  /** The bot's app id: its Entra app's client id, or the user-assigned managed identity's client id. */
  appId: string;
  /** The app secret (SingleTenant only; a managed identity has none). */
  password: string | undefined;
  tenantId: string;
  /** `UserAssignedMSI`: the Azure Bot's identity is the web app's user-assigned managed identity (no secret). */
  type?: 'SingleTenant' | 'UserAssignedMSI';
}

/** botbuilder's configuration for a real tenant's bot: a single-tenant app with a secret, or a user-assigned managed identity. */
function botAuthConfig(identity: BotIdentity) {
  return identity.type === 'UserAssignedMSI'
    ? { MicrosoftAppId: identity.appId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: identity.tenantId }
    : { MicrosoftAppId: identity.appId, MicrosoftAppPassword: identity.password, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: identity.tenantId };
}

/**
 * Readiness of the Bot Connector: on a real tenant, whether the bot can get its token for the Bot
 * Connector (https://api.botframework.com) with its credentials, as every send must first. The
 * sandbox's connector is on this server, so it is always there.
 * @throws Error saying why the token could not be had.
 */
export async function checkBotConnector(identity: BotIdentity): Promise<string> {
  if (identity.mode === 'sandbox') return 'the sandbox Bot Connector, on this server';
  const factory = new ConfigurationServiceClientCredentialFactory(botAuthConfig(identity));
  const credentials = await factory.createCredentials(identity.appId, 'https://api.botframework.com', `https://login.microsoftonline.com/${identity.tenantId}`, true);
  await (credentials as unknown as { getToken(forceRefresh?: boolean): Promise<string> }).getToken();
  return `Bot Connector token for ${identity.type === 'UserAssignedMSI' ? 'the managed identity' : 'the bot app'} obtained`;
}

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** The retry policy core-rest-pipeline puts in every client's pipeline (429 with Retry-After, 5xx, network errors). */
export const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/**
 * Takes botbuilder's own retries out of a ConnectorClient: the client's pipeline (core-client,
 * through botbuilder-stdlib's compat layer) retries a 429 by sleeping out Retry-After, up to three
 * times, unseen by the caller and its rate limiter. The `noRetryPolicy` option botbuilder
 * documents is not read by that layer (botbuilder 4.23), so the policy is removed by name.
 * @throws Error when the client is not built the way this expects (a botbuilder upgrade): better
 * to stop at the first send than to retry silently again.
 */
export function withoutSdkRetries<T extends ConnectorClient>(connector: T): T {
  const pipeline = (connector as unknown as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown[]; getOrderedPolicies(): { name: string }[] } } }).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder ConnectorClient has no core-client pipeline: cannot turn its retries off');
  pipeline.removePolicy({ name: SDK_RETRY_POLICY });
  if (pipeline.getOrderedPolicies().some((p) => /retry/i.test(p.name))) throw new Error('botbuilder ConnectorClient still has a retry policy');
  return connector;
}

/** Bot Framework authentication whose connector clients make each request once (see `withoutSdkRetries`). */
class SingleAttemptAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claimsIdentity: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0]): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return { create: async (serviceUrl: string, audience?: string) => withoutSdkRetries(await inner.create(serviceUrl, audience)) } as ConnectorFactory;
  }
}

export interface AdapterOptions {
  /**
   * Let botbuilder retry Bot Connector requests itself (default true, for replies within a turn).
   * The outbox's adapter turns it off: the outbox retries a throttled message itself, after
   * Retry-After, without holding up other conversations, and within its own rate limiter.
   */
  sdkRetries?: boolean;
}

/**
 * The Bot Framework adapter. On a real tenant it validates every incoming request's Bot Framework
 * token and authenticates its own calls as the single-tenant bot; in sandbox mode there is no app
 * password, so botbuilder accepts unauthenticated traffic and sends without a token — only there.
 */
export function createAdapter(identity: BotIdentity, log: Logger, options: AdapterOptions = {}): CloudAdapter {
  const Auth = (options.sdkRetries ?? true) ? ConfigurationBotFrameworkAuthentication : SingleAttemptAuthentication;
  const auth = identity.mode === 'tenant' ? new Auth(botAuthConfig(identity)) : new Auth({});
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
