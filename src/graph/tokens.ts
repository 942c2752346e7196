import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { AppError } from '../app/shared/errors.ts';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface TokenSourceOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
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

/** Graph tokens for the app itself (client credentials) and for a user (on-behalf-of their SSO token). */
export interface GraphTokenSource {
  appToken(): Promise<string>;
  /** @throws AppError `forbidden` when the user must consent first (the tab should prompt). */
  onBehalfOf(userAssertion: string): Promise<string>;
}

/** Tokens from Entra ID (or the sandbox) through @azure/msal-node, cached by msal. */
export function createGraphTokenSource(options: TokenSourceOptions): GraphTokenSource {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
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
        const code = (error as { errorCode?: string }).errorCode ?? '';
        if (code === 'invalid_grant' || code === 'interaction_required' || code === 'consent_required') {
          throw new AppError('forbidden', 'Flipside needs your consent to read your calendar: sign in again to grant it.', { cause: error });
        }
        throw new AppError('unavailable', 'Could not get a Graph token on your behalf.', { cause: error });
      }
    },
  };
}
