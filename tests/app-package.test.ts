// The Teams app package: manifest (against the vendored v1.30 schema), icons, zip, and the
// consistency of the deployment templates with the env files and the app's configuration.
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.ts';
import { decodePng, renderColorIcon, renderOutlineIcon, ACCENT } from '../appPackage/icons.ts';
import { buildAppPackage, MissingVariablesError, PACKAGE_FILES, parseEnvFile, placeholdersIn, renderManifest, zipAppPackage } from '../appPackage/zip.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
// CI clones the repo with shared/ beside it: <repo>/../shared/reference/.
const schemaUrl = new URL('../../shared/reference/teams-manifest.schema.json', import.meta.url);

const SAMPLE_ENV = {
  TEAMS_APP_ID: '3f8e2b1c-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
  AAD_APP_CLIENT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  BOT_ID: 'b07b07b0-1234-4abc-9def-0123456789ab',
  TAB_DOMAIN: 'flipside-abc123.azurewebsites.net',
  TAB_ENDPOINT: 'https://flipside-abc123.azurewebsites.net',
};

type Manifest = Record<string, unknown>;

let validate: ValidateFunction;

function errorsOf(v: ValidateFunction): string {
  return (v.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n');
}

beforeAll(() => {
  // The schema keeps its upstream CRLF line endings and may carry a BOM.
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  validate = ajv.compile(schema);
});

describe('manifest', () => {
  const template = read('appPackage/manifest.json');

  it('renders with sample values and validates against the Teams v1.30 schema', () => {
    const manifest = JSON.parse(renderManifest(template, SAMPLE_ENV)) as Manifest;
    const ok = validate(manifest);
    expect(errorsOf(validate)).toBe('');
    expect(ok).toBe(true);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
  });

  it('declares the personal tab, the bot and SSO as Flipside needs them', () => {
    const m = JSON.parse(renderManifest(template, SAMPLE_ENV)) as {
      id: string;
      accentColor: string;
      staticTabs: Array<{ contentUrl: string; websiteUrl: string; scopes: string[] }>;
      bots: Array<{ botId: string; scopes: string[]; isNotificationOnly: boolean; commandLists: Array<{ commands: Array<{ title: string }> }> }>;
      webApplicationInfo: { id: string; resource: string };
      validDomains: string[];
    };
    expect(m.id).toBe(SAMPLE_ENV.TEAMS_APP_ID);
    expect(m.accentColor).toBe(ACCENT);
    expect(m.staticTabs).toHaveLength(1);
    expect(m.staticTabs[0]).toMatchObject({
      contentUrl: 'https://flipside-abc123.azurewebsites.net/?inTeams=1',
      websiteUrl: 'https://flipside-abc123.azurewebsites.net',
      scopes: ['personal'],
    });
    const bot = m.bots[0];
    expect(bot?.botId).toBe(SAMPLE_ENV.BOT_ID);
    expect(bot?.scopes).toEqual(['personal', 'groupChat']);
    expect(bot?.isNotificationOnly).toBe(false);
    for (const list of bot?.commandLists ?? []) {
      expect(list.commands.map((c) => c.title)).toEqual(['help', 'status']);
    }
    expect(m.webApplicationInfo).toEqual({
      id: SAMPLE_ENV.AAD_APP_CLIENT_ID,
      resource: `api://flipside-abc123.azurewebsites.net/${SAMPLE_ENV.AAD_APP_CLIENT_ID}`,
    });
    expect(m.validDomains).toEqual(['flipside-abc123.azurewebsites.net']);
  });

  it('fails validation when a required field is missing (the validator can fail)', () => {
    const manifest = JSON.parse(renderManifest(template, SAMPLE_ENV)) as Manifest;
    delete manifest.name;
    expect(validate(manifest)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'name')).toBe(true);
  });

  it('fails validation for a wrong value (a bot id that is not a GUID)', () => {
    const manifest = JSON.parse(renderManifest(template, { ...SAMPLE_ENV, BOT_ID: 'not-a-guid' })) as Manifest;
    expect(validate(manifest)).toBe(false);
    expect(errorsOf(validate)).toContain('/bots/0/botId');
  });

  it('renders env/.env.playground (the sandbox on this machine) as it stands', () => {
    const env = parseEnvFile(read('env/.env.playground'));
    const manifest = JSON.parse(renderManifest(template, env)) as Manifest;
    expect(validate(manifest)).toBe(true);
  });

  it('names every missing placeholder, and treats empty values as missing', () => {
    let error: unknown;
    try {
      renderManifest(template, { TAB_DOMAIN: 'example.com', TAB_ENDPOINT: '', BOT_ID: undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingVariablesError);
    const missing = (error as MissingVariablesError).missing;
    expect(missing).toEqual(['AAD_APP_CLIENT_ID', 'BOT_ID', 'TAB_ENDPOINT', 'TEAMS_APP_ID']);
    expect((error as Error).message).toContain('AAD_APP_CLIENT_ID, BOT_ID, TAB_ENDPOINT, TEAMS_APP_ID');
  });

  it('env/.env.dev, as committed, is missing exactly the values provisioning writes', () => {
    const env = parseEnvFile(read('env/.env.dev'));
    expect(() => renderManifest(template, env)).toThrow(/AAD_APP_CLIENT_ID, BOT_ID, TAB_DOMAIN, TAB_ENDPOINT, TEAMS_APP_ID/);
  });

  it('env/.env.local, as committed, is missing exactly the values the dev tunnel and local provisioning write', () => {
    const env = parseEnvFile(read('env/.env.local'));
    expect(() => renderManifest(template, env)).toThrow(/AAD_APP_CLIENT_ID, BOT_ID, TAB_DOMAIN, TAB_ENDPOINT, TEAMS_APP_ID/);
  });

  it('escapes substituted values for JSON', () => {
    const out = renderManifest('{"a": "${{X}}", "b": "${{ Y }}"}', { X: 'say "hi"\\', Y: 'y' });
    expect(JSON.parse(out)).toEqual({ a: 'say "hi"\\', b: 'y' });
  });
});

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines, skipping comments and blanks, with quotes and inline comments', () => {
    const env = parseEnvFile(['# comment', '', 'A=1', 'export B = two ', 'C="quoted # not a comment"', "D='single'", 'E=x # trailing', 'F=', 'A=again'].join('\n'));
    expect(env).toEqual({ A: 'again', B: 'two', C: 'quoted # not a comment', D: 'single', E: 'x', F: '' });
  });

  it('rejects a line that is not an assignment', () => {
    expect(() => parseEnvFile('NOT AN ASSIGNMENT')).toThrow(/cannot parse/);
  });
});

