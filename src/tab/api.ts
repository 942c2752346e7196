import { apiErrorSchema, CONSENT_REQUIRED, meSchema, profileSchema, type Me, type Profile } from '../contracts/api.ts';
import { myMatchSchema, type MyMatch } from '../contracts/matching.ts';
import { erasureStatusSchema, myDataSchema, type ErasureStatus, type MyData } from '../contracts/privacy.ts';
import { enrollmentSchema, programSchema, type Enrollment, type EnrollmentInput, type Program } from '../contracts/programs.ts';
import { myMentoringSchema, type MyMentoring } from '../contracts/sessions.ts';
import { z } from '../contracts/zod.ts';

// The sandbox's identity routes stand in for Entra ID and answer without a correlation id.
const errorBodySchema = z.partial(apiErrorSchema.shape.error, { correlationId: true });

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

/**
 * An API call with the caller's token: the answer is checked against `schema` (one of the
 * contracts'). The HR pages' client (hrApi.ts) and the care loop's (careApi.ts) are built on it,
 * so that the Me page loads neither them nor their contracts.
 */
export type ApiCall = <S extends z.ZodMiniType>(schema: S, path: string, method?: string, body?: unknown) => Promise<z.infer<S>>;

/** The tab's API client: what every employee's pages ask (HR's pages add hrApi.ts on top). */
export interface ApiClient {
  call: ApiCall;
  /** A file the API sends (a CSV export), with the caller's token; fails as `call` does. */
  download(path: string): Promise<Response>;
  me(): Promise<Me>;
  person(id: string): Promise<Profile>;
  /** Every program of the tenant, with its enrollment window; admins also get the counts. */
  programs(): Promise<Program[]>;
  /** The caller's own enrollments, every status. */
  enrollments(): Promise<Enrollment[]>;
  /** 409 `conflict` when already enrolled; 400 with the field for the window, topics, goals, cadence, terms. */
  enroll(programId: string, input: EnrollmentInput): Promise<Enrollment>;
  /** Pending enrollments only. */
  updateEnrollment(id: string, input: EnrollmentInput): Promise<Enrollment>;
  withdrawEnrollment(id: string): Promise<Enrollment>;
  /** The caller's published matches, in any program, each with its meeting series. */
  myMatches(): Promise<MyMatch[]>;
  /** The caller's pairs in every program: partner, next and past sessions, action items, goals. */
  myMentoring(): Promise<MyMentoring>;
  /** Everything Flipside holds about the caller. */
  myData(): Promise<MyData>;
  erasureStatus(): Promise<ErasureStatus>;
  /** Leave every program and delete my data (the confirmation is the caller's). */
  requestErasure(): Promise<ErasureStatus>;
}

export interface ApiClientOptions {
  /** The token was refused (401): e.g. an expired sandbox session. */
  onUnauthorized?: () => void;
  /** Entra ID needs the person's consent first (`consent_required`, from Teams SSO or the server). */
  onConsentRequired?: () => void;
}

/** One request to Flipside's server, its answer checked against `schema`; errors as ApiRequestError. */
export async function request<S extends z.ZodMiniType>(schema: S, url: string, init: RequestInit): Promise<z.infer<S>> {
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
export function createApiClient(getToken: () => Promise<string>, options: ApiClientOptions = {}): ApiClient {
  const call: ApiCall = async (schema, path, method = 'GET', body) => {
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${await getToken()}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      return await request(schema, path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) options.onUnauthorized?.();
      if (error instanceof ApiRequestError && error.code === CONSENT_REQUIRED) options.onConsentRequired?.();
      throw error;
    }
  };
  const id = encodeURIComponent;
  return {
    call,
    async download(path) {
      let res: Response;
      try {
        res = await fetch(path, { headers: { authorization: `Bearer ${await getToken()}` } });
      } catch {
        throw new ApiRequestError(0, { code: 'network', message: 'Flipside could not be reached. Check your connection and try again.' });
      }
      if (!res.ok) {
        if (res.status === 401) options.onUnauthorized?.();
        const body = (await res.json().catch(() => undefined)) as { error?: unknown } | undefined;
        const parsed = errorBodySchema.safeParse(body?.error);
        throw new ApiRequestError(res.status, parsed.success ? parsed.data : { code: 'http_error', message: `The server answered ${res.status}.` });
      }
      return res;
    },
    me: () => call(meSchema, '/api/me'),
    person: (personId) => call(profileSchema, `/api/people/${id(personId)}`),
    programs: () => call(z.array(programSchema), '/api/programs'),
    enrollments: () => call(z.array(enrollmentSchema), '/api/enrollments'),
    enroll: (programId, input) => call(enrollmentSchema, `/api/programs/${id(programId)}/enrollments`, 'POST', input),
    updateEnrollment: (enrollmentId, input) => call(enrollmentSchema, `/api/enrollments/${id(enrollmentId)}`, 'PUT', input),
    withdrawEnrollment: (enrollmentId) => call(enrollmentSchema, `/api/enrollments/${id(enrollmentId)}/withdraw`, 'POST'),
    myMatches: () => call(z.array(myMatchSchema), '/api/matches/mine'),
    myMentoring: () => call(myMentoringSchema, '/api/me/mentoring'),
    myData: () => call(myDataSchema, '/api/me/data'),
    erasureStatus: () => call(erasureStatusSchema, '/api/me/data/erasure'),
    requestErasure: () => call(erasureStatusSchema, '/api/me/data/erasure', 'POST', { confirm: true }),
  };
}
