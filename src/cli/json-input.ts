import { readFileSync } from 'node:fs';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

const UNREADABLE: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'is a folder, not a file', EACCES: 'not allowed to read it' };

/** Reads a strict JSON file; a syntax error names its line and column. */
export function readJsonFile(path: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `${path}: ${UNREADABLE[code ?? ''] ?? `cannot be read (${code ?? String(error)})`}` };
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { ok: true, value };
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { ok: false, message: `${path}:${line}:${column}: not valid JSON (${printParseErrorCode(first.error)})` };
}
