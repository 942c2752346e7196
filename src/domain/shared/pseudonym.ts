/**
 * How an erased person is named where records about them stay (the audit log): a stable label made
 * from the pseudonym their erasure gave them, the same on every entry, saying nothing about them.
 */
export function pseudonymLabel(pseudonym: string): string {
  return `Former participant ${pseudonym.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
}
