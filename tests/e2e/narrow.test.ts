// The tab at 400 px (a phone, Teams' side panel): Admin's programs, Matching's proposed pairs, the
// Meetings view after publishing and a mentee's Me page each fit the width (no sideways scrolling)
// and axe finds nothing. Screenshots under screenshots/narrow-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/contracts/programs.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor, type Api } from '../support/api.ts';
import { axeProblems, browserMissing, shoot, signInAs, startTabSession, type TabSession } from '../support/browser.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment } from '../support/programs.ts';

const missing = browserMissing(import.meta.url);
const TOPIC = 'ai-assistants';
const PROGRAM = 'Reverse mentoring with a rather long name, to wrap on a phone';

/** The page's width in CSS pixels, whatever its content would like. */
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Boxes inside the page that scroll sideways (a table in a card with overflow: auto): none wanted either. */
const sidewaysScrollers = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`),
  );

describe.skipIf(missing)('the tab at 400 px wide (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let flipside: Flipside;
  let api: Api;
  let tab: Page;
  let hr: SandboxPerson;
  let mentee: SandboxPerson;
  let program: Program;

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 120, jobs: true });
    ({ flipside, tab } = session);
    await tab.setViewportSize({ width: 400, height: 800 });
    const org = flipside.sandbox!.tenant.org;
    hr = org.byId.get(org.personas.hrAdmin)!;
    api = apiFor(flipside);
    program = await createProgram(api, hr.id, { name: PROGRAM });
    const ordinary = ordinaryPeople(org);
    const mentors = ordinary.filter((p) => p.level >= 3).slice(0, 3);
    const mentees = ordinary.filter((p) => p.level === 1).slice(0, 3);
    mentee = mentees[0]!;
    const cadence = program.cadences[0]!;
    await enrollApproved(flipside, api, program.id, [
      ...mentors.map((p) => ({ userId: p.id, enrollment: mentorEnrollment({ teach: [{ topicId: TOPIC, level: 4 }], goals: ['Show a senior leader three everyday uses of AI assistants'], cadence }) })),
      ...mentees.map((p) => ({ userId: p.id, enrollment: menteeEnrollment({ learn: [{ topicId: TOPIC, level: 3 }], goals: ['Draft my quarterly update with an AI assistant by March'], cadence }) })),
    ]);
    await api.ok(hr.id, 'POST', `/programs/${program.id}/matching/runs`);
  }, 180_000);

  afterAll(async () => session?.close());

  async function fitsAndPasses(name: string) {
    await tab.waitForTimeout(300); // Fluent's transitions, so the screenshot shows the settled page
    await shoot(tab, `narrow-${name}`);
    expect(await scrollWidth(tab)).toBeLessThanOrEqual(400);
    expect(await sidewaysScrollers(tab)).toEqual([]);
    expect(await axeProblems(tab)).toEqual([]);
  }

  it('Admin: the programs list fits', { timeout: 60_000 }, async () => {
    await tab.goto(flipside.url);
    await signInAs(tab, hr);
    await tab.goto(`${flipside.url}/admin`);
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();
    await tab.getByRole('link', { name: `Matching for ${PROGRAM}` }).waitFor();
    await fitsAndPasses('01-admin');
  });

  it('Matching: the proposed pairs fit', { timeout: 60_000 }, async () => {
    await tab.getByRole('link', { name: `Matching for ${PROGRAM}` }).click();
    await tab.getByRole('heading', { level: 2, name: /^Proposed pairs \(\d+\)$/ }).waitFor({ timeout: 30_000 });
    // Fluent's lock icon, not an emoji some fonts draw as an empty box.
    const lock = tab.getByRole('button', { name: /^Lock / }).first();
    expect(await lock.locator('svg').count()).toBe(1);
    expect(await lock.innerText()).toBe('Lock');
    await fitsAndPasses('02-matching');
  });

  it('Meetings: the published pairs and their meetings fit', { timeout: 90_000 }, async () => {
    await api.ok(hr.id, 'POST', `/programs/${program.id}/matching/publish`);
    await tab.reload();
    await tab.getByRole('table', { name: 'Meetings of each pair' }).waitFor({ timeout: 30_000 });
    await fitsAndPasses('03-meetings');
  });

  it('the program form counts the name and refuses a too-long one with the reason, never cutting it', { timeout: 60_000 }, async () => {
    await tab.goto(`${flipside.url}/admin/programs/new`);
    const name = tab.getByRole('textbox', { name: /^Name/ });
    await name.waitFor({ timeout: 30_000 });
    const long = 'A program name pasted from a long planning document, far past what fits on a card';
    expect(long.length).toBeGreaterThan(80);
    await name.fill(long);
    expect(await name.inputValue()).toBe(long); // kept whole, not cut at 80
    await tab.getByText(`${long.length} / 80`).waitFor();
    await name.press('Enter');
    await tab.getByText('Name must be at most 80 characters', { exact: false }).first().waitFor();
    await fitsAndPasses('05-program-name');
  });

  it('Me: a mentee’s own page fits', { timeout: 60_000 }, async () => {
    const context = await session.browser.newContext({ viewport: { width: 400, height: 800 }, colorScheme: 'light', locale: 'en-GB' });
    tab = await context.newPage();
    await tab.goto(flipside.url);
    await signInAs(tab, mentee);
    await tab.getByText(PROGRAM, { exact: false }).first().waitFor({ timeout: 30_000 });
    await fitsAndPasses('04-me');
    await context.close();
  });
});
