import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/app/shared/errors.ts';
import { GraphHttp } from '../src/graph/graph-client.ts';
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

  it('says consent is needed when the assertion is refused', async () => {
    const error = await f.tokens.onBehalfOf('eyJhbGciOiJSUzI1NiJ9.e30.c2ln').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('forbidden');
  });
});
