// The personal tab inside Teams, Outlook and the Microsoft 365 app, each a fake host page at the
// host's real origin that frames the tab and speaks teams-js v2's postMessage protocol
// (tests/support/fake-host.ts). Under each host the tab signs in with the host's SSO token; and
// when the host says consent is needed, the tab explains what Flipside asks for, Continue opens
// the consent popup through the host, Entra ID's consent page (a fake at the authority's address)
// is accepted, and the tab signs in. A card's deep link opens its page in the host. Flipside is served at an https address (teams-js opens only
// https popups) with its own frame-ancestors policy, which lets each host frame it.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outcomeCard } from '../../src/cards/index.ts';
import { pageOfDeepLink, tabLink, teamsTabBase } from '../../src/cards/tab-link.ts';
import { SANDBOX } from '../../src/config/config.ts';
import type { SandboxPerson } from '../../src/sandbox/org/types.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { axeProblems, browserMissing, launchChromium } from '../support/browser.ts';
import { FAKE_HOSTS, serveFakeConsent, serveFakeHost, serveOverHttps, type FakeConsentPage } from '../support/fake-host.ts';
import { signIn, startTestFlipside } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';

const missing = browserMissing(import.meta.url);
const FLIPSIDE = 'https://flipside.contoso.test';
const SHOTS = '/tmp/h14a';

