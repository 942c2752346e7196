import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What a repository needs from Postgres: parameterised queries, nothing else. */
export interface SqlExecutor {
  /**
   * `prepared`: on PostgreSQL, a named statement each connection parses and plans once, for the
   * reads every request makes (PGlite runs it as any other). Only for a constant text that names
   * its columns (not `SELECT *`, whose row type a migration could change under the statement).
   */
  query<T extends object = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: { prepared?: boolean }): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database: PGlite embedded, or a PostgreSQL server through pg. */
export interface SqlClient extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: all of it lands, or none of it does. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions = { kind: 'pglite'; dataDir?: string /* undefined: in memory */ } | { kind: 'postgres'; url: string; schema?: string };

/** Opens the database the configuration names. */
export async function openDatabase(options: DatabaseOptions): Promise<SqlClient> {
  return options.kind === 'pglite' ? openPglite(options.dataDir) : openPostgres(options.url, options.schema);
}

async function openPglite(dataDir: string | undefined): Promise<SqlClient> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const executor = (q: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    async query<T extends object>(text: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(script: string) {
      await q.exec(script);
    },
  });
  return {
    kind: 'pglite',
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
}

/** Each prepared text's statement name, the same on every connection. */
const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `flipside_${statementNames.size + 1}`));
  return name;
};

async function openPostgres(url: string, schema: string | undefined): Promise<SqlClient> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Tests isolate themselves in a schema of their own; production uses the default search path.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }
  const executor = (q: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<T extends object>(text: string, params: readonly unknown[] = [], options?: { prepared?: boolean }) {
      const result = options?.prepared ? await q.query({ name: statementName(text), text, values: params as unknown[] }) : await q.query(text, params as unknown[]);
      return result.rows as T[];
    },
    async exec(script: string) {
      await q.query(script);
    },
  });
  return {
    kind: 'postgres',
    ...executor(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
