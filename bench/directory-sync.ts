import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config.ts';
import { startFlipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';

/**
 * Directory sync of a 20,000-person sandbox org through the real gateway (Graph client, msal,
 * sandbox Graph over HTTP, PGlite): requests and time against the naive way (list the users, then
 * one /manager call per person), whose time is measured on a sample in the same run.
 */
export async function benchDirectorySync(opts: { quick?: boolean } = {}): Promise<void> {
  const size = opts.quick ? 2_000 : 20_000;
  const config = loadConfig({ PORT: '0', SANDBOX_ORG_SIZE: String(size), LOG_LEVEL: 'silent', SANDBOX_OTHERS_RESPOND: 'false' });
  const f = await startFlipside({ ...config, database: { kind: 'pglite' } }, { log: createLogger('silent'), syncOnStart: false });
  try {
    const tenant = f.sandbox!.tenant;
    const org = tenant.org;

    tenant.resetCounters();
    let t0 = performance.now();
    const full = await f.syncNow();
    const fullMs = performance.now() - t0;
    const fullRequests = tenant.counters.requests;

    // The naive way, measured on a sample through the same client: one /manager per person.
    const sample = org.people.slice(0, Math.min(500, size));
    tenant.resetCounters();
    t0 = performance.now();
    for (const p of sample) {
      await f.graph.get(`/users/${p.id}/manager?$select=id`).catch(() => undefined);
    }
    const naivePerCallMs = (performance.now() - t0) / sample.length;
    const naiveRequests = Math.ceil(size / 999) + size;
    const naiveMs = naivePerCallMs * size;

    // 50 changes: 25 people move to another manager, 25 get a new title.
    const movers = org.people.filter((p) => p.level >= 3).slice(0, 25);
    const target = org.people.find((p) => p.level === 2 && !movers.some((m) => m.managerId === p.id))!;
    for (const m of movers) tenant.changeManager(m.id, target.id);
    for (const r of org.people.filter((p) => p.level >= 3).slice(25, 50)) tenant.updatePerson(r.id, { jobTitle: `${r.jobTitle} II` });
    tenant.resetCounters();
    t0 = performance.now();
    const delta = await f.syncNow();
    const deltaMs = performance.now() - t0;
    const deltaRequests = tenant.counters.requests;

    const bound = Math.ceil(size / 999) + 2;
    console.log(`\n## Directory sync: ${size.toLocaleString('en')} people (sandbox Graph over HTTP, real Graph client, PGlite)`);
    console.table([
      { run: 'full sync (users/delta, 999 a page)', people: full.people, graphRequests: fullRequests, bound: `≤ ${bound}`, seconds: +(fullMs / 1000).toFixed(2) },
      { run: 'naive: list + one /manager per person', people: size, graphRequests: naiveRequests, bound: '', seconds: +(naiveMs / 1000).toFixed(2) },
      { run: 're-sync after 50 changes (deltaLink)', people: delta.changes, graphRequests: deltaRequests, bound: '≤ 2', seconds: +(deltaMs / 1000).toFixed(3) },
    ]);
    console.log(`requests: naive / delta sync = ${(naiveRequests / fullRequests).toFixed(0)}× fewer; time: naive / delta sync = ${(naiveMs / fullMs).toFixed(1)}× faster`);
    console.log(`(naive time extrapolated from ${sample.length} /manager calls measured in this run: ${naivePerCallMs.toFixed(2)} ms each)`);
    if (fullRequests > bound || deltaRequests > 2) {
      console.log('FAIL: request bound exceeded');
      process.exitCode = 1;
    }
  } finally {
    await f.close();
  }
}
