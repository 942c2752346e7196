import type { InvitationCounts, InvitationRecord, InvitationRepository } from '../app/invitations/ports.ts';
import type { DirectoryPerson } from '../domain/shared/directory.ts';
import { COLUMNS, toPerson, type PersonRow } from './directory.repository.ts';
import { isUuid, ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

const P_COLUMNS = COLUMNS.split(', ')
  .map((c) => `p.${c}`)
  .join(', ');

function toInvitation(r: Row): InvitationRecord {
  return {
    tenantId: String(r.tenant_id),
    programId: String(r.program_id),
    userId: String(r.user_id),
    invitedBy: String(r.invited_by),
    source: r.source as InvitationRecord['source'],
    invitedAt: new Date(r.invited_at as string),
    declinedAt: ts(r.declined_at),
    undeliverableAt: ts(r.undeliverable_at),
  };
}

// The manager and everyone under them; `depth < 64` guards against a cycle in bad directory data.
const ORGANISATION = `
  WITH RECURSIVE org AS (
    SELECT id, 0 AS depth FROM directory_people WHERE tenant_id = $1 AND id = $2 AND removed_at IS NULL
    UNION
    SELECT p.id, o.depth + 1 FROM org o
      JOIN directory_people p ON p.tenant_id = $1 AND p.manager_id = o.id AND p.removed_at IS NULL
     WHERE o.depth < 64
  )`;

/** Invitations in Postgres; the primary key (tenant, program, person) makes each one once. */
export class SqlInvitationRepository implements InvitationRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insertNew(rows: InvitationRecord[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const first = rows[0]!;
    const inserted = await this.db.query<{ user_id: string }>(
      `INSERT INTO program_invitations (tenant_id, program_id, user_id, invited_by, source, invited_at)
       SELECT $1, $2, u, $3, $4, $5 FROM unnest($6::uuid[]) AS u
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [first.tenantId, first.programId, first.invitedBy, first.source, first.invitedAt, rows.map((r) => r.userId)],
    );
    return new Set(inserted.map((r) => r.user_id));
  }

  async get(tenantId: string, programId: string, userId: string): Promise<InvitationRecord | undefined> {
    if (!isUuid(programId) || !isUuid(userId)) return undefined;
    const [row] = await this.db.query<Row>('SELECT * FROM program_invitations WHERE tenant_id = $1 AND program_id = $2 AND user_id = $3', [tenantId, programId, userId]);
    return row ? toInvitation(row) : undefined;
  }

  async invitedAmong(tenantId: string, programId: string, userIds: readonly string[]): Promise<Set<string>> {
    const ids = userIds.filter(isUuid);
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ user_id: string }>('SELECT user_id FROM program_invitations WHERE tenant_id = $1 AND program_id = $2 AND user_id = ANY($3::uuid[])', [tenantId, programId, ids]);
    return new Set(rows.map((r) => r.user_id));
  }

  async markDeclined(tenantId: string, programId: string, userId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE program_invitations SET declined_at = COALESCE(declined_at, $4) WHERE tenant_id = $1 AND program_id = $2 AND user_id = $3', [tenantId, programId, userId, at]);
  }

  async markUndeliverable(tenantId: string, programId: string, userId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE program_invitations SET undeliverable_at = COALESCE(undeliverable_at, $4) WHERE tenant_id = $1 AND program_id = $2 AND user_id = $3', [
      tenantId,
      programId,
      userId,
      at,
    ]);
  }

  async counts(tenantId: string, programId: string): Promise<InvitationCounts> {
    const [row] = await this.db.query<Row>(
      `SELECT count(*) AS invited,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.tenant_id = i.tenant_id AND e.program_id = i.program_id
                                                AND e.user_id = i.user_id AND e.status IN ('pending', 'approved'))) AS enrolled,
              count(*) FILTER (WHERE i.declined_at IS NOT NULL) AS declined,
              count(*) FILTER (WHERE i.undeliverable_at IS NOT NULL) AS undeliverable
         FROM program_invitations i WHERE i.tenant_id = $1 AND i.program_id = $2`,
      [tenantId, programId],
    );
    return { invited: Number(row?.invited ?? 0), enrolled: Number(row?.enrolled ?? 0), declined: Number(row?.declined ?? 0), undeliverable: Number(row?.undeliverable ?? 0) };
  }

  async enrolledAmong(tenantId: string, programId: string, userIds: readonly string[]): Promise<Set<string>> {
    const ids = userIds.filter(isUuid);
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM enrollments WHERE tenant_id = $1 AND program_id = $2 AND status IN ('pending', 'approved') AND user_id = ANY($3::uuid[])`,
      [tenantId, programId, ids],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async peopleInDepartment(tenantId: string, department: string): Promise<DirectoryPerson[]> {
    const rows = await this.db.query<PersonRow>(`SELECT ${COLUMNS} FROM directory_people WHERE tenant_id = $1 AND lower(department) = lower($2) AND removed_at IS NULL ORDER BY display_name, id`, [
      tenantId,
      department,
    ]);
    return rows.map(toPerson);
  }

  async organisationOf(tenantId: string, managerId: string): Promise<DirectoryPerson[]> {
    if (!isUuid(managerId)) return [];
    const rows = await this.db.query<PersonRow>(
      `${ORGANISATION}
       SELECT DISTINCT ${P_COLUMNS} FROM org o JOIN directory_people p ON p.tenant_id = $1 AND p.id = o.id ORDER BY p.display_name, p.id`,
      [tenantId, managerId],
    );
    return rows.map(toPerson);
  }

  async findByAddresses(tenantId: string, addresses: readonly string[]): Promise<Map<string, DirectoryPerson>> {
    const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
    const found = new Map<string, DirectoryPerson>();
    if (wanted.length === 0) return found;
    const rows = await this.db.query<PersonRow>(
      `SELECT ${COLUMNS} FROM directory_people
        WHERE tenant_id = $1 AND removed_at IS NULL AND (lower(mail) = ANY($2::text[]) OR lower(user_principal_name) = ANY($2::text[]))`,
      [tenantId, wanted],
    );
    for (const person of rows.map(toPerson)) {
      for (const address of [person.mail, person.userPrincipalName]) if (address && wanted.includes(address.toLowerCase())) found.set(address.toLowerCase(), person);
    }
    return found;
  }

  async departments(tenantId: string): Promise<Array<{ name: string; people: number }>> {
    const rows = await this.db.query<{ name: string; people: string | number }>(
      `SELECT department AS name, count(*) AS people FROM directory_people
        WHERE tenant_id = $1 AND removed_at IS NULL AND account_enabled AND department IS NOT NULL AND department <> ''
        GROUP BY department ORDER BY department`,
      [tenantId],
    );
    return rows.map((r) => ({ name: r.name, people: Number(r.people) }));
  }

  async searchManagers(tenantId: string, search: string, limit: number): Promise<Array<{ person: DirectoryPerson; organisationSize: number }>> {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.db.query<PersonRow & { organisation_size: string | number }>(
      `WITH RECURSIVE managers AS (
         SELECT DISTINCT m.id FROM directory_people m
           JOIN directory_people r ON r.tenant_id = m.tenant_id AND r.manager_id = m.id AND r.removed_at IS NULL
          WHERE m.tenant_id = $1 AND m.removed_at IS NULL
            AND (m.display_name ILIKE $2 OR coalesce(m.job_title, '') ILIKE $2 OR coalesce(m.department, '') ILIKE $2 OR coalesce(m.mail, '') ILIKE $2)
       ),
       org AS (
         SELECT id AS root, id, 0 AS depth FROM managers
         UNION
         SELECT o.root, p.id, o.depth + 1 FROM org o
           JOIN directory_people p ON p.tenant_id = $1 AND p.manager_id = o.id AND p.removed_at IS NULL
          WHERE o.depth < 64
       )
       SELECT ${P_COLUMNS}, (SELECT count(DISTINCT id) FROM org WHERE org.root = p.id) AS organisation_size
         FROM managers m JOIN directory_people p ON p.tenant_id = $1 AND p.id = m.id
        ORDER BY organisation_size DESC, p.display_name LIMIT $3`,
      [tenantId, pattern, limit],
    );
    return rows.map((r) => ({ person: toPerson(r), organisationSize: Number(r.organisation_size) }));
  }
}
