import type { DirectoryRepository, PersonSummary, PlacedPerson, ProfileRecord, SyncState } from '../app/directory/ports.ts';
import type { DirectoryChange, DirectoryPerson } from '../domain/shared/directory.ts';
import { isUuid } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

export interface PersonRow {
  id: string;
  display_name: string;
  mail: string | null;
  user_principal_name: string | null;
  job_title: string | null;
  department: string | null;
  office_location: string | null;
  hire_date: Date | string | null;
  account_enabled: boolean;
  manager_id: string | null;
}

export const COLUMNS = 'id, display_name, mail, user_principal_name, job_title, department, office_location, hire_date, account_enabled, manager_id';

export function toPerson(r: PersonRow): DirectoryPerson {
  return {
    id: r.id,
    displayName: r.display_name,
    mail: r.mail,
    userPrincipalName: r.user_principal_name,
    jobTitle: r.job_title,
    department: r.department,
    officeLocation: r.office_location,
    hireDate: r.hire_date === null ? null : new Date(r.hire_date).toISOString(),
    accountEnabled: r.account_enabled,
    managerId: r.manager_id,
  };
}

const P_COLUMNS = COLUMNS.split(', ')
  .map((c) => `p.${c}`)
  .join(', ');

/** How many of a person's stored managers (`p.chain`) are present: their level. */
const LEVEL = `(SELECT count(*)::int FROM directory_people m WHERE m.tenant_id = p.tenant_id AND m.id = ANY(p.chain) AND m.removed_at IS NULL)`;
const summaryJson = (t: string) => `json_build_object('id', ${t}.id, 'displayName', ${t}.display_name, 'jobTitle', ${t}.job_title, 'department', ${t}.department)`;

/**
 * Recomputes the stored chains (managers' ids, nearest first) of `$2`'s people and of everyone
 * below them, in one statement: the walk up the chart happens here, when the chart changes, never
 * when a request reads it. `depth < 64` and keeping each manager's first place guard against a
 * cycle in bad directory data; removed managers stay in the chain (readers skip them), as do
 * managers not synced yet (their arrival is a change that recomputes their reports).
 */
const REFRESH_CHAINS = `
  WITH RECURSIVE affected AS (
    SELECT unnest($2::uuid[]) AS id
    UNION
    SELECT p.id FROM directory_people p JOIN affected a ON p.tenant_id = $1 AND p.manager_id = a.id
  ), walk AS (
    SELECT a.id AS person, p.manager_id AS id, 1 AS depth FROM affected a JOIN directory_people p ON p.tenant_id = $1 AND p.id = a.id
    UNION ALL
    SELECT w.person, p.manager_id, w.depth + 1 FROM walk w JOIN directory_people p ON p.tenant_id = $1 AND p.id = w.id
     WHERE w.depth < 64
  ), firsts AS (
    SELECT person, id, min(depth) AS depth FROM walk WHERE id IS NOT NULL AND id <> person GROUP BY person, id
  ), chains AS (
    SELECT a.id AS person, COALESCE(g.chain, '{}') AS chain
      FROM affected a LEFT JOIN (SELECT person, array_agg(id ORDER BY depth) AS chain FROM firsts GROUP BY person) g ON g.person = a.id
  )
  UPDATE directory_people d SET chain = c.chain FROM chains c
   WHERE d.tenant_id = $1 AND d.id = c.person AND d.chain IS DISTINCT FROM c.chain`;

/**
 * Runs a statement again when PostgreSQL chose it as a deadlock's victim (two sync rounds at once:
 * one refreshing chains while the other upserts the same rows). Each statement it wraps is
 * idempotent, so running it again is safe.
 */
async function retryDeadlock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 5 || (error as { code?: unknown }).code !== '40P01') throw error;
    }
  }
}

/** The org chart in Postgres. */
export class SqlDirectoryRepository implements DirectoryRepository {
  constructor(private readonly db: SqlExecutor) {}

  async ensureTenant(tenantId: string): Promise<void> {
    await this.db.query('INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING', [tenantId]);
  }

