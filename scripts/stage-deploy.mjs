// `npm run stage:deploy`: what App Service runs, in build/deploy/, for the toolkit's zipDeploy
// (teamsapp.yml): the built tab and chat (dist/), the compiled server (dist-server/), the legal
// pages, package.json and package-lock.json, and only the production dependencies (npm ci
// --omit=dev). Run after `npm run build && npm run build:server`. The developer's own checkout
// keeps its dev dependencies; App Service runs the zip as is (WEBSITE_RUN_FROM_PACKAGE=1).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const stage = new URL('build/deploy/', root);
for (const needed of ['dist/tab/index.html', 'dist-server/server/main.js']) {
  if (!existsSync(new URL(needed, root))) throw new Error(`${needed} is missing: run \`npm run build && npm run build:server\` first.`);
}
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const path of ['package.json', 'package-lock.json', 'dist/', 'dist-server/', 'legal/']) {
  if (existsSync(new URL(path, root))) cpSync(new URL(path, root), new URL(path, stage), { recursive: true });
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: stage, stdio: 'inherit' });
