/** Where the tab runs, and how it gets the caller's token there. */
export type Host =
  | {
      kind: 'teams';
      /** Teams SSO: an Entra ID access token for Flipside's API (Teams caches and renews it). */
      getToken(): Promise<string>;
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
    getToken: () => authentication.getAuthToken(),
    theme: toTeamsTheme(context.app.theme),
    ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((theme) => handler(toTeamsTheme(theme)));
    },
  };
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
