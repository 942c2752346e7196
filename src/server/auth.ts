import { createRemoteJWKSet, customFetch, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../app/shared/errors.ts';
import type { IdentityConfig } from '../config/config.ts';

/** Who is calling: the stable key of a person is their Entra object id plus the tenant id. */
export interface Caller {
  tenantId: string;
  userId: string;
  name: string;
  roles: string[];
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** How many verified tokens are kept, and how long at most (so a key the tenant stops publishing stops working soon after). */
const CACHE_SIZE = 5_000;
const CACHE_MS = 5 * 60_000;

/**
 * Checks an Entra ID v2 access token for Flipside's API exactly as the Teams tab SSO guide says:
 * RS256 signature by the tenant's published keys (JWKS), issuer, audience, expiry, `scp` holding
 * `access_as_user`, and the tenant. The sandbox's tokens go through this same code.
 * A token that passed is remembered (by the whole token, up to `cacheSize` of them, the least
 * recently used going first) until it expires or for CACHE_MS, whichever comes first, so that a
 * person's next requests skip the signature check. What a token says never changes, so nothing
 * else ends an entry; a refused token is never kept.
 */
export function createTokenVerifier(identity: IdentityConfig, fetchImpl: FetchLike = fetch, cacheSize = CACHE_SIZE) {
  const issuer = `${identity.authorityHost}/${identity.tenantId}/v2.0`;
  const jwks = createRemoteJWKSet(new URL(`${identity.authorityHost}/${identity.tenantId}/discovery/v2.0/keys`), {
    [customFetch]: fetchImpl as never,
    cooldownDuration: 30_000,
  });

  const verified = new Map<string, { caller: Caller; until: number }>();

  return async function verify(authorization: string | undefined): Promise<Caller> {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
    if (!match) throw new AppError('unauthenticated', 'Sign in first: the request has no bearer token.', { field: 'authorization' });
    const token = match[1]!;
    const known = verified.get(token);
    if (known) {
      verified.delete(token);
      // jose refuses a token from its `exp` second on: so does the cache (and the check below says why).
      if (Date.now() < known.until) {
        verified.set(token, known);
        return known.caller;
      }
    }
    const caller = await verifyToken(token);
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, { caller: caller.caller, until: Math.min(caller.exp * 1000, Date.now() + CACHE_MS) });
    return caller.caller;
  };

  async function verifyToken(token: string): Promise<{ caller: Caller; exp: number }> {
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new AppError('unauthenticated', 'The token is not a JWT.', { field: 'authorization' });
    }
    if (header.alg !== 'RS256') throw new AppError('unauthenticated', `Tokens signed with "${String(header.alg)}" are not accepted; Entra ID signs with RS256.`, { field: 'authorization' });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'], issuer, audience: identity.audiences, requiredClaims: ['exp', 'tid', 'oid'] }));
    } catch (error) {
      throw new AppError('unauthenticated', explain(error), { field: 'authorization', cause: error });
    }
    if (payload.tid !== identity.tenantId) throw new AppError('unauthenticated', 'The token is for another tenant.', { field: 'authorization' });
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes('access_as_user')) throw new AppError('unauthenticated', 'The token lacks the access_as_user scope.', { field: 'authorization' });
    return {
      caller: {
        tenantId: String(payload.tid),
        userId: String(payload.oid),
        name: typeof payload.name === 'string' ? payload.name : '',
        roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      },
      exp: Number(payload.exp),
    };
  }
}

function explain(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired: sign in again.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The token was issued for another application (audience).';
    if (error.claim === 'iss') return 'The token was issued by another tenant or authority (issuer).';
    if (error.claim === 'nbf') return 'The token is not valid yet.';
    return `The token's "${error.claim}" claim is missing or wrong.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token was signed with a key the tenant does not publish.';
  if (error instanceof errors.JOSEError) return `The token is not valid (${error.code}).`;
  return 'The token could not be checked.';
}
