import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../src/config/config.ts';
import { startFlipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';

const CHROMIUM = '/usr/bin/chromium';
const TAB_DIR = fileURLToPath(new URL('../dist/tab/', import.meta.url));
const RUNS = 5;
const GOAL_MS = 600;
const GOAL_GZIP_KB = 200;
/** The baseline: an HTML page with one heading and no script, from the same server. */
const EMPTY = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Empty</title></head><body><h1>Empty</h1></body></html>';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The tab's cold first load in headless Chromium (cache disabled, a fresh browser context each
 * time): from navigation to the Me page's heading (the person's name, shown once the tab's code has
 * run and /api/me has answered), median of 5, beside the same measure of an empty HTML page from
 * the same server in the same run. And the Me page's initial JavaScript: every script the browser
 * fetched before the heading showed, by the size of its gzip file in the build.
 */
export async function benchTab(opts: { quick?: boolean } = {}): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`\n## Tab cold load: skipped (${CHROMIUM} is not installed)`);
    return;
  }
  console.log('\n(building the tab: vite build)');
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url)), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const config = loadConfig({ PORT: '0', SANDBOX_ORG_SIZE: opts.quick ? '200' : '1000', LOG_LEVEL: 'silent' });
  const f = await startFlipside(
    { ...config, database: { kind: 'pglite' } },
    { log: createLogger('silent'), syncOnStart: false, extraRoutes: (app) => app.get('/bench/empty.html', (_req, res) => void res.type('html').send(EMPTY)) },
  );
  let browser: Browser | undefined;
  try {
    await f.syncNow();
    const org = f.sandbox!.tenant.org;
    const person = org.people.find((p) => !p.persona && p.accountEnabled && p.managerId)!;
    const signin = await fetch(`${f.url}/sandbox/identity/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: person.id }) });
    const { accessToken } = (await signin.json()) as { accessToken: string };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });

    /** One cold load: a new context (empty cache and storage), the HTTP cache disabled, the sandbox session set before any script runs. */
    const load = async (path: string, heading: string) => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        await context.addInitScript(([token]) => sessionStorage.setItem('flipside.sandbox.token', JSON.stringify({ accessToken: token, expiresAt: Date.now() + 3_600_000 })), [accessToken] as const);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        const scripts: string[] = [];
        page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname)));
        const t0 = performance.now();
        await page.goto(`${f.url}${path}`, { waitUntil: 'commit' });
        await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 60_000 });
        return { ms: performance.now() - t0, scripts: [...scripts] };
      } finally {
        await context.close();
      }
    };

    // One warm-up of each (the server's first answers, Chromium's first process), then alternate.
    await load('/bench/empty.html', 'Empty');
    const first = await load('/', person.displayName);
    const tab: number[] = [];
    const empty: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      empty.push((await load('/bench/empty.html', 'Empty')).ms);
      tab.push((await load('/', person.displayName)).ms);
    }

    const gz = (pathname: string) => {
      const file = `${TAB_DIR}${pathname.replace(/^\//, '')}`;
      if (existsSync(`${file}.gz`)) return statSync(`${file}.gz`).size;
      return existsSync(file) ? statSync(file).size : 0; // under 1 KB: not precompressed
    };
    const initial = [...new Set(first.scripts)];
    const gzipBytes = initial.reduce((sum, s) => sum + gz(s), 0);
    const rawBytes = initial.reduce((sum, s) => sum + (existsSync(`${TAB_DIR}${s.slice(1)}`) ? readFileSync(`${TAB_DIR}${s.slice(1)}`).length : 0), 0);

    console.log(`\n## Tab cold load: the Me page in headless Chromium (cache disabled, a fresh context each load), median of ${RUNS}`);
    const load1 = `${process.platform === 'linux' ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'n/a'}`;
    console.table([
      { page: 'empty HTML page (same server): baseline', 'median ms': Math.round(median(empty)), runs: empty.map(Math.round).join(' ') },
      { page: "Me page, to its heading (the person's name)", 'median ms': Math.round(median(tab)), runs: tab.map(Math.round).join(' ') },
    ]);
    console.log(`load average at the end: ${load1}; the Me page less the empty page: ${Math.round(median(tab) - median(empty))} ms`);
    console.log(
      `Me page's initial JavaScript: ${initial.length} scripts, ${(gzipBytes / 1024).toFixed(1)} KB gzip (${(rawBytes / 1024).toFixed(0)} KB raw): ${initial.map((s) => s.replace('/assets/', '')).join(', ')}`,
    );
    console.table([
      { goal: `cold first load to the Me page's heading ≤ ${GOAL_MS} ms`, figure: `${Math.round(median(tab))} ms`, met: median(tab) <= GOAL_MS ? 'yes' : 'no' },
      { goal: `Me page's initial JS ≤ ${GOAL_GZIP_KB} KB gzip`, figure: `${(gzipBytes / 1024).toFixed(1)} KB`, met: gzipBytes <= GOAL_GZIP_KB * 1024 ? 'yes' : 'no' },
    ]);
  } finally {
    await browser?.close();
    await f.close();
  }
}
