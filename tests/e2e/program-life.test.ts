// A running program in a real Chromium as HR: editing the session length of a booked program shows
// first which series change and how (a dialog), then saves; the Matching page after publishing says
// how many wait for the next round. Then one pair's whole 12-session program in sandbox time: the
// fit check, the mentor's check-in, one nudge after two missed sessions, the closing survey and the
// completion card, seen in the chat view and on the tab (skills before and after); last, HR archives
// the program and deletes one nobody enrolled in. Screenshots light, dark and at 400 px; axe in both themes.
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/contracts/programs.ts';
import { apiFor, type Json } from '../support/api.ts';
import { axeProblems, browserMissing, darkThemeProblems, shoot, signInAs, startTabSession, type TabSession } from '../support/browser.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-schema.ts';
import { actionsOf, cardsFor } from '../support/connector.ts';
import { deliverAll, drain } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from '../support/programs.ts';
import { writeSessions } from '../../src/app/sessions/plan.ts';
import type { MyMentoring } from '../../src/contracts/sessions.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';
import { attendance, cardsWith, type Outcome } from '../care/support.ts';
import { pairChat, sessionsOf, skip } from '../sessions/support.ts';

const missing = browserMissing(import.meta.url);
const SHOTS = fileURLToPath(new URL('../../screenshots', import.meta.url));
const text = (x: unknown) => JSON.stringify(x);

