/**
 * Every link into the tab is built here from a page path (`/mentoring`, `/enrollments/42`).
 *
 * On a real tenant the tab only works inside Teams (a browser shows "Open Flipside in Microsoft
 * Teams"), so links are Teams entity deep links to the personal tab, carrying the page as the
 * sub-entity id: `https://teams.microsoft.com/l/entity/<appId>/<entityId>?context={"subEntityId":"/mentoring"}`
 * (the context JSON URL-encoded). Teams hands it to the tab as `page.subPageId`, which the tab's
 * router opens. In the sandbox the base is the sandbox's own address and the link is that page.
 */

/** The entity id of the personal tab in appPackage/manifest.json (`staticTabs[0].entityId`). */
export const PERSONAL_TAB_ENTITY_ID = 'home';

const TEAMS_ENTITY = /^https:\/\/teams\.microsoft\.com\/l\/entity\//;

/** The base for tab links on a real tenant: the personal tab of the app with this manifest id. */
export function teamsTabBase(appId: string, entityId = PERSONAL_TAB_ENTITY_ID): string {
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${encodeURIComponent(entityId)}`;
}

/** A link to the tab's page at `path` (starting with `/`), from the base in the app's settings. */
export function tabLink(base: string, path = '/'): string {
  const page = path.startsWith('/') ? path : `/${path}`;
  if (TEAMS_ENTITY.test(base)) return `${base}?context=${encodeURIComponent(JSON.stringify({ subEntityId: page }))}`;
  return `${base.replace(/\/$/, '')}${page}`;
}

/** The page path a deep link carries (its sub-entity id), or null when it is not a tab link. */
export function pageOfDeepLink(link: string): string | null {
  if (!TEAMS_ENTITY.test(link)) return null;
  const context = new URL(link).searchParams.get('context');
  if (!context) return '/';
  const parsed = JSON.parse(context) as { subEntityId?: unknown };
  return typeof parsed.subEntityId === 'string' ? parsed.subEntityId : '/';
}
