import type { SubscriptionRecord, SubscriptionRepository } from '../app/sessions/ports.ts';
import { ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

const toRecord = (r: Row): SubscriptionRecord => ({
  tenantId: String(r.tenant_id),
  organizerId: String(r.organizer_id),
  subscriptionId: (r.subscription_id as string | null) ?? null,
  clientState: String(r.client_state),
  expiresAt: ts(r.expires_at),
  problem: (r.problem as string | null) ?? null,
});

/** Flipside's Graph subscriptions, one per organizer of a booked series. */
export class SqlSubscriptionRepository implements SubscriptionRepository {
  constructor(private readonly db: SqlExecutor) {}

  async list(tenantId: string): Promise<SubscriptionRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM graph_subscriptions WHERE tenant_id = $1 ORDER BY organizer_id', [tenantId])).map(toRecord);
  }

  async byId(subscriptionId: string): Promise<SubscriptionRecord | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM graph_subscriptions WHERE subscription_id = $1', [subscriptionId]);
    return r && toRecord(r);
  }

  async save(s: SubscriptionRecord, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO graph_subscriptions (tenant_id, organizer_id, subscription_id, client_state, expires_at, problem, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (tenant_id, organizer_id) DO UPDATE SET subscription_id = EXCLUDED.subscription_id, client_state = EXCLUDED.client_state,
         expires_at = EXCLUDED.expires_at, problem = EXCLUDED.problem, updated_at = EXCLUDED.updated_at`,
      [s.tenantId, s.organizerId, s.subscriptionId, s.clientState, s.expiresAt, s.problem, at],
    );
  }

  async delete(tenantId: string, organizerId: string): Promise<void> {
    await this.db.query('DELETE FROM graph_subscriptions WHERE tenant_id = $1 AND organizer_id = $2', [tenantId, organizerId]);
  }
}
