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
