// A pair's sessions over three sandbox weeks, in a real Chromium against a whole sandbox Flipside:
// the pair is booked through the bot and Graph (tests/sessions/support.ts), then everything is
// clicked as the two people would. The mentor moves time with the chat view's clock strip and sees
// the agenda in the pair chat, adds an action item; the mentee sees it, and a feedback card in
// their 1:1 chat (as does the mentor), and answers it; the tab's My mentoring shows the session
// held with the mentee's rating and goal progress, and follows the tab's own clock banner through
// three weeks in all, to the next session held and its agenda carrying the action items.
// Screenshots in light and dark, and at 400 px, with no sideways scroll.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSessions } from '../../src/app/sessions/plan.ts';
import type { SessionRecord } from '../../src/app/sessions/ports.ts';
import type { SandboxTime } from '../../src/contracts/sessions.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';
import { axeProblems, browserMissing, darkThemeProblems, escapeRegExp, launchChromium, shoot, signInAs } from '../support/browser.ts';
import { bookedPair, sessionsOf, type BookedPair } from '../sessions/support.ts';

const missing = browserMissing(import.meta.url);

const MIN = 60_000;
const DAY = 86_400_000;
const MOVING = 'Moving time… jobs run as it goes';
const ADDED = 'Share the Q3 strategy deck';
const FROM_FEEDBACK = 'Try Copilot on the weekly report';
/** The goal of every enrollment in tests/support/programs.ts. */
const GOAL = 'Run a Copilot demo for my team by March';

