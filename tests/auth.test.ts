import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flipside } from '../src/server/compose.ts';
import { signIn, startTestFlipside } from './support/flipside.ts';

let f: Flipside;
let userId: string;

const me = (authorization?: string) => fetch(`${f.url}/api/me`, { headers: authorization ? { authorization } : {} });
async function refused(authorization: string | undefined, message: RegExp) {
  const res = await me(authorization);
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: { code: string; message: string; field: string; correlationId: string } };
  expect(body.error.code).toBe('unauthenticated');
  expect(body.error.field).toBe('authorization');
  expect(body.error.message).toMatch(message);
  expect(body.error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
}
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

beforeAll(async () => {
  f = await startTestFlipside();
  userId = f.sandbox!.tenant.org.people.find((p) => p.managerId)!.id;
});
afterAll(async () => f?.close());

describe('API tokens: verified as Entra ID tokens are', () => {
  it('accepts a token from the sandbox sign-in and answers who I am', async () => {
    const res = await me(`Bearer ${await signIn(f, userId)}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { person: { id: string } }).person.id).toBe(userId);
  });

  it('refuses a request without a token', () => refused(undefined, /no bearer token/));
  it('refuses garbage', () => refused('Bearer not-a-jwt', /not a JWT/));

  it('refuses an expired token', async () => {
    const issuer = f.sandbox!.issuer;
    const token = await issuer.sign({ oid: userId, tid: issuer.options.tenantId, scp: 'access_as_user' }, issuer.options.apiAudience, -120);
    await refused(`Bearer ${token}`, /expired/);
  });

  it('refuses a token for another audience (a Graph token)', async () => {
    const token = await f.sandbox!.issuer.delegatedGraphToken({ oid: userId, name: 'x', preferred_username: 'x' });
    await refused(`Bearer ${token}`, /another application/);
  });

  it('refuses a token of another tenant, even signed with a key the authority publishes', async () => {
    const issuer = f.sandbox!.issuer;
    const other = '99999999-9999-4999-8999-999999999999';
    const token = await new SignJWT({ oid: userId, tid: other, scp: 'access_as_user' })
      .setProtectedHeader({ alg: 'RS256', kid: issuer.jwk.kid! })
      .setIssuer(`${issuer.options.authorityHost}/${other}/v2.0`)
      .setAudience(issuer.options.apiAudience)
      .setExpirationTime('1h')
      .sign((issuer as unknown as { privateKey: CryptoKey }).privateKey);
    await refused(`Bearer ${token}`, /another tenant|issuer/);
    const sameIssuerOtherTid = await issuer.sign({ oid: userId, tid: other, scp: 'access_as_user' }, issuer.options.apiAudience, 600);
    await refused(`Bearer ${sameIssuerOtherTid}`, /another tenant/);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const issuer = f.sandbox!.issuer;
    const payload = { oid: userId, tid: issuer.options.tenantId, scp: 'access_as_user', aud: issuer.options.apiAudience, iss: issuer.issuer, exp: Math.floor(Date.now() / 1000) + 600 };
    await refused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`, /"none" are not accepted/);
  });

  it('refuses a token signed with another key under the published key id', async () => {
    const issuer = f.sandbox!.issuer;
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ oid: userId, tid: issuer.options.tenantId, scp: 'access_as_user' })
      .setProtectedHeader({ alg: 'RS256', kid: issuer.jwk.kid! })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.options.apiAudience)
      .setExpirationTime('1h')
      .sign(privateKey);
    await refused(`Bearer ${token}`, /signature/);
  });

  it('refuses an HS256 token made with the public key as secret (algorithm confusion)', async () => {
    const issuer = f.sandbox!.issuer;
    const token = await new SignJWT({ oid: userId, tid: issuer.options.tenantId, scp: 'access_as_user' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.options.apiAudience)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(issuer.jwk)));
    await refused(`Bearer ${token}`, /"HS256" are not accepted/);
  });

  it('refuses a token without the access_as_user scope', async () => {
    const issuer = f.sandbox!.issuer;
    const token = await issuer.sign({ oid: userId, tid: issuer.options.tenantId, scp: 'User.Read' }, issuer.options.apiAudience, 600);
    await refused(`Bearer ${token}`, /access_as_user/);
  });

  it('keeps serving after all of that', async () => {
    expect((await fetch(`${f.url}/healthz`)).status).toBe(200);
  });
});