  async applyChanges(tenantId: string, changes: DirectoryChange[], at: Date): Promise<void> {
    const upserts = changes.flatMap((c) => (c.kind === 'upsert' ? [c.person] : []));
    const removed = changes.flatMap((c) => (c.kind === 'removed' ? [c.id] : []));
    // Graph sends manager@delta only when the manager changed: rows without it keep the stored manager.
    await retryDeadlock(() =>
      this.upsert(
        tenantId,
        upserts.filter((p) => p.managerId !== undefined),
        at,
        true,
      ),
    );
    await retryDeadlock(() =>
      this.upsert(
        tenantId,
        upserts.filter((p) => p.managerId === undefined),
        at,
        false,
      ),
    );
    if (removed.length > 0) {
      await retryDeadlock(() => this.db.query('UPDATE directory_people SET removed_at = $3, synced_at = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, removed, at]));
    }
    // A removed person's reports keep them in their chain (readers skip removed people): only
    // new people and manager changes move chains.
    const moved = upserts.filter((p) => p.managerId !== undefined).map((p) => p.id);
    if (moved.length > 0) await retryDeadlock(() => this.db.query(REFRESH_CHAINS, [tenantId, moved]));
  }

  /** One statement per page (unnest of arrays), not one per person. */
  private async upsert(tenantId: string, people: Extract<DirectoryChange, { kind: 'upsert' }>['person'][], at: Date, withManager: boolean) {
    if (people.length === 0) return;
    const col = <K extends keyof (typeof people)[number]>(k: K) => people.map((p) => p[k] ?? null);
    await this.db.query(
      `INSERT INTO directory_people (tenant_id, id, display_name, mail, user_principal_name, job_title, department,
         office_location, hire_date, account_enabled, manager_id, removed_at, synced_at)
       SELECT $1, u.*, NULL, $12
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::timestamptz[], $10::boolean[], $11::uuid[]) AS u
       ON CONFLICT (tenant_id, id) DO UPDATE SET
         display_name = EXCLUDED.display_name, mail = EXCLUDED.mail, user_principal_name = EXCLUDED.user_principal_name,
         job_title = EXCLUDED.job_title, department = EXCLUDED.department, office_location = EXCLUDED.office_location,
         hire_date = EXCLUDED.hire_date, account_enabled = EXCLUDED.account_enabled, removed_at = NULL,
         synced_at = EXCLUDED.synced_at${withManager ? ', manager_id = EXCLUDED.manager_id' : ''}
       -- Rounds may overlap (a timer and a manual sync, several instances): a round never overwrites
       -- what a newer round wrote, so markUnseenRemoved of the newer round stays right.
       WHERE directory_people.synced_at <= EXCLUDED.synced_at`,
      [
        tenantId,
        col('id'),
        col('displayName'),
        col('mail'),
        col('userPrincipalName'),
        col('jobTitle'),
        col('department'),
        col('officeLocation'),
        col('hireDate'),
        col('accountEnabled'),
        col('managerId'),
        at,
      ],
    );
  }

  async markUnseenRemoved(tenantId: string, since: Date): Promise<void> {
    await this.db.query('UPDATE directory_people SET removed_at = $2 WHERE tenant_id = $1 AND synced_at < $2 AND removed_at IS NULL', [tenantId, since]);
  }

  async getSyncState(tenantId: string): Promise<SyncState | undefined> {
    const [row] = await this.db.query<{ delta_link: string; last_full_sync_at: Date; last_sync_at: Date }>(
      'SELECT delta_link, last_full_sync_at, last_sync_at FROM directory_sync_state WHERE tenant_id = $1',
      [tenantId],
    );
    return row && { deltaLink: row.delta_link, lastFullSyncAt: new Date(row.last_full_sync_at), lastSyncAt: new Date(row.last_sync_at) };
  }

  async saveSyncState(tenantId: string, deltaLink: string, full: boolean, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO directory_sync_state (tenant_id, delta_link, last_full_sync_at, last_sync_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET delta_link = $2, last_sync_at = $3,
         last_full_sync_at = CASE WHEN $4 THEN $3 ELSE directory_sync_state.last_full_sync_at END`,
      [tenantId, deltaLink, at, full],
    );
  }

  async countPeople(tenantId: string): Promise<number> {
    // Kept by the database on every write to directory_people (migration 017).
    const [row] = await this.db.query<{ n: number }>('SELECT people AS n FROM tenants WHERE tenant_id = $1', [tenantId]);
    return row?.n ?? 0;
  }

  async getPerson(tenantId: string, id: string): Promise<PlacedPerson | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.query<PersonRow & { level: number }>(
      `SELECT ${P_COLUMNS}, ${LEVEL} AS level FROM directory_people p WHERE p.tenant_id = $1 AND p.id = $2 AND p.removed_at IS NULL`,
      [tenantId, id],
      { prepared: true },
    );
    return row && { ...toPerson(row), level: row.level };
  }

  async profile(tenantId: string, id: string, withDirectory: boolean): Promise<ProfileRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const directory = withDirectory
      ? `, (SELECT t.people FROM tenants t WHERE t.tenant_id = $1) AS people,
           (SELECT s.last_sync_at FROM directory_sync_state s WHERE s.tenant_id = $1) AS last_sync_at`
      : '';
    // The level is the number of managers the chain holds who are present: the length of `managers`.
    const [row] = await this.db.query<PersonRow & { managers: PersonSummary[]; reports: PersonSummary[]; people?: number; last_sync_at?: Date | string | null }>(
      `SELECT ${P_COLUMNS},
              (SELECT COALESCE(json_agg(${summaryJson('m')} ORDER BY c.depth), '[]'::json)
                 FROM unnest(p.chain) WITH ORDINALITY AS c(id, depth)
                 JOIN directory_people m ON m.tenant_id = p.tenant_id AND m.id = c.id AND m.removed_at IS NULL) AS managers,
              (SELECT COALESCE(json_agg(${summaryJson('r')} ORDER BY r.display_name, r.id), '[]'::json)
                 FROM directory_people r WHERE r.tenant_id = p.tenant_id AND r.manager_id = p.id AND r.removed_at IS NULL) AS reports${directory}
         FROM directory_people p WHERE p.tenant_id = $1 AND p.id = $2 AND p.removed_at IS NULL`,
      [tenantId, id],
      { prepared: true },
    );
    if (!row) return undefined;
    return {
      person: { ...toPerson(row), level: row.managers.length },
      managers: row.managers,
      reports: row.reports,
      ...(withDirectory ? { directory: { people: row.people ?? 0, lastSyncAt: row.last_sync_at ? new Date(row.last_sync_at) : null } } : {}),
    };
  }

  async getPeople(tenantId: string, ids: readonly string[]): Promise<Map<string, DirectoryPerson>> {
    const wanted = [...new Set(ids.filter(isUuid))];
    if (wanted.length === 0) return new Map();
    const rows = await this.db.query<PersonRow>(`SELECT ${COLUMNS} FROM directory_people WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND removed_at IS NULL`, [tenantId, wanted], {
      prepared: true,
    });
    return new Map(rows.map((r) => [r.id, toPerson(r)]));
  }

  async managerChain(tenantId: string, id: string): Promise<DirectoryPerson[]> {
    if (!isUuid(id)) return [];
    const rows = await this.db.query<PersonRow>(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `m.${c}`)
        .join(', ')}
         FROM directory_people p CROSS JOIN LATERAL unnest(p.chain) WITH ORDINALITY AS c(id, depth)
         JOIN directory_people m ON m.tenant_id = p.tenant_id AND m.id = c.id AND m.removed_at IS NULL
        WHERE p.tenant_id = $1 AND p.id = $2
        ORDER BY c.depth`,
      [tenantId, id],
    );
    return rows.map(toPerson);
  }

  async directReports(tenantId: string, id: string): Promise<DirectoryPerson[]> {
    if (!isUuid(id)) return [];
    const rows = await this.db.query<PersonRow>(
      `SELECT ${COLUMNS} FROM directory_people
        WHERE tenant_id = $1 AND manager_id = $2 AND removed_at IS NULL ORDER BY display_name, id`,
      [tenantId, id],
    );
    return rows.map(toPerson);
  }

  async inSameReportingLine(tenantId: string, a: string, b: string): Promise<boolean> {
    if (a === b) return true;
    if (!isUuid(a) || !isUuid(b)) return false;
    const [row] = await this.db.query<{ same: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM directory_people p JOIN directory_people m ON m.tenant_id = p.tenant_id AND m.id = ANY(p.chain) AND m.removed_at IS NULL
          WHERE p.tenant_id = $1 AND ((p.id = $2 AND m.id = $3) OR (p.id = $3 AND m.id = $2))) AS same`,
      [tenantId, a, b],
    );
    return row?.same ?? false;
  }
}
