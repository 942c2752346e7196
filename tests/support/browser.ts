import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: npm's browser downloads do not work here. */
export const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../screenshots', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Whether a browser test file must be skipped: only when Chromium is missing outside CI (CI always
 * installs and runs it). Says so once per file.
 */
export function browserMissing(testFile: string): boolean {
  const missing = !existsSync(CHROMIUM) && !process.env.CI;
  if (missing) console.warn(`${basename(testFile)} is skipped: ${CHROMIUM} is not installed (apt-get install chromium). CI always runs it.`);
  return missing;
}

/** Headless Chromium with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Axe's serious and critical findings on the page, one line each. */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    // Fluent's TabList (through tabster) brackets its tabs with aria-hidden focus redirectors: a
    // known false positive, by design (microsoft/fluentui#27517).
    .map((v) => (v.id === 'aria-hidden-focus' ? { ...v, nodes: v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')) } : v))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A full-page screenshot into screenshots/ (git-ignored), from the top: a scrolled page would paint the sticky header mid-page. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Signs in through the sandbox's person picker, as a visitor would, and waits for their profile. */
export async function signInAs(page: Page, person: { displayName: string }): Promise<void> {
  // Generous waits: on a loaded 2-core CI machine a cold page load can take a while.
  await page.getByRole('heading', { level: 1, name: 'Who are you?' }).waitFor({ timeout: 30_000 });
  await page.getByRole('searchbox', { name: 'Search people' }).fill(person.displayName);
  await page.getByRole('button', { name: new RegExp(escapeRegExp(person.displayName)) }).first().click();
  await page.getByRole('heading', { level: 1, name: person.displayName }).waitFor({ timeout: 30_000 });
}
