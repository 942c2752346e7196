// The production process, as App Service runs it: the server compiled ahead of time
// (`npm run build:server`) started with the command line infra/azure.bicep gives App Service, then
// stopped the way the platform stops it (SIGTERM to that process) while a send is in flight.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../src/sandbox/org/generate.ts';
import { readSandboxState } from '../src/sandbox/persistence.ts';
import { openDatabase } from '../src/store/sql-client.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BICEP = readFileSync(join(ROOT, 'infra/azure.bicep'), 'utf8');
const ORG = { size: 60, seed: 7 };

/** The command App Service runs (siteConfig.appCommandLine), as argv. */
function appCommandLine(): string[] {
  const line = /appCommandLine: '([^']+)'/.exec(BICEP)?.[1];
  if (!line) throw new Error('infra/azure.bicep has no appCommandLine');
  return line.split(/\s+/);
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 300_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let dataRoot: string;
let dataDir: string;
let child: ChildProcess | undefined;
let output = '';

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs')], { cwd: ROOT, stdio: 'pipe' });
  // PGlite's folder inside a folder of the test's own: the sandbox keeps its state beside it.
  dataRoot = mkdtempSync(join(tmpdir(), 'flipside-prod-'));
  dataDir = join(dataRoot, 'data');
}, 180_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataRoot, { recursive: true, force: true });
});

describe('the production process', () => {
  it('is node running the compiled server directly, not npm or tsx', () => {
    const [command, script] = appCommandLine();
    expect(command).toBe('node');
    expect(script).toBe('dist-server/server/main.js');
    expect(BICEP).toContain("linuxFxVersion: 'NODE|22-lts'");
  });

  it('finishes the send in flight when App Service sends SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const [, ...args] = appCommandLine();
    child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SANDBOX_ORG_SIZE: String(ORG.size), SANDBOX_SEED: String(ORG.seed), SANDBOX_OTHERS_RESPOND: 'false', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    // Ready once the directory is synced, the sandbox Graph gives tokens and the app is in its catalog.
    await until('readiness', async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined));

    const org = generateOrg(ORG);
    const hr = org.personas.hrAdmin;
    const employee = org.people.find((p) => p.level >= 3 && p.managerId && p.accountEnabled && org.byId.get(p.managerId)?.accountEnabled && p.id !== org.personas.changesManager)!;
    const token = async (userId: string) =>
      ((await (await fetch(`${url}/sandbox/identity/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })).json()) as { accessToken: string })
        .accessToken;
    const call = async (userId: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${await token(userId)}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };

    // Every Bot Connector request now takes 1.5 s: the approval card's delivery is a slow send.
    await fetch(`${url}/sandbox/control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ connectorDelayMs: 1500 }) });
    const template = await call(hr, 'GET', '/programs/template');
    const program = await call(hr, 'POST', '/programs', template);
    await call(employee.id, 'POST', `/programs/${String(program.id)}/enrollments`, {
      role: 'mentor',
      teach: [{ topicId: 'ai-assistants', level: 4 }],
      learn: [],
      goals: ['Run a Copilot demo for my team by March'],
      cadence: 'biweekly',
      acceptedTerms: true,
    });
    await until('a send in flight', async () => {
      const control = (await (await fetch(`${url}/sandbox/control`)).json()) as { connector: { counters: { held: number } } };
      return control.connector.counters.held > 0 ? true : undefined;
    });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopping"');
    expect(output).toContain('"msg":"stopped"');

    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const rows = await db.query<{ status: string }>('SELECT status FROM outbox');
      expect(rows.map((r) => r.status)).toEqual(['sent']);
    } finally {
      await db.close();
    }
    // The sandbox's side was saved on the way out, beside the data, with the message the stop waited for.
    const saved = readSandboxState(join(dataRoot, 'data.sandbox-state'));
    expect('state' in saved && saved.state.conversations.flatMap((c) => c.activities).filter((a) => a.senderId === null).length).toBeGreaterThan(0);
  }, 420_000);
});
