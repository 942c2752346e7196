/**
 * `npm run bench`: every benchmark, each printing its figures as ratios against a peer or a naive
 * baseline measured in the same run. `npm run bench -- --quick` runs the small sizes only;
 * `npm run bench -- directory` (or another name: api, tab, matching, scheduling, sessions) runs one.
 */
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));

const benches: Record<string, () => Promise<void>> = {
  api: async () => (await import('./api.ts')).benchApi({ quick }),
  dashboard: async () => (await import('./dashboard.ts')).benchDashboard({ quick }),
  directory: async () => (await import('./directory-sync.ts')).benchDirectorySync({ quick }),
  matching: async () => (await import('./matching.ts')).benchMatching({ quick }),
  scheduling: async () => (await import('./scheduling.ts')).benchScheduling({ quick }),
  sessions: async () => (await import('./sessions.ts')).benchSessions({ quick }),
  tab: async () => (await import('./tab.ts')).benchTab({ quick }),
};

for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await run();
}
export {};
