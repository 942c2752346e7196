// The first half of the program loop in a real Chromium against a whole sandbox Flipside with its
// jobs running (the outbox delivers every 500 ms): HR creates a program from the template on the
// Admin page → an employee enrolls from the tab (after a field error) → their manager approves with
// a note in the sandbox chat view → the employee's chat has the outcome card → the tab shows
// "Approved" with the note. Axe on the programs page, the enrollment form and the admin page.
import { type BrowserContext, type Page } from 'playwright-core';
import { axeProblems, browserMissing, darkThemeProblems, escapeRegExp, shoot, signInAs, startTabSession, type TabSession } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flipside } from '../../src/server/compose.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';

const missing = browserMissing(import.meta.url);

const NOTE = 'Great idea — block Thursday afternoons for it.';
const GOAL = 'By March, run a Copilot demo for my team of 8 and write up three tips';

describe.skipIf(missing)('enrollment and manager approval, end to end (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let flipside: Flipside;
  let context: BrowserContext;
  let tab: Page;
  let hr: SandboxPerson;
  let employee: SandboxPerson;
  let manager: SandboxPerson;

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 120, jobs: true });
    ({ flipside, context, tab } = session);
    const org = flipside.sandbox!.tenant.org;
    hr = org.byId.get(org.personas.hrAdmin)!;
    // Someone junior and ordinary whose manager is an ordinary, enabled account: the manager approves.
    employee = org.people.find((p) => {
      const m = p.managerId ? org.byId.get(p.managerId) : undefined;
      return !p.persona && p.accountEnabled && p.level >= 3 && m !== undefined && !m.persona && m.accountEnabled && m.id !== hr.id;
    })!;
    manager = org.byId.get(employee.managerId!)!;
  }, 180_000);

  afterAll(async () => session?.close());

  it('HR creates a program from the template on the Admin page', { timeout: 90_000 }, async () => {
    await tab.goto(flipside.url);
    await signInAs(tab, hr);
    const nav = tab.getByRole('navigation', { name: 'Flipside' });
    expect(await nav.getByRole('tab').allInnerTexts()).toEqual(['Me', 'Programs', 'My data', 'Admin']);
    const chatLink = tab.getByRole('banner').getByRole('link', { name: /Open my Teams chat \(sandbox\)/ });
    expect(await chatLink.getAttribute('href')).toBe(`/sandbox/chat/?as=${hr.id}`);
    expect(await chatLink.getAttribute('target')).toBe('_blank');

    await nav.getByRole('tab', { name: 'Admin' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();
    await tab.getByText('No programs yet.', { exact: false }).waitFor();
    await shoot(tab, 'flow-01-admin-empty');
    expect(await axeProblems(tab)).toEqual([]);

    await tab.getByRole('link', { name: 'New program' }).click();
    await tab.getByRole('heading', { level: 1, name: 'New program' }).waitFor();
    const form = tab.getByRole('form', { name: 'New program' });
    expect(await form.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('Reverse mentoring');
    expect(await form.getByRole('textbox', { name: /^Topic \d+ name$/ }).count()).toBe(12);
    expect(await form.getByRole('radio', { name: '45 min' }).isChecked()).toBe(true);
    await shoot(tab, 'flow-02-admin-new-program');
    expect(await axeProblems(tab)).toEqual([]);

    // A new topic's id follows its name.
    await form.getByRole('button', { name: 'Add a topic' }).click();
    await form.getByRole('textbox', { name: 'Topic 13 name' }).fill('Gen Z & the workplace');
    expect(await form.getByRole('textbox', { name: 'Topic 13 id' }).inputValue()).toBe('gen-z-and-the-workplace');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Reverse mentoring 2027');
    await form.getByRole('button', { name: 'Create program' }).click();

    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();
    const row = tab.getByRole('row', { name: /Reverse mentoring 2027/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      'Reverse mentoring 2027',
      expect.stringMatching(/^\d{1,2} \w{3} – \d{1,2} \w{3} \d{4}$|^\d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4}$/),
      expect.stringMatching(/^Enrollment open · closes \d{1,2} \w{3}$/),
      '0',
      '0',
      expect.stringMatching(/^Edit\s*Matching\s*Audit log\s*Dashboard\s*Archive\s*Delete$/),
    ]);
    await shoot(tab, 'flow-03-admin-table');
    expect(await axeProblems(tab)).toEqual([]);
  });

  it('the employee enrolls from the tab, after a field error, and sees "Pending approval"', { timeout: 90_000 }, async () => {
    await tab.getByRole('button', { name: 'Switch person' }).click();
    await signInAs(tab, employee);
    const nav = tab.getByRole('navigation', { name: 'Flipside' });
    expect(await nav.getByRole('tab').allInnerTexts()).toEqual(['Me', 'Programs', 'My data']);

    await nav.getByRole('tab', { name: 'Programs' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
    const card = tab.getByRole('main');
    await card.getByRole('heading', { level: 2, name: 'Reverse mentoring 2027' }).waitFor();
    await card.getByText(/^Enrollment open · closes \d{1,2} \w{3}$/).waitFor();
    await card.getByText('45 min each').waitFor();
    await card.getByText('Weekly, every two weeks or monthly').waitFor();
    await shoot(tab, 'flow-04-programs');
    expect(await axeProblems(tab)).toEqual([]);

    await tab.getByRole('link', { name: 'Enroll in Reverse mentoring 2027' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Enroll in Reverse mentoring 2027' }).waitFor();
    const form = tab.getByRole('form', { name: 'Enroll in Reverse mentoring 2027' });
    await form.getByRole('radio', { name: /^Mentor\b/ }).check();
    await form.getByRole('textbox', { name: 'Goal 1' }).fill(GOAL);
    await form.getByRole('checkbox', { name: /I take part voluntarily/ }).check();

    // No topic yet: the field says so, and the summary at the top takes focus and links to it.
    await form.getByRole('button', { name: 'Send for approval' }).click();
    const teach = form.getByRole('group', { name: 'Topics you can teach' });
    await teach.getByText('Choose at least one topic you can teach.').waitFor();
    const summary = form.getByRole('group', { name: 'One thing to fix before you enroll' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await teach.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      await teach.evaluate((el) =>
        el
          .getAttribute('aria-describedby')!
          .split(' ')
          .some((id) => document.getElementById(id)?.textContent === 'Choose at least one topic you can teach.'),
      ),
    ).toBe(true);
    await shoot(tab, 'flow-05-enroll-field-error');
    expect(await axeProblems(tab)).toEqual([]);
    await summary.getByRole('link', { name: 'Choose at least one topic you can teach.' }).click();
    expect(await teach.evaluate((el) => el.contains(document.activeElement))).toBe(true);

    await teach.getByRole('checkbox', { name: 'AI assistants at work' }).check();
    await teach.getByRole('radiogroup', { name: 'Your level in AI assistants at work, 1 to 5' }).getByRole('radio', { name: '4' }).check();
    await teach.getByRole('checkbox', { name: 'Teams and Copilot power use' }).check();
    expect(await teach.getByText('Choose at least one topic you can teach.').count()).toBe(0);
    // Regression (issue 13): "Write goal 1, or remove it" with no Remove button to do it.
    expect(await form.getByRole('button', { name: /^Remove goal/ }).count()).toBe(0);
    await form.getByRole('button', { name: 'Add a goal' }).click();
    await form.getByRole('button', { name: 'Send for approval' }).click();
    await form.getByText('Write goal 2, or remove it.').first().waitFor();
    await form.getByRole('button', { name: 'Remove goal 2' }).click();
    expect(await form.getByRole('button', { name: /^Remove goal/ }).count()).toBe(0);
    await form.getByRole('radio', { name: /^Every two weeks/ }).check();
    await shoot(tab, 'flow-06-enroll-filled');
    expect(await axeProblems(tab)).toEqual([]);
    await form.getByRole('button', { name: 'Send for approval' }).click();

    await tab.getByRole('heading', { level: 1, name: 'My enrollment' }).waitFor({ timeout: 15_000 });
    const main = tab.getByRole('main');
    await main.getByText('Pending approval', { exact: true }).waitFor();
    await main.getByText(`Waiting for ${manager.displayName}’s approval`).waitFor();
    await main.getByText(GOAL).waitFor();
    await main.getByText('AI assistants at work').waitFor();
    await shoot(tab, 'flow-07-pending');
  });

  it('the manager sees the approval card in their chat, approves with a note, and the card shows the decision', { timeout: 90_000 }, async () => {
    const chat = await context.newPage();
    try {
      await chat.goto(`${flipside.url}/sandbox/chat/?as=${manager.id}`);
      const log = chat.getByRole('log');
      // The outbox delivers on its own; the automatic refresh turns the card into the manager's view.
      await log.getByText(employee.displayName, { exact: false }).first().waitFor({ timeout: 20_000 });
      await log.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 20_000 });
      await log.getByRole('button', { name: 'Decline' }).waitFor();
      await shoot(chat, 'flow-08-manager-card');
      await log.getByRole('textbox', { name: new RegExp(`^Note for ${escapeRegExp(employee.displayName.split(' ')[0]!)}`) }).fill(NOTE);
      await log.getByRole('button', { name: 'Approve' }).click();
      await log
        .getByText(new RegExp(`Approved by ${escapeRegExp(manager.displayName)} on`))
        .first()
        .waitFor({ timeout: 15_000 });
      expect(await log.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      await shoot(chat, 'flow-09-manager-approved');

      await chat.goto(`${flipside.url}/sandbox/chat/?as=${employee.id}`);
      await chat.getByRole('log').getByText("You're in: Reverse mentoring 2027", { exact: false }).waitFor({ timeout: 20_000 });
      await chat.getByRole('log').getByText(NOTE).waitFor();
      await shoot(chat, 'flow-10-employee-outcome');
    } finally {
      await chat.close();
    }
  });

  it('the tab shows "Approved" with the note, on its own (polling) and on the Me page', { timeout: 60_000 }, async () => {
    const main = tab.getByRole('main');
    await main.getByText('Approved', { exact: true }).waitFor({ timeout: 15_000 });
    await main.getByText(new RegExp(`^Approved by ${escapeRegExp(manager.displayName)} on \\d{1,2} \\w{3}$`)).waitFor();
    await main.getByText(`“${NOTE}”`).waitFor();
    expect(await main.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await main.getByRole('button', { name: 'Withdraw' }).count()).toBe(1);
    await shoot(tab, 'flow-11-approved');

    await tab.getByRole('navigation', { name: 'Flipside' }).getByRole('tab', { name: 'Me' }).click();
    await tab.getByRole('heading', { level: 2, name: 'My enrollments' }).waitFor();
    await main.getByText(`“${NOTE}”`).waitFor();
    await shoot(tab, 'flow-12-me-page');

    await tab.getByRole('navigation', { name: 'Flipside' }).getByRole('tab', { name: 'Programs' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
    await main.getByRole('link', { name: 'View my enrollment' }).waitFor();
    expect(await main.getByRole('link', { name: /^Enroll/ }).count()).toBe(0);
    await shoot(tab, 'flow-13-programs-approved');
    expect(await axeProblems(tab)).toEqual([]);

    expect(await darkThemeProblems(tab, 'flow-14-programs-dark')).toEqual([]);
  });

  it('a non-admin who opens /admin is told it is for program admins', async () => {
    await tab.goto(`${flipside.url}/admin`);
    try {
      await tab.getByText('Only program admins can open this page').waitFor({ timeout: 20_000 });
    } catch (error) {
      await shoot(tab, 'flow-15-not-admin-failure');
      throw new Error(`the page showed instead: ${(await tab.locator('body').innerText()).slice(0, 500)}`, { cause: error });
    }
  });
});
