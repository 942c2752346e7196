import type { Store } from './store.ts';

export interface HealthReport {
  status: 'ok';
  directory: { people: number; lastSyncAt: string | null };
  outbox: Record<string, number>;
}

/** What /healthz reports: the directory's size and freshness, and the outbox by status. */
export async function checkHealth(store: Store, tenantId: string): Promise<HealthReport> {
  const [people, state, outbox] = await Promise.all([store.directory.countPeople(tenantId), store.directory.getSyncState(tenantId), store.outbox.countByStatus()]);
  return { status: 'ok', directory: { people, lastSyncAt: state?.lastSyncAt.toISOString() ?? null }, outbox };
}

/** One dependency's state, as `/readyz` reports it. `detail` says what is wrong and, when known, what to do. */
export interface DependencyState {
  status: 'ok' | 'failing';
  detail: string;
}

/** A dependency Flipside cannot do its job without, and how to tell whether it works now. */
export interface DependencyProbe {
  name: string;
  /** Resolves the state; a rejection or a timeout counts as failing. */
  check(): Promise<DependencyState>;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checkedAt: string;
  dependencies: Record<string, DependencyState>;
}

/**
 * Readiness: every dependency checked at once, each within `timeoutMs`. Not ready when any of them
 * fails, so the platform stops sending traffic and alerts fire.
 */
export async function checkReadiness(probes: DependencyProbe[], now: Date, timeoutMs = 5_000): Promise<ReadinessReport> {
  const states = await Promise.all(probes.map((p) => withTimeout(p, timeoutMs)));
  const dependencies = Object.fromEntries(probes.map((p, i) => [p.name, states[i]!]));
  return { status: states.every((s) => s.status === 'ok') ? 'ready' : 'not_ready', checkedAt: now.toISOString(), dependencies };
}

async function withTimeout(probe: DependencyProbe, timeoutMs: number): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DependencyState>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'failing', detail: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
  });
  try {
    return await Promise.race([probe.check().catch((error: unknown) => ({ status: 'failing' as const, detail: failureOf(error) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failure as readiness may show it: the error's own message and the first cause's (never a stack). */
function failureOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 500);
}

/** The directory sync's probe: failing before the first sync, or when the last one is older than twice its interval. */
export function directorySyncProbe(store: Store, tenantId: string, everyMs: number, now: () => Date): DependencyProbe {
  return {
    name: 'directorySync',
    async check() {
      const state = await store.directory.getSyncState(tenantId);
      if (!state) return { status: 'failing', detail: 'no directory sync has finished yet (the first one runs at start)' };
      const ageMs = now().getTime() - state.lastSyncAt.getTime();
      const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
      const detail = `last sync ${minutes(ageMs)} ago; it runs every ${minutes(everyMs)}`;
      return ageMs > 2 * everyMs ? { status: 'failing', detail: `${detail}: the sync is failing, see the log (category job, sync-directory)` } : { status: 'ok', detail };
    },
  };
}

/** Where Flipside stands in the organisation's app catalog, as readiness reports it. */
export type CatalogState =
  | { state: 'unknown' }
  /** `distributionMethod` as Graph gives it: `organization` when published to the org catalog. */
  | { state: 'resolved'; catalogId: string; distributionMethod?: string | null | undefined }
  | { state: 'missing'; manifestId: string; checkedAt: Date }
  | { state: 'error'; reason: string; checkedAt: Date };

/** What to do when the app is not in the catalog: the log line and readiness say the same. */
export const NOT_IN_CATALOG_HELP =
  "Publish it (`teamsapp publish --env <env>`, or upload the app package in Teams admin center → Teams apps → Manage apps) and have a Teams admin approve it; check that TEAMS_APP_ID is the manifest's id and that Flipside's app registration has the Graph application permission AppCatalog.Read.All with admin consent. Until then Flipside cannot install itself for anyone, so nobody can be messaged.";
