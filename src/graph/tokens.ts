import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { ManagedIdentityCredential } from '@azure/identity';
import { AppError } from '../app/shared/errors.ts';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface TokenSourceOptions {
  tenantId: string;
  clientId: string;
  /** The app registration's secret; unset when the app proves itself with a managed identity instead. */
  clientSecret?: string | undefined;
  /**
   * The client id of a user-assigned managed identity that the app registration trusts through a
   * federated identity credential: the app then signs in with that identity's token as its client
   * assertion, and no secret is stored anywhere.
   */
  managedIdentityClientId?: string | undefined;
  /** https://login.microsoftonline.com, or the sandbox's https://login.sandbox.flipside.test */
  authorityHost: string;
  /**
   * How msal reaches the authority. Production passes the global fetch; the sandbox passes a fetch
   * that sends its authority host to the local identity server (msal-node accepts only https
   * authorities, so the sandbox keeps an https name and this transport is the whole seam).
   */
  fetch: FetchLike;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** msal-node's network module on fetch. */
function fetchNetworkModule(fetchImpl: FetchLike): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const response = await fetchImpl(url, { method, headers: options?.headers ?? {}, ...(method === 'POST' ? { body: options?.body ?? '' } : {}) });
    const headers: Record<string, string> = {};
    response.headers.forEach((v, k) => (headers[k] = v));
    const text = await response.text();
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: 'invalid_response', error_description: `the authority answered ${response.status} with a body that is not JSON` };
    }
    return { headers, body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

/** The audience Entra ID expects of a managed identity's token used as a federated credential. */
const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';

/**
 * The client assertion of an app registration whose federated identity credential trusts a
 * user-assigned managed identity: that identity's token for api://AzureADTokenExchange, from the
 * App Service identity endpoint (@azure/identity caches it and refreshes it before it expires).
 */
function managedIdentityAssertion(clientId: string): () => Promise<string> {
  const credential = new ManagedIdentityCredential({ clientId });
  return async () => {
    const token = await credential.getToken(TOKEN_EXCHANGE_SCOPE);
    if (!token?.token) throw new AppError('unavailable', 'The managed identity gave no token for the federated credential.');
    return token.token;
  };
}

/** Graph tokens for the app itself (client credentials) and for a user (on-behalf-of their SSO token). */
export interface GraphTokenSource {
  appToken(): Promise<string>;
  /**
   * @throws AppError `consent_required` when Entra ID needs the person's consent (or another
   * interaction) first: the tab then shows its consent prompt; `unauthenticated` when the assertion
   * itself is refused (expired, bad signature, disabled account).
   */
  onBehalfOf(userAssertion: string): Promise<string>;
}

/**
 * Whether an on-behalf-of refusal means the person must act first. Entra ID answers `invalid_grant`
 * with AADSTS65001 and the sub-error `consent_required` when nobody consented to a delegated
 * permission, and `interaction_required` when consent or another prompt (MFA, conditional access)
 * must happen in a window the person sees; msal-node passes the code and sub-error through.
 */
function needsConsent(error: unknown): boolean {
  const { errorCode, subError, errorMessage } = (error ?? {}) as { errorCode?: string; subError?: string; errorMessage?: string };
  if (errorCode === 'interaction_required' || errorCode === 'consent_required' || subError === 'consent_required') return true;
  return errorCode === 'invalid_grant' && /\bAADSTS65001\b/.test(errorMessage ?? '');
}

/** Tokens from Entra ID (or the sandbox) through @azure/msal-node, cached by msal. */
export function createGraphTokenSource(options: TokenSourceOptions): GraphTokenSource {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      ...(options.managedIdentityClientId ? { clientAssertion: managedIdentityAssertion(options.managedIdentityClientId) } : { clientSecret: options.clientSecret ?? '' }),
      authority: `${options.authorityHost}/${options.tenantId}`,
      knownAuthorities: [new URL(options.authorityHost).host],
    },
    system: { networkClient: fetchNetworkModule(options.fetch) },
  });
  const tokenOf = (result: { accessToken: string } | null, what: string): string => {
    if (!result?.accessToken) throw new AppError('unavailable', `No ${what} token came back from the authority.`);
    return result.accessToken;
  };
  return {
    async appToken() {
      try {
        return tokenOf(await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }), 'app');
      } catch (error) {
        throw new AppError('unavailable', 'Could not get a Graph token for the app from the authority.', { cause: error });
      }
    },
    async onBehalfOf(userAssertion: string) {
      try {
        return tokenOf(await app.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: [GRAPH_SCOPE] }), 'on-behalf-of');
      } catch (error) {
        if (needsConsent(error)) {
          throw new AppError('consent_required', 'Microsoft asks for your consent before Flipside can act for you: choose Continue to give it.', { cause: error });
        }
        if ((error as { errorCode?: string }).errorCode === 'invalid_grant') {
          throw new AppError('unauthenticated', 'Microsoft did not accept your sign-in for Flipside: reload the tab to sign in again.', { cause: error });
        }
        throw new AppError('unavailable', 'Could not get a Graph token on your behalf.', { cause: error });
      }
    },
  };
}
