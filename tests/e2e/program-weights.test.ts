// The program form's Matching preferences in a real Chromium against a sandbox Flipside: the
// defaults on the sliders with each one's share of the score, HR ignores "Other department" and
// raises "Shared working hours" by keyboard, the preview of a pair's reasons follows, saves, and
// sees the weights again after a reload; every preference at 0 is refused on the form before any
// request; Reset to defaults. Axe in both themes; no sideways scroll at 400 px.
import { type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_WEIGHTS } from '../../src/contracts/programs.ts';
import { axeProblems, browserMissing, darkThemeProblems, shoot, type TabSession } from '../support/browser.ts';
import { programFormSession, type ProgramFormSession } from '../support/program-form.ts';

const missing = browserMissing(import.meta.url);

const PROGRAM = 'Reverse mentoring · weights';

describe.skipIf(missing)('the matching preferences on the program form (Chromium at /usr/bin/chromium)', () => {
  let session: TabSession;
  let tab: Page;
  let form: ProgramFormSession;

  beforeAll(async () => {
    form = await programFormSession(PROGRAM);
    ({ session, tab } = form);
  }, 180_000);

  afterAll(async () => session?.close());

  const saved = () => form.saved();
  const openForm = () => form.openSection('Matching preferences');

  const slider = (section: Locator, name: string) => section.getByRole('slider', { name });
  const reasonsOrder = (section: Locator) => section.getByRole('list').last().getByRole('listitem').allInnerTexts();

  it('starts from the defaults, each with its share of the score, and previews a pair’s reasons', { timeout: 60_000 }, async () => {
    const section = await openForm();
    expect(await slider(section, 'Topics taught').inputValue()).toBe('0.45');
    expect(await slider(section, 'Topics taught').getAttribute('aria-valuetext')).toBe('0.45, 45% of the score');
    expect(await slider(section, 'Other department').getAttribute('aria-valuetext')).toBe('0.1, 10% of the score');
    await section.getByText('Prefer mentors who teach what the mentee wants to learn', { exact: false }).waitFor();
    await section.getByText('Prefer pairs about 3 levels apart', { exact: false }).waitFor();
    expect((await reasonsOrder(section)).map((r) => r.split(':')[0])).toEqual(['Topics taught', 'Teaching back', 'Shared working hours', 'Other department', 'Level gap']);
    expect(await section.getByRole('button', { name: 'Reset to defaults' }).isDisabled()).toBe(true);
    expect(await axeProblems(tab)).toEqual([]);
  });

  it('ignores one preference, raises another, saves, and sees them after a reload', { timeout: 90_000 }, async () => {
    const section = await openForm();
    await slider(section, 'Other department').press('Home');
    // 0.15 → 1 in steps of 0.05.
    for (let i = 0; i < 17; i++) await slider(section, 'Shared working hours').press('ArrowRight');
    expect(await slider(section, 'Other department').getAttribute('aria-valuetext')).toBe('0, ignored');
    expect(await slider(section, 'Shared working hours').inputValue()).toBe('1');
    expect((await reasonsOrder(section)).map((r) => r.split(':')[0])).toEqual(['Shared working hours', 'Topics taught', 'Teaching back', 'Level gap']);
    await section.getByText('Not counted: other department.').waitFor();

    await tab.setViewportSize({ width: 400, height: 900 });
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: 'screenshots/program-weights-01-400.png' });
    await shoot(tab, 'program-weights-02-form-400');
    expect(await darkThemeProblems(tab, 'program-weights-03-form-dark-400')).toEqual([]);
    await tab.setViewportSize({ width: 1280, height: 900 });
    await tab.emulateMedia({ colorScheme: 'dark' });
    await tab.waitForTimeout(400);
    await section.screenshot({ path: 'screenshots/program-weights-04-dark.png' });
    await tab.emulateMedia({ colorScheme: 'light' });
    await tab.waitForTimeout(400);
    await section.screenshot({ path: 'screenshots/program-weights-05-light.png' });

    await tab.getByRole('button', { name: 'Save changes' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();
    expect((await saved()).matchingWeights).toEqual({ ...DEFAULT_MATCHING_WEIGHTS, otherDepartment: 0, sharedHours: 1 });

    await tab.reload();
    const again = await openForm();
    expect(await slider(again, 'Other department').inputValue()).toBe('0');
    expect(await slider(again, 'Shared working hours').inputValue()).toBe('1');
    expect(await again.getByRole('button', { name: 'Reset to defaults' }).isDisabled()).toBe(false);
  });

  it('refuses every preference at 0 on the form, and Reset to defaults brings them back', { timeout: 60_000 }, async () => {
    const section = await openForm();
    for (const name of ['Topics taught', 'Teaching back', 'Shared working hours', 'Level gap']) await slider(section, name).press('Home');
    await section.getByText('No preference counts: give at least one some weight').waitFor();
    let requests = 0;
    tab.on('request', (r) => {
      if (r.method() === 'PUT') requests++;
    });
    await tab.getByRole('button', { name: 'Save changes' }).click();
    const summary = tab.getByRole('group', { name: 'One thing to fix before saving' });
    await summary.getByRole('link', { name: 'Give at least one preference some weight.' }).click();
    expect(await section.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    expect(requests).toBe(0);
    await shoot(tab, 'program-weights-06-all-ignored');

    await section.getByRole('button', { name: 'Reset to defaults' }).click();
    expect(await slider(section, 'Topics taught').inputValue()).toBe('0.45');
    expect(await slider(section, 'Other department').inputValue()).toBe('0.1');
    await tab.getByRole('button', { name: 'Save changes' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Programs you run' }).waitFor();
    expect((await saved()).matchingWeights).toEqual(DEFAULT_MATCHING_WEIGHTS);
  });
});