describe.skipIf(missing)('the tab under Teams, Outlook and Microsoft 365 hosts (Chromium at /usr/bin/chromium)', () => {
  let flipside: Flipside;
  let browser: Browser;
  let person: SandboxPerson;
  let context: BrowserContext;
  let consentPage: FakeConsentPage;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [flipside, browser] = await Promise.all([startTestFlipside({ orgSize: 40, seed: 11, env: { PORT: '3920', PUBLIC_URL: FLIPSIDE } }), launchChromium()]);
    person = ordinaryPeople(flipside.sandbox!.tenant.org)[0]!;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await flipside?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    // teams-js asks its CDN for the current list of host origins; this network has none (it falls back to its own).
    await context.route('https://res.cdn.office.net/**', (route) => route.abort());
    await serveOverHttps(context, FLIPSIDE, flipside.url);
    consentPage = await serveFakeConsent(context, flipside.config.identity.authorityHost);
  });
  // Requests still passed on when a test ends are dropped with the context, not reported as failures.
  afterEach(async () => {
    await context?.unrouteAll({ behavior: 'ignoreErrors' });
    await context?.close();
  });

  async function openInHost(hostLabel: string, consentRequired: boolean, subPageId?: string): Promise<{ page: Page; tab: FrameLocator }> {
    const host = FAKE_HOSTS[hostLabel]!;
    const address = await serveFakeHost(context, host, {
      tabUrl: `${FLIPSIDE}/?inTeams=1`,
      token: await signIn(flipside, person.id),
      consentRequired,
      user: { id: person.id, tenantId: flipside.config.identity.tenantId, loginHint: person.userPrincipalName, displayName: person.displayName },
      ...(subPageId ? { subPageId } : {}),
    });
    const page = await context.newPage();
    await page.goto(address);
    return { page, tab: page.frameLocator('iframe[title="Flipside"]') };
  }

  describe.each(Object.keys(FAKE_HOSTS))('in %s', (hostLabel) => {
    it('signs in with the host’s SSO token and shows my profile', { timeout: 90_000 }, async () => {
      const { page, tab } = await openInHost(hostLabel, false);
      await tab.getByRole('heading', { level: 1, name: person.displayName }).waitFor({ timeout: 45_000 });
      expect(await page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls)).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
      // Signed in by the host: no sandbox person picker, no sandbox clock.
      expect(await tab.getByRole('heading', { name: 'Who are you?' }).count()).toBe(0);
    });

    it('when the host says consent is needed, explains what Flipside asks for and signs in once I consent', { timeout: 120_000 }, async () => {
      const { page, tab } = await openInHost(hostLabel, true);
      await tab.getByRole('heading', { level: 1, name: 'Allow Flipside to sign you in' }).waitFor({ timeout: 45_000 });
      await tab.getByText('Use Flipside as you').waitFor();
      await tab.getByText('Sign you in and read your profile').waitFor();
      expect(await tab.getByText('unexpected problem').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/consent-${FAKE_HOSTS[hostLabel]!.hostName}.png` });
      expect(await axeProblems(page.frames().find((f) => f.url().startsWith(FLIPSIDE))!)).toEqual([]);

      const [popup] = await Promise.all([context.waitForEvent('page'), tab.getByRole('button', { name: 'Continue' }).click()]);
      await popup.getByRole('heading', { name: 'Permissions requested' }).waitFor({ timeout: 30_000 });
      const asked = consentPage.requests.at(-1)!;
      const { tenantId, clientId } = flipside.config.identity;
      expect(`${asked.origin}${asked.pathname}`).toBe(`${flipside.config.identity.authorityHost}/${tenantId}/oauth2/v2.0/authorize`);
      expect(asked.searchParams.get('client_id')).toBe(clientId);
      expect(asked.searchParams.get('prompt')).toBe('consent');
      expect(asked.searchParams.get('redirect_uri')).toBe(`${FLIPSIDE}/auth/consent/end`);
      expect(asked.searchParams.get('login_hint')).toBe(person.userPrincipalName);
      expect(asked.searchParams.get('scope')!.split(' ')).toContain('https://graph.microsoft.com/User.Read');

      await Promise.all([popup.waitForEvent('close', { timeout: 30_000 }), popup.getByRole('button', { name: 'Accept' }).click()]);
      await tab.getByRole('heading', { level: 1, name: person.displayName }).waitFor({ timeout: 45_000 });
      const calls = await page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls);
      expect(calls).toEqual(expect.arrayContaining(['authentication.authenticate', 'authentication.authenticate.success']));
    });
  });

  it('opens the page a card’s deep link names (Teams hands the tab its sub-entity id as page.subPageId)', { timeout: 90_000 }, async () => {
    const card = outcomeCard({
      program: { name: 'Flipside 2026–27' },
      outcome: 'approved',
      decidedBy: null,
      at: '2026-11-24T10:15:00Z',
      note: null,
      tabUrl: tabLink(teamsTabBase(SANDBOX.teamsAppId), '/my-data'),
    });
    const link = (card as { actions?: Array<{ type: string; url?: string }> }).actions!.find((a) => a.type === 'Action.OpenUrl')!.url!;
    const { tab } = await openInHost('Teams', false, pageOfDeepLink(link)!);
    await tab.getByRole('heading', { level: 1, name: 'My data' }).waitFor({ timeout: 45_000 });
  });

  it('says consent was not given when I decline, and Continue asks again', { timeout: 120_000 }, async () => {
    const { tab } = await openInHost('Teams', true);
    await tab.getByRole('heading', { level: 1, name: 'Allow Flipside to sign you in' }).waitFor({ timeout: 45_000 });
    const [popup] = await Promise.all([context.waitForEvent('page'), tab.getByRole('button', { name: 'Continue' }).click()]);
    await Promise.all([popup.waitForEvent('close', { timeout: 30_000 }), popup.getByRole('button', { name: 'Cancel' }).click()]);
    await tab.getByText('Consent was not given').waitFor({ timeout: 30_000 });
    await tab.getByText('Flipside cannot open without it.').waitFor();
    const [again] = await Promise.all([context.waitForEvent('page'), tab.getByRole('button', { name: 'Continue' }).click()]);
    await Promise.all([again.waitForEvent('close', { timeout: 30_000 }), again.getByRole('button', { name: 'Accept' }).click()]);
    await tab.getByRole('heading', { level: 1, name: person.displayName }).waitFor({ timeout: 45_000 });
  });
});
