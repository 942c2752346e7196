// The tab's weight as a browser gets it: hashed assets compressed (brotli, else gzip) and cached as
// immutable, index.html revalidated, API answers compressed, and the Me page loading none of the
// HR pages' code (which loads, on its own, when HR opens the Admin page).
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor } from '../support/api.ts';
import { browserMissing, signInAs, startTabSession, type TabSession } from '../support/browser.ts';
import { signIn } from '../support/flipside.ts';
import { createProgram } from '../support/programs.ts';

const missing = browserMissing(import.meta.url);
/** The HR pages' modules and their API client (src/tab/hrApi.ts), by the names the build gives their chunks. */
const HR_PAGES = /\/assets\/(AdminPage|MatchingPage|ProgramEditPage|hrApi)-[^/]+\.js$/;

describe.skipIf(missing)('the tab’s weight (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let flipside: Flipside;
  let page: Page;
  const scripts: string[] = [];

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 60, seed: 5 });
    ({ flipside, tab: page } = session);
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
  }, 120_000);
  afterAll(async () => session?.close());

  const entryScript = async () => {
    const html = await (await fetch(flipside.url)).text();
    return /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  };

  it('serves hashed assets pre-compressed, brotli first, and cached for a year as immutable', async () => {
    const asset = await entryScript();
    const br = await fetch(`${flipside.url}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const plainSize = (await (await fetch(`${flipside.url}${asset}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).byteLength;
    expect((await br.arrayBuffer()).byteLength).toBe(plainSize); // fetch inflates: the same script

    const gzip = await fetch(`${flipside.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html on every load, so a new build is picked up at once', async () => {
    for (const path of ['/', '/programs']) {
      const res = await fetch(`${flipside.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('compresses API answers', async () => {
    const org = flipside.sandbox!.tenant.org;
    const api = apiFor(flipside);
    await createProgram(api, org.personas.hrAdmin, { name: 'Compressed answers' });
    const token = await signIn(flipside, org.personas.hrAdmin);
    const res = await fetch(`${flipside.url}/api/programs`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await res.json())[0].name).toBe('Compressed answers');
  });

  it('loads none of the HR pages’ code on the Me page, and loads it when HR opens Admin', async () => {
    const org = flipside.sandbox!.tenant.org;
    const employee = org.people.find((p) => !p.persona && p.accountEnabled && p.managerId)!;
    await page.goto(flipside.url);
    await signInAs(page, employee);
    await page.locator('#my-enrollments-heading').waitFor({ timeout: 30_000 });
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => HR_PAGES.test(s))).toEqual([]);

    await page.getByRole('banner').getByRole('button', { name: 'Switch person' }).click();
    await signInAs(page, org.byId.get(org.personas.hrAdmin)!);
    await page.getByRole('tab', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor({ timeout: 30_000 });
    expect(scripts.some((s) => /\/assets\/AdminPage-[^/]+\.js$/.test(s))).toBe(true);
    expect(scripts.some((s) => /\/assets\/hrApi-[^/]+\.js$/.test(s))).toBe(true);
  });
});