describe('icons', () => {
  const color = decodePng(readFileSync(join(root, 'appPackage/color.png')));
  const outline = decodePng(readFileSync(join(root, 'appPackage/outline.png')));

  it('have the sizes Teams requires', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('outline.png holds only white and transparency, and does draw something', () => {
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a !== 0) {
        expect([r, g, b]).toEqual([255, 255, 255]);
        drawn++;
      }
    }
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThan(32 * 32 * 0.6);
  });

  it('color.png is a full-colour icon: mostly opaque, in the accent colour', () => {
    let opaque = 0;
    const centre = (96 * 192 + 10) * 4; // left edge, middle row: background
    for (let i = 3; i < color.data.length; i += 4) if (color.data[i] === 255) opaque++;
    expect(opaque).toBeGreaterThan(192 * 192 * 0.9);
    const accent = [1, 3, 5].map((k) => Number.parseInt(ACCENT.slice(k, k + 2), 16));
    expect([color.data[centre], color.data[centre + 1], color.data[centre + 2]]).toEqual(accent);
  });

  it('the committed PNGs are what appPackage/icons.ts draws', () => {
    expect(renderColorIcon().data.equals(color.data)).toBe(true);
    expect(renderOutlineIcon().data.equals(outline.data)).toBe(true);
  });
});

