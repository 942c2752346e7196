import { randomUUID } from 'node:crypto';
import { migrate } from '../../src/store/migrate.ts';
import { openDatabase, type SqlClient } from '../../src/store/sql-client.ts';

/** The databases the store's tests run on: PGlite always, a real PostgreSQL when TEST_DATABASE_URL is set. */
export const testDatabases: { name: string; open: () => Promise<SqlClient> }[] = [
  { name: 'pglite', open: () => openDatabase({ kind: 'pglite' }) },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'postgres',
          // Each test file gets a schema of its own, so files can run in parallel on one server.
          open: () => openDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL!, schema: `t_${randomUUID().replace(/-/g, '')}` }),
        },
      ]
    : []),
];

/** A migrated database for one test file. */
export async function openMigrated(open: () => Promise<SqlClient>): Promise<SqlClient> {
  const db = await open();
  await migrate(db);
  return db;
}
