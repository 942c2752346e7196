import { FluentProvider, Tab, TabList, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Me } from '../contracts/api.ts';
import type { MyMentoring } from '../contracts/sessions.ts';
import { createApiClient, type ApiClient } from './api.ts';
import { detectHost, sandboxSession, type Host, type TeamsTheme } from './auth.ts';
import { Announcer } from './components/Announcer/Announcer.tsx';
import { AppHeader } from './components/AppHeader/AppHeader.tsx';
import { MentoringLink } from './components/MentoringLink/MentoringLink.tsx';
import { MyEnrollments } from './components/MyEnrollments/MyEnrollments.tsx';
import { MyMatches } from './components/MyMatches/MyMatches.tsx';
import { Loading } from './components/Status/Status.tsx';
import { MePage } from './pages/MePage.tsx';
import {
  AdminPage,
  AuditLogPage,
  ConsentPrompt,
  DashboardPage,
  EnrollmentPage,
  EnrollPage,
  MatchingPage,
  MentoringPage,
  MyDataPage,
  NotAdmin,
  PersonPage,
  PersonPicker,
  ProgramEditPage,
  ProgramsPage,
  SandboxClock,
} from './pages/lazy.ts';
import { useAppStyles } from './App.styles.ts';
import { RefreshContext } from './refresh.ts';
import { hrefFor, navigate, openSubPage, sectionOf, usePath, useRoute, type Route, type Section } from './router.ts';
import { useLoad, type Load } from './useLoad.ts';
import { usePrograms, type ProgramsState } from './usePrograms.ts';

const PROGRAM_ADMIN = 'Program.Admin';

// The dashboard's charts are a large library: loaded only when someone opens a dashboard.

const TEAMS_THEMES: Record<TeamsTheme, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
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
    detectHost().then(
      (detected) => {
        // A Teams deep link (a card's "Open Flipside") names the page as the context's subPageId.
        if (detected.kind === 'teams') openSubPage(detected.subPageId);
        setHost(detected);
      },
      (error: unknown) => {
        console.error('Flipside: could not talk to Teams; using browser mode.', error);
        setHost({ kind: 'browser' });
      },
    );
  }, []);
  const theme = useHostTheme(host);
  return (
    // The provider's own class is the page's background and full height: applied to portals too
    // (Fluent's default), every popup's mount node would cover the page, Dialogs included.
    <FluentProvider theme={theme} className={styles.provider} applyStylesToPortals={false}>
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
  // Teams SSO or the server said consent is needed: the consent prompt, then the pages anew.
  const [needsConsent, setNeedsConsent] = useState(false);
  const [signIns, setSignIns] = useState(0);

  const signOut = useCallback((reason?: string) => {
    sandboxSession.clear();
    setSandboxToken(null);
    setSignedOutReason(reason);
  }, []);

  const api = useMemo<ApiClient | null>(() => {
    if (host.kind === 'teams') return createApiClient(() => host.getToken(), { onConsentRequired: () => setNeedsConsent(true) });
    if (!sandboxToken) return null;
    // An expired or rejected sandbox token: back to the picker rather than an error page.
    return createApiClient(async () => sandboxToken, { onUnauthorized: () => signOut(SESSION_ENDED) });
  }, [host, sandboxToken, signOut]);

  const styles = useAppStyles();
  if (!api) {
    return (
      <>
        <AppHeader />
        <main className={styles.main}>
          <Suspense fallback={<Loading label="Loading…" />}>
            <PersonPicker
              reason={signedOutReason}
              onSignedIn={(token) => {
                sandboxSession.save(token.accessToken, token.expiresIn);
                setSignedOutReason(undefined);
                setSandboxToken(token.accessToken);
                navigate(hrefFor.me());
              }}
            />
          </Suspense>
        </main>
      </>
    );
  }
  if (host.kind === 'teams' && needsConsent) {
    return (
      <>
        <AppHeader />
        <main className={styles.main}>
          <Suspense fallback={<Loading label="Loading…" />}>
            <ConsentPrompt
              consent={() => host.consent()}
              onConsented={() => {
                setNeedsConsent(false);
                setSignIns((n) => n + 1);
              }}
            />
          </Suspense>
        </main>
      </>
    );
  }
  return <Refreshable key={signIns} api={api} sandboxToken={sandboxToken} onSwitchPerson={host.kind === 'browser' ? () => signOut() : undefined} />;
}

/**
 * The sandbox's clock on top (browser mode is the sandbox's sign-in; the clock shows only where the
 * server answers for it), and a refresh epoch that makes every page load again once it has moved.
 */
function Refreshable(props: SignedInProps) {
  const [epoch, setEpoch] = useState(0);
  const moved = useCallback(() => setEpoch((n) => n + 1), []);
  return (
    <RefreshContext.Provider value={epoch}>
      {props.onSwitchPerson ? (
        <Suspense fallback={null}>
          <SandboxClock onMoved={moved} />
        </Suspense>
      ) : null}
      <SignedIn {...props} />
    </RefreshContext.Provider>
  );
}

interface SignedInProps {
  api: ApiClient;
  sandboxToken: string | null;
  onSwitchPerson: (() => void) | undefined;
}

