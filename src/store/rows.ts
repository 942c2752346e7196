/** Helpers shared by the repositories for mapping Postgres rows. */
export type Row = Record<string, unknown>;

/** A `date` column as an ISO date (yyyy-mm-dd), whether the driver gives a Date or a string. */
export const date = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** A nullable `timestamptz` column. */
export const ts = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/** Ids are uuids: anything else cannot name a row (and must not reach Postgres as a uuid). */
export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
