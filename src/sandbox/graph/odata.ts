import { randomUUID } from 'node:crypto';

export interface SandboxRequest {
  method: string;
  /** Path below /v1.0, e.g. /users/abc/manager */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  /** The caller, from the verified token. */
  caller: { kind: 'app'; roles: string[]; appId: string } | { kind: 'user'; oid: string; scopes: string[] };
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Graph's error format: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': requestId, ...headers },
    body: { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId } } },
  };
}

export const notFound = (id: string) => graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export const badRequest = (message: string, code = 'BadRequest') => graphError(400, code, message);

/** Thrown by handlers for a 4xx answer; the dispatcher turns it into the response. */
export class GraphFailure extends Error {
  constructor(readonly response: SandboxResponse) {
    super(String((response.body as { error?: { message?: string } })?.error?.message ?? 'graph failure'));
  }
}

/** Applies `$select` (comma list) to an entity; `id` always stays, as Graph keeps it. */
export function select<T extends Record<string, unknown>>(entity: T, selectParam: string | null, allowed: readonly string[]): Record<string, unknown> {
  if (!selectParam) return entity;
  const fields = selectParam
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of fields) {
    if (!allowed.includes(f)) {
      throw new GraphFailure(badRequest(`Could not find a property named '${f}' on type 'microsoft.graph.user'.`, 'Request_BadRequest'));
    }
  }
  const out: Record<string, unknown> = { id: entity.id };
  for (const f of fields) if (f in entity) out[f] = entity[f];
  return out;
}

/** Opaque paging / delta tokens: base64url JSON, tamper-evident enough for a sandbox. */
export function encodeToken(data: unknown): string {
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

export function decodeToken<T>(token: string, name: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString()) as T;
  } catch {
    throw new GraphFailure(badRequest(`The ${name} is not valid.`, 'Request_BadRequest'));
  }
}

/** Reads `Prefer: odata.maxpagesize=N`. */
export function preferredPageSize(headers: Record<string, string>): number | undefined {
  const m = /odata\.maxpagesize=(\d+)/i.exec(headers.prefer ?? '');
  return m ? Number(m[1]) : undefined;
}