function SignedIn({ api, sandboxToken, onSwitchPerson }: SignedInProps) {
  const styles = useAppStyles();
  const route = useRoute();
  const path = usePath();
  const me = useLoad(() => api.me(), sandboxToken ?? 'teams');
  const mentoring = useLoad(() => api.myMentoring(), sandboxToken ?? 'teams');
  const programs = usePrograms(api);
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  const section = sectionOf(route);
  const isAdmin = me.status === 'done' && me.data.roles.includes(PROGRAM_ADMIN);

  // After an in-app navigation, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (path !== firstPath.current) main.current?.focus();
    firstPath.current = '';
  }, [path]);

  // Programs and enrollments change elsewhere (an admin's new program, a manager's decision): refresh on arrival.
  const { retry: refreshPrograms } = programs;
  useEffect(() => {
    if (route.page === 'programs' || route.page === 'me' || route.page === 'enrollment') refreshPrograms();
  }, [route.page, refreshPrograms]);

  // Sessions are held, rated and moved elsewhere (cards in chat): My mentoring and Me refresh on arrival too.
  const { refresh: refreshMentoring } = mentoring;
  useEffect(() => {
    if (route.page === 'mentoring' || route.page === 'me') refreshMentoring();
  }, [route.page, refreshMentoring]);
  // The tab appears once the person is in a pair (and always on its own address).
  const inPair = mentoring.status === 'done' && mentoring.data.pairs.length > 0;

  useEffect(() => {
    document.title = 'Flipside';
  }, []);

  const sections: Array<{ value: Section; label: string; href: string }> = [
    { value: 'me', label: 'Me', href: hrefFor.me() },
    ...(inPair || section === 'mentoring' ? [{ value: 'mentoring' as const, label: 'My mentoring', href: hrefFor.mentoring() }] : []),
    { value: 'programs', label: 'Programs', href: hrefFor.programs() },
    { value: 'myData', label: 'My data', href: hrefFor.myData() },
    ...(isAdmin ? [{ value: 'admin' as const, label: 'Admin', href: hrefFor.admin() }] : []),
  ];
  const nav = (
    <nav aria-label="Flipside">
      <TabList selectedValue={section} onTabSelect={(_event, data) => navigate(sections.find((s) => s.value === data.value)?.href ?? hrefFor.me())}>
        {sections.map((s) => (
          <Tab key={s.value} value={s.value}>
            {s.label}
          </Tab>
        ))}
      </TabList>
    </nav>
  );

  return (
    <>
      <AppHeader
        person={me.status === 'done' ? me.data.person : undefined}
        onSwitchPerson={onSwitchPerson}
        chatHref={onSwitchPerson && me.status === 'done' ? hrefFor.sandboxChat(me.data.person.id) : undefined}
        nav={nav}
      />
      <main className={styles.main} ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading label="Loading…" />}>
          <Page route={route} api={api} me={me} mentoring={mentoring} programs={programs} isAdmin={isAdmin} />
        </Suspense>
      </main>
    </>
  );
}

interface PageProps {
  route: Route;
  api: ApiClient;
  me: Load<Me> & { retry: () => void };
  mentoring: Load<MyMentoring> & { retry: () => void };
  programs: ProgramsState;
  isAdmin: boolean;
}

function Page({ route, api, me, mentoring, programs, isAdmin }: PageProps) {
  switch (route.page) {
    case 'me':
      return (
        <MePage me={me} retry={me.retry}>
          {mentoring.status === 'done' ? <MentoringLink mentoring={mentoring.data} /> : null}
          <MyEnrollments api={api} programs={programs} />
          <MyMatches api={api} />
        </MePage>
      );
    case 'mentoring':
      return <MentoringPage mentoring={mentoring} api={api} />;
    case 'person':
      return <PersonPage key={route.id} api={api} id={route.id} myId={me.status === 'done' ? me.data.person.id : undefined} />;
    case 'programs':
      return <ProgramsPage api={api} programs={programs} />;
    case 'enroll':
      return <EnrollPage key={route.programId} api={api} programs={programs} target={{ kind: 'new', programId: route.programId }} />;
    case 'editEnrollment':
      return <EnrollPage key={route.id} api={api} programs={programs} target={{ kind: 'edit', enrollmentId: route.id }} />;
    case 'enrollment':
      return <EnrollmentPage api={api} programs={programs} id={route.id} />;
    case 'myData':
      return <MyDataPage api={api} />;
    case 'admin':
    case 'newProgram':
    case 'editProgram':
    case 'matching':
    case 'audit':
    case 'dashboard':
      if (me.status === 'loading') return <Loading label="Loading…" />;
      if (!isAdmin) return <NotAdmin />;
      if (route.page === 'admin') return <AdminPage api={api} />;
      if (route.page === 'dashboard')
        return (
          <Suspense fallback={<Loading label="Loading the dashboard…" />}>
            <DashboardPage key={route.id} api={api} programId={route.id} />
          </Suspense>
        );
      if (route.page === 'matching') return <MatchingPage key={route.id} api={api} programId={route.id} />;
      if (route.page === 'audit') return <AuditLogPage key={route.id} api={api} programId={route.id} />;
      return <ProgramEditPage key={route.page === 'editProgram' ? route.id : 'new'} api={api} id={route.page === 'editProgram' ? route.id : undefined} />;
  }
}
