import type { Flipside } from '../../src/server/compose.ts';
import { signIn } from './flipside.ts';

/** A JSON answer as the tests read it: loosely typed on purpose, each test says what it expects. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ApiAnswer {
  status: number;
  body: Json;
}

/**
 * Calls Flipside's HTTP API (`/api…`) as a sandbox person, signed in once per person through the
 * sandbox's person picker. `api.ok` returns the body of a 2xx answer and throws on anything else
 * (for setup, where a refusal should stop the file, not surface three tests later).
 */
export interface Api {
  (userId: string, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  ok<T = Json>(userId: string, method: string, path: string, body?: unknown): Promise<T>;
}

export function apiFor(f: Flipside): Api {
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (userId: string) => {
    if (!tokens.has(userId)) tokens.set(userId, signIn(f, userId));
    return tokens.get(userId)!;
  };
  const call = async (userId: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${f.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenOf(userId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: (text ? JSON.parse(text) : undefined) as Json };
  };
  const api = async (userId: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const { status, body: answer } = await call(userId, method, path, body);
    return { status, body: answer };
  };
  api.ok = async <T = Json>(userId: string, method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await call(userId, method, path, body);
    if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
    return answer.body as T;
  };
  return api;
}
