// The tab in a real Chromium, in browser mode against a whole sandbox Flipside: the person picker,
// a profile read through the API from the synced directory, navigation to the manager, the
// disabled persona, an expired session, a directory still syncing, and axe on every page.
import { type Browser, type Page } from 'playwright-core';
import { axeProblems, browserMissing, darkThemeProblems, shoot, startTabSession, type TabSession } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flipside } from '../../src/server/compose.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';
import { startTestFlipside } from '../support/flipside.ts';

const missing = browserMissing(import.meta.url);

describe.skipIf(missing)('the tab in a browser (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let flipside: Flipside;
  let browser: Browser;
  let page: Page;
  let person: SandboxPerson;
  let manager: SandboxPerson;
  const org = () => flipside.sandbox!.tenant.org;

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 80, seed: 11 });
    ({ flipside, browser, tab: page } = session);
    const org = flipside.sandbox!.tenant.org;
    // Someone ordinary who manages people, deep enough to have a reporting line above their manager.
    person = org.people.find((p) => !p.persona && p.accountEnabled && p.managerId && p.level >= 2 && org.directReports(p.id).length > 0)!;
    manager = org.byId.get(person.managerId!)!;
  }, 120_000);

  afterAll(async () => session?.close());

  it('shows the person picker with the personas and what is special about them', async () => {
    await page.goto(flipside.url);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Who are you?' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByText('HR · Program admin').waitFor();
    for (const badge of ['No manager', 'Account disabled', 'Calendar errors', 'Calendar almost full', 'Changes manager']) {
      expect(await page.getByText(badge, { exact: true }).count(), badge).toBeGreaterThan(0);
    }
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('banner').count()).toBe(1);
    await shoot(page, 'picker');
    expect(await axeProblems(page)).toEqual([]);
  });

  it('signs in as a person found by search and shows their profile and manager from the sandbox', async () => {
    await page.getByRole('searchbox', { name: 'Search people' }).fill(person.displayName);
    const card = page.getByRole('button', { name: new RegExp(person.displayName) });
    await card.first().waitFor();
    await card.first().click();

    const heading = page.getByRole('heading', { level: 1, name: person.displayName });
    await heading.waitFor({ timeout: 15_000 });
    const main = page.getByRole('main');
    await main.getByText(`${person.jobTitle} · ${person.department}`).waitFor();
    await main.getByRole('link', { name: manager.displayName, exact: true }).first().waitFor();
    await main.getByText(person.officeLocation, { exact: true }).waitFor();
    await main.getByText(new RegExp(`^joined \\w+ \\d{4} · `)).waitFor();
    await main.getByText(new RegExp(`^Level ${person.level} · ${person.level} levels below`)).waitFor();
    const reports = org().directReports(person.id);
    await main.getByRole('heading', { level: 2, name: 'People I manage' }).waitFor();
    for (const r of reports) await main.getByRole('list').getByRole('link', { name: r.displayName, exact: true }).waitFor();
    expect(await page.getByRole('banner').getByRole('button', { name: 'Switch person' }).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/');
    await shoot(page, 'profile-light');
    expect(await axeProblems(page)).toEqual([]);

    expect(await darkThemeProblems(page, 'profile-dark')).toEqual([]);
  });

  it('opens the manager’s profile from the profile, and comes back', async () => {
    await page.getByRole('main').getByRole('link', { name: manager.displayName, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: manager.displayName }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/people/${manager.id}`);
    const main = page.getByRole('main');
    await main.getByText(`${manager.jobTitle} · ${manager.department}`).waitFor();
    // The person we came from is one of the people the manager manages.
    await main.getByRole('list').getByRole('link', { name: person.displayName, exact: true }).waitFor();
    await shoot(page, 'person-page');
    expect(await axeProblems(page)).toEqual([]);

    await main.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('heading', { level: 1, name: person.displayName }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('keeps the session on reload and opens a person page directly by its address', async () => {
    await page.goto(`${flipside.url}/people/${manager.id}`);
    await page.getByRole('heading', { level: 1, name: manager.displayName }).waitFor({ timeout: 15_000 });
  });

  it('tells that the disabled persona cannot sign in', async () => {
    await page.getByRole('button', { name: 'Switch person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Who are you?' }).waitFor();
    const org = flipside.sandbox!.tenant.org;
    const disabled = org.byId.get(org.personas.disabled)!;
    // By keyboard: persona cards are buttons.
    await page.getByRole('button', { name: new RegExp(disabled.displayName) }).focus();
    await page.keyboard.press('Enter');
    const message = page.getByText(`${disabled.displayName}'s account is disabled: they cannot sign in.`);
    await message.waitFor();
    expect(await page.getByText('Could not sign in').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1, name: 'Who are you?' }).isVisible()).toBe(true);
    await shoot(page, 'disabled-account');
    expect(await axeProblems(page)).toEqual([]);
  });

  it('goes back to the picker when the sandbox token is no longer accepted', async () => {
    await page.evaluate(() => sessionStorage.setItem('flipside.sandbox.token', JSON.stringify({ accessToken: 'not-a-jwt', expiresAt: Date.now() + 60_000 })));
    await page.goto(flipside.url);
    await page.getByText('Your sandbox session has ended. Pick who you are again.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { level: 1, name: 'Who are you?' }).isVisible()).toBe(true);
  });

  it('asks to open Flipside in Teams when there is no sandbox (tenant mode, outside Teams)', async () => {
    const tenant = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    try {
      const tab = await tenant.newPage();
      // Tenant mode does not mount the sandbox routes: the server's plain 404.
      await tab.route('**/sandbox/**', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: 'Cannot GET' }));
      await tab.goto(flipside.url);
      await tab.getByRole('heading', { level: 1, name: 'Open Flipside in Microsoft Teams' }).waitFor({ timeout: 15_000 });
      expect(await tab.getByRole('button', { name: 'Switch person' }).count()).toBe(0);
    } finally {
      await tenant.close();
    }
  });

  it('says the directory is still syncing, then shows the profile once it has synced', async () => {
    const unsynced = await startTestFlipside({ orgSize: 30, seed: 3, synced: false });
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const tab = await fresh.newPage();
      await tab.goto(unsynced.url);
      const ceo = unsynced.sandbox!.tenant.org.byId.get(unsynced.sandbox!.tenant.org.personas.ceo)!;
      await tab
        .getByRole('button', { name: new RegExp(ceo.displayName) })
        .first()
        .click();
      await tab.getByText("Your organisation's directory is still syncing…").waitFor({ timeout: 15_000 });
      await shoot(tab, 'directory-syncing');
      await unsynced.syncNow();
      await tab.getByRole('button', { name: 'Retry now' }).click();
      await tab.getByRole('heading', { level: 1, name: ceo.displayName }).waitFor();
      await tab.getByText('Level 0 · top of the organisation').waitFor();
    } finally {
      await fresh.close();
      await unsynced.close();
    }
  }, 60_000);
});
