import express from 'express';
import { AppError } from '../app/shared/errors.ts';

export interface ConsentOptions {
  /** Where the person's browser reaches Entra ID, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  tenantId: string;
  /** The app registration's client id. */
  clientId: string;
  /** Flipside's API (the app registration's application ID URI), whose access_as_user the tab's SSO token carries. */
  apiUri: string;
  /** Flipside's public address: Entra ID sends the popup back to `${publicUrl}/auth/consent/end`, a reply URL of the app registration. */
  publicUrl: string;
  /** The built tab, which holds the popup's last page (consent-end.html). */
  tabDir: string;
}

/**
 * The delegated permissions a person consents to, and nothing more: signing in (OpenID Connect),
 * Microsoft Graph User.Read (the registration's one delegated Graph permission, aad.manifest.json)
 * and Flipside's own access_as_user, which Teams, Outlook and Microsoft 365 ask for. The tab's
 * consent prompt (components/ConsentPrompt) names the same permissions.
 */
export function consentScopes(apiUri: string): string[] {
  return ['openid', 'profile', 'https://graph.microsoft.com/User.Read', `${apiUri}/access_as_user`];
}

const STATE = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * The consent popup the tab opens with teams-js `authentication.authenticate` when Teams SSO (or the
 * on-behalf-of exchange) says consent is needed: Entra ID's consent page cannot be shown inside the
 * host's iframe. `/auth/consent` sends the popup to the authorize endpoint with `prompt=consent`;
 * Entra ID returns it to `/auth/consent/end`, whose script reports the answer to the tab through
 * the host (`notifySuccess` with the tab's state, or `notifyFailure` with Entra ID's error code).
 * The authorization code that comes back is never redeemed: the consent is the whole point.
 * The sandbox has no consent page of its own (its tab signs in through the person picker).
 */
export function consentRouter(options: ConsentOptions): express.Router {
  const router = express.Router();
  router.get('/consent', (req, res) => {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    if (!STATE.test(state)) throw new AppError('bad_request', 'Open this page from the Flipside tab: it needs the state the tab made.', { field: 'state' });
    const hint = typeof req.query.loginHint === 'string' && req.query.loginHint.length <= 256 ? req.query.loginHint : '';
    const authorize = new URL(`${options.authorityHost}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/authorize`);
    authorize.search = new URLSearchParams({
      client_id: options.clientId,
      response_type: 'code',
      response_mode: 'query',
      redirect_uri: `${options.publicUrl}/auth/consent/end`,
      scope: consentScopes(options.apiUri).join(' '),
      prompt: 'consent',
      state,
      ...(hint ? { login_hint: hint } : {}),
    }).toString();
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, authorize.href);
  });
  router.get('/consent/end', (_req, res, next) => {
    res.sendFile('consent-end.html', { root: options.tabDir, headers: { 'Cache-Control': 'no-store' } }, (error) => {
      if (error) next(new AppError('unavailable', 'The tab is not built: run `npm run build:tab`.', { cause: error }));
    });
  });
  return router;
}
