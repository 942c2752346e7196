import {
  FluentProvider,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ApiRequestError, createApiClient, type ApiClient } from './api.ts';
import { detectHost, sandboxSession, type Host, type TeamsTheme } from './auth.ts';
import { Announcer } from './components/Announcer/Announcer.tsx';
import { AppHeader } from './components/AppHeader/AppHeader.tsx';
import { PersonPicker } from './components/PersonPicker/PersonPicker.tsx';
import { Loading } from './components/Status/Status.tsx';
import { MePage } from './pages/MePage.tsx';
import { PersonPage } from './pages/PersonPage.tsx';
import { useAppStyles } from './App.styles.ts';
import { hrefFor, navigate, usePath, useRoute } from './router.ts';
import { useLoad } from './useLoad.ts';

const TEAMS_THEMES: Record<TeamsTheme, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

function useMediaQuery(query: string): boolean {
  const subscribe = useCallback((onChange: () => void) => {
    const list = window.matchMedia(query);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** Inside Teams, the Teams theme, followed live; in a browser, the system's colour scheme. */
function useHostTheme(host: Host | null): Theme {
  const [teamsTheme, setTeamsTheme] = useState<TeamsTheme | null>(null);
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const forcedColors = useMediaQuery('(forced-colors: active)');
  useEffect(() => {
    if (host?.kind !== 'teams') return;
    setTeamsTheme(host.theme);
    host.onThemeChange(setTeamsTheme);
  }, [host]);
  if (host?.kind === 'teams' && teamsTheme) return TEAMS_THEMES[teamsTheme];
  if (forcedColors) return teamsHighContrastTheme;
  return prefersDark ? teamsDarkTheme : teamsLightTheme;
}

export function App() {
  const styles = useAppStyles();
  const [host, setHost] = useState<Host | null>(null);
  useEffect(() => {
    detectHost().then(setHost, (error: unknown) => {
      console.error('Flipside: could not talk to Teams; using browser mode.', error);
      setHost({ kind: 'browser' });
    });
  }, []);
  const theme = useHostTheme(host);
  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <Announcer>{host ? <Shell host={host} /> : <Starting />}</Announcer>
    </FluentProvider>
  );
}

function Starting() {
  const styles = useAppStyles();
  return (
    <main className={styles.main}>
      <Loading label="Starting Flipside…" />
    </main>
  );
}

const SESSION_ENDED = 'Your sandbox session has ended. Pick who you are again.';

/** Signed in (Teams SSO or the sandbox picker) → header and pages; otherwise the picker. */
function Shell({ host }: { host: Host }) {
  const [sandboxToken, setSandboxToken] = useState<string | null>(() => (host.kind === 'browser' ? sandboxSession.token() : null));
  const [signedOutReason, setSignedOutReason] = useState<string | undefined>();

  const signOut = useCallback((reason?: string) => {
    sandboxSession.clear();
    setSandboxToken(null);
    setSignedOutReason(reason);
  }, []);

  const api = useMemo<ApiClient | null>(() => {
    if (host.kind === 'teams') return createApiClient(() => host.getToken());
    if (!sandboxToken) return null;
    const client = createApiClient(async () => sandboxToken);
    // An expired or rejected sandbox token: back to the picker rather than an error page.
    const guard = <T,>(answer: Promise<T>) =>
      answer.catch((error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 401) signOut(SESSION_ENDED);
        throw error;
      });
    return { me: () => guard(client.me()), person: (id) => guard(client.person(id)) };
  }, [host, sandboxToken, signOut]);

  const styles = useAppStyles();
  if (!api) {
    return (
      <>
        <AppHeader />
        <main className={styles.main}>
          <PersonPicker
            reason={signedOutReason}
            onSignedIn={(token) => {
              sandboxSession.save(token.accessToken, token.expiresIn);
              setSignedOutReason(undefined);
              setSandboxToken(token.accessToken);
              navigate(hrefFor.me());
            }}
          />
        </main>
      </>
    );
  }
  return <SignedIn api={api} sandboxToken={sandboxToken} onSwitchPerson={host.kind === 'browser' ? () => signOut() : undefined} />;
}

function SignedIn({ api, sandboxToken, onSwitchPerson }: { api: ApiClient; sandboxToken: string | null; onSwitchPerson: (() => void) | undefined }) {
  const styles = useAppStyles();
  const route = useRoute();
  const path = usePath();
  const me = useLoad(() => api.me(), sandboxToken ?? 'teams');
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);

  // After an in-app navigation, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (path !== firstPath.current) main.current?.focus();
    firstPath.current = '';
  }, [path]);

  useEffect(() => {
    document.title = 'Flipside';
  }, []);

  return (
    <>
      <AppHeader person={me.status === 'done' ? me.data.person : undefined} onSwitchPerson={onSwitchPerson} />
      <main className={styles.main} ref={main} tabIndex={-1}>
        {route.page === 'me' ? (
          <MePage me={me} retry={me.retry} />
        ) : (
          <PersonPage key={route.id} api={api} id={route.id} myId={me.status === 'done' ? me.data.person.id : undefined} />
        )}
      </main>
    </>
  );
}
