import { parse } from 'csv-parse/sync';

/** One address of a pasted or uploaded list, with the line it came from (1-based). */
export interface ListedAddress {
  entry: string;
  line: number;
  /** The address to look up, lower-cased; null when the entry is not an address. */
  address: string | null;
}

// An email address or UPN as Entra ID takes them: a local part, @, a domain with a dot.
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// "Raj Patel <raj@contoso.com>", as Outlook pastes recipients.
const NAMED = /^(?:"?[^"<>]*"?\s*)?<([^<>]+)>$/;
const HEADER = /^(e-?mail(\s*address)?|mail|upn|user\s*principal\s*name|userprincipalname|address)$/i;

/**
 * The addresses of a list HR pasted or uploaded: CSV (comma, semicolon or tab separated, quoted
 * fields, any number of columns; a header row naming an email or UPN column picks that column),
 * or one address a line. Blank cells are skipped; every other cell is an entry, an address or not.
 */
export function parseAddressList(list: string): ListedAddress[] {
  const records = parse(list.replace(/^\uFEFF/, ''), {
    delimiter: [',', ';', '\t'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0]?.record.map((cell, i) => (HEADER.test(cell) ? i : -1)).filter((i) => i >= 0) ?? [];
  const out: ListedAddress[] = [];
  records.forEach(({ record, info }, r) => {
    if (header.length > 0 && r === 0) return;
    for (const cell of header.length > 0 ? header.map((i) => record[i] ?? '') : record) {
      const entry = cell.trim();
      if (entry) out.push({ entry, line: info.lines, address: addressOf(entry) });
    }
  });
  return out;
}

function addressOf(entry: string): string | null {
  const candidate = (NAMED.exec(entry)?.[1] ?? entry).trim().replace(/^mailto:/i, '');
  return candidate.length <= 254 && ADDRESS.test(candidate) ? candidate.toLowerCase() : null;
}
