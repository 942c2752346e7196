// The first hour, as a new HR admin in the sandbox: from a fresh Flipside (the default 400-person
// org, jobs running as under `npm start`) to a published, booked cohort of at least 50 pairs. HR
// signs in, opens Admin, clicks "Try it with a full cohort" (120 sandbox people invited; they
// enroll, some say no, their managers approve in Teams), watches the progress, opens Matching,
// runs it, publishes, and watches the sandbox pairs pick their times. Clicks and time are counted
// and printed; screenshots of each step.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramBookings } from '../../src/contracts/matching.ts';
import type { Program } from '../../src/contracts/programs.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor, type Api } from '../support/api.ts';
import { axeProblems, browserMissing, shoot, startTabSession, type TabSession } from '../support/browser.ts';

const missing = browserMissing(import.meta.url);

describe.skipIf(missing)('"Try it with a full cohort": a published, booked cohort of 50+ pairs from a fresh sandbox (Chromium)', () => {
  let session: TabSession;
  let flipside: Flipside;
  let tab: Page;
  let hr: SandboxPerson;
  let api: Api;
  let clicks = 0;
  const started = Date.now();
  const click = async (target: { click(): Promise<void> }) => {
    clicks++;
    await target.click();
  };

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 400, seed: 42, jobs: true });
    ({ flipside, tab } = session);
    const org = flipside.sandbox!.tenant.org;
    hr = org.byId.get(org.personas.hrAdmin)!;
    api = apiFor(flipside);
  }, 180_000);
  afterAll(async () => session?.close());

  it('from the person picker to 50+ booked pairs', { timeout: 1_200_000 }, async () => {
    const t0 = Date.now();
    await tab.goto(flipside.url);
    await tab.getByRole('heading', { level: 1, name: 'Who are you?' }).waitFor({ timeout: 60_000 });
    // The HR persona is among the first people the picker offers.
    await click(tab.getByRole('button', { name: new RegExp(hr.displayName) }).first());
    await tab.getByRole('heading', { level: 1, name: hr.displayName }).waitFor({ timeout: 60_000 });
    await click(tab.getByRole('navigation', { name: 'Flipside' }).getByRole('tab', { name: 'Admin' }));
    await tab.getByRole('heading', { level: 2, name: 'Try it with a full cohort' }).waitFor({ timeout: 30_000 });
    await shoot(tab, 'cohort-01-admin');
    expect(await axeProblems(tab)).toEqual([]);

    await click(tab.getByRole('button', { name: 'Try it with a full cohort' }));
    await tab.getByRole('progressbar', { name: 'Sandbox people responding' }).waitFor({ timeout: 60_000 });
    await tab.waitForTimeout(3_000);
    await shoot(tab, 'cohort-02-responding');
    expect(await axeProblems(tab)).toEqual([]);
    await tab.getByRole('link', { name: 'Open matching' }).waitFor({ timeout: 600_000 });
    await shoot(tab, 'cohort-03-ready');
    const responded = Date.now();

    await click(tab.getByRole('link', { name: 'Open matching' }));
    await click(tab.getByRole('button', { name: 'Run matching' }));
    const heading = tab.getByRole('heading', { level: 2, name: /^Proposed pairs \(\d+\)$/ });
    await heading.waitFor({ timeout: 60_000 });
    const proposed = Number(/\((\d+)\)/.exec(await heading.innerText())![1]);
    expect(proposed).toBeGreaterThanOrEqual(50);
    await shoot(tab, 'cohort-04-proposed');
    await click(tab.getByRole('button', { name: 'Publish', exact: true }));
    await click(tab.getByRole('button', { name: 'Publish and tell everyone' }));
    await tab
      .getByText(/^Published \d+ pairs?\./)
      .first()
      .waitFor({ timeout: 60_000 });

    // The sandbox pairs pick one of the times offered in their chat; Flipside books each series.
    const programId = new URL(tab.url()).pathname.split('/')[3]!;
    const deadline = Date.now() + 480_000;
    let booked = 0;
    while (Date.now() < deadline) {
      const bookings = await api.ok<ProgramBookings>(hr.id, 'GET', `/programs/${programId}/bookings`);
      booked = bookings.counts.booked ?? 0;
      if (booked >= 50) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(booked).toBeGreaterThanOrEqual(50);
    const program = (await api.ok<Program[]>(hr.id, 'GET', '/programs')).find((p) => p.id === programId)!;
    // What HR sees: the Meetings list says so (a reload, as HR would come back to the page).
    await tab.reload();
    await tab
      .getByRole('list', { name: 'Pairs by meeting status' })
      .getByText(/^Booked$/)
      .waitFor({ timeout: 60_000 });
    await shoot(tab, 'cohort-05-booked');
    expect(await axeProblems(tab)).toEqual([]);

    const seconds = (Date.now() - t0) / 1000;
    console.log(
      `full cohort: ${clicks} clicks, ${seconds.toFixed(0)} s from the picker to ${booked} booked pairs of ${proposed} proposed ` +
        `(${((responded - t0) / 1000).toFixed(0)} s until the cohort had answered; ${program.counts?.approved} approved; setup ${((t0 - started) / 1000).toFixed(0)} s)`,
    );
    expect(clicks).toBeLessThanOrEqual(15);
  });
});
