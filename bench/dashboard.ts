/**
 * `npm run bench -- dashboard`: a generated program of 10,000 participants, 60,000 sessions and
 * 120,000 feedback answers on PGlite. The dashboard's API answer by SQL aggregates against the same
 * answer computed in JavaScript from the program's rows, in the same run (goal: p95 ≤ 150 ms and
 * ≥ 10× faster); both must give the same dashboard. Then the sessions CSV export of 120,000 rows
 * streamed, with the peak memory growth printed (goal < 50 MB), against building the file in memory.
 * `--quick`: a tenth of the sizes, fewer runs.
 */
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { buildDashboard } from '../src/app/dashboard/dashboard.ts';
import { exportCsv } from '../src/app/dashboard/exports.ts';
import type { ProgramRecord } from '../src/app/programs/ports.ts';
import { REVERSE_MENTORING_TOPICS } from '../src/domain/programs/template.ts';
import { writeCsv } from '../src/server/csv.ts';
import { createStore } from '../src/store/index.ts';
import { migrate } from '../src/store/migrate.ts';
import { openDatabase } from '../src/store/sql-client.ts';
import { aggregatesInJs } from './dashboard-js.ts';

const TENANT = '7a000000-0000-4000-8000-000000000001';
const PROGRAM = '7a000000-0000-4000-8000-000000000002';
const ADMIN = '7a000000-0000-4000-8000-000000000003';
const START = new Date('2027-01-04T00:00:00Z');
const DAY = 86_400_000;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

/** Wall times of `runs` calls, and the process's CPU time of each (PGlite runs in this thread: a figure the machine's load sways less). */
async function time(runs: number, fn: () => Promise<unknown>): Promise<number[] & { cpu: number[] }> {
  const out = Object.assign([] as number[], { cpu: [] as number[] });
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    out.cpu.push((c.user + c.system) / 1000);
  }
  return out;
}

/** Peak growth of the process's memory (RSS, and JS heap + buffers) while `fn` runs, sampled every 5 ms. */
async function peakGrowth(fn: () => Promise<void>): Promise<{ rss: number; js: number }> {
  globalThis.gc?.();
  const base = process.memoryUsage();
  const js = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  const peak = { rss: 0, js: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss - base.rss);
    peak.js = Math.max(peak.js, js(m) - js(base));
  };
  const timer = setInterval(sample, 5);
  try {
    await fn();
  } finally {
    clearInterval(timer);
    sample();
  }
  return peak;
}

