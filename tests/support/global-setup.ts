import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Builds the tab and the sandbox chat view once for the whole run, from the current sources: the
 * server serves dist/, and the browser tests look at it. Skipped when no browser test will run.
 */
export default function setup(): void {
  if (!existsSync('/usr/bin/chromium') && !process.env.CI) return;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
}
