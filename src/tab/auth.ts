import { CONSENT_REQUIRED } from '../contracts/api.ts';
import { ApiRequestError } from './api.ts';

/** Where the tab runs, and how it gets the caller's token there. */
export type Host =
  | {
      kind: 'teams';
      /**
       * Teams SSO: an Entra ID access token for Flipside's API (Teams caches and renews it).
       * @throws ApiRequestError with code `consent_required` when the host says consent is needed.
       */
      getToken(): Promise<string>;
      /**
       * Entra ID's consent page in a popup the host opens (teams-js `authentication.authenticate`:
       * consent cannot be shown in the tab's iframe). Resolves once the person has consented.
       * @throws Error with the host's or Entra ID's reason (`CancelledByUser`, `access_denied`…).
       */
      consent(): Promise<void>;
      theme: TeamsTheme;
      /** The page a deep link asked for (the Teams context's `page.subPageId`), if any. */
      subPageId?: string;
      /** Calls back whenever the person changes their Teams theme. */
      onThemeChange(handler: (theme: TeamsTheme) => void): void;
    }
  | { kind: 'browser' };

export type TeamsTheme = 'default' | 'dark' | 'contrast';

const INIT_TIMEOUT_MS = 3_000;
// With the manifest's ?inTeams=1 we know Teams is the host: give a slow client more time.
const INIT_TIMEOUT_IN_TEAMS_MS = 10_000;

/**
 * Detects Teams. Outside Teams, teams-js `app.initialize()` rejects ("No Parent window found") or
 * never settles, so it is raced against a timeout; a top-level page that is not a Teams webview
 * and was not opened from the manifest is a plain browser straight away.
 */
export async function detectHost(): Promise<Host> {
  const inTeamsHint = new URLSearchParams(window.location.search).get('inTeams') === '1';
  const framed = window.parent !== window || 'nativeInterface' in window;
  if (!inTeamsHint && !framed) return { kind: 'browser' };

  const { app, authentication } = await import('@microsoft/teams-js');
  const timeout = inTeamsHint ? INIT_TIMEOUT_IN_TEAMS_MS : INIT_TIMEOUT_MS;
  const initialized = await Promise.race([
    app.initialize().then(
      () => true,
      (error: unknown) => {
        console.info('Flipside: not running inside Teams, using browser mode.', error);
        return false;
      },
    ),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), timeout)),
  ]);
  if (!initialized) return { kind: 'browser' };

  const context = await app.getContext();
  return {
    kind: 'teams',
    getToken: () =>
      authentication.getAuthToken().catch((error: unknown) => {
        if (!CONSENT_ANSWER.test(error instanceof Error ? error.message : String(error))) throw error;
        throw new ApiRequestError(403, { code: CONSENT_REQUIRED, message: 'Microsoft asks for your consent before Flipside can sign you in.' });
      }),
    async consent() {
      const state = randomState();
      const url = new URL('/auth/consent', window.location.origin);
      url.searchParams.set('state', state);
      if (context.user?.loginHint) url.searchParams.set('loginHint', context.user.loginHint);
      const answer = await authentication.authenticate({ url: url.href, width: 600, height: 535 });
      // Only the popup this call opened knows the state: anything else is not this consent.
      if (answer !== state) throw new Error('The consent window answered for another request.');
    },
    theme: toTeamsTheme(context.app.theme),
    ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((theme) => handler(toTeamsTheme(theme)));
    },
  };
}

/**
 * How a host says Teams SSO needs the person's consent first: teams-js rejects getAuthToken with
 * `resourceRequiresConsent`; some clients pass Entra ID's own answer through.
 */
const CONSENT_ANSWER = /resourceRequiresConsent|consent_required|interaction_required|AADSTS65001/i;

/** 128 random bits, base64url: the consent popup's state. */
function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function toTeamsTheme(theme: string | undefined): TeamsTheme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

const TOKEN_KEY = 'flipside.sandbox.token';

/** The sandbox sign-in, kept for this browser tab only (sessionStorage). */
export const sandboxSession = {
  token(): string | null {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    if (!raw) return null;
    try {
      const { accessToken, expiresAt } = JSON.parse(raw) as { accessToken?: unknown; expiresAt?: unknown };
      if (typeof accessToken === 'string' && typeof expiresAt === 'number' && expiresAt > Date.now()) return accessToken;
    } catch (error) {
      console.warn('Flipside: ignoring an unreadable sandbox session.', error);
    }
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  },
  save(accessToken: string, expiresInSeconds: number): void {
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 }));
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};