export async function benchDashboard({ quick }: { quick: boolean }): Promise<void> {
  const scale = quick ? 0.1 : 1;
  const participants = Math.round(10_000 * scale);
  const pairs = Math.round(4_000 * scale);
  const perPair = 15; // 60,000 sessions at full size
  const runs = quick ? 5 : 20;
  const db = await openDatabase({ kind: 'pglite' });
  await migrate(db);
  const store = createStore(db);

  const t0 = performance.now();
  const departments = ['Finance', 'Sales', 'Engineering', 'Marketing', 'Operations', 'Legal', 'Support', 'Research', 'People', 'Design'];
  await db.query('INSERT INTO tenants (tenant_id) VALUES ($1)', [TENANT]);
  await db.query(
    `INSERT INTO directory_people (tenant_id, id, display_name, mail, department)
     SELECT $1, md5('person' || i)::uuid, 'Person ' || i, 'p' || i || '@bench.test', ($2::text[])[1 + i % 10] FROM generate_series(1, $3::int) i`,
    [TENANT, departments, participants],
  );
  const program: ProgramRecord = {
    tenantId: TENANT,
    id: PROGRAM,
    name: 'Bench program',
    description: '',
    startsOn: '2027-01-04',
    endsOn: '2027-06-30',
    enrollmentOpensOn: '2026-11-01',
    enrollmentClosesOn: '2027-01-01',
    cadences: ['weekly'],
    sessionMinutes: 45,
    topics: REVERSE_MENTORING_TOPICS,
    seniority: { minLevelGap: 2, minTenureYearsGap: 0, combine: 'levels' },
    mentorCapacity: 1,
    agendaLeadHours: 24,
    heldMinutes: 10,
    sessionPlan: null,
    matchingWeights: null,
    createdBy: ADMIN,
    createdAt: START,
    updatedAt: START,
  };
  await store.programs.insert(program);
  // Mentors are people 1…participants/2, mentees the rest; most approved, some declined, pending, withdrawn.
  await db.query(
    `INSERT INTO enrollments (tenant_id, id, program_id, user_id, role, teach, learn, goals, cadence, status, approver_kind, decided_at, expires_at, created_at, updated_at)
     SELECT $1, md5('enrollment' || i)::uuid, $2, md5('person' || i)::uuid, CASE WHEN i <= $3::int / 2 THEN 'mentor' ELSE 'mentee' END, '[]', '[]', '["Private goal"]', 'weekly',
            CASE WHEN i % 53 = 0 THEN 'declined' WHEN i % 61 = 0 THEN 'pending' WHEN i % 67 = 0 THEN 'withdrawn' ELSE 'approved' END,
            'manager', CASE WHEN i % 61 = 0 THEN NULL ELSE $4::timestamptz END, $4::timestamptz + interval '30 days', $4::timestamptz, $4::timestamptz
       FROM generate_series(1, $3::int) i`,
    [TENANT, PROGRAM, participants, new Date(START.getTime() - 40 * DAY)],
  );
  await db.query(
    `INSERT INTO pairs (tenant_id, program_id, mentor_id, mentee_id, score, reasons, published_at)
     SELECT $1, $2, md5('person' || i)::uuid, md5('person' || ($3::int / 2 + i))::uuid, 1, '[]', $4 FROM generate_series(1, $5::int) i`,
    [TENANT, PROGRAM, participants, new Date(START.getTime() - 14 * DAY), pairs],
  );
  await db.query(
    `INSERT INTO bookings (tenant_id, program_id, mentee_id, mentor_id, organizer_id, status, chosen, event_id)
     SELECT $1, $2, md5('person' || ($3::int / 2 + i))::uuid, md5('person' || i)::uuid, md5('person' || i)::uuid,
            CASE WHEN i % 150 = 0 THEN 'unbookable' WHEN i % 100 = 0 THEN 'ended' ELSE 'booked' END,
            CASE WHEN i % 150 = 0 THEN NULL ELSE '{}'::jsonb END, CASE WHEN i % 150 = 0 THEN NULL ELSE 'event-' || i END
       FROM generate_series(1, $4::int) i`,
    [TENANT, PROGRAM, participants, pairs],
  );
  // Fifteen weekly sessions per booked pair; "now" is after the tenth: held, partly held or missed before, planned after.
  const now = new Date(START.getTime() + 10 * 7 * DAY + 3 * DAY);
  const titles = ['Getting to know each other', ...REVERSE_MENTORING_TOPICS.map((t) => t.name), 'Mid-point review', 'Closing session'];
  await db.query(
    `INSERT INTO sessions (tenant_id, id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, original_start, status, source, topic, created_at, updated_at)
     SELECT $1, md5('session' || i || ':' || n)::uuid, $2, md5('person' || ($3::int / 2 + i))::uuid, md5('person' || i)::uuid, n, $4::int,
            st, st + interval '45 minutes', st,
            CASE WHEN n > 10 THEN 'planned' WHEN (i + n) % 11 = 0 THEN 'missed' WHEN (i + n) % 13 = 0 THEN 'partly_held' WHEN (i + n) % 17 = 0 THEN 'cancelled' ELSE 'held' END,
            'plan', jsonb_build_object('title', ($5::text[])[1 + (i + n) % array_length($5::text[], 1)], 'description', ''), $6, $6
       FROM generate_series(1, $7::int) i, generate_series(1, $4::int) n,
            LATERAL (SELECT $8::timestamptz + (n - 1) * interval '7 days' + (i % 40) * interval '1 hour' AS st) x
      WHERE i % 150 <> 0`,
    [TENANT, PROGRAM, participants, perPair, titles, START, pairs, START],
  );
  // Both people answer after every session (the private words are there, and never read).
  await db.query(
    `INSERT INTO feedback (tenant_id, session_id, user_id, happened, usefulness, learned, taught, answered_at, updated_at)
     SELECT s.tenant_id, s.id, u.id, s.status <> 'missed', 1 + (abs(hashtext(s.id::text || u.id::text)) % 5), 'Private words', '', s.ends_at, s.ends_at
       FROM sessions s, LATERAL (VALUES (s.mentor_id), (s.mentee_id)) u(id)
      WHERE s.tenant_id = $1 AND s.program_id = $2`,
    [TENANT, PROGRAM],
  );
  await db.exec('ANALYZE');
  const [counts] = await db.query<{ s: number; f: number; e: number }>(
    'SELECT (SELECT count(*)::int FROM sessions) AS s, (SELECT count(*)::int FROM feedback) AS f, (SELECT count(*)::int FROM enrollments) AS e',
  );
  console.log(
    `\ndashboard: ${counts!.e.toLocaleString('en')} participants, ${pairs.toLocaleString('en')} pairs, ${counts!.s.toLocaleString('en')} sessions, ${counts!.f.toLocaleString('en')} feedback answers on PGlite (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  if (process.env.BENCH_PROFILE) {
    const { SqlDashboardRepository } = await import('../src/store/dashboard.repository.ts');
    const timed = new SqlDashboardRepository({
      async query<T extends object>(text: string, params?: readonly unknown[]) {
        const t1 = performance.now();
        const rows = await db.query<T>(text, params);
        console.log(`    ${(performance.now() - t1).toFixed(0).padStart(6)} ms  ${text.replace(/\s+/g, ' ').slice(0, 100)}`);
        return rows;
      },
      exec: (script) => db.exec(script),
    });
    await timed.aggregates(TENANT, PROGRAM, now);
  }
  // The two ways, checked against each other first.
  const bySql = async () => buildDashboard(program, await store.dashboard.aggregates(TENANT, PROGRAM, now), 5, now);
  const byJs = async () => buildDashboard(program, await aggregatesInJs(db, TENANT, PROGRAM, now), 5, now);
  const [a, b] = [await bySql(), await byJs()];
  const same = isDeepStrictEqual(normalise(a), normalise(b));
  if (!same) console.log('  !! the SQL and JavaScript dashboards differ');
  // Each way timed from a collected heap, so neither pays for the other's garbage.
  globalThis.gc?.();
  const sql = await time(runs, bySql);
  globalThis.gc?.();
  const js = await time(Math.max(3, Math.round(runs / 2)), byJs);
  console.log(
    `  dashboard API answer, SQL aggregates:     p95 ${p95(sql).toFixed(1)} ms, median ${median(sql).toFixed(1)} ms (${runs} runs; goal p95 ≤ 150 ms); CPU median ${median(sql.cpu).toFixed(1)} ms`,
  );
  console.log(`  dashboard API answer, JavaScript on rows: p95 ${p95(js).toFixed(1)} ms, median ${median(js).toFixed(1)} ms; CPU median ${median(js.cpu).toFixed(1)} ms`);
  console.log(
    `  SQL is ${(median(js) / median(sql)).toFixed(1)}× faster (median; goal ≥ 10×), ${(median(js.cpu) / median(sql.cpu)).toFixed(1)}× by CPU time; same dashboard both ways: ${same ? 'yes' : 'NO'}`,
  );

  // The sessions export: a second series per pair (a later program year) makes it 120,000 rows at full size.
  await db.query(
    `INSERT INTO sessions (tenant_id, id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, original_start, status, source, topic, created_at, updated_at)
     SELECT tenant_id, md5(id::text || ':again')::uuid, program_id, mentee_id, mentor_id, n, of, starts_at + interval '365 days', ends_at + interval '365 days',
            original_start + interval '365 days', 'planned', source, topic, created_at, updated_at FROM sessions WHERE tenant_id = $1 AND program_id = $2`,
    [TENANT, PROGRAM],
  );
  const actor = { tenantId: TENANT, userId: ADMIN, isProgramAdmin: true };
  const deps = { store, clock: { now: () => now } };
  let rows = 0;
  let bytes = 0;
  const sink = () =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        rows += chunk.toString('utf8').split('\n').length - 1;
        // A slow reader now and then: what a download over a network does.
        if (rows % 20_000 < 10) setTimeout(done, 1);
        else done();
      },
    });
  const s0 = performance.now();
  const streamed = await peakGrowth(async () => writeCsv(await exportCsv(deps, actor, PROGRAM, 'sessions'), sink()));
  const streamMs = performance.now() - s0;
  const streamedRows = rows - 1;
  const streamedBytes = bytes;
  // The naive way: every row read at once, the whole file built as one string.
  const m0 = performance.now();
  const inMemory = await peakGrowth(async () => {
    const all = await db.query<Record<string, unknown>>(
      `SELECT s.*, mr.display_name AS mentor_name, me.display_name AS mentee_name FROM sessions s
         LEFT JOIN directory_people mr ON mr.tenant_id = s.tenant_id AND mr.id = s.mentor_id
         LEFT JOIN directory_people me ON me.tenant_id = s.tenant_id AND me.id = s.mentee_id
        WHERE s.tenant_id = $1 AND s.program_id = $2 ORDER BY s.mentee_id, s.starts_at, s.id`,
      [TENANT, PROGRAM],
    );
    const text = stringify(
      all.map((r) => [r.mentor_id, r.mentor_name, r.mentee_id, r.mentee_name, r.n, r.of, r.starts_at, r.ends_at, r.status, r.minutes_together, (r.topic as { title: string }).title]),
      { escape_formulas: true },
    );
    bytes = text.length;
  });
  const memoryMs = performance.now() - m0;
  console.log(
    `  sessions CSV, streamed:  ${streamedRows.toLocaleString('en')} rows, ${mb(streamedBytes)} MB in ${(streamMs / 1000).toFixed(2)} s; peak memory growth ${mb(streamed.rss)} MB RSS, ${mb(streamed.js)} MB JS heap + buffers (goal < 50 MB)`,
  );
  console.log(`  sessions CSV, in memory: ${mb(bytes)} MB in ${(memoryMs / 1000).toFixed(2)} s; peak memory growth ${mb(inMemory.rss)} MB RSS, ${mb(inMemory.js)} MB JS heap + buffers`);
  await db.close();
}

/** Order-free comparison: the two ways list departments and pairs in their own order. */
function normalise(d: ReturnType<typeof buildDashboard>) {
  return {
    ...d,
    asOf: '',
    byDepartment: [...d.byDepartment].sort((x, y) => String(x.department).localeCompare(String(y.department))),
    attention: [...d.attention].sort((x, y) => x.mentee.id.localeCompare(y.mentee.id)),
  };
}
