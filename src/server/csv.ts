import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { CsvExport } from '../app/dashboard/exports.ts';

/**
 * Writes an export as CSV while its rows arrive (backpressure from `out` reaches the database
 * reads): UTF-8 with a byte-order mark (spreadsheets then read names right), CRLF line ends, a
 * header row, `true`/`false`, and cells a spreadsheet would run as a formula (starting with =, +,
 * -, @, tab or CR; negative numbers excepted) prefixed with an apostrophe.
 */
export async function writeCsv(file: Pick<CsvExport, 'columns' | 'rows'>, out: Writable): Promise<void> {
  const csv = stringify({ header: true, columns: file.columns, bom: true, escape_formulas: true, record_delimiter: 'windows', cast: { boolean: (b) => (b ? 'true' : 'false') } });
  await pipeline(Readable.from(file.rows), csv, out);
}
