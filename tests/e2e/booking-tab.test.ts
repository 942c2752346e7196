// The pairs' meeting series in the tab, in a real Chromium against a whole sandbox Flipside with its
// jobs running: HR publishes a few pairs (enrolled through the API, approved in the database) → one pair
// picks a time (straight through the use case: chat-view.test.ts and matching.test.ts click the card)
// → the mentee's Me page shows the next session and "Join on Teams", the other pair's mentee is told
// to pick a time in their pair chat → HR's Meetings section counts them and lists both → HR ends the
// booked pair after a confirm → the row shows Ending, then Ended as the page polls, and the series is
// gone from Outlook. Axe on both pages.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickSlot } from '../../src/app/booking/booking.ts';
import type { MatchingProposal } from '../../src/contracts/matching.ts';
import type { Program } from '../../src/contracts/programs.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor, type Api } from '../support/api.ts';
import { axeProblems, browserMissing, darkThemeProblems, shoot, signInAs, startTabSession, type TabSession } from '../support/browser.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from '../support/programs.ts';

const missing = browserMissing(import.meta.url);

type Pair = MatchingProposal['pairs'][number];

describe.skipIf(missing)('meeting series in the tab, end to end (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let flipside: Flipside;
  let api: Api;
  let program: Program;
  let hr: SandboxPerson;
  let booked: Pair;
  let choosing: Pair;
  let pairs: number;

  /** Hurries the booking and delivery jobs (they run in the background too) until the pair's series is `status`. */
  async function until(menteeId: string, status: string): Promise<{ offer: Array<{ id: string }>; version: number }> {
    for (let i = 0; i < 60; i++) {
      await flipside.bookNow();
      await flipside.deliverNow();
      await flipside.sandbox!.connector.idle();
      const [row] = await flipside.db.query<{ status: string; offer: Array<{ id: string }>; version: number }>('SELECT status, offer, version FROM bookings WHERE mentee_id = $1', [menteeId]);
      if (row?.status === status) return row;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the series of ${menteeId} never reached ${status}`);
  }

  let opened = false;
  /** The tab signed in as `person`: one page for the whole file, switching people as a visitor would. */
  async function openAs(person: SandboxPerson): Promise<Page> {
    const page = session.tab;
    if (!opened) {
      await page.goto(flipside.url);
      opened = true;
    } else {
      await page.getByRole('button', { name: 'Switch person' }).click();
    }
    await signInAs(page, person);
    return page;
  }

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 300, seed: 5, jobs: true });
    flipside = session.flipside;
    api = apiFor(flipside);
    const org = flipside.sandbox!.tenant.org;
    hr = org.byId.get(org.personas.hrAdmin)!;
    program = await createProgram(api, hr.id, { name: 'Reverse mentoring · meetings' });
    const ordinary = ordinaryPeople(org);
    const goals = ['Draft my quarterly update with an AI assistant by March'];
    await enrollApproved(flipside, api, program.id, [
      ...ordinary
        .filter((x) => x.level >= 4)
        .slice(0, 3)
        .map((p) => ({ userId: p.id, enrollment: mentorEnrollment({ goals }) })),
      ...ordinary
        .filter((x) => x.level === 1 || x.level === 2)
        .slice(0, 4)
        .map((p) => ({ userId: p.id, enrollment: menteeEnrollment({ goals }) })),
    ]);
    const published = await publishMatching(api, hr.id, program.id);
    expect(published.pairs.length).toBeGreaterThanOrEqual(2);
    [booked, choosing] = published.pairs as [Pair, Pair];
    pairs = published.pairs.length;
    for (const pair of published.pairs.slice(1)) await until(pair.mentee.id, 'choosing');
    const offered = await until(booked.mentee.id, 'choosing');
    await pickSlot(
      flipside.booking,
      { tenantId: org.tenantId, userId: booked.mentee.id },
      { programId: program.id, menteeId: booked.mentee.id, slotId: offered.offer[0]!.id, version: offered.version },
    );
    await until(booked.mentee.id, 'booked');
  }, 180_000);

  afterAll(async () => session?.close());

  it('a booked pair sees the next session, the series in words and Join on Teams; the other is asked to pick a time', { timeout: 60_000 }, async () => {
    const [view] = await api.ok<Array<{ booking: { joinUrl: string | null } | null }>>(booked.mentee.id, 'GET', '/matches/mine');
    const tab = await openAs(flipside.sandbox!.tenant.org.byId.get(booked.mentee.id)!);
    const sessions = tab.getByRole('region', { name: 'Sessions' });
    await sessions.getByText('Next session').waitFor({ timeout: 15_000 });
    expect(await sessions.getByText(/^(Every|\w+days) .*\d\d:\d\d–\d\d:\d\d \(.+ [Tt]ime\)$/).count()).toBe(1);
    // Regression (issue 13): "Next session" was in the browser's zone ("5:00 PM UTC") beside "Series" in the mailbox zone ("12:00 New York time").
    const [next, series] = await sessions.locator('dd').allInnerTexts();
    const zoneName = (text = '') => /\(([^)]*[Tt]ime)\)/.exec(text)?.[1];
    const times = (text = '') => /(\d\d:\d\d)\s*–\s*(\d\d:\d\d)/.exec(text)?.slice(1);
    expect(zoneName(next)).toBeDefined();
    expect(zoneName(next)).toBe(zoneName(series));
    expect(times(next)).toEqual(times(series));
    const join = sessions.getByRole('link', { name: `Join on Teams with ${booked.mentor.displayName}` });
    expect(await join.getAttribute('href')).toBe(view!.booking!.joinUrl);
    expect(await join.getAttribute('target')).toBe('_blank');
    await shoot(tab, 'booking-tab-01-me-booked');
    expect(await axeProblems(tab)).toEqual([]);

    const other = await openAs(flipside.sandbox!.tenant.org.byId.get(choosing.mentee.id)!);
    await other.getByRole('region', { name: 'Sessions' }).getByText('Pick one of the offered times in your pair chat in Teams.').waitFor({ timeout: 15_000 });
  });

  it('HR sees the meetings at a glance and ends the booked pair; the page follows it to Ended and Outlook loses the series', { timeout: 90_000 }, async () => {
    const tab = await openAs(hr);
    await tab.goto(`${flipside.url}/admin/programs/${program.id}/matching`);
    const meetings = tab.getByRole('region', { name: 'Meetings' });
    const legend = meetings.getByRole('list', { name: 'Pairs by meeting status' });
    await legend.getByText('Booked').waitFor({ timeout: 15_000 });
    expect((await legend.innerText()).replace(/\s+/g, ' ')).toContain(`${pairs - 1} Picking a time 1 Booked`);
    const table = meetings.getByRole('table', { name: 'Meetings of each pair' });
    const row = table.getByRole('row', { name: new RegExp(booked.mentee.displayName) });
    await row.getByText('Booked', { exact: true }).waitFor();
    await shoot(tab, 'booking-tab-02-hr-meetings');
    expect(await axeProblems(tab)).toEqual([]);
    // Teams' dark theme: the bar, badges and table stay readable.
    expect(await darkThemeProblems(tab, 'booking-tab-02-hr-meetings-dark')).toEqual([]);

    await row.getByRole('button', { name: `End pair: ${booked.mentor.displayName} and ${booked.mentee.displayName}` }).click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByText('Their remaining sessions are cancelled in Outlook.', { exact: false }).waitFor();
    expect(await dialog.getByRole('heading').innerText()).toBe(`End ${booked.mentor.displayName.split(' ')[0]} & ${booked.mentee.displayName.split(' ')[0]}’s pair?`);
    await dialog.getByRole('button', { name: 'End pair' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The booking job trims the series within seconds; the page polls until it has.
    await row.getByText('Ended', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await row.getByRole('button', { name: /End pair/ }).count()).toBe(0);
    await row.getByText('Your program admin ended this pair.').waitFor();
    expect(flipside.sandbox!.tenant.eventsOf(booked.mentor.id)).toHaveLength(0);
    await shoot(tab, 'booking-tab-03-hr-ended');
  });
});
