import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { Flipside } from '../../src/server/compose.ts';
import { startTestFlipside, type TestFlipsideOptions } from './flipside.ts';

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

/** Axe's serious and critical findings on the page (or a frame: the tab inside a host), one line each. */
export async function axeProblems(page: Page | Frame): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return (
    results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      // Fluent's TabList (through tabster) brackets its tabs with aria-hidden focus redirectors: a
      // known false positive, by design (microsoft/fluentui#27517).
      .map((v) => (v.id === 'aria-hidden-focus' ? { ...v, nodes: v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')) } : v))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  );
}

/** A full-page screenshot into screenshots/ (git-ignored), from the top: a scrolled page would paint the sticky header mid-page. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A new browser context the size of a desktop Teams tab, in the light theme. */
function newTabContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', locale: 'en-GB' });
}

/** A whole sandbox Flipside and a Chromium with one tab page (desktop Teams size, light theme), for a browser test file. */
export interface TabSession {
  flipside: Flipside;
  browser: Browser;
  context: BrowserContext;
  tab: Page;
  /** Closes the page's context, the browser and Flipside, in that order. */
  close(): Promise<void>;
}

/** Starts Flipside and Chromium side by side (each takes seconds), then opens the tab page. */
export async function startTabSession(options: TestFlipsideOptions = {}): Promise<TabSession> {
  const [started, launched] = await Promise.allSettled([startTestFlipside(options), launchChromium()]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.close();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const flipside = started.value;
  const browser = launched.value;
  const context = await newTabContext(browser);
  return {
    flipside,
    browser,
    context,
    tab: await context.newPage(),
    async close() {
      await context.close();
      await browser.close();
      await flipside.close();
    },
  };
}

/**
 * The page in Teams' dark theme: screenshot `name` once Fluent's colour transitions have settled,
 * axe's serious and critical findings, then back to the light theme. Returns the findings.
 */
export async function darkThemeProblems(page: Page, name: string): Promise<string[]> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(400); // Fluent's colour transitions, so the screenshot shows the settled theme
  await shoot(page, name);
  const problems = await axeProblems(page);
  await page.emulateMedia({ colorScheme: 'light' });
  return problems;
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Signs in through the sandbox's person picker, as a visitor would, and waits for their profile. */
export async function signInAs(page: Page, person: { displayName: string }): Promise<void> {
  // Generous waits: on a loaded 2-core CI machine a cold page load can take a while.
  await page.getByRole('heading', { level: 1, name: 'Who are you?' }).waitFor({ timeout: 30_000 });
  await page.getByRole('searchbox', { name: 'Search people' }).fill(person.displayName);
  await page
    .getByRole('button', { name: new RegExp(escapeRegExp(person.displayName)) })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: person.displayName }).waitFor({ timeout: 30_000 });
}
