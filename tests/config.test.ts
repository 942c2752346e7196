import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SANDBOX } from '../src/config/config.ts';
import { TENANT_ENV as tenant } from './support/env.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs on the sandbox tenant with nothing set, PGlite in .flipside/data, port 3978', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('sandbox');
    expect(c.port).toBe(3978);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '.flipside/data' });
    expect(c.identity.tenantId).toBe(SANDBOX.tenantId);
    expect(c.sandbox).toEqual({ orgSize: 400, seed: 42, throttleRate: 0, othersRespond: true });
    expect(loadConfig({ SANDBOX_OTHERS_RESPOND: 'false' }).sandbox?.othersRespond).toBe(false);
    expect(problems({ SANDBOX_OTHERS_RESPOND: 'maybe' })[0]).toMatch(/^SANDBOX_OTHERS_RESPOND: /);
  });

  it('runs several server processes only on PostgreSQL with a real tenant (WEB_CONCURRENCY, default one per core)', () => {
    const pg = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/flipside' };
    expect(loadConfig({ ...tenant, ...pg, WEB_CONCURRENCY: '3' }).processes).toBe(3);
    expect(loadConfig({ ...tenant, ...pg }).processes).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ ...tenant }).processes).toBe(1);
    expect(loadConfig({ ...pg }).processes).toBe(1);
    expect(problems({ ...pg, WEB_CONCURRENCY: '2' })).toEqual([expect.stringMatching(/^WEB_CONCURRENCY: several processes need PostgreSQL/)]);
    expect(problems({ ...tenant, WEB_CONCURRENCY: '2' })).toEqual([expect.stringMatching(/^WEB_CONCURRENCY: /)]);
    expect(problems({ ...tenant, ...pg, WEB_CONCURRENCY: '0' })[0]).toMatch(/^WEB_CONCURRENCY: /);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/flipside' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1:5432/flipside' });
  });

  it('switches to the real tenant when M365_TENANT_ID is set, and turns the sandbox off', () => {
    const c = loadConfig(tenant);
    expect(c.mode).toBe('tenant');
    expect(c.sandbox).toBeUndefined();
    expect(c.graphBaseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect(c.identity.audiences).toEqual([tenant.M365_CLIENT_ID, `api://flipside.example.com/${tenant.M365_CLIENT_ID}`]);
  });

  it('lists every missing tenant setting at once', () => {
    const list = problems({ M365_TENANT_ID: tenant.M365_TENANT_ID });
    expect(list.map((p) => p.split(':')[0])).toEqual(['M365_CLIENT_ID', 'SECRET_M365_CLIENT_SECRET or MANAGED_IDENTITY_CLIENT_ID', 'BOT_ID', 'SECRET_BOT_PASSWORD', 'PUBLIC_URL']);
  });

  it('runs without any stored secret: the Graph app through a managed identity, the bot as that identity', () => {
    const { SECRET_M365_CLIENT_SECRET: _graphSecret, SECRET_BOT_PASSWORD: _botSecret, ...noSecrets } = tenant;
    const identity = '3c3c3c3c-1111-4222-8333-444444444444';
    const c = loadConfig({ ...noSecrets, MANAGED_IDENTITY_CLIENT_ID: identity, BOT_ID: identity, BOT_TYPE: 'UserAssignedMSI' });
    expect(c.identity).toMatchObject({ clientSecret: undefined, managedIdentityClientId: identity });
    expect(c.bot).toEqual({ id: identity, password: undefined, type: 'UserAssignedMSI' });
    expect(problems({ ...tenant, BOT_TYPE: 'UserAssignedMSI' }).map((p) => p.split(':')[0])).toEqual(['SECRET_BOT_PASSWORD']);
    expect(problems({ ...tenant, BOT_TYPE: 'MultiTenant' }).map((p) => p.split(':')[0])).toEqual(['BOT_TYPE']);
  });

  it('names each malformed setting', () => {
    const list = problems({ PORT: 'eighty', LOG_LEVEL: 'loud', SANDBOX_ORG_SIZE: '5', DATABASE_URL: 'not a url' });
    expect(list.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SANDBOX_ORG_SIZE']);
  });

  it('refuses insecure URLs on a real tenant', () => {
    expect(problems({ ...tenant, PUBLIC_URL: 'http://flipside.example.com', GRAPH_BASE_URL: 'http://graph.local/v1.0' }).map((p) => p.split(':')[0])).toEqual(['PUBLIC_URL', 'GRAPH_BASE_URL']);
  });

  it('refuses sandbox mode together with a real tenant id', () => {
    expect(problems({ ...tenant, FLIPSIDE_MODE: 'sandbox' })[0]).toMatch(/FLIPSIDE_MODE/);
  });

  it('treats empty variables as unset, as env files write them', () => {
    expect(loadConfig({ M365_TENANT_ID: '', DATABASE_URL: '' }).mode).toBe('sandbox');
  });
});
