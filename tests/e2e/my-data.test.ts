// "My data" in a real Chromium against a sandbox Flipside: a participant downloads everything
// Flipside holds about them (the JSON file the browser saves), then leaves and deletes with one
// confirmation; the erasure job deletes them and their card says so. HR reads the program's audit
// log. Light, dark and 400 px screenshots; axe finds nothing serious.
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPerson } from '../../src/sandbox/org/types.ts';
import { apiFor } from '../support/api.ts';
import { axeProblems, browserMissing, darkThemeProblems, shoot, signInAs, startTabSession, type TabSession } from '../support/browser.ts';
import { cardsFor } from '../support/connector.ts';
import { deliverAll } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment } from '../support/programs.ts';
import { searchEverywhere } from '../support/search-db.ts';

const missing = browserMissing(import.meta.url);
const GOAL = 'Build my own sales dashboard by April';

describe.skipIf(missing)('My data in the tab (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let tab: Page;
  let person: SandboxPerson;
  let hr: SandboxPerson;
  let programId: string;

  beforeAll(async () => {
    session = await startTabSession({ orgSize: 60, seed: 7 });
    tab = session.tab;
    const f = session.flipside;
    const api = apiFor(f);
    const org = f.sandbox!.tenant.org;
    hr = org.byId.get(org.personas.hrAdmin)!;
    const program = await createProgram(api, hr.id, { name: 'Reverse mentoring · my data' });
    programId = program.id;
    person = ordinaryPeople(org).find((p) => p.level <= 2)!;
    await enrollApproved(f, api, program.id, [{ userId: person.id, enrollment: menteeEnrollment({ goals: [GOAL] }) }]);
    await deliverAll(f);
    await tab.goto(f.url);
    await signInAs(tab, person);
  }, 180_000);
  afterAll(async () => session?.close());

  it('downloads everything Flipside holds about me as one JSON file', { timeout: 90_000 }, async () => {
    await tab.getByRole('tab', { name: 'My data' }).click();
    await tab.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await tab.getByRole('button', { name: 'Leave and delete my data…' }).waitFor();
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toBe('flipside-my-data.json');
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data.person.id).toBe(person.id);
    expect(data.sections.profile[0].display_name).toBe(person.displayName);
    expect(data.sections.enrollments[0].goals).toEqual([GOAL]);
    expect(data.sections.matches).toEqual([]);
    await tab.getByText('Your browser saved flipside-my-data.json.').waitFor();
    await shoot(tab, 'my-data-01-light');
    expect(await axeProblems(tab)).toEqual([]);
    expect(await darkThemeProblems(tab, 'my-data-02-dark')).toEqual([]);
    await tab.setViewportSize({ width: 400, height: 900 });
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await shoot(tab, 'my-data-03-400');
    await tab.setViewportSize({ width: 1280, height: 900 });
  });

  it('leaves and deletes after one confirmation; a card says it is done; nothing of them stays', { timeout: 90_000 }, async () => {
    await tab.getByRole('button', { name: 'Leave and delete my data…' }).click();
    const dialog = tab.getByRole('dialog', { name: 'Leave every program and delete your data?' });
    await dialog.waitFor();
    await shoot(tab, 'my-data-04-confirm');
    expect(await axeProblems(tab)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await session.flipside.db.query('SELECT * FROM erasure_requests')).length).toBe(0);

    await tab.getByRole('button', { name: 'Leave and delete my data…' }).click();
    await dialog.getByRole('button', { name: 'Leave and delete' }).click();
    await tab.getByText('You are leaving Flipside').waitFor();
    await shoot(tab, 'my-data-05-leaving');
    expect(await darkThemeProblems(tab, 'my-data-06-leaving-dark')).toEqual([]);

    const f = session.flipside;
    await deliverAll(f); // the manager's approval card says the enrollment was withdrawn
    expect(await f.eraseNow()).toBe(1);
    await deliverAll(f);
    expect(JSON.stringify(cardsFor(f.sandbox!.connector, person.id).at(-1)!.card)).toContain('Your Flipside data is deleted');
    expect(await f.eraseNow()).toBe(1);
    expect(await searchEverywhere(f.db, [person.id, person.displayName, person.mail])).toEqual([]);
  });

  it('shows HR the program’s audit log, newest first', { timeout: 60_000 }, async () => {
    await tab.getByRole('button', { name: 'Switch person' }).click();
    await signInAs(tab, hr);
    await tab.goto(`${session.flipside.url}/admin/programs/${programId}/audit`);
    const table = tab.getByRole('table', { name: 'Audit log, newest first' });
    await table.waitFor({ timeout: 30_000 });
    await table.getByText('Created the program').waitFor();
    await shoot(tab, 'my-data-07-audit-log');
    expect(await axeProblems(tab)).toEqual([]);
  });
});
