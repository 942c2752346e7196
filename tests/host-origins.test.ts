import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRAME_ANCESTORS } from '../src/server/http.ts';

/** A CSP host source with an optional leading `*.` wildcard, as browsers match it. */
function allows(source: string, origin: string): boolean {
  const { protocol, host } = new URL(origin);
  const [scheme, rest] = source.split('://');
  if (`${scheme}:` !== protocol || !rest) return false;
  return rest.startsWith('*.') ? host.endsWith(rest.slice(1)) : host === rest;
}

// Where the personal tab runs (Teams, Outlook and the Microsoft 365 app on the web).
const HOSTS = [
  'https://teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.cloud.microsoft',
  'https://www.office.com',
  'https://www.microsoft365.com',
  'https://m365.cloud.microsoft',
];

// Teams, Microsoft 365 and Outlook clients that ask Entra ID for the tab's SSO token.
const HOST_CLIENT_IDS = {
  'Teams desktop and mobile': '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  'Teams web': '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
  'Microsoft 365 web': '4765445b-32c6-49b0-83e6-1d93765276ca',
  'Microsoft 365 desktop': '0ec893e0-5785-4de6-99da-4ed124e5296c',
  'Microsoft 365 mobile and Outlook desktop': 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  'Outlook web': 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
  'Outlook mobile': '27922004-5251-4030-b22d-91ecd9a37ea4',
};

describe('the tab in Teams, Outlook and Microsoft 365', () => {
  it.each(HOSTS)('%s may frame the tab', (origin) => {
    expect(FRAME_ANCESTORS.some((s) => allows(s, origin))).toBe(true);
  });

  it('a page elsewhere may not frame it', () => {
    expect(FRAME_ANCESTORS.some((s) => allows(s, 'https://evil.example.com'))).toBe(false);
    expect(FRAME_ANCESTORS.some((s) => allows(s, 'http://teams.microsoft.com'))).toBe(false);
  });

  it('every host client is pre-authorised for access_as_user', () => {
    const aad = JSON.parse(readFileSync(new URL('../aad.manifest.json', import.meta.url), 'utf8')) as {
      api: { preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }> };
    };
    const byId = new Map(aad.api.preAuthorizedApplications.map((a) => [a.appId, a.delegatedPermissionIds]));
    for (const id of Object.values(HOST_CLIENT_IDS)) expect(byId.get(id)).toEqual(['${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}']);
  });
});
