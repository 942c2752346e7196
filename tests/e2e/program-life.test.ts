// A running program in a real Chromium as HR: editing the session length of a booked program shows
// first which series change and how (a dialog), then saves; the Matching page after publishing says
// how many wait for the next round. Screenshots light, dark and at 400 px; axe in both themes.
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/contracts/programs.ts';
import { apiFor, type Json } from '../support/api.ts';
import { axeProblems, browserMissing, darkThemeProblems, shoot, signInAs, startTabSession, type TabSession } from '../support/browser.ts';
import { actionsOf } from '../support/connector.ts';
import { drain } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from '../support/programs.ts';
import { pairChat } from '../sessions/support.ts';

const missing = browserMissing(import.meta.url);

describe.skipIf(missing)('a running program on the tab (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let tab: Page;
  let program: Program;

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 300, seed: 5 });
    const f = session.flipside;
    tab = session.tab;
    const api = apiFor(f);
    const org = f.sandbox!.tenant.org;
    const hr = org.byId.get(org.personas.hrAdmin)!;
    program = await createProgram(api, hr.id, { name: 'Running program' });
    const usable = ordinaryPeople(org);
    const mentees = usable.filter((x) => x.level === 1 || x.level === 2);
    await enrollApproved(f, api, program.id, [
      ...usable
        .filter((x) => x.level >= 4)
        .slice(0, 5)
        .map((x) => ({ userId: x.id, enrollment: mentorEnrollment() })),
      ...mentees.slice(0, 3).map((x) => ({ userId: x.id, enrollment: menteeEnrollment() })),
    ]);
    await publishMatching(api, hr.id, program.id);
    await drain(f, { booking: true });
    for (const b of await f.store.bookings.listForProgram(org.tenantId, program.id)) {
      const chat = pairChat(f, { mentor: { id: b.mentorId }, mentee: { id: b.menteeId } });
      const pick = actionsOf(f.sandbox!.connector.cardFor(chat.message, b.menteeId)).find((a) => a.verb === 'booking.pick');
      if (pick) await f.sandbox!.connector.invoke(b.menteeId, chat.chat.id, chat.message.id, { verb: 'booking.pick', data: pick.data as Json }, 'manual');
    }
    await drain(f, { booking: true });
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
});
