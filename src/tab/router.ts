import { useSyncExternalStore, type MouseEvent } from 'react';

/** The tab's pages, one per address. Anything unknown is "me". */
export type Route =
  | { page: 'me' }
  | { page: 'mentoring' }
  | { page: 'person'; id: string }
  | { page: 'programs' }
  | { page: 'enroll'; programId: string }
  | { page: 'enrollment'; id: string }
  | { page: 'editEnrollment'; id: string }
  | { page: 'admin' }
  | { page: 'newProgram' }
  | { page: 'editProgram'; id: string }
  | { page: 'matching'; id: string }
  | { page: 'myData' }
  | { page: 'audit'; id: string }
  | { page: 'dashboard'; id: string };

/** Which navigation tab a page belongs to. */
export type Section = 'me' | 'mentoring' | 'programs' | 'myData' | 'admin';

const NAVIGATE = 'flipside:navigate';

const ROUTES: Array<[RegExp, (id: string) => Route]> = [
  [/^\/mentoring\/?$/, () => ({ page: 'mentoring' })],
  [/^\/people\/([^/]+)\/?$/, (id) => ({ page: 'person', id })],
  [/^\/programs\/?$/, () => ({ page: 'programs' })],
  [/^\/programs\/([^/]+)\/enroll\/?$/, (programId) => ({ page: 'enroll', programId })],
  [/^\/enrollments\/([^/]+)\/?$/, (id) => ({ page: 'enrollment', id })],
  [/^\/enrollments\/([^/]+)\/edit\/?$/, (id) => ({ page: 'editEnrollment', id })],
  [/^\/admin\/?$/, () => ({ page: 'admin' })],
  [/^\/admin\/programs\/new\/?$/, () => ({ page: 'newProgram' })],
  [/^\/admin\/programs\/([^/]+)\/edit\/?$/, (id) => ({ page: 'editProgram', id })],
  [/^\/admin\/programs\/([^/]+)\/matching\/?$/, (id) => ({ page: 'matching', id })],
  [/^\/my-data\/?$/, () => ({ page: 'myData' })],
  [/^\/admin\/programs\/([^/]+)\/audit\/?$/, (id) => ({ page: 'audit', id })],
  [/^\/admin\/programs\/([^/]+)\/dashboard\/?$/, (id) => ({ page: 'dashboard', id })],
];

/** The route of a path, with its query: `?enrollment=<id>` (links in older cards) opens that enrollment. */
export function parse(pathname: string, search = ''): Route {
  const enrollment = new URLSearchParams(search).get('enrollment');
  if (enrollment && (pathname === '/' || pathname === '')) return { page: 'enrollment', id: enrollment };
  for (const [pattern, route] of ROUTES) {
    const match = pattern.exec(pathname);
    if (match) return route(decodeURIComponent(match[1] ?? ''));
  }
  return { page: 'me' };
}

export function sectionOf(route: Route): Section {
  switch (route.page) {
    case 'mentoring':
      return 'mentoring';
    case 'programs':
    case 'enroll':
    case 'enrollment':
    case 'editEnrollment':
      return 'programs';
    case 'admin':
    case 'newProgram':
    case 'editProgram':
    case 'matching':
    case 'audit':
    case 'dashboard':
      return 'admin';
    case 'myData':
      return 'myData';
    default:
      return 'me';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

/** The current path; re-renders on navigation and on the browser's back and forward. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function useRoute(): Route {
  const path = usePath();
  return parse(
    path,
    useSyncExternalStore(subscribe, () => window.location.search),
  );
}

/**
 * The page a Teams deep link asked for: its sub-entity id (`page.subPageId` in the Teams context)
 * is a tab path such as `/mentoring` (src/cards/tab-link.ts builds them). Anything else is ignored.
 */
export function pathOfSubPageId(subPageId: string | undefined): string | null {
  if (!subPageId || !subPageId.startsWith('/') || subPageId.startsWith('//')) return null;
  return subPageId;
}

/** Opens the page a Teams deep link asked for, in place of the page the tab started on. */
export function openSubPage(subPageId: string | undefined): void {
  const target = pathOfSubPageId(subPageId);
  if (!target) return;
  const url = new URL(target, window.location.origin);
  const query = new URLSearchParams(window.location.search);
  url.searchParams.forEach((value, key) => query.set(key, value));
  const search = query.toString();
  window.history.replaceState({ flipside: true }, '', url.pathname + (search ? `?${search}` : ''));
  window.dispatchEvent(new Event(NAVIGATE));
}

export const hrefFor = {
  me: () => '/',
  mentoring: () => '/mentoring',
  person: (id: string) => `/people/${encodeURIComponent(id)}`,
  programs: () => '/programs',
  enroll: (programId: string) => `/programs/${encodeURIComponent(programId)}/enroll`,
  enrollment: (id: string) => `/enrollments/${encodeURIComponent(id)}`,
  editEnrollment: (id: string) => `/enrollments/${encodeURIComponent(id)}/edit`,
  admin: () => '/admin',
  newProgram: () => '/admin/programs/new',
  editProgram: (id: string) => `/admin/programs/${encodeURIComponent(id)}/edit`,
  matching: (id: string) => `/admin/programs/${encodeURIComponent(id)}/matching`,
  myData: () => '/my-data',
  audit: (id: string) => `/admin/programs/${encodeURIComponent(id)}/audit`,
  dashboard: (id: string) => `/admin/programs/${encodeURIComponent(id)}/dashboard`,
  /** The sandbox's stand-in for Teams chat, as this person. */
  sandboxChat: (personId: string) => `/sandbox/chat/?as=${encodeURIComponent(personId)}`,
};

/** Pushes a history entry, keeping the query (Teams' ?inTeams=1) so a reload still finds its host. */
export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState({ flipside: true }, '', path + window.location.search);
  window.dispatchEvent(new Event(NAVIGATE));
  window.scrollTo(0, 0);
}

/** For links: a plain click navigates in place; modified clicks keep the browser's own behaviour. */
export function onLinkClick(path: string) {
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(path);
  };
}

/** Back to the previous page when it was ours, otherwise to "me". */
export function goBack(): void {
  if ((window.history.state as { flipside?: boolean } | null)?.flipside) window.history.back();
  else navigate(hrefFor.me());
}
