// HR opens the dashboard of a sandbox program that has run two sandbox weeks, in a real
// Chromium: sees the charts (and their tables), filters and searches the enrollee list, reminds an
// approver, downloads a CSV and parses it back; light, dark, high contrast and 400 px, axe each time.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, browserMissing, darkThemeProblems, launchChromium, shoot, signInAs } from '../support/browser.ts';
import { careAnswers, runningProgram, type RunningProgram } from '../dashboard/support.ts';

const missing = browserMissing(import.meta.url);

describe.skipIf(missing)('the program dashboard in the tab (Chromium at /usr/bin/chromium)', () => {
  let run: RunningProgram;
  let browser: Browser;
  let tab: Page;

  beforeAll(async () => {
    [run, browser] = await Promise.all([runningProgram({ pairs: 8, weeks: 2 }), launchChromium()]);
    await careAnswers(run);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', acceptDownloads: true });
    tab = await context.newPage();
    await tab.goto(run.f.url);
    await signInAs(tab, run.f.sandbox!.tenant.org.byId.get(run.hr)!);
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await run?.f.close();
  });

  it('opens Admin → the program → Dashboard and sees the charts with their tables', { timeout: 120_000 }, async () => {
    await tab.getByRole('tab', { name: 'Admin' }).click();
    await tab.getByRole('link', { name: `Dashboard for ${run.program.name}` }).click();
    await tab.getByRole('heading', { level: 1, name: `Dashboard · ${run.program.name}` }).waitFor({ timeout: 30_000 });
    const sessions = tab.getByRole('region', { name: 'Sessions held against planned, week by week' });
    await sessions.locator('svg').first().waitFor();
    expect(await sessions.getByRole('table', { name: 'Sessions held against planned, by week' }).getByRole('row').count()).toBeGreaterThan(2);
    const funnel = tab.getByRole('region', { name: 'From enrollment to completion' });
    await funnel.locator('svg').first().waitFor();
    // Two declined and one pending: a group of fewer than five, shown only as that.
    await expect.poll(() => funnel.getByRole('row', { name: /Enrolled/ }).textContent()).toMatch(/fewer than 5 declined/);
    // Approved is hidden only so those small groups cannot be worked out: "not shown", never "fewer than 5" for many people.
    expect(await funnel.getByRole('row', { name: /^Approved/ }).textContent()).toMatch(/^Approvednot shown/);
    expect(await funnel.getByRole('row', { name: /^Matched/ }).textContent()).toContain(String(run.pairs * 2));
    await tab.getByRole('region', { name: 'How useful sessions were' }).locator('svg').first().waitFor();
    // The outcome, first: each mentee rated "AI assistants" 1 at enrollment and 3 in the closing survey.
    const skills = tab.getByRole('region', { name: 'Skills before and after' });
    await skills.locator('svg').first().waitFor();
    expect(
      await skills
        .getByRole('table', { name: 'Skills before and after, by topic' })
        .getByRole('row', { name: /AI assistants/ })
        .textContent(),
    ).toContain('+2.00');
    expect(await tab.getByRole('region', { name: 'Closing survey' }).textContent()).toContain('6 answered of 12');
    await tab.waitForTimeout(500); // the charts' entrance transitions
    await shoot(tab, 'dashboard-01-light');
    expect(await axeProblems(tab)).toEqual([]);
    expect(await darkThemeProblems(tab, 'dashboard-02-dark')).toEqual([]);
    await tab.emulateMedia({ forcedColors: 'active' });
    await tab.waitForTimeout(400);
    await shoot(tab, 'dashboard-03-high-contrast');
    expect(await axeProblems(tab)).toEqual([]);
    await tab.emulateMedia({ forcedColors: 'none' });
  });

  it('filters and searches the enrollee list, and reminds the pending request’s approver', { timeout: 60_000 }, async () => {
    const list = tab.getByRole('list', { name: 'Enrollees' });
    expect(await list.getByRole('listitem').count()).toBe(run.enrolled);
    await tab.getByRole('combobox', { name: 'Show' }).click();
    await tab.getByRole('option', { name: 'Waiting for approval' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    const pendingName = run.f.sandbox!.tenant.org.byId.get(run.pending.userId)!.displayName;
    expect(await list.getByRole('listitem').textContent()).toContain(pendingName);
    // The sweep may have reminded once already as the weeks passed: HR's reminder is one more.
    const count = async () => Number(/(\d+) reminders? sent/.exec((await list.getByRole('listitem').textContent()) ?? '')?.[1] ?? 0);
    const before = await count();
    await tab.getByRole('button', { name: `Remind approver of ${pendingName}` }).click();
    await list.getByText('Reminder sent.').waitFor();
    await expect.poll(count).toBe(before + 1);
    // Again the same day: nothing more is sent.
    await tab.getByRole('button', { name: `Remind approver of ${pendingName}` }).click();
    await list.getByText('Already reminded today.').waitFor();
    expect(await count()).toBe(before + 1);

    await tab.getByRole('combobox', { name: 'Show' }).click();
    await tab.getByRole('option', { name: 'Everyone' }).click();
    const declinedName = run.f.sandbox!.tenant.org.byId.get(run.declined[0]!)!.displayName;
    await tab.getByRole('searchbox', { name: 'Search' }).fill(declinedName);
    // The search finds them, and anyone whose approver or partner they are.
    await expect.poll(async () => (await list.getByRole('listitem').allTextContents()).every((text) => text.includes(declinedName))).toBe(true);
    expect((await list.getByRole('listitem').allTextContents()).some((text) => text.startsWith(declinedName) && text.includes('Declined'))).toBe(true);
    await tab.getByRole('searchbox', { name: 'Search' }).fill('');
  });

  it('downloads the enrollee list as CSV, which parses back', { timeout: 60_000 }, async () => {
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', { name: 'Enrollees (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('flipside-dashboard-program-enrollees.csv');
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(run.enrolled);
    expect(rows.filter((r) => r.status === 'declined')).toHaveLength(2);
  });

  it('reads at 400 px: a list, no sideways scroll', { timeout: 60_000 }, async () => {
    await tab.setViewportSize({ width: 400, height: 900 });
    await tab.waitForTimeout(500);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await shoot(tab, 'dashboard-04-400px');
    expect(await axeProblems(tab)).toEqual([]);
    await tab.setViewportSize({ width: 1280, height: 900 });
  });
});