describe('zip', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'flipside-apppkg-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('holds exactly manifest.json and the two icons, at its root', () => {
    const { zipPath, manifest } = buildAppPackage({ root, envName: 'playground', outDir });
    expect(zipPath).toBe(join(outDir, 'appPackage.playground.zip'));
    const zip = new AdmZip(zipPath);
    const names = zip
      .getEntries()
      .map((e) => e.entryName)
      .sort();
    expect(names).toEqual([...PACKAGE_FILES].sort());
    expect(zip.getEntries().every((e) => !e.isDirectory)).toBe(true);
    expect(zip.readAsText('manifest.json')).toBe(manifest);
    expect(zip.readFile('color.png')?.equals(readFileSync(join(root, 'appPackage/color.png')))).toBe(true);
    expect(zip.readFile('outline.png')?.equals(readFileSync(join(root, 'appPackage/outline.png')))).toBe(true);
    expect(validate(JSON.parse(manifest))).toBe(true);
  });

  it('zipAppPackage puts the three entries at the root in memory too', () => {
    const buffer = zipAppPackage('{}', Buffer.from('c'), Buffer.from('o'));
    expect(new AdmZip(buffer).getEntries().map((e) => e.entryName)).toEqual(['manifest.json', 'color.png', 'outline.png']);
  });

  it('refuses an environment whose values are missing, naming them', () => {
    expect(() => buildAppPackage({ root, envName: 'dev', outDir })).toThrow(MissingVariablesError);
    expect(() => buildAppPackage({ root, envName: 'nope', outDir })).toThrow(/no file/);
  });
});

