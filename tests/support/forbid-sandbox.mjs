// A module hook for a child process: any import that resolves into src/sandbox/ (or to faker, which
// only the sandbox's org generator uses) throws, so a start that loads them fails loudly.
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (/\\/src\\/sandbox\\/|\\/@faker-js\\//.test(resolved.url)) throw new Error('FORBIDDEN MODULE LOADED: ' + resolved.url);
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
