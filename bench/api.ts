import { execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Program, ProgramInput } from '../src/contracts/programs.ts';
import type { DatabaseOptions } from '../src/store/sql-client.ts';

/**
 * The API at a morning peak: the tab's main read routes and enroll/withdraw under 50 and 200
 * connections (autocannon in this process, the server in a child process), beside an empty route of the same server (security
 * headers and request log, no token, no database): the ceiling of this stack on this machine.
 * On PGlite, and on a real PostgreSQL: BENCH_DATABASE_URL, or a throwaway server started here the
 * way .ci/run starts one (initdb in a temporary directory, its own port, fsync off).
 * Every request carries a sandbox token of one of 400 people, verified as in production.
 */
export async function benchApi(opts: { quick?: boolean } = {}): Promise<void> {
  const seconds = opts.quick ? 3 : 8;
  const pg = process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL, stop: () => {} } : startThrowawayPostgres();
  try {
    await benchOn('PGlite (one process, the trial default)', { kind: 'pglite' }, seconds, { p99: 1_000 });
    if (pg) await benchOn('PostgreSQL', { kind: 'postgres', url: pg.url, schema: `bench_${randomUUID().replace(/-/g, '')}` }, seconds, { p95Read: 50, p95Enroll: 150 });
    else console.log('\nPostgreSQL: skipped (no BENCH_DATABASE_URL and no /usr/lib/postgresql/*/bin to start one)');
  } finally {
    pg?.stop();
  }
}

interface Goals {
  p99?: number;
  p95Read?: number;
  p95Enroll?: number;
}

interface Row {
  route: string;
  connections: number;
  'req/s': number;
  p50: number;
  p95: number;
  p99: number;
  errors: number | string;
  timeouts: number;
  'vs empty': string;
  goal: string;
}

const PEOPLE = 400;

interface Server {
  url: string;
  hr: string;
  people: string[];
  stop(): Promise<void>;
}

/** The server in a child process (bench/api-server.ts), on `database`. */
function startServer(database: DatabaseOptions): Promise<Server> {
  const child = fork(fileURLToPath(new URL('./api-server.ts', import.meta.url)), [JSON.stringify(database)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
    child.once('message', (m) => {
      const { url, hr, people } = m as { url: string; hr: string; people: string[] };
      child.removeAllListeners('exit');
      resolve({ url, hr, people, stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.send('stop'))) });
    });
  });
}

async function benchOn(name: string, database: DatabaseOptions, seconds: number, goals: Goals): Promise<void> {
  const f = await startServer(database);
  try {
    const hr = f.hr;
    const tokens = await Promise.all(f.people.slice(0, PEOPLE).map((id) => signIn(f, id)));
    const hrToken = await signIn(f, hr);
    const template = await call<ProgramInput>(f, hrToken, 'GET', '/api/programs/template');
    const program = await call<Program>(f, hrToken, 'POST', '/api/programs', { ...template, name: 'Morning peak' });
    // Half the people enrolled already, so the read routes have something to read.
    for (const [i, token] of tokens.entries()) if (i % 2 === 0) await call(f, token, 'POST', `/api/programs/${program.id}/enrollments`, enrollment());
    // enroll/withdraw acts for people not enrolled yet (one enrollment each at a time): the odd half, then others.
    const spare = await Promise.all(f.people.slice(PEOPLE, PEOPLE + 200).map((id) => signIn(f, id)));
    const enrollTokens = [...tokens.filter((_t, i) => i % 2 === 1), ...spare];

    const reads = ['/api/me', '/api/programs', '/api/enrollments', '/api/me/mentoring', '/api/matches/mine'];
    const rows: Row[] = [];
    const failures: string[] = [];
    for (const connections of [50, 200]) {
      const empty = await load(f, seconds, connections, [{ method: 'GET', path: '/bench/empty' }], []);
      rows.push(row('empty route (no token, no database)', connections, empty, empty, ''));
      for (const path of reads) {
        const r = await load(f, seconds, connections, [{ method: 'GET', path }], tokens);
        const goal = goalOf(goals, 'read', r, empty, failures, `${path} @${connections}`, connections);
        rows.push(row(`GET ${path}`, connections, r, empty, goal));
      }
      const r = await load(f, seconds, connections, enrollCycle(program.id), enrollTokens);
      await withdrawLeftovers(f, r.out, program.id);
      rows.push(row('enroll + withdraw (POST, alternating)', connections, r, empty, goalOf(goals, 'enroll', r, empty, failures, `enroll @${connections}`, connections)));
    }
    console.log(`\n## API at a morning peak: ${name}, ${seconds} s a run, ${PEOPLE} signed-in people, a 2,000-person org (times in ms)`);
    console.table(rows);
    console.log(
      goals.p99
        ? `goals: zero timeouts, p99 ≤ ${goals.p99} ms at 200 connections`
        : `goals: at 200 connections p95 ≤ ${goals.p95Read} ms for reads, ≤ ${goals.p95Enroll} ms for enroll; ≥ 1/3 of the empty route's requests/s; zero errors and timeouts`,
    );
    console.log(failures.length ? `missed: ${failures.join('; ')} (a loaded machine misses by more)` : 'every goal met');
  } finally {
    await f.stop();
  }
}

