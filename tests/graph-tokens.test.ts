import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/app/shared/errors.ts';
import { CONSENT_REQUIRED } from '../src/contracts/api.ts';
import { GraphHttp } from '../src/graph/graph-client.ts';
import { createGraphTokenSource } from '../src/graph/tokens.ts';
import type { Flipside } from '../src/server/compose.ts';
import { sandboxGraphUrl, signIn, startTestFlipside } from './support/flipside.ts';

describe('Graph tokens through msal-node from the sandbox authority', () => {
  let f: Flipside;
  beforeAll(async () => {
    f = await startTestFlipside({ synced: false });
  });
  afterAll(async () => f?.close());

  it('gets an app token by client credentials that the sandbox Graph accepts', async () => {
    const token = await f.tokens.appToken();
    const claims = await f.sandbox!.issuer.verify(token, 'https://graph.microsoft.com');
    expect(claims).toMatchObject({ idtyp: 'app', tid: f.config.identity.tenantId });
    expect(claims.roles).toContain('User.Read.All');
  });

  it('exchanges a user’s SSO token on their behalf for a delegated Graph token', async () => {
    const person = f.sandbox!.tenant.org.people[3]!;
    const graphToken = await f.tokens.onBehalfOf(await signIn(f, person.id));
    const claims = await f.sandbox!.issuer.verify(graphToken, 'https://graph.microsoft.com');
    expect(claims.oid).toBe(person.id);
    const asUser = new GraphHttp({ baseUrl: sandboxGraphUrl(f), token: async () => graphToken });
    expect(await asUser.get<{ id: string }>(`/users/${person.id}?$select=id`)).toEqual(expect.objectContaining({ id: person.id }));
  });

  it('asks to sign in again when the assertion itself is refused (a bad signature is not a consent problem)', async () => {
    const error = await f.tokens.onBehalfOf('eyJhbGciOiJSUzI1NiJ9.e30.c2ln').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unauthenticated');
  });

  // Entra ID's answers when the person has not consented (AADSTS65001) or must see a prompt first.
  const refusals = {
    'consent missing': {
      error: 'invalid_grant',
      error_description: "AADSTS65001: The user or administrator has not consented to use the application with ID 'x'.",
      error_codes: [65001],
      suberror: 'consent_required',
    },
    'interaction required': {
      error: 'interaction_required',
      error_description: 'AADSTS50079: Due to a configuration change made by your administrator, you must enroll in multi-factor authentication.',
      error_codes: [50079],
    },
  };
  it.each(Object.entries(refusals))('answers consent_required, the code the tab prompts for, when Entra ID says %s', async (_name, refusal) => {
    const person = f.sandbox!.tenant.org.people[4]!;
    const assertion = await signIn(f, person.id);
    // The sandbox authority, except that its token endpoint refuses on-behalf-of as Entra ID does.
    const authority: typeof fetch = async (input, init) => {
      if (String(init?.body ?? '').includes('requested_token_use=on_behalf_of')) {
        return new Response(JSON.stringify({ ...refusal, timestamp: new Date().toISOString() }), { status: 400, headers: { 'content-type': 'application/json' } });
      }
      return f.sandbox!.authorityFetch(input, init);
    };
    const tokens = createGraphTokenSource({ ...f.config.identity, fetch: authority });
    const error = await tokens.onBehalfOf(assertion).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(CONSENT_REQUIRED);
    expect((error as AppError).status).toBe(403);
  });
});
