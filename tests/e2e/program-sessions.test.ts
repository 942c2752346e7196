// The program form's Sessions section in a real Chromium against a sandbox Flipside: HR turns a
// program from the suggested plan to their own, prefilled in the suggested shape, trims it to three
// steps by keyboard (focus stays on the moved step's button), sets the agenda lead time and the time
// together, saves, and sees all of it again after a reload; a title over 80 characters is refused
// on its field before any request, and the server's `sessionPlan.2.title` lands on step 3's title
// (the summary links to it);
// back to the suggested plan saves `sessionPlan: null`. Axe in both themes; no sideways scroll at 400 px.
import { type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/contracts/programs.ts';
import { axeProblems, browserMissing, darkThemeProblems, shoot, type TabSession } from '../support/browser.ts';
import { programFormSession, type ProgramFormSession } from '../support/program-form.ts';

const missing = browserMissing(import.meta.url);

const PROGRAM = 'Reverse mentoring · own plan';

describe.skipIf(missing)('the session plan on the program form (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let tab: Page;
  let program: Program;
  let form: ProgramFormSession;

  beforeAll(async () => {
    form = await programFormSession(PROGRAM);
    ({ session, tab, program } = form);
  }, 180_000);

  afterAll(async () => session?.close());

  const saved = () => form.saved();
  const openForm = () => form.openSection('Sessions');

  const titles = (sessions: Locator) => sessions.getByRole('textbox', { name: /^Step \d+ title$/ }).evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));

  it('sets an own plan of three steps and the two numbers, saves, and sees them after a reload', { timeout: 90_000 }, async () => {
    const sessions = await openForm();
    expect(await sessions.getByRole('spinbutton', { name: 'Agenda lead time, in hours' }).inputValue()).toBe('24');
    expect(await sessions.getByRole('spinbutton', { name: 'Time together, in minutes' }).inputValue()).toBe('10');
    expect(await sessions.getByRole('radio', { name: "Suggested plan from each pair's topics" }).isChecked()).toBe(true);
    await sessions.getByText('Halfway: Mid-point review').waitFor();
    expect(await axeProblems(tab)).toEqual([]);

    await sessions.getByRole('radio', { name: 'Our own plan' }).check();
    const prefilled = await titles(sessions);
    expect(prefilled).toHaveLength(5);
    expect([prefilled[0], prefilled[3], prefilled[4]]).toEqual(['Getting to know each other', 'Mid-point review', 'Closing session']);
    expect(await sessions.getByRole('textbox', { name: 'Step 5 description' }).inputValue()).toMatch(/keep meeting/);

    // Down to three steps, by keyboard.
    await sessions.getByRole('button', { name: `Remove step 2: ${prefilled[1]}` }).press('Enter');
    expect(await sessions.getByRole('textbox', { name: 'Step 2 title' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await sessions.getByRole('button', { name: `Remove step 2: ${prefilled[2]}` }).press('Enter');
    await sessions.getByRole('textbox', { name: 'Step 2 title' }).fill('Strategy');
    await sessions.getByRole('textbox', { name: 'Step 2 description' }).fill('The senior shares how a real decision was made.');
    await sessions.getByRole('button', { name: 'Move up step 2: Strategy' }).press('Enter');
    // Focus follows the step, now first, whose Move up is disabled but still focusable.
    const moved = sessions.getByRole('button', { name: 'Move up step 1: Strategy' });
    expect(await moved.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await moved.getAttribute('aria-disabled')).toBe('true');
    await sessions.getByRole('button', { name: 'Move down step 1: Strategy' }).press('Enter');
    expect(await titles(sessions)).toEqual(['Getting to know each other', 'Strategy', 'Closing session']);

    await sessions.getByRole('spinbutton', { name: 'Agenda lead time, in hours' }).fill('48');
    await sessions.getByRole('spinbutton', { name: 'Time together, in minutes' }).fill('15');
    await tab.setViewportSize({ width: 400, height: 900 });
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await shoot(tab, 'program-sessions-01-own-plan-400');
    expect(await darkThemeProblems(tab, 'program-sessions-02-own-plan-dark')).toEqual([]);
    await tab.setViewportSize({ width: 1280, height: 900 });
    await tab.getByRole('button', { name: 'Save changes' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();

    const after = await saved();
    expect(after).toMatchObject({ agendaLeadHours: 48, heldMinutes: 15 });
    expect(after.sessionPlan).toEqual([
      { title: 'Getting to know each other', description: expect.stringMatching(/^Share what you each do/) },
      { title: 'Strategy', description: 'The senior shares how a real decision was made.' },
      { title: 'Closing session', description: expect.stringMatching(/keep meeting/) },
    ]);

    await tab.reload();
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();
    const again = await openForm();
    expect(await again.getByRole('radio', { name: 'Our own plan' }).isChecked()).toBe(true);
    expect(await titles(again)).toEqual(['Getting to know each other', 'Strategy', 'Closing session']);
    expect(await again.getByRole('spinbutton', { name: 'Agenda lead time, in hours' }).inputValue()).toBe('48');
    expect(await again.getByRole('spinbutton', { name: 'Time together, in minutes' }).inputValue()).toBe('15');
  });

  it('refuses a title over 80 characters on its field, and puts the server’s sessionPlan.2.title on step 3', { timeout: 60_000 }, async () => {
    const sessions = tab.getByRole('form', { name: `Edit ${PROGRAM}` }).getByRole('group', { name: 'Sessions' });
    const title = sessions.getByRole('textbox', { name: 'Step 2 title' });
    await title.fill('S'.repeat(81));
    await sessions.getByText('81 / 80').waitFor();
    let puts = 0;
    await tab.route(`**/api/programs/${program.id}`, (route) => {
      if (route.request().method() === 'PUT') puts++;
      return route.fallback();
    });
    await tab.getByRole('button', { name: 'Save changes' }).click();
    const summary = tab.getByRole('group', { name: 'One thing to fix before saving' });
    await summary.getByRole('link', { name: 'Step 2 title must be at most 80 characters.' }).waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await sessions.getByText('Step 2 title must be at most 80 characters.').waitFor();
    expect(puts).toBe(0);
    await shoot(tab, 'program-sessions-03-too-long');

    // The server's word, for a check the tab did not make: on step 3's title.
    await title.fill('Strategy');
    await tab.unroute(`**/api/programs/${program.id}`);
    await tab.route(`**/api/programs/${program.id}`, (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'bad_request', message: 'sessionPlan.2.title: contains a character that cannot be stored', field: 'sessionPlan.2.title', correlationId: 'c-1' } }),
          })
        : route.fallback(),
    );
    try {
      await tab.getByRole('button', { name: 'Save changes' }).click();
      await summary.getByRole('link', { name: 'Contains a character that cannot be stored.' }).click();
      const third = sessions.getByRole('textbox', { name: 'Step 3 title' });
      expect(await third.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await third.getAttribute('aria-invalid')).toBe('true');
      expect(await sessions.getByRole('textbox', { name: 'Step 2 title' }).getAttribute('aria-invalid')).toBeNull();
    } finally {
      await tab.unroute(`**/api/programs/${program.id}`);
    }
  });

  it('back to the suggested plan saves sessionPlan null', { timeout: 60_000 }, async () => {
    const form = tab.getByRole('form', { name: `Edit ${PROGRAM}` });
    await form.getByRole('radio', { name: "Suggested plan from each pair's topics" }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();
    expect((await saved()).sessionPlan).toBeNull();
  });
});
