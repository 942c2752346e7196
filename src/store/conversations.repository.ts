import type { ConversationRef, ConversationRepository } from '../app/outbox/ports.ts';
import { ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

export class SqlConversationRepository implements ConversationRepository {
  constructor(private readonly db: SqlExecutor) {}

  async save(ref: Omit<ConversationRef, 'blockedAt'>): Promise<void> {
    // A new conversationUpdate (the person reinstalled the app) clears an earlier block.
    await this.db.query(
      `INSERT INTO conversations (tenant_id, user_id, conversation_id, service_url) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET conversation_id = $3, service_url = $4, blocked_at = NULL, updated_at = now()`,
      [ref.tenantId, ref.userId, ref.conversationId, ref.serviceUrl],
    );
  }

  async get(tenantId: string, userId: string): Promise<ConversationRef | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM conversations WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]);
    return r && { tenantId, userId, conversationId: String(r.conversation_id), serviceUrl: String(r.service_url), blockedAt: ts(r.blocked_at) };
  }

  async markBlocked(tenantId: string, userId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE conversations SET blocked_at = $3, updated_at = $3 WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId, at]);
  }
}
