import { afterEach, describe, expect, it, vi } from 'vitest';
import { SandboxIssuer } from '../src/sandbox/identity/issuer.ts';
import { createTokenVerifier } from '../src/server/auth.ts';

const tenantId = '11111111-1111-4111-8111-111111111111';
const authorityHost = 'https://login.example.test';
const audience = 'api://flipside.example.test/22222222-2222-4222-8222-222222222222';

/** A verifier on a sandbox issuer's keys; `published` says whether the JWKS still lists the key. */
async function setup(cacheSize?: number) {
  const issuer = await SandboxIssuer.create({ tenantId, authorityHost, clientId: '22222222-2222-4222-8222-222222222222', clientSecret: 's', apiAudience: audience });
  const state = { published: true, fetches: 0 };
  const fetchJwks = async () => {
    state.fetches++;
    return new Response(JSON.stringify({ keys: state.published ? [issuer.jwk] : [] }), { headers: { 'content-type': 'application/json' } });
  };
  const verify = createTokenVerifier({ tenantId, clientId: 'c', clientSecret: 's', authorityHost, audiences: [audience] }, fetchJwks, cacheSize);
  const token = (oid: string, seconds = 3600) => issuer.sign({ oid, tid: tenantId, scp: 'access_as_user', name: oid.slice(0, 4) }, audience, seconds);
  return { verify, token, state };
}

const alice = '33333333-3333-4333-8333-333333333333';
const bob = '44444444-4444-4444-8444-444444444444';

afterEach(() => vi.useRealTimers());

describe('the token verifier remembers tokens that passed', () => {
  it('answers each token with its own caller, again and again', async () => {
    const { verify, token } = await setup(1);
    const [a, b] = [await token(alice), await token(bob)];
    for (let i = 0; i < 3; i++) {
      expect((await verify(`Bearer ${a}`)).userId).toBe(alice);
      expect((await verify(`Bearer ${b}`)).userId).toBe(bob);
    }
  });

  it('refuses a remembered token once it has expired', async () => {
    const { verify, token } = await setup();
    vi.useFakeTimers({ toFake: ['Date'] });
    const t = await token(alice, 120);
    expect((await verify(`Bearer ${t}`)).userId).toBe(alice);
    vi.setSystemTime(Date.now() + 119_000);
    expect((await verify(`Bearer ${t}`)).userId).toBe(alice);
    vi.setSystemTime(Date.now() + 1_000);
    await expect(verify(`Bearer ${t}`)).rejects.toThrow(/expired/);
  });

  it('checks a remembered token again after five minutes, so a key the tenant stopped publishing stops working', async () => {
    const { verify, token, state } = await setup();
    vi.useFakeTimers({ toFake: ['Date'] });
    const t = await token(alice);
    expect((await verify(`Bearer ${t}`)).userId).toBe(alice);
    state.published = false;
    vi.setSystemTime(Date.now() + 4 * 60_000);
    expect((await verify(`Bearer ${t}`)).userId).toBe(alice);
    // jose keeps the key set for ten minutes: past that it fetches it again and finds no key.
    vi.setSystemTime(Date.now() + 7 * 60_000);
    await expect(verify(`Bearer ${t}`)).rejects.toThrow(/key the tenant does not publish/);
    expect(state.fetches).toBeGreaterThan(1);
  });

  it('never remembers a refused token', async () => {
    const { verify, token } = await setup();
    const t = await token(alice);
    const forged = `${t.slice(0, t.lastIndexOf('.') + 1)}${'A'.repeat(342)}`;
    await expect(verify(`Bearer ${forged}`)).rejects.toThrow(/signature/);
    await expect(verify(`Bearer ${forged}`)).rejects.toThrow(/signature/);
  });
});