describe.skipIf(missing)('a pair through three sandbox weeks, in the chat view and the tab (Chromium at /usr/bin/chromium)', () => {
  let p: BookedPair;
  let browser: Browser;
  let page: Page;
  let mentor: SandboxPerson;
  let mentee: SandboxPerson;
  let first: SessionRecord;
  let second: SessionRecord;

  const clockNow = async () => ((await (await fetch(`${p.f.url}/sandbox/control/time`)).json()) as SandboxTime).now;
  /** Whether the page can be scrolled sideways. */
  const scrollsSideways = (pg: Page) => pg.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

  /** The chat view as `person`, on the chat named `chat` (their pair's group chat, or their 1:1 with the bot). */
  async function chatViewAs(person: SandboxPerson, chat: 'pair' | 'bot') {
    await page.goto(`${p.f.url}/sandbox/chat/?as=${person.id}`);
    const chats = page.getByRole('navigation', { name: `${person.displayName}'s chats` });
    const name = chats.locator('.chat-name').getByText(chat === 'pair' ? /^Mentoring: / : /^Flipside$/);
    await name.click({ timeout: 15_000 });
    await page.getByRole('heading', { level: 1, name: chat === 'pair' ? /^Mentoring: / : `Flipside — chat with ${person.displayName}` }).waitFor();
    return page.getByRole('log');
  }

  beforeAll(async () => {
    [p, browser] = await Promise.all([bookedPair({ seed: 5 }), launchChromium()]);
    const org = p.f.sandbox!.tenant.org;
    mentor = org.byId.get(p.mentor)!;
    mentee = org.byId.get(p.mentee)!;
    // Setup: the sessions of the booked series (the job would write them as time moves), and the
    // Teams meeting's attendance for the first two, so that both count as held.
    await writeSessions({ store: p.f.store, clock: p.f.sandbox!.clock });
    [first, second] = (await sessionsOf(p.f, p)) as [SessionRecord, SessionRecord];
    const seriesId = p.f.sandbox!.tenant.eventsOf(p.mentor)[0]!.id;
    for (const s of [first, second]) {
      const at = (a: number, b: number) => [{ join: new Date(s.start.getTime() + a * MIN), leave: new Date(s.start.getTime() + b * MIN) }];
      p.f.sandbox!.tenant.setAttendance(seriesId, s.originalStart, { [p.mentor]: at(0, 30), [p.mentee]: at(1, 30) });
    }
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await p?.f.close();
  });

  it('the mentor skips to the first session in the chat view, sees its agenda and adds an item; both get a feedback card', { timeout: 60_000 }, async () => {
    const log = await chatViewAs(mentor, 'pair');
    const strip = page.getByRole('region', { name: 'Sandbox clock' });
    await strip.getByText(/^Sandbox date: \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d$/).waitFor();
    const before = await strip.locator('time').innerText();
    expect(await log.getByText(/^Session 1 of/).count()).toBe(0);

    // Hold the move until the strip has been seen moving: it says so, and both buttons wait.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/sandbox/control/time/skip', async (route) => {
      await held;
      await route.continue();
    });
    const next = strip.getByRole('button', { name: 'Skip to the next session' });
    await next.focus();
    await page.keyboard.press('Enter');
    await strip.getByRole('status').getByText(MOVING).waitFor();
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    expect(await strip.getByRole('button', { name: 'Skip a week' }).getAttribute('aria-disabled')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the next session'); // focus stays put
    await shoot(page, 'sessions-01-chat-moving');
    release();
    await page.unrouteAll({ behavior: 'wait' });

    // Arrived: the new date, said to screen readers, and the chat loaded again with the agenda.
    await strip
      .getByRole('status')
      .getByText(/^Sandbox date is now /)
      .waitFor({ state: 'attached', timeout: 30_000 });
    expect(await strip.locator('time').innerText()).not.toBe(before);
    expect(await next.getAttribute('aria-disabled')).toBe('false');
    await log.getByText(new RegExp(`^Session 1 of ${first.of}: Getting to know each other$`)).waitFor({ timeout: 15_000 });
    // The agenda refreshes itself for each of the pair when it is first shown (as Teams does);
    // typing before that answer is back would be lost when the card is redrawn.
    await log.getByText('Only you can see this version of the card').first().waitFor({ timeout: 15_000 });

    await log.getByLabel('Add an action item').fill(ADDED);
    await log.getByRole('button', { name: 'Add item' }).click();
    await log.getByText(new RegExp(`^☐ ${escapeRegExp(ADDED)} · added by`)).waitFor({ timeout: 15_000 });
    await shoot(page, 'sessions-02-chat-agenda-mentor');
    expect(await axeProblems(page)).toEqual([]);

    // The session is over (Teams says both were there): the mentor's feedback card in their 1:1 chat.
    const own = await chatViewAs(mentor, 'bot');
    await own.getByText(`How was session 1 of ${first.of} with ${mentee.displayName.split(' ')[0]}?`).waitFor({ timeout: 15_000 });
  });

  it('the mentee sees the added item at 400 px, and answers their feedback card', { timeout: 60_000 }, async () => {
    await page.setViewportSize({ width: 400, height: 900 });
    const chat = await chatViewAs(mentee, 'pair');
    await chat.getByText(new RegExp(`^☐ ${escapeRegExp(ADDED)} · added by`)).waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: 'Sandbox clock' }).getByRole('button', { name: 'Skip a week' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await chat.getByText(ADDED, { exact: false }).first().scrollIntoViewIfNeeded();
    await shoot(page, 'sessions-03-chat-agenda-mentee-400');
    await page.setViewportSize({ width: 1280, height: 900 });

    const log = await chatViewAs(mentee, 'bot');
    const card = log.locator('.message', { hasText: `How was session 1 of ${first.of} with ${mentor.displayName.split(' ')[0]}?` });
    await card.waitFor({ timeout: 15_000 });
    // Answer after the card's own refresh is back, or the redraw would drop what was filled in.
    await card.getByText('Only you can see this version of the card').waitFor({ timeout: 15_000 });
    await card.getByRole('radio', { name: 'Yes, we met' }).check();
    await card.getByRole('radio', { name: '4 — quite useful' }).check();
    await card.getByLabel('Action items, one per line', { exact: false }).fill(FROM_FEEDBACK);
    await card.getByLabel(`Your goal: ${GOAL}`).selectOption({ label: 'Started' });
    await card.getByRole('button', { name: 'Send feedback' }).click();
    const answered = log.locator('.message', { hasText: `Your feedback on session 1 of ${first.of}` });
    await answered.waitFor({ timeout: 15_000 });
    await answered.getByText('★★★★☆ 4 of 5').waitFor();
    await answered.getByRole('button', { name: 'Edit my answer' }).waitFor();
    await answered.scrollIntoViewIfNeeded();
    await shoot(page, 'sessions-04-feedback-answered');
  });

  it('the mentee’s My mentoring shows the session held with their rating and goal, then follows three weeks of the tab’s clock', { timeout: 60_000 }, async () => {
    await page.goto(p.f.url);
    await signInAs(page, mentee);
    await page.getByRole('tab', { name: 'My mentoring' }).click();
    await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
    const past = page.getByRole('group', { name: 'Past sessions' });
    const row = (n: number) => past.getByRole('listitem').filter({ hasText: `Session ${n}` });
    await row(1).getByText('Held', { exact: true }).waitFor({ timeout: 15_000 });
    await row(1).getByLabel('4 out of 5').waitFor();
    const goals = page.getByRole('group', { name: 'Goals' });
    await goals.getByText(/^Started\b/).waitFor();
    await goals.getByText('Session 1: Started').waitFor({ state: 'attached' });
    await shoot(page, 'sessions-05-mentoring-after-first');
    const afterFirst = new Date(await clockNow());

    // Three weeks of the pair's sessions: a week at a time with the tab's banner.
    const banner = page.getByRole('region', { name: 'Sandbox clock' });
    const week = banner.getByRole('button', { name: 'Skip a week' });
    for (let i = 0; i < 3; i++) {
      const shown = await banner.locator('time').innerText();
      await week.click();
      await expect.poll(() => banner.locator('time').innerText(), { timeout: 30_000 }).not.toBe(shown);
      await expect.poll(() => week.isEnabled(), { timeout: 30_000 }).toBe(true);
    }
    expect(new Date(await clockNow()).getTime() - afterFirst.getTime()).toBeGreaterThanOrEqual(21 * DAY);
    // The page loaded again in place: the second session held too, not rated yet.
    await row(2).getByText('Held', { exact: true }).waitFor({ timeout: 15_000 });
    await row(2).getByText('Not rated yet: the feedback card is in your chat').waitFor();
    await row(1).getByLabel('4 out of 5').waitFor();
    expect(await page.getByRole('group', { name: 'Action items' }).getByText(ADDED).count()).toBeGreaterThan(0);
    await shoot(page, 'sessions-06-mentoring-light');
    expect(await axeProblems(page)).toEqual([]);
    expect(await darkThemeProblems(page, 'sessions-07-mentoring-dark')).toEqual([]);

    await page.setViewportSize({ width: 400, height: 900 });
    await page.waitForTimeout(200);
    expect(await scrollsSideways(page)).toBe(false);
    await shoot(page, 'sessions-08-mentoring-400');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the second agenda, in the pair chat, carries both action items', { timeout: 30_000 }, async () => {
    const log = await chatViewAs(mentor, 'pair');
    const agenda = log.locator('.message', { hasText: `Session 2 of ${second.of}` });
    await agenda.waitFor({ timeout: 15_000 });
    await agenda.getByText(new RegExp(`^☐ ${escapeRegExp(ADDED)}`)).waitFor({ timeout: 15_000 });
    await agenda.getByText(new RegExp(`^☐ ${escapeRegExp(FROM_FEEDBACK)}`)).waitFor();
    await agenda.scrollIntoViewIfNeeded();
    await shoot(page, 'sessions-09-chat-second-agenda');
  });
});
