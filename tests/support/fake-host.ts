import type { BrowserContext } from 'playwright-core';

/**
 * A fake Microsoft 365 host for the personal tab: a page at the host's real origin (Playwright
 * answers for it) that frames the tab and speaks the part of teams-js v2's postMessage protocol the
 * tab uses. teams-js sends `{ id, uuid, func, args }` to its parent (the popup: to its opener) and
 * takes `{ id, uuid, args }` back; it accepts answers only from the origins it knows (Teams, Outlook,
 * Microsoft 365), which is why the host must sit at one of them. Calls handled:
 *
 * - `initialize`: frame context (`content` for the tab, `authentication` for the popup), client
 *   type, runtime; `getContext`: the host, the signed-in person and the page (subPageId)
 * - `authentication.getAuthToken`: the person's token, or `resourceRequiresConsent` until they
 *   consented (what Teams answers when Entra ID needs consent)
 * - `authentication.authenticate`: opens the URL in a popup, as Teams does, and answers with what
 *   the popup's `authentication.authenticate.success` / `.failure` says (`CancelledByUser` when
 *   the person closes it)
 */
export interface FakeHost {
  /** e.g. https://teams.microsoft.com */
  origin: string;
  /** teams-js HostName: Teams, Outlook, Office */
  hostName: 'Teams' | 'Outlook' | 'Office';
}

export const FAKE_HOSTS: Record<string, FakeHost> = {
  Teams: { origin: 'https://teams.microsoft.com', hostName: 'Teams' },
  Outlook: { origin: 'https://outlook.office.com', hostName: 'Outlook' },
  'the Microsoft 365 app': { origin: 'https://m365.cloud.microsoft', hostName: 'Office' },
};

export interface FakeHostSession {
  /** The tab's address inside the host (its manifest contentUrl). */
  tabUrl: string;
  /** The token getAuthToken gives once consent is not (or no longer) needed. */
  token: string;
  /** Whether getAuthToken first answers that consent is needed. */
  consentRequired: boolean;
  user: { id: string; tenantId: string; loginHint: string; displayName: string };
  subPageId?: string;
}

/** Serves the host page at `${host.origin}/fake-host` in this browser context; returns its address. */
export async function serveFakeHost(context: BrowserContext, host: FakeHost, session: FakeHostSession): Promise<string> {
  const config = JSON.stringify({ ...session, hostName: host.hostName, tabOrigin: new URL(session.tabUrl).origin }).replace(/</g, '\\u003c');
  await context.route(`${host.origin}/**`, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(config) }));
  return `${host.origin}/fake-host`;
}

function hostPage(config: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fake host</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%}</style></head>
<body>
<script>
const cfg = ${config};
const frame = document.createElement('iframe');
frame.title = 'Flipside';
frame.src = cfg.tabUrl;
document.body.append(frame);
let consented = !cfg.consentRequired;
let popup = null;
let answerAuthenticate = null;
window.hostCalls = [];
const runtime = { apiVersion: 4, supports: { app: {}, appEntity: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {} } };
const context = {
  locale: 'en-gb', theme: 'default', entityId: 'home', subEntityId: cfg.subPageId, frameContext: 'content',
  hostClientType: 'web', hostName: cfg.hostName, appSessionId: 'session-1', tid: cfg.user.tenantId,
  userObjectId: cfg.user.id, loginHint: cfg.user.loginHint, userPrincipalName: cfg.user.loginHint, userDisplayName: cfg.user.displayName,
};
function finishAuthenticate(ok, result) {
  if (!answerAuthenticate) return;
  const answer = answerAuthenticate;
  answerAuthenticate = null;
  answer(ok, result);
}
window.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || typeof m !== 'object' || typeof m.func !== 'string' || event.origin !== cfg.tabOrigin) return;
  const fromTab = event.source === frame.contentWindow;
  if (!fromTab && event.source !== popup) return;
  window.hostCalls.push(m.func);
  const reply = (...args) => event.source.postMessage({ id: m.id, uuid: m.uuid, args }, event.origin);
  switch (m.func) {
    case 'initialize':
      return reply(fromTab ? 'content' : 'authentication', 'web', JSON.stringify(runtime), '2.58.0');
    case 'getContext':
      return reply(context);
    case 'authentication.getAuthToken':
      return consented ? reply(true, cfg.token) : reply(false, 'resourceRequiresConsent');
    case 'authentication.authenticate': {
      const [url, width, height] = m.args;
      answerAuthenticate = reply;
      popup = window.open(url, 'flipside-authenticate', 'width=' + width + ',height=' + height);
      const watch = setInterval(() => {
        if (!popup || !popup.closed) return;
        clearInterval(watch);
        finishAuthenticate(false, 'CancelledByUser');
      }, 250);
      return;
    }
    case 'authentication.authenticate.success':
      consented = true;
      return finishAuthenticate(true, m.args[0]);
    case 'authentication.authenticate.failure':
      return finishAuthenticate(false, m.args[0]);
  }
});
</script>
</body></html>`;
}

/** What the fake Entra ID consent page was asked, and the person's answer to it. */
export interface FakeConsentPage {
  /** Every authorize request that reached it. */
  requests: URL[];
}

/**
 * Entra ID's consent page, at the authority Flipside redirects the popup to: lists the scopes asked
 * for, and Accept / Cancel send the popup back to `redirect_uri` with a code or `access_denied`,
 * each carrying the state, as Entra ID does.
 */
export async function serveFakeConsent(context: BrowserContext, authorityHost: string): Promise<FakeConsentPage> {
  const page: FakeConsentPage = { requests: [] };
  await context.route(`${authorityHost}/**`, (route) => {
    const url = new URL(route.request().url());
    page.requests.push(url);
    const back = JSON.stringify({ redirect: url.searchParams.get('redirect_uri'), state: url.searchParams.get('state') });
    const scopes = (url.searchParams.get('scope') ?? '').split(' ').map((s) => `<li>${s.replace(/[<&]/g, '')}</li>`);
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title></head><body>
<h1>Permissions requested</h1><ul>${scopes.join('')}</ul>
<button id="accept">Accept</button> <button id="cancel">Cancel</button>
<script>
const back = ${back.replace(/</g, '\\u003c')};
const go = (params) => { location.href = back.redirect + '?' + new URLSearchParams({ ...params, state: back.state }); };
document.getElementById('accept').onclick = () => go({ code: 'fake-authorization-code' });
document.getElementById('cancel').onclick = () => go({ error: 'access_denied', error_description: 'AADSTS65004: User declined to consent to access the app.' });
</script></body></html>`,
    });
  });
  return page;
}

/**
 * Serves Flipside at an https address (teams-js opens only https popups) by passing the browser's
 * requests on to the local server; redirects go back to the browser, which follows them itself.
 */
export async function serveOverHttps(context: BrowserContext, httpsOrigin: string, localUrl: string): Promise<void> {
  await context.route(`${httpsOrigin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({
      url: `${localUrl}${url.pathname}${url.search}`,
      headers: { ...route.request().headers(), 'accept-encoding': 'identity' },
      maxRedirects: 0,
    });
    await route.fulfill({ response });
  });
}
