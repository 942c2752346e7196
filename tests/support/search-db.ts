import type { SqlExecutor } from '../../src/store/sql-client.ts';

export interface Hit {
  table: string;
  column: string;
  needle: string;
  value: string;
}

/** Every column of every table of the current schema whose text holds one of `needles` (case-insensitive). */
export async function searchEverywhere(db: SqlExecutor, needles: readonly string[]): Promise<Hit[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
  );
  const hits: Hit[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db.query<{ v: string }>(`SELECT "${column}"::text AS v FROM "${table}" WHERE "${column}"::text ILIKE $1 LIMIT 3`, [like]);
      for (const r of rows) hits.push({ table, column, needle, value: r.v.slice(0, 200) });
    }
  }
  return hits;
}

/** The tables of the current schema and their columns with their types. */
export async function schemaTables(db: SqlExecutor): Promise<Map<string, Map<string, string>>> {
  const rows = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
  );
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) out.set(r.table_name, (out.get(r.table_name) ?? new Map()).set(r.column_name, r.data_type));
  return out;
}
