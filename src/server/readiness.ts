import { checkReadiness, directorySyncProbe, NOT_IN_CATALOG_HELP, type CatalogState, type DependencyProbe, type ReadinessReport } from '../app/health.ts';
import type { Store } from '../app/store.ts';

export interface ReadinessDeps {
  store: Store;
  tenantId: string;
  now: () => Date;
  /** `SELECT 1` on the database. */
  pingDatabase(): Promise<void>;
  /** The app's own Graph token (client credentials; msal caches it, so this is cheap). */
  graphToken(): Promise<string>;
  /** The bot's Bot Connector token (or the sandbox's local connector); says what it checked. */
  botConnector(): Promise<string>;
  /** The org catalog's answer so far, and a way to ask (again). */
  catalog: { status: CatalogState; catalogId(): Promise<string> };
  syncEveryMs: number;
}

/** A probe within this long of a "ready" gets that report again (platforms probe often); "not ready" is always checked afresh. */
const REUSE_MS = 10_000;

/**
 * Flipside's readiness (`/readyz`): the database, a Graph token for the app, the directory sync's
 * age against its interval, the Bot Connector, and Flipside's place in the org catalog.
 */
export function readiness(deps: ReadinessDeps): () => Promise<ReadinessReport> {
  const probes: DependencyProbe[] = [
    { name: 'database', check: async () => (await deps.pingDatabase(), { status: 'ok', detail: 'answers' }) },
    { name: 'graphToken', check: async () => (await deps.graphToken(), { status: 'ok', detail: 'a Graph token for the app was obtained' }) },
    directorySyncProbe(deps.store, deps.tenantId, deps.syncEveryMs, deps.now),
    { name: 'botConnector', check: async () => ({ status: 'ok', detail: await deps.botConnector() }) },
    {
      name: 'appCatalog',
      async check() {
        try {
          const id = await deps.catalog.catalogId();
          return { status: 'ok', detail: `in the organisation's app catalog as ${id}` };
        } catch (error) {
          const state = deps.catalog.status;
          if (state.state === 'missing') return { status: 'failing', detail: `not in the organisation's app catalog (manifest id ${state.manifestId}). ${NOT_IN_CATALOG_HELP}` };
          throw error;
        }
      },
    },
  ];
  let lastReady: { at: number; report: ReadinessReport } | undefined;
  return async () => {
    const started = Date.now();
    if (lastReady && started - lastReady.at <= REUSE_MS) return lastReady.report;
    const report = await checkReadiness(probes, deps.now());
    lastReady = report.status === 'ready' ? { at: started, report } : undefined;
    return report;
  };
}