describe('deployment templates', () => {
  const envDev = parseEnvFile(read('env/.env.dev'));
  const userExample = parseEnvFile(read('env/.env.dev.user.example'));
  const bicep = read('infra/azure.bicep');
  // Written by the toolkit itself rather than declared in the env file.
  const toolkitProvided = new Set(['TEAMSFX_ENV', 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID']);

  it('every placeholder in the templates is declared in env/.env.dev or its .user example', () => {
    for (const file of ['appPackage/manifest.json', 'aad.manifest.json', 'infra/azure.parameters.json', 'teamsapp.yml']) {
      for (const name of placeholdersIn(read(file))) {
        const declared = name in envDev || name in userExample || toolkitProvided.has(name);
        expect(declared, `${file}: \${{${name}}}`).toBe(true);
      }
    }
    expect(Object.keys(userExample).sort()).toEqual(['SECRET_AAD_APP_CLIENT_SECRET', 'SECRET_POSTGRES_ADMIN_PASSWORD']);
    expect(Object.keys(userExample).every((k) => !(k in envDev))).toBe(true);
  });

  it('every placeholder in teamsapp.local.yml is declared in env/.env.local or its .user example', () => {
    const envLocal = parseEnvFile(read('env/.env.local'));
    const localUser = parseEnvFile(read('env/.env.local.user.example'));
    for (const name of [...placeholdersIn(read('teamsapp.local.yml')), ...placeholdersIn(read('aad.manifest.json'))]) {
      const declared = name in envLocal || name in localUser || toolkitProvided.has(name);
      expect(declared, `\${{${name}}}`).toBe(true);
    }
    // Only secrets in the .user file, and never a secret in the committed one.
    expect(Object.keys(localUser).sort()).toEqual(['SECRET_AAD_APP_CLIENT_SECRET', 'SECRET_BOT_PASSWORD']);
    expect(Object.keys(envLocal).some((k) => k.startsWith('SECRET_'))).toBe(false);
  });

  it('.localConfigs, which teamsapp.local.yml writes with the two secrets, is git-ignored', () => {
    expect(read('.gitignore').split(/\r?\n/)).toContain('.localConfigs');
    expect(read('teamsapp.local.yml')).toMatch(/target: \.\/\.localConfigs/);
  });

  it('the settings teamsapp.local.yml writes for `npm run start:local` are a tenant configuration Flipside starts with', () => {
    const yml = read('teamsapp.local.yml');
    const block = yml.slice(yml.indexOf('target: ./.localConfigs'));
    const envs = [...block.matchAll(/^ {8}([A-Z0-9_]+): (.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()] as const);
    // The toolkit's values for a run through a dev tunnel.
    const provided: Record<string, string> = {
      AAD_APP_TENANT_ID: '4d4d4d4d-1111-4222-8333-444444444444',
      AAD_APP_CLIENT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      SECRET_AAD_APP_CLIENT_SECRET: 'graph-secret',
      AAD_APP_OAUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
      TAB_DOMAIN: 'abcd1234-3978.euw.devtunnels.ms',
      TAB_ENDPOINT: 'https://abcd1234-3978.euw.devtunnels.ms',
      BOT_ID: 'b07b07b0-1234-4abc-9def-0123456789ab',
      SECRET_BOT_PASSWORD: 'bot-secret',
      TEAMS_APP_ID: '3f8e2b1c-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
    };
    const env = Object.fromEntries(envs.map(([name, value]) => [name, value.replace(/\$\{\{(\w+)\}\}/g, (_, v: string) => provided[v] ?? `<${v} missing>`)]));
    expect(Object.values(env).join(' ')).not.toContain('missing>');
    const config = loadConfig(env);
    expect(config.mode).toBe('tenant');
    expect(config.bot.type).toBe('SingleTenant');
    expect(config.identity.clientSecret).toBe('graph-secret');
    expect(config.publicUrl).toBe('https://abcd1234-3978.euw.devtunnels.ms');
  });

  it('the parameters file sets only parameters the Bicep declares, and every required one', () => {
    const params = Object.keys((JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> }).parameters);
    const declared = [...bicep.matchAll(/^param (\w+) (\w+)( =)?/gm)].map((m) => ({ name: m[1] as string, required: m[3] === undefined }));
    for (const p of params)
      expect(
        declared.map((d) => d.name),
        p,
      ).toContain(p);
    for (const d of declared.filter((x) => x.required)) expect(params, d.name).toContain(d.name);
  });

  it('the Web App gets every setting the configuration requires on a real tenant, with no secret in plain text', () => {
    const webApp = bicep.slice(bicep.indexOf("resource webApp 'Microsoft.Web/sites"), bicep.indexOf('resource webAppDiagnostics'));
    // The Graph credential setting is one of two variables, chosen in the settings by useFederatedCredential.
    expect(webApp).toContain('useFederatedCredential ? graphCredentialByIdentity : graphCredentialBySecret');
    const credentialVariables = [...bicep.matchAll(/^var graphCredentialBy\w+ = .*$/gm)].map((m) => m[0]);
    expect(credentialVariables).toHaveLength(2);
    const settings = [...[webApp, ...credentialVariables].join('\n').matchAll(/\{ name: '([A-Z0-9_]+)', value: (.*) \}\s*$/gm)].map((m) => ({ name: m[1]!, value: m[2]!.trim() }));
    // The federated-credential branch (useFederatedCredential, the default) gives no Graph secret at all.
    const deployed = settings.filter((s) => s.name !== 'SECRET_M365_CLIENT_SECRET');
    const dummy = (name: string, value: string): string => {
      const literal = /^'([^'$]*)'$/.exec(value)?.[1];
      if (literal !== undefined) return literal;
      // A parameter: its default value in the template.
      const byDefault = new RegExp(`^param ${value} \\w+ = '([^']*)'`, 'm').exec(bicep)?.[1];
      if (byDefault !== undefined) return byDefault;
      if (/_ID$/.test(name)) return '4d4d4d4d-1111-4222-8333-444444444444';
      if (name === 'DATABASE_URL') return 'postgresql://flipsideadmin:x@flipside-pg.postgres.database.azure.com:5432/flipside?sslmode=require';
      if (/URL|HOST/.test(name)) return 'https://flipside-abc123.azurewebsites.net';
      return 'x';
    };
    const config = loadConfig(Object.fromEntries(deployed.map((s) => [s.name, dummy(s.name, s.value)])));
    expect(config.mode).toBe('tenant');
    expect(config.bot.type).toBe('UserAssignedMSI');
    expect(config.identity.managedIdentityClientId).toBeDefined();
    expect(config.telemetry).toBeDefined();
    // With useFederatedCredential false the Graph app proves itself with the secret from Key Vault instead.
    const withSecret = settings.filter((s) => s.name !== 'MANAGED_IDENTITY_CLIENT_ID');
    const secretConfig = loadConfig(Object.fromEntries(withSecret.map((s) => [s.name, dummy(s.name, s.value)])));
    expect(secretConfig.identity.managedIdentityClientId).toBeUndefined();
    expect(secretConfig.identity.clientSecret).toBeDefined();
    // Secrets come from Key Vault references, never as values.
    for (const name of ['DATABASE_URL', 'SECRET_M365_CLIENT_SECRET']) expect(settings.find((s) => s.name === name)?.value, name).toMatch(/^'@Microsoft\.KeyVault\(/);
    expect(settings.map((s) => s.name)).not.toContain('SECRET_BOT_PASSWORD');
    expect(bicep).toContain("msaAppType: 'UserAssignedMSI'");
    expect(bicep).toMatch(/resource webAppDiagnostics 'Microsoft\.Insights\/diagnosticSettings@[^']+' = \{\n  name: [^\n]+\n  scope: webApp\n  properties: \{\n    workspaceId: workspace\.id/);
  });

  it('the toolkit gets the outputs it needs', () => {
    const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1] as string);
    for (const name of ['TAB_DOMAIN', 'TAB_ENDPOINT', 'BOT_DOMAIN', 'BOT_ID', 'IDENTITY_PRINCIPAL_ID', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']) expect(outputs).toContain(name);
    for (const name of outputs) expect(envDev, `output ${name} has a slot in env/.env.dev`).toHaveProperty(name);
    // Secrets go in through @secure() parameters and never come out as outputs.
    expect(bicep).not.toMatch(/^output .*(Secret|Password)/im);
  });

  it('the Entra app manifest exposes access_as_user to the Teams clients and declares Program.Admin', () => {
    // The toolkit's current format (the Microsoft Graph application shape): it takes a file with
    // displayName for that format, and offers to convert one in the old Azure AD Graph shape.
    const aad = JSON.parse(read('aad.manifest.json')) as {
      displayName: string;
      identifierUris: string[];
      api: { requestedAccessTokenVersion: number; oauth2PermissionScopes: Array<{ value: string }>; preAuthorizedApplications: Array<{ appId: string }> };
      oauth2Permissions?: unknown;
      replyUrlsWithType?: unknown;
      appRoles: Array<{ value: string; allowedMemberTypes: string[] }>;
      requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
    };
    expect(aad.displayName).toBe('Flipside${{APP_NAME_SUFFIX}}');
    expect(aad.oauth2Permissions).toBeUndefined();
    expect(aad.replyUrlsWithType).toBeUndefined();
    expect(aad.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    // v2 tokens: issuer <host>/<tenant>/v2.0, as the API checks it.
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
    expect(aad.api.oauth2PermissionScopes.map((p) => p.value)).toEqual(['access_as_user']);
    // Teams (desktop and mobile, web), Microsoft 365 (web, desktop), Outlook (desktop and Microsoft 365 mobile, web, mobile).
    expect(aad.api.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual([
      '0ec893e0-5785-4de6-99da-4ed124e5296c',
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      '27922004-5251-4030-b22d-91ecd9a37ea4',
      '4765445b-32c6-49b0-83e6-1d93765276ca',
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
      'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    ]);
    expect(aad.appRoles.map((r) => r.value)).toEqual(['Program.Admin']);
    const graph = aad.requiredResourceAccess.find((r) => r.resourceAppId === 'Microsoft Graph');
    const roles = graph?.resourceAccess
      .filter((a) => a.type === 'Role')
      .map((a) => a.id)
      .sort();
    // What the server does without a user: sync, calendars and series, pair chats, installs,
    // attendance (the meeting by its join link, then its reports).
    expect(roles).toEqual([
      'AppCatalog.Read.All',
      'Calendars.ReadWrite',
      'Chat.Create',
      'OnlineMeetingArtifact.Read.All',
      'OnlineMeetings.Read.All',
      'TeamsAppInstallation.ReadWriteSelfForChat.All',
      'TeamsAppInstallation.ReadWriteSelfForUser.All',
      'User.Read.All',
    ]);
  });
});