describe.skipIf(missing)('a running program on the tab (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let tab: Page;
  let program: Program;
  /** The pair walked through the whole program. */
  let walked: { mentor: SandboxPerson; mentee: SandboxPerson };

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 300, seed: 5 });
    const f = session.flipside;
    tab = session.tab;
    const api = apiFor(f);
    const org = f.sandbox!.tenant.org;
    const hr = org.byId.get(org.personas.hrAdmin)!;
    const template = await api.ok<{ startsOn: string }>(hr.id, 'GET', '/programs/template');
    // Twelve sessions every two weeks, wherever in its first fortnight the series starts.
    program = await createProgram(api, hr.id, { name: 'Running program', endsOn: DateTime.fromISO(template.startsOn).plus({ days: 167 }).toISODate()! });
    const usable = ordinaryPeople(org);
    const mentees = usable.filter((x) => x.level === 1 || x.level === 2);
    await enrollApproved(f, api, program.id, [
      ...usable
        .filter((x) => x.level >= 4)
        .slice(0, 5)
        .map((x) => ({ userId: x.id, enrollment: mentorEnrollment() })),
      ...mentees.slice(0, 3).map((x) => ({
        userId: x.id,
        enrollment: menteeEnrollment({
          learn: [
            { topicId: 'ai-assistants', level: 1 },
            { topicId: 'data-dashboards', level: 2 },
          ],
        }),
      })),
    ]);
    await publishMatching(api, hr.id, program.id);
    await drain(f, { booking: true });
    for (const b of await f.store.bookings.listForProgram(org.tenantId, program.id)) {
      const chat = pairChat(f, { mentor: { id: b.mentorId }, mentee: { id: b.menteeId } });
      const pick = actionsOf(f.sandbox!.connector.cardFor(chat.message, b.menteeId)).find((a) => a.verb === 'booking.pick');
      if (pick) await f.sandbox!.connector.invoke(b.menteeId, chat.chat.id, chat.message.id, { verb: 'booking.pick', data: pick.data as Json }, 'manual');
    }
    await drain(f, { booking: true });
    const [first] = (await f.store.bookings.listForProgram(org.tenantId, program.id)).filter((b) => b.status === 'booked');
    walked = { mentor: org.byId.get(first!.mentorId)!, mentee: org.byId.get(first!.menteeId)! };
    // Two late joiners, approved after publishing.
    await enrollApproved(
      f,
      api,
      program.id,
      mentees.slice(3, 5).map((x) => ({ userId: x.id, enrollment: menteeEnrollment() })),
    );
    await tab.goto(f.url);
    await signInAs(tab, hr);
  }, 240_000);
  afterAll(async () => session?.close());

  it('shows which booked series an edit changes, and how, before saving it', { timeout: 90_000 }, async () => {
    await tab.goto(`${session.flipside.url}/admin/programs/${program.id}/edit`);
    const form = tab.getByRole('form', { name: `Edit ${program.name}` });
    await form.waitFor({ timeout: 30_000 });
    await form.getByRole('radio', { name: '60 min' }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    const dialog = tab.getByRole('dialog', { name: /^This change updates \d+ booked series$/ });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByText('→ 60 minutes', { exact: false }).first().waitFor();
    await shoot(tab, 'program-life-01-change-preview');
    expect(await axeProblems(tab)).toEqual([]);
    expect(await darkThemeProblems(tab, 'program-life-02-change-preview-dark')).toEqual([]);
    await tab.setViewportSize({ width: 400, height: 800 });
    await shoot(tab, 'program-life-03-change-preview-400');
    expect(await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await tab.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole('button', { name: /^Save and update \d+ series$/ }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor({ timeout: 30_000 });
    const saved = (await apiFor(session.flipside).ok<Program[]>(session.flipside.sandbox!.tenant.org.personas.hrAdmin, 'GET', '/programs')).find((p) => p.id === program.id)!;
    expect(saved.sessionMinutes).toBe(60);
  });

  it('says on the Matching page how many wait for the next round', { timeout: 90_000 }, async () => {
    await tab.goto(`${session.flipside.url}/admin/programs/${program.id}/matching`);
    await tab.getByText(/^\d+ people waiting for the next round$/).waitFor({ timeout: 30_000 });
    await tab.getByRole('button', { name: 'Run the next round' }).waitFor();
    await shoot(tab, 'program-life-04-matching-waiting');
    expect(await axeProblems(tab)).toEqual([]);
    await tab.getByRole('button', { name: 'Run the next round' }).click();
    await tab.getByText(/^Round 2: \d+ new pairs? proposed$/).waitFor({ timeout: 30_000 });
    await tab.getByText('Published earlier: kept as it is').first().waitFor();
    await shoot(tab, 'program-life-05-round-two');
    expect(await darkThemeProblems(tab, 'program-life-06-round-two-dark')).toEqual([]);
  });
  /** The chat view as `person` on one of their chats, in page `pg`; returns the message log. */
  async function chatViewAs(pg: Page, person: SandboxPerson, chat: 'pair' | 'bot') {
    await pg.goto(`${session.flipside.url}/sandbox/chat/?as=${person.id}`);
    const chats = pg.getByRole('navigation', { name: `${person.displayName}'s chats` });
    await chats
      .locator('.chat-name')
      .getByText(chat === 'pair' ? /^Mentoring: / : /^Flipside$/)
      .first()
      .click({ timeout: 15_000 });
    await pg.getByRole('heading', { level: 1, name: chat === 'pair' ? /^Mentoring: / : `Flipside — chat with ${person.displayName}` }).waitFor();
    return pg.getByRole('log');
  }
  const scrollsSideways = (pg: Page) => pg.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

  it('walks one pair through all twelve sessions: fit check, check-in, one nudge after two misses, closing survey, completion', { timeout: 400_000 }, async () => {
    const f = session.flipside;
    const connector = f.sandbox!.connector;
    const key = { program, mentee: walked.mentee.id };
    const click = (userId: string, c: { conversationId: string; messageId: string }, verb: string, data: Json) => connector.invoke(userId, c.conversationId, c.messageId, { verb, data }, 'manual');
    const refreshData = (card: Json) => (card.refresh as { action: { data: Json } }).action.data;
    // The nudge this walk looks for is the one after two missed sessions in a row, not the one after 21 idle days (which would come first here).
    await apiFor(f).ok(f.sandbox!.tenant.org.personas.hrAdmin, 'PUT', `/programs/${program.id}/care/settings`, { missedInRow: 2, idleDays: 90 });
    await writeSessions({ store: f.store, clock: f.sandbox!.clock });
    const sessions = (await sessionsOf(f, key)).filter((s) => s.status !== 'cancelled');
    expect(sessions.length).toBe(12);
    // What Teams reports: three held, two missed in a row, then held to the end.
    const outcomes: Outcome[] = ['held', 'held', 'held', 'missed', 'missed', ...Array<Outcome>(7).fill('held')];
    await attendance(f, key, outcomes);

    const answered = new Set<string>();
    for (let i = 0; i < 30 && !(await f.store.closings.sentAt({ tenantId: f.sandbox!.tenant.org.tenantId, programId: program.id, menteeId: walked.mentee.id })); i++) {
      const moved = await skip(f, 'next-session');
      if (!moved.nextSessionAt) await skip(f, 'day');
      await deliverAll(f);
      // Each answers their fit check ("yes"), the mentor their check-ins; the mentee rates their skills at the mid-point.
      for (const who of [walked.mentor, walked.mentee]) {
        for (const c of cardsWith(f, who.id, 'fit.answer')) {
          const data = refreshData(c.card);
          if (answered.has(`fit:${who.id}`)) continue;
          answered.add(`fit:${who.id}`);
          await click(who.id, c, 'fit.answer', { ...data, fitAnswer: 'yes', fitNote: '', shareNote: 'false' });
        }
      }
      for (const c of cardsWith(f, walked.mentor.id, 'checkin.answer')) {
        const data = refreshData(c.card);
        if (answered.has(`checkin:${text(data)}`)) continue;
        answered.add(`checkin:${text(data)}`);
        await click(walked.mentor.id, c, 'checkin.answer', { ...data, speakOpenly: 'yes', respectful: 'yes', forHr: '', contactMe: 'false' });
      }
      for (const c of cardsWith(f, walked.mentee.id, 'feedback.submit').filter((x) => text(x.card).includes('"id":"skill0"'))) {
        if (answered.has('mid')) continue;
        answered.add('mid');
        await click(walked.mentee.id, c, 'feedback.submit', { ...refreshData(c.card), happened: 'yes', usefulness: '5', skill0: '3', skill1: '2' });
      }
    }
    await deliverAll(f);
    expect([...answered].filter((a) => a.startsWith('fit:'))).toHaveLength(2);
    expect([...answered].filter((a) => a.startsWith('checkin:')).length).toBeGreaterThanOrEqual(1);
    expect(answered.has('mid')).toBe(true);
    // One nudge in the pair's chat, for the two missed in a row.
    const nudges = cardsWith(f, walked.mentee.id, 'care.findTime');
    expect(nudges).toHaveLength(1);
    expect(text(nudges[0]!.card)).toContain('two sessions in a row were missed');
    expect(cardsWith(f, walked.mentee.id, 'checkin.refresh')).toHaveLength(0); // the check-in is the junior mentor's alone

    // The closing survey, answered by both; then the completion cards.
    for (const who of [walked.mentee, walked.mentor]) {
      const surveys = cardsWith(f, who.id, 'closing.submit');
      expect(surveys).toHaveLength(1);
      expect(adaptiveCardProblems(surveys[0]!.card)).toEqual([]);
      const extra = who === walked.mentee ? { skill0: '4', skill1: '3', whatChanged: 'I draft with an assistant now.' } : { recognition: 'yes' };
      await click(who.id, surveys[0]!, 'closing.submit', { ...refreshData(surveys[0]!.card), overall: '5', recommend: 'yes', keepMeeting: 'yes', ...extra });
    }
    await deliverAll(f);
    const completions = cardsFor(connector, walked.mentee.id).filter((c) => text(c.card).includes('You completed'));
    expect(completions).toHaveLength(1);
    expect(adaptiveCardProblems(completions[0]!.card)).toEqual([]);

    // HR's view of how the program's pairs are doing, on the Matching page.
    await tab.goto(`${f.url}/admin/programs/${program.id}/matching`);
    const care = tab.getByRole('region', { name: 'How pairs are doing' });
    await care.getByRole('heading', { name: 'Stalled pairs' }).waitFor({ timeout: 30_000 });
    await shoot(tab, 'program-life-08-hr-care');
    expect(await axeProblems(tab)).toEqual([]);
    expect(await darkThemeProblems(tab, 'program-life-11-hr-care-dark')).toEqual([]);
    await tab.setViewportSize({ width: 400, height: 900 });
    await tab.waitForTimeout(200);
    expect(await scrollsSideways(tab)).toBe(false);
    await shoot(tab, 'program-life-11b-hr-care-400');
    await tab.setViewportSize({ width: 1280, height: 900 });

    const pg = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' }).then((c) => c.newPage());
    try {
      // The mentee's 1:1 chat: the fit check answered, the closing survey answered, the completion card.
      let log = await chatViewAs(pg, walked.mentee, 'bot');
      await log
        .locator('.message', { hasText: `Thank you, ${walked.mentee.displayName.split(' ')[0]}` })
        .first()
        .waitFor({ timeout: 20_000 });
      await log.locator('.message', { hasText: 'Thank you: your answers are in' }).first().waitFor();
      await log.locator('.message', { hasText: 'Thanks — your answer about pairing with' }).first().waitFor();
      await log.locator('.message', { hasText: 'Thank you, ' }).last().scrollIntoViewIfNeeded();
      await pg.screenshot({ path: `${SHOTS}/program-life-07-mentee-chat-end.png` });
      expect(await axeProblems(pg)).toEqual([]);
      expect(await darkThemeProblems(pg, 'program-life-07b-mentee-chat-end-dark')).toEqual([]);
      await pg.setViewportSize({ width: 400, height: 900 });
      await pg.waitForTimeout(200);
      expect(await scrollsSideways(pg)).toBe(false);
      await log.locator('.message', { hasText: 'Thank you: your answers are in' }).first().scrollIntoViewIfNeeded();
      await pg.screenshot({ path: `${SHOTS}/program-life-09-mentee-chat-end-400.png` });
      await pg.setViewportSize({ width: 1280, height: 900 });

      // The pair's chat: the one nudge, with "Find another time" and "Pause".
      log = await chatViewAs(pg, walked.mentee, 'pair');
      const nudge = log.locator('.message', { hasText: 'two sessions in a row were missed' });
      await nudge.first().waitFor({ timeout: 20_000 });
      expect(await nudge.count()).toBe(1);
      await nudge.getByRole('button', { name: 'Find another time' }).waitFor();
      await nudge.scrollIntoViewIfNeeded();
      await pg.screenshot({ path: `${SHOTS}/program-life-10-pair-chat-nudge.png` });
      expect(await axeProblems(pg)).toEqual([]);
      expect(await darkThemeProblems(pg, 'program-life-10b-pair-chat-nudge-dark')).toEqual([]);

      // The junior mentor's 1:1 chat: the confidential check-in, answered.
      log = await chatViewAs(pg, walked.mentor, 'bot');
      const checkIn = log.locator('.message', { hasText: 'Thank you for checking in' });
      await checkIn.first().waitFor({ timeout: 20_000 });
      await checkIn.first().scrollIntoViewIfNeeded();
      await pg.screenshot({ path: `${SHOTS}/program-life-12-mentor-check-in.png` });
      expect(await darkThemeProblems(pg, 'program-life-12b-mentor-check-in-dark')).toEqual([]);

      // The mentee's My mentoring: all twelve sessions, and the skills before, at the mid-point and at the end.
      await pg.goto(session.flipside.url);
      await signInAs(pg, walked.mentee);
      await pg.getByRole('tab', { name: 'My mentoring' }).click();
      await pg.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
      const skills = pg.getByRole('group', { name: 'Your skills' });
      await skills.waitFor({ timeout: 20_000 });
      await skills.getByText('AI assistants at work').waitFor();
      await skills.getByLabel('Change: +3').waitFor();
      const mine = await apiFor(f).ok<MyMentoring>(walked.mentee.id, 'GET', '/me/mentoring');
      const pair = mine.pairs.find((x) => x.programId === program.id)!;
      expect(pair.skills).toEqual([
        { topic: 'AI assistants at work', before: 1, mid: 3, after: 4 },
        { topic: 'Data and dashboards', before: 2, mid: 2, after: 3 },
      ]);
      expect(pair.counts.total).toBe(12);
      // The series is over: nothing left to pause.
      expect(await pg.getByRole('group', { name: /^Pause sessions with / }).count()).toBe(0);
      await shoot(pg, 'program-life-13-mentoring-end');
      expect(await axeProblems(pg)).toEqual([]);
      expect(await darkThemeProblems(pg, 'program-life-14-mentoring-end-dark')).toEqual([]);
      await pg.setViewportSize({ width: 400, height: 900 });
      await pg.waitForTimeout(200);
      expect(await scrollsSideways(pg)).toBe(false);
      await shoot(pg, 'program-life-15-mentoring-end-400');
    } finally {
      await pg.context().close();
    }
  });

  it('archives the program after a confirmation, and deletes one nobody enrolled in', { timeout: 90_000 }, async () => {
    const f = session.flipside;
    const api = apiFor(f);
    const org = f.sandbox!.tenant.org;
    const hr = org.personas.hrAdmin;
    const empty = await createProgram(api, hr, { name: 'Nobody came' });
    const employee = walked.mentee.id;
    expect((await api.ok<Program[]>(employee, 'GET', '/programs')).map((p) => p.name)).toContain(program.name);

    await tab.goto(`${f.url}/admin`);
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor({ timeout: 30_000 });
    // Delete only where nobody ever enrolled.
    expect(await tab.getByRole('button', { name: `Delete ${program.name}` }).count()).toBe(0);
    await tab.getByRole('button', { name: `Delete ${empty.name}` }).waitFor();

    await tab.getByRole('button', { name: `Archive ${program.name}` }).click();
    const dialog = tab.getByRole('alertdialog', { name: `Archive ${program.name}?` });
    await dialog.waitFor();
    await shoot(tab, 'program-life-16-archive-confirm');
    expect(await axeProblems(tab)).toEqual([]);
    // Keyboard: Escape leaves it as it was.
    await tab.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await api.ok<Program[]>(hr, 'GET', '/programs')).find((p) => p.id === program.id)!.archivedAt).toBeNull();
    await tab.getByRole('button', { name: `Archive ${program.name}` }).click();
    await dialog.getByRole('button', { name: 'Archive' }).click();
    const said = (words: string) =>
      Promise.all([tab.locator('.fui-MessageBarTitle', { hasText: words }).waitFor({ timeout: 20_000 }), tab.getByTestId('announcer').getByText(words).waitFor({ timeout: 20_000 })]);
    await said(`${program.name} is archived.`);
    await tab.getByRole('button', { name: `Bring back ${program.name}` }).waitFor();
    expect(await darkThemeProblems(tab, 'program-life-17-archived-dark')).toEqual([]);
    // Gone from employees' lists, kept for reports.
    expect((await api.ok<Program[]>(employee, 'GET', '/programs')).map((p) => p.id)).not.toContain(program.id);
    expect((await api.ok<Program[]>(hr, 'GET', '/programs')).find((p) => p.id === program.id)!.archivedAt).not.toBeNull();
    await api.ok(hr, 'GET', `/programs/${program.id}/bookings`);

    await tab.getByRole('button', { name: `Delete ${empty.name}` }).click();
    const del = tab.getByRole('alertdialog', { name: `Delete ${empty.name}?` });
    await del.getByRole('button', { name: 'Delete for good' }).click();
    await said(`${empty.name} is deleted.`);
    expect(await tab.getByRole('cell', { name: empty.name }).count()).toBe(0);
    expect((await api.ok<Program[]>(hr, 'GET', '/programs')).map((p) => p.id)).not.toContain(empty.id);
    await tab.setViewportSize({ width: 400, height: 900 });
    await shoot(tab, 'program-life-18-admin-400');
    await tab.setViewportSize({ width: 1280, height: 900 });
  });
});