/** A run's result, its p95 and how many answers of each status other than 2xx came back. */
type Result = autocannon.Result & { p95: number; refused: Map<number, number> };
type Cycle = { method: 'GET' | 'POST'; path: string; body?: string; withdrawNext?: boolean }[];

function row(route: string, connections: number, r: Result, empty: Result, goal: string): Row {
  return {
    route,
    connections,
    'req/s': Math.round(r.requests.average),
    p50: r.latency.p50,
    p95: percentile(r, 95),
    p99: r.latency.p99,
    errors: r.errors + r.non2xx > 0 ? `${r.errors + r.non2xx}${statusesOf(r)}` : 0,
    timeouts: r.timeouts,
    'vs empty': r === empty ? '1×' : `${(empty.requests.average / Math.max(r.requests.average, 0.001)).toFixed(1)}× slower`,
    goal,
  };
}

/** autocannon's summary has no p95: it is read from every response time of the run. */
function percentile(r: Result, _p: 95): number {
  return r.p95;
}

function goalOf(goals: Goals, kind: 'read' | 'enroll', r: Result, empty: Result, failures: string[], label: string, connections: number): string {
  const misses: string[] = [];
  if (r.requests.total === 0) misses.push('no answer within the run');
  if (r.timeouts > 0) misses.push(`${r.timeouts} timeouts`);
  if (goals.p99 !== undefined) {
    if (connections === 200 && r.latency.p99 > goals.p99) misses.push(`p99 ${r.latency.p99} > ${goals.p99}`);
  } else {
    const p95Goal = kind === 'read' ? goals.p95Read! : goals.p95Enroll!;
    if (connections === 200 && percentile(r, 95) > p95Goal) misses.push(`p95 ${percentile(r, 95)} > ${p95Goal}`);
    if (r.errors + r.non2xx > 0) misses.push(`${r.errors + r.non2xx} errors${statusesOf(r)}`);
    if (empty.requests.average > 3 * r.requests.average) misses.push(`${(empty.requests.average / r.requests.average).toFixed(1)}× below empty`);
  }
  if (misses.length) failures.push(`${label}: ${misses.join(', ')}`);
  return misses.length ? `missed: ${misses.join(', ')}` : 'met';
}

/** The statuses of the answers that were not 2xx, e.g. " (409: 3, 503: 1)". */
function statusesOf(r: Result): string {
  return r.refused.size ? ` (${[...r.refused].map(([status, n]) => `${status}: ${n}`).join(', ')})` : '';
}

const enrollment = () => ({ role: 'mentor', teach: [{ topicId: 'ai-assistants', level: 4 }], learn: [], goals: ['Run a Copilot demo for my team by March'], cadence: 'biweekly', acceptedTerms: true });

function enrollCycle(programId: string): Cycle {
  return [
    { method: 'POST', path: `/api/programs/${programId}/enrollments`, body: JSON.stringify(enrollment()), withdrawNext: true },
    { method: 'POST', path: '/api/enrollments/{id}/withdraw' },
  ];
}

