import type { z } from 'zod';
import {
  apiErrorSchema,
  meSchema,
  profileSchema,
  sandboxPeopleSchema,
  sandboxSigninSchema,
  type Me,
  type Profile,
  type SandboxPerson,
} from '../contracts/api.ts';

// The sandbox's identity routes stand in for Entra ID and answer without a correlation id.
const errorBodySchema = apiErrorSchema.shape.error.partial({ correlationId: true });

/** An API answer that was not a success: the server's stable code and a message fit to show. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly correlationId: string | undefined;

  constructor(status: number, body: { code: string; message: string; field?: string | undefined; correlationId?: string | undefined }) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.correlationId = body.correlationId;
  }
}

export interface ApiClient {
  me(): Promise<Me>;
  person(id: string): Promise<Profile>;
}

export interface SandboxClient {
  /** Up to 25 people; without a search, the named personas first. */
  people(search: string, signal?: AbortSignal): Promise<SandboxPerson[]>;
  /** A bearer token for that person, as Teams SSO would give it. */
  signIn(userId: string): Promise<{ accessToken: string; expiresIn: number }>;
}

async function request<S extends z.ZodType>(schema: S, url: string, init: RequestInit): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(0, { code: 'network', message: 'Flipside could not be reached. Check your connection and try again.' });
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse((body as { error?: unknown } | undefined)?.error);
    if (parsed.success) throw new ApiRequestError(res.status, parsed.data);
    throw new ApiRequestError(res.status, {
      code: res.status === 404 ? 'not_found' : 'http_error',
      message: `The server answered ${res.status} ${res.statusText}.`.replace(/ \.$/, '.'),
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError(res.status, { code: 'bad_response', message: 'The server sent an answer this version of the tab does not understand. Reload the page.' });
  }
  return parsed.data;
}

/** The tab's one API client: every call carries the caller's bearer token. */
export function createApiClient(getToken: () => Promise<string>): ApiClient {
  const get = async <S extends z.ZodType>(schema: S, path: string) =>
    request(schema, path, { headers: { authorization: `Bearer ${await getToken()}` } });
  return {
    me: () => get(meSchema, '/api/me'),
    person: (id) => get(profileSchema, `/api/people/${encodeURIComponent(id)}`),
  };
}

/** The sandbox tenant's sign-in (sandbox mode only: in tenant mode these routes answer 404). */
export const sandboxClient: SandboxClient = {
  async people(search, signal) {
    const query = search.trim() ? `?search=${encodeURIComponent(search.trim())}` : '';
    const answer = await request(sandboxPeopleSchema, `/sandbox/identity/people${query}`, signal ? { signal } : {});
    return answer.value;
  },
  async signIn(userId) {
    const answer = await request(sandboxSigninSchema, '/sandbox/identity/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    return { accessToken: answer.accessToken, expiresIn: answer.expiresIn };
  },
};
