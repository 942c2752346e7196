// HR's review of matching in a real Chromium against a whole sandbox Flipside with its jobs running:
// a program with 5 mentors (level 3, teaching AI assistants) and 7 mentees (levels 1–2, learning
// it), enrolled through the API and approved in the database → HR runs matching, locks one pair,
// removes another, is refused a hand assignment inline, runs again (the lock holds, the removed
// pair stays gone), publishes → both people of the locked pair get the card with their reasons in
// the sandbox chat view → the mentee's Me page says "Your mentor: …" → in the pair's group chat the
// mentee picks one of the offered times, both see it booked, the series is on both sandbox
// calendars and the Me page shows the next session with the join link. Axe on the pages.
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { apiFor } from '../support/api.ts';
import { axeProblems, browserMissing, escapeRegExp, shoot, signInAs, startTabSession, type TabSession } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/contracts/programs.ts';
import type { Flipside } from '../../src/server/compose.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment } from '../support/programs.ts';

const missing = browserMissing(import.meta.url);

const PROGRAM = 'Reverse mentoring · matching';
const TOPIC = 'ai-assistants';

interface Pair {
  mentor: string;
  mentee: string;
}

describe.skipIf(missing)('HR reviews and publishes matching, end to end (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let flipside: Flipside;
  let context: BrowserContext;
  let tab: Page;
  let hr: SandboxPerson;
  let program: Program;
  let people: Map<string, SandboxPerson>;
  let locked: Pair;
  let removed: Pair;

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 120, jobs: true });
    ({ flipside, context, tab } = session);
    const org = flipside.sandbox!.tenant.org;
    hr = org.byId.get(org.personas.hrAdmin)!;
    people = org.byId;

    const api = apiFor(flipside);
    program = await createProgram(api, hr.id, { name: PROGRAM });

    // Ordinary, enabled people inside the tree. A 120-person org is three levels deep under the CEO,
    // and the template wants mentors at least two levels junior: level-3 mentors can teach the
    // executives (level 1); the directors (level 2) are one level too close, so they wait, with why.
    const ordinary = ordinaryPeople(org);
    const mentors = ordinary.filter((p) => p.level >= 3).slice(0, 5);
    const mentees = [...ordinary.filter((p) => p.level === 1).slice(0, 4), ...ordinary.filter((p) => p.level === 2).slice(0, 3)];
    expect(mentors).toHaveLength(5);
    expect(mentees).toHaveLength(7);
    const cadence = program.cadences[0]!;
    // Managers approve from a card in their chat (enrollment-flow.test.ts walks that): here, straight in the store.
    await enrollApproved(flipside, api, program.id, [
      ...mentors.map((p) => ({ userId: p.id, enrollment: mentorEnrollment({ teach: [{ topicId: TOPIC, level: 4 }], goals: ['Show a senior leader three everyday uses of AI assistants'], cadence }) })),
      ...mentees.map((p) => ({ userId: p.id, enrollment: menteeEnrollment({ learn: [{ topicId: TOPIC, level: 3 }], goals: ['Draft my quarterly update with an AI assistant by March'], cadence }) })),
    ]);
  }, 180_000);

  afterAll(async () => session?.close());

  const pairsTable = () => tab.getByRole('table', { name: 'Proposed pairs' });
  /** Mentor and mentee names of every proposed pair, in the table's order. */
  async function pairsShown(): Promise<Pair[]> {
    const rows = pairsTable().getByRole('row');
    const out: Pair[] = [];
    for (let i = 1; i < (await rows.count()); i++) {
      const cells = rows.nth(i).getByRole('cell');
      // The first line of each person's cell is the name; titles and badges follow.
      const [mentor, mentee] = await Promise.all([cells.nth(0), cells.nth(2)].map(async (c: Locator) => (await c.innerText()).split('\n')[0]!.trim()));
      out.push({ mentor: mentor!, mentee: mentee! });
    }
    return out;
  }
  const named = (pair: Pair) => `${pair.mentor} and ${pair.mentee}`;

  it('HR opens Matching from the Admin page and sees the empty state', { timeout: 60_000 }, async () => {
    // Regression (issue 13): "the Matching page logs a 404 before the first run".
    const failed: string[] = [];
    tab.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    tab.on('console', (m) => {
      if (m.type() === 'error') failed.push(m.text());
    });
    await tab.goto(flipside.url);
    await signInAs(tab, hr);
    await tab.getByRole('navigation', { name: 'Flipside' }).getByRole('tab', { name: 'Admin' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();
    await tab.getByRole('link', { name: `Matching for ${PROGRAM}` }).click();
    await tab.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
    await tab.getByText('Nobody is matched yet. Run matching when enrollment has closed', { exact: false }).waitFor();
    expect(new URL(tab.url()).pathname).toBe(`/admin/programs/${program.id}/matching`);
    await shoot(tab, 'matching-01-empty');
    expect(await axeProblems(tab)).toEqual([]);
    expect(failed).toEqual([]);
    tab.removeAllListeners('response');
    tab.removeAllListeners('console');
  });

  it('runs matching: pool numbers, pairs with score and reasons, the unmatched with why', { timeout: 60_000 }, async () => {
    await tab.getByRole('button', { name: 'Run matching' }).click();
    await tab.getByRole('heading', { level: 2, name: /^Proposed pairs \(\d+\)$/ }).waitFor({ timeout: 30_000 });
    const stats = tab.getByLabel('Pool and result');
    expect(await stats.locator('dt').allInnerTexts()).toEqual(['Mentors', 'Mentees', 'Eligible pairs', 'Matched', 'Quality']);
    expect((await stats.locator('dd').allInnerTexts()).slice(0, 2)).toEqual(['5', '7']);
    await stats.getByText('Locked pairs are kept; removed pairs are not proposed again.').waitFor();
    expect(await tab.getByRole('button', { name: 'Run again' }).isVisible()).toBe(true);

    const pairs = await pairsShown();
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    expect(await pairsTable().getByRole('columnheader').allInnerTexts()).toEqual(['Mentor', '→', 'Mentee', 'Score', 'Why this pair', 'Actions']);
    const firstRow = pairsTable().getByRole('row').nth(1);
    expect(await firstRow.getByRole('cell').nth(3).innerText()).toMatch(/^\d{1,3}%$/);
    expect(await firstRow.getByRole('listitem').count()).toBeGreaterThan(0);
    // 7 mentees, 5 mentors of capacity 1: at least two wait, each with the reason.
    await tab.getByRole('heading', { level: 2, name: /^Unmatched mentees \(\d+\)$/ }).waitFor();
    expect(await tab.getByRole('list', { name: 'Unmatched mentees' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    await shoot(tab, 'matching-02-proposed');
    expect(await axeProblems(tab)).toEqual([]);
    [locked, removed] = [pairs[0]!, pairs[1]!];
  });

  it('locks one pair, removes another, and is refused a hand assignment inline', { timeout: 60_000 }, async () => {
    const lock = tab.getByRole('button', { name: `Lock ${named(locked)}` });
    expect(await lock.getAttribute('aria-pressed')).toBe('false');
    await lock.click();
    await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('true');
    await pairsTable()
      .getByRole('row', { name: new RegExp(escapeRegExp(locked.mentee)) })
      .getByText('Locked', { exact: true })
      .first()
      .waitFor();

    await tab.getByRole('button', { name: `Remove ${named(removed)}` }).click();
    const confirm = tab.getByRole('dialog', { name: `Remove ${named(removed)}?` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Remove pair' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await tab.getByRole('button', { name: /^Removed pairs \(1\)$/ }).waitFor();
    expect(await tab.getByRole('button', { name: `Lock ${named(removed)}` }).count()).toBe(0);

    // The locked pair's mentor is at capacity (1): assigning them to someone else is refused, on the field.
    const unmatched = tab.getByRole('list', { name: 'Unmatched mentees' }).getByRole('listitem').first();
    const menteeName = (await unmatched.innerText()).split('\n')[0]!.trim();
    await unmatched.getByRole('button', { name: `Assign by hand to ${menteeName}` }).click();
    const dialog = tab.getByRole('dialog', { name: `Assign a mentor to ${menteeName}` });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: /Mentor/ }).click();
    await dialog.getByRole('combobox', { name: /Mentor/ }).pressSequentially(locked.mentor.slice(0, 5));
    await tab.getByRole('option', { name: new RegExp(`^${escapeRegExp(locked.mentor)}`) }).click();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    const refusal = dialog.getByText(/already has 1 mentee|breaks a rule/);
    await refusal.waitFor({ timeout: 10_000 });
    const combo = dialog.getByRole('combobox', { name: /Mentor/ });
    expect(await combo.getAttribute('aria-invalid')).toBe('true');
    await shoot(tab, 'matching-03-assign-refused');
    expect(await axeProblems(tab)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('runs again: the locked pair is kept, the removed pair is not proposed again', { timeout: 60_000 }, async () => {
    await tab.getByRole('button', { name: 'Run again' }).click();
    await tab
      .getByText('Matching done:', { exact: false })
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    await expect.poll(async () => tab.getByRole('button', { name: 'Run again' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    const pairs = await pairsShown();
    expect(pairs).toContainEqual(locked);
    expect(pairs).not.toContainEqual(removed);
    expect(await tab.getByRole('button', { name: `Lock ${named(locked)}` }).getAttribute('aria-pressed')).toBe('true');
    await tab.getByRole('button', { name: /^Removed pairs \(1\)$/ }).click();
    await tab.getByRole('list', { name: 'Removed pairs' }).getByText(`${removed.mentor} → ${removed.mentee}`).waitFor();
    await shoot(tab, 'matching-04-run-again');
    expect(await axeProblems(tab)).toEqual([]);
  });

  it('publishes after a confirm that says both people get a card; edits are gone', { timeout: 60_000 }, async () => {
    await tab.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = tab.getByRole('dialog', { name: /^Publish \d+ pairs?\?$/ });
    await dialog.getByText('Both people of each pair will get a card in their chat with Flipside in Teams', { exact: false }).waitFor();
    await shoot(tab, 'matching-05-publish-confirm');
    await dialog.getByRole('button', { name: 'Publish and tell everyone' }).click();
    await tab.getByText(/^Published on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/).waitFor({ timeout: 15_000 });
    expect(await tab.getByRole('button', { name: /^(Lock|Remove) / }).count()).toBe(0);
    expect(await tab.getByRole('button', { name: 'Run again' }).count()).toBe(0);
    expect(await tab.getByRole('button', { name: /by hand$/ }).count()).toBe(0);
    await shoot(tab, 'matching-06-published');
    expect(await axeProblems(tab)).toEqual([]);
  });

  it('both people of the locked pair get the card with the reasons in their chat', { timeout: 60_000 }, async () => {
    const byName = (name: string) => [...people.values()].find((p) => p.displayName === name)!;
    const mentor = byName(locked.mentor);
    const mentee = byName(locked.mentee);
    const reason = (
      await pairsTable()
        .getByRole('row', { name: new RegExp(escapeRegExp(locked.mentee)) })
        .first()
        .getByRole('listitem')
        .first()
        .innerText()
    ).trim();
    const chat = await context.newPage();
    try {
      await chat.goto(`${flipside.url}/sandbox/chat/?as=${mentor.id}`);
      const log = chat.getByRole('log');
      await log.getByText(`Meet your mentee: ${mentee.displayName}`, { exact: false }).first().waitFor({ timeout: 20_000 });
      await log.getByText(reason, { exact: false }).first().waitFor();
      await shoot(chat, 'matching-07-mentor-card');

      await chat.goto(`${flipside.url}/sandbox/chat/?as=${mentee.id}`);
      await chat.getByRole('log').getByText(`Meet your mentor: ${mentor.displayName}`, { exact: false }).first().waitFor({ timeout: 20_000 });
      await chat.getByRole('log').getByText(reason, { exact: false }).first().waitFor();
      await shoot(chat, 'matching-08-mentee-card');
    } finally {
      await chat.close();
    }

    await tab.getByRole('button', { name: 'Switch person' }).click();
    await signInAs(tab, mentee);
    const main = tab.getByRole('main');
    await main.getByRole('heading', { level: 2, name: 'My matches' }).waitFor({ timeout: 15_000 });
    await main.getByRole('heading', { level: 3, name: `Your mentor: ${mentor.displayName}` }).waitFor();
    await main.getByText(reason).waitFor();
    await shoot(tab, 'matching-09-me-your-mentor');
    expect(await axeProblems(tab)).toEqual([]);
  });
  it('the pair picks a time in their group chat; both see it booked; the series is on both calendars', { timeout: 90_000 }, async () => {
    const byName = (name: string) => [...people.values()].find((p) => p.displayName === name)!;
    const mentor = byName(locked.mentor);
    const mentee = byName(locked.mentee);
    const chat = await context.newPage();
    try {
      // Flipside made the pair a group chat and posted the times there (the booking job runs on publish).
      await chat.goto(`${flipside.url}/sandbox/chat/?as=${mentee.id}`);
      const pairChat = chat.getByRole('button', { name: /Mentoring: / });
      await pairChat.first().waitFor({ timeout: 30_000 });
      await pairChat.first().click();
      const log = chat.getByRole('log');
      await log.getByText('Pick a time for your mentoring sessions').waitFor({ timeout: 30_000 });
      await log.getByText(`${mentee.displayName}:`, { exact: false }).first().waitFor();
      await shoot(chat, 'booking-01-offer');
      await log
        .getByRole('button', { name: /^Pick (this time|option 1)$/ })
        .first()
        .click();
      // The click is taken at once; the series follows in a moment and the card updates for both.
      await log.getByText('Booked: your mentoring sessions').waitFor({ timeout: 30_000 });
      await log.getByText('Join on Teams', { exact: true }).waitFor();
      await shoot(chat, 'booking-02-booked-mentee');

      await chat.goto(`${flipside.url}/sandbox/chat/?as=${mentor.id}`);
      await chat
        .getByRole('button', { name: /Mentoring: / })
        .first()
        .click();
      await chat.getByRole('log').getByText('Booked: your mentoring sessions').waitFor({ timeout: 20_000 });
      await chat.getByRole('log').getByText(`Picked by ${mentee.displayName}`, { exact: false }).waitFor();
      await shoot(chat, 'booking-03-booked-mentor');
    } finally {
      await chat.close();
    }
    // One series, on both sandbox calendars, with a Teams link.
    const tenant = flipside.sandbox!.tenant;
    for (const who of [mentor, mentee]) expect(tenant.eventsOf(who.id).filter((e) => String(e.resource.subject).startsWith('Reverse mentoring:'))).toHaveLength(1);
    const [series] = tenant.eventsOf(mentor.id).filter((e) => String(e.resource.subject).startsWith('Reverse mentoring:'));
    expect(series!.organizerId).toBe(mentor.id);
    expect(series!.resource).toMatchObject({ isOnlineMeeting: true, recurrence: { pattern: { type: 'weekly' } } });

    // The mentee's tab shows the next session and the join link.
    await tab.reload();
    const main = tab.getByRole('main');
    await main.getByRole('heading', { level: 3, name: `Your mentor: ${mentor.displayName}` }).waitFor({ timeout: 15_000 });
    await main.getByText('Next session', { exact: false }).first().waitFor({ timeout: 15_000 });
    await main.getByRole('link', { name: /Join on Teams/ }).waitFor();
    await shoot(tab, 'booking-04-me-next-session');
    expect(await axeProblems(tab)).toEqual([]);
  });
});
