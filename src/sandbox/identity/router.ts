import express, { type Request, type Response } from 'express';
import { errors as joseErrors } from 'jose';
import type { SandboxOrg, SandboxPerson } from '../org/index.ts';
import { GRAPH_AUDIENCE, type SandboxIssuer, type UserClaims } from './issuer.ts';

/** Who may be an admin in the sandbox: the HR persona holds the app role Program.Admin. */
export function claimsFor(org: SandboxOrg, person: SandboxPerson): UserClaims {
  return {
    oid: person.id,
    name: person.displayName,
    preferred_username: person.userPrincipalName,
    ...(org.personas.hrAdmin === person.id ? { roles: ['Program.Admin'] } : {}),
  };
}

/** OAuth errors as Entra ID writes them (RFC 6749 shape plus AADSTS codes). */
function oauthError(res: Response, status: number, error: string, description: string) {
  res.status(status).json({ error, error_description: description, error_codes: [], timestamp: new Date().toISOString() });
}

/**
 * Entra ID's endpoints as the sandbox serves them, under /sandbox/identity: OpenID metadata, JWKS,
 * the v2 token endpoint (client credentials and on-behalf-of), and the sandbox's own sign-in for
 * the person picker. Mounted only in sandbox mode. Everyone who signs in through the picker is
 * added to `humans`: a person someone is being, whose cards the sandbox's responder never answers.
 */
export function identityRouter(org: SandboxOrg, issuer: SandboxIssuer, humans?: Set<string>): express.Router {
  const router = express.Router();
  const { tenantId, authorityHost, clientId, clientSecret } = issuer.options;
  const tenantOk = (req: Request, res: Response) => {
    if (req.params.tenant === tenantId || req.params.tenant === 'organizations' || req.params.tenant === 'common') return true;
    oauthError(res, 400, 'invalid_tenant', `AADSTS90002: Tenant '${String(req.params.tenant)}' not found. This sandbox serves tenant ${tenantId}.`);
    return false;
  };

  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    if (!tenantOk(req, res)) return;
    const base = `${authorityHost}/${tenantId}`;
    res.json({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: 'EU',
    });
  });

  router.get(['/:tenant/discovery/v2.0/keys', '/discovery/v2.0/keys'], (_req, res) => {
    res.json({ keys: [issuer.jwk] });
  });

  router.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    if (!tenantOk(req, res)) return;
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':') : [];
    const id = body.client_id ?? basic[0];
    const secret = body.client_secret ?? basic[1];
    if (id !== clientId) return oauthError(res, 400, 'unauthorized_client', `AADSTS700016: Application with identifier '${id ?? ''}' was not found in the directory.`);
    if (secret !== clientSecret) return oauthError(res, 401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    const scopes = (body.scope ?? '').split(' ').filter(Boolean);
    if (!scopes.some((s) => s.startsWith(GRAPH_AUDIENCE))) {
      return oauthError(res, 400, 'invalid_scope', `AADSTS70011: The provided scope '${body.scope ?? ''}' is not valid. This sandbox issues Graph tokens (${GRAPH_AUDIENCE}/.default).`);
    }
    if (body.grant_type === 'client_credentials') {
      return res.json({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: await issuer.appGraphToken() });
    }
    if (body.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && body.requested_token_use === 'on_behalf_of') {
      try {
        const claims = await issuer.verify(body.assertion ?? '', issuer.options.apiAudience);
        const person = org.byId.get(String(claims.oid));
        if (!person || !person.accountEnabled) return oauthError(res, 400, 'invalid_grant', 'AADSTS50057: The user account is disabled or does not exist.');
        return res.json({
          token_type: 'Bearer',
          scope: 'User.Read Calendars.ReadWrite Chat.Create',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: await issuer.delegatedGraphToken(claimsFor(org, person)),
        });
      } catch (error) {
        const expired = error instanceof joseErrors.JWTExpired;
        return oauthError(res, 400, 'invalid_grant', expired ? 'AADSTS500133: Assertion is not within its valid time range.' : 'AADSTS50013: Assertion failed signature validation.');
      }
    }
    return oauthError(res, 400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${body.grant_type ?? ''}'.`);
  });

  // The sandbox's sign-in: what Teams SSO gives the tab inside Teams, the person picker gives it here.
  router.get('/people', (req, res) => {
    const q = String(req.query.search ?? '')
      .trim()
      .toLowerCase();
    const personas = new Map(Object.entries(org.personas).map(([k, v]) => [v, k]));
    const pick = (p: SandboxPerson) => ({
      id: p.id,
      displayName: p.displayName,
      jobTitle: p.jobTitle,
      department: p.department,
      officeLocation: p.officeLocation,
      persona: personas.get(p.id) ?? null,
      accountEnabled: p.accountEnabled,
    });
    const featured = [...personas.keys()].map((id) => org.byId.get(id)!).filter(Boolean);
    const matches = q
      ? org.people.filter((p) => `${p.displayName} ${p.jobTitle} ${p.department}`.toLowerCase().includes(q)).slice(0, 25)
      : [...featured, ...org.people.filter((p) => !personas.has(p.id)).slice(0, 25 - featured.length)];
    res.json({ value: matches.map(pick) });
  });

  router.post('/signin', express.json({ limit: '4kb' }), async (req, res) => {
    const userId = (req.body as { userId?: unknown } | undefined)?.userId;
    const person = typeof userId === 'string' ? org.byId.get(userId) : undefined;
    if (!person) return res.status(400).json({ error: { code: 'unknown_person', field: 'userId', message: 'Pick a person from the sandbox organisation.' } });
    if (!person.accountEnabled) return res.status(403).json({ error: { code: 'account_disabled', field: 'userId', message: `${person.displayName}'s account is disabled: they cannot sign in.` } });
    const accessToken = await issuer.userToken(claimsFor(org, person));
    humans?.add(person.id);
    res.json({ accessToken, tokenType: 'Bearer', expiresIn: 3600 });
  });

  return router;
}
