import { useSyncExternalStore, type MouseEvent } from 'react';

/** The tab's pages: "me" at `/`, anyone else at `/people/:id`. */
export type Route = { page: 'me' } | { page: 'person'; id: string };

const NAVIGATE = 'flipside:navigate';

function parse(pathname: string): Route {
  const match = /^\/people\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? { page: 'person', id: decodeURIComponent(match[1]) } : { page: 'me' };
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
  return parse(usePath());
}

export const hrefFor = {
  me: () => '/',
  person: (id: string) => `/people/${encodeURIComponent(id)}`,
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
