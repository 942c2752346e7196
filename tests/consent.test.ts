import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentRouter } from '../src/server/consent.ts';
import { errorHandler } from '../src/server/http-errors.ts';
import { createLogger } from '../src/server/logger.ts';

const CLIENT_ID = '2f6a1c8e-0000-4000-8000-00000000c0de';
const TENANT_ID = '7d0f3b1a-0000-4000-8000-0000000000aa';
const STATE = 'q8Zk3JxYV0bW2nR7tP1sAg';

describe('the consent popup’s pages', () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const tabDir = mkdtempSync(join(tmpdir(), 'flipside-consent-'));
    writeFileSync(join(tabDir, 'consent-end.html'), '<!doctype html><title>Flipside · consent</title>');
    const app = express();
    app.use(
      '/auth',
      consentRouter({
        authorityHost: 'https://login.microsoftonline.com',
        tenantId: TENANT_ID,
        clientId: CLIENT_ID,
        apiUri: `api://flipside.contoso.com/${CLIENT_ID}`,
        publicUrl: 'https://flipside.contoso.com',
        tabDir,
      }),
    );
    app.use(errorHandler(createLogger('silent')));
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close?.());

  it('sends the popup to Entra ID’s authorize endpoint with prompt=consent, for the delegated permissions only', async () => {
    const res = await fetch(`${base}/auth/consent?state=${STATE}&loginHint=${encodeURIComponent('ada@contoso.com')}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      client_id: CLIENT_ID,
      response_type: 'code',
      response_mode: 'query',
      redirect_uri: 'https://flipside.contoso.com/auth/consent/end',
      scope: `openid profile https://graph.microsoft.com/User.Read api://flipside.contoso.com/${CLIENT_ID}/access_as_user`,
      prompt: 'consent',
      state: STATE,
      login_hint: 'ada@contoso.com',
    });
    // Every delegated Graph permission of the app registration is asked for, and no other.
    const aad = JSON.parse(readFileSync(new URL('../aad.manifest.json', import.meta.url), 'utf8')) as {
      requiredResourceAccess: Array<{ resourceAccess: Array<{ id: string; type: string }> }>;
      web: { redirectUris: string[] };
    };
    const delegated = aad.requiredResourceAccess.flatMap((r) => r.resourceAccess.filter((a) => a.type === 'Scope').map((a) => `https://graph.microsoft.com/${a.id}`));
    expect(
      to.searchParams
        .get('scope')!
        .split(' ')
        .filter((s) => s.startsWith('https://graph.microsoft.com/')),
    ).toEqual(delegated);
    // The reply URL is registered on the app registration.
    expect(aad.web.redirectUris).toContain('https://${{TAB_DOMAIN}}/auth/consent/end');
  });

  it('refuses to start without the state the tab made', async () => {
    for (const query of ['', '?state=short', `?state=${STATE}%3Cscript%3E`]) {
      const res = await fetch(`${base}/auth/consent${query}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: 'bad_request', field: 'state' });
    }
  });

  it('serves the popup’s last page where Entra ID returns it', async () => {
    const res = await fetch(`${base}/auth/consent/end?code=abc&state=${STATE}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Flipside · consent');
  });
});