/**
 * One autocannon run of `cycle`, each cycle acting for one person whom no other connection acts for
 * at the same time: a cycle takes a person from the free ones when it starts and gives them back
 * when its last answer arrives. (autocannon starts every cycle with a fresh context, so a person
 * kept in the context would change with each cycle, and with round-robin two connections could act
 * for the same person at once: one enrolling while the other still has them enrolled is a 409 and a
 * withdrawal of nothing, errors of the bench, not of the server.) Returns the run's result and the
 * people still out when it stopped (a cycle cut short may have left them enrolled).
 */
async function load(f: { url: string }, seconds: number, connections: number, cycle: Cycle, tokens: string[]): Promise<Result & { out: string[] }> {
  const free = [...tokens];
  const out = new Set<string>();
  const times: number[] = [];
  const refused = new Map<number, number>();
  const last = cycle.length - 1;
  const instance = autocannon({
    url: f.url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { 'accept-encoding': 'gzip', 'content-type': 'application/json' },
    initialContext: {},
    requests: cycle.map((step, i) => ({
      method: step.method,
      path: step.path,
      ...(step.body ? { body: step.body } : {}),
      setupRequest(req: autocannon.Request, context: Record<string, unknown>) {
        if (tokens.length === 0) return req;
        if (context.token === undefined) {
          const token = free.shift();
          if (token === undefined) throw new Error(`more connections (${connections}) than people (${tokens.length}) to act for`);
          out.add(token);
          context.token = token;
        }
        const path = step.path.includes('{id}') ? step.path.replace('{id}', String(context.enrollmentId)) : step.path;
        return { ...req, path, headers: { ...req.headers, authorization: `Bearer ${String(context.token)}` } };
      },
      onResponse(status: number, body: string, context: Record<string, unknown>) {
        if (status < 200 || status > 299) refused.set(status, (refused.get(status) ?? 0) + 1);
        if (step.withdrawNext) {
          try {
            context.enrollmentId = (JSON.parse(body) as { id?: string }).id;
          } catch {
            context.enrollmentId = undefined;
          }
        }
        if (i === last && typeof context.token === 'string') {
          out.delete(context.token);
          free.push(context.token);
        }
      },
    })),
  } as autocannon.Options) as unknown as Promise<autocannon.Result> & { on(event: 'response', listener: (...args: never[]) => void): void };
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => void times.push(ms));
  const result = (await instance) as autocannon.Result;
  times.sort((a, b) => a - b);
  return Object.assign(result, { p95: Math.round(times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0), refused, out: [...out] });
}

/** Withdraws what a run cut short left enrolled in `programId`, so that the next run starts with these people free. */
async function withdrawLeftovers(f: { url: string }, tokens: string[], programId: string): Promise<void> {
  for (const token of tokens) {
    const mine = await call<{ id: string; programId: string; status: string }[]>(f, token, 'GET', '/api/enrollments');
    for (const e of mine) if (e.programId === programId && (e.status === 'pending' || e.status === 'approved')) await call(f, token, 'POST', `/api/enrollments/${e.id}/withdraw`);
  }
}

async function signIn(f: { url: string }, userId: string): Promise<string> {
  const res = await fetch(`${f.url}/sandbox/identity/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function call<T = unknown>(f: { url: string }, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${f.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A PostgreSQL of this run's own, as .ci/run starts one: initdb in a temporary directory, a free port, fsync off. */
function startThrowawayPostgres(): { url: string; stop: () => void } | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root)
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  if (!version) return undefined;
  const bin = join(root, version, 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'flipside-bench-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = 56_000 + Math.floor(Math.random() * 1_000);
  const asPostgres = (command: string) => execFileSync('su', ['postgres', '-c', command], { stdio: 'ignore' });
  asPostgres(`${bin}/initdb -D ${data} -A trust -U postgres`);
  asPostgres(`${bin}/pg_ctl -D ${data} -l ${dir}/server.log -o '-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -w start`);
  asPostgres(`${bin}/createdb -h 127.0.0.1 -p ${port} -U postgres flipside_bench`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/flipside_bench`,
    stop: () => {
      try {
        asPostgres(`${bin}/pg_ctl -D ${data} -m fast stop`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
