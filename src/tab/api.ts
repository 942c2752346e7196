import { z } from 'zod';
import { browserZone } from './dates.ts';
import { apiErrorSchema, CONSENT_REQUIRED, meSchema, profileSchema, sandboxPeopleSchema, sandboxSigninSchema, type Me, type Profile, type SandboxPerson } from '../contracts/api.ts';
import { enrollmentSchema, programInputSchema, programSchema, type Enrollment, type EnrollmentInput, type Program, type ProgramInput } from '../contracts/programs.ts';
import { matchingProposalSchema, myMatchSchema, programBookingsSchema, type MatchingProposal, type MyMatch, type ProgramBookings } from '../contracts/matching.ts';
import {
  invitationOptionsSchema,
  invitationResultSchema,
  managerCandidateSchema,
  type InvitationOptions,
  type InvitationRequest,
  type InvitationResult,
  type ManagerCandidate,
} from '../contracts/invitations.ts';
import { programChangePreviewSchema, seriesChangesSchema, type ProgramChangePreview, type SeriesChanges } from '../contracts/program-life.ts';
import { auditLogPageSchema, type AuditLogPage } from '../contracts/audit.ts';
import { erasureStatusSchema, myDataSchema, type ErasureStatus, type MyData } from '../contracts/privacy.ts';
import { dashboardSchema, enrolleesSchema, reminderResultSchema, type Dashboard, type Enrollee, type ReminderResult } from '../contracts/dashboard.ts';
import { createCareClient, type CareClient } from './careApi.ts';
import { myMentoringSchema, sandboxTimeSchema, type MyMentoring, type SandboxTime, type skipTimeSchema } from '../contracts/sessions.ts';

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
  /** The care loop: HR's view of how pairs are doing, and pauses. */
  care: CareClient;
  me(): Promise<Me>;
  person(id: string): Promise<Profile>;
  /** Every program of the tenant, with its enrollment window; admins also get the counts. */
  programs(): Promise<Program[]>;
  /** A new program from the reverse-mentoring template, to pre-fill the admin's form. */
  programTemplate(): Promise<ProgramInput>;
  /** Program admins only (403 otherwise). */
  createProgram(input: ProgramInput): Promise<Program>;
  /** Program admins only; 409 when it removes a topic that enrollments chose. */
  updateProgram(id: string, input: ProgramInput): Promise<Program>;
  /** Program admins only: what saving `input` would do to the program's booked series (changes nothing). */
  previewProgramChange(id: string, input: ProgramInput): Promise<ProgramChangePreview>;
  /** Program admins only: where each pair's latest series change stands. */
  seriesChanges(id: string): Promise<SeriesChanges>;
  /** Program admins only: hides the program from employees (kept for reports), or brings it back. */
  archiveProgram(id: string, archived: boolean): Promise<Program>;
  /** Program admins only; 409 when someone enrolled (archive it instead). */
  deleteProgram(id: string): Promise<void>;
  /** The caller's own enrollments, every status. */
  enrollments(): Promise<Enrollment[]>;
  /** 409 `conflict` when already enrolled; 400 with the field for the window, topics, goals, cadence, terms. */
  enroll(programId: string, input: EnrollmentInput): Promise<Enrollment>;
  /** Pending enrollments only. */
  updateEnrollment(id: string, input: EnrollmentInput): Promise<Enrollment>;
  withdrawEnrollment(id: string): Promise<Enrollment>;
  /** Program admins only; 404 `not_found` when matching never ran for the program. */
  /** The program's proposal; null before matching first ran. */
  matching(programId: string): Promise<MatchingProposal | null>;
  /** Matches the approved pool again, keeping locked pairs and never re-proposing removed ones. */
  runMatching(programId: string): Promise<MatchingProposal>;
  lockPair(programId: string, menteeId: string, locked: boolean): Promise<MatchingProposal>;
  /** The pair moves to `removed`; the mentee is unmatched until the next run. */
  removePair(programId: string, menteeId: string): Promise<MatchingProposal>;
  /** 400 with `field` `mentorId` and the reason in words when the pair breaks a must-rule. */
  assignPair(programId: string, pair: { mentorId: string; menteeId: string }): Promise<MatchingProposal>;
  /** Tells both people of each pair by a card in their chat with Flipside. */
  publishMatching(programId: string): Promise<MatchingProposal>;
  /** The caller's published matches, in any program, each with its meeting series. */
  myMatches(): Promise<MyMatch[]>;
  /** The caller's pairs in every program: partner, next and past sessions, action items, goals. */
  myMentoring(): Promise<MyMentoring>;
  /** Program admins only: where each published pair's meeting series stands. */
  programBookings(programId: string): Promise<ProgramBookings>;
  /** Program admins only: ends the pair; a booked series loses its remaining sessions in Outlook. */
  endPair(programId: string, menteeId: string): Promise<ProgramBookings>;
  /** Program admins only: the departments to invite, and where the program's invitations stand. */
  invitationOptions(programId: string): Promise<InvitationOptions>;
  /** Program admins only: invites a department, a manager's organisation or a list; names what it could not resolve. */
  invite(programId: string, request: InvitationRequest): Promise<InvitationResult>;
  /** Program admins only: managers whose name, title or department contains `search`. */
  searchManagers(search: string): Promise<ManagerCandidate[]>;
  /** Everything Flipside holds about the caller. */
  myData(): Promise<MyData>;
  erasureStatus(): Promise<ErasureStatus>;
  /** Leave every program and delete my data (the confirmation is the caller's). */
  requestErasure(): Promise<ErasureStatus>;
  /** Program admins only: the program's audit log, newest first; `before` from the previous page's `next`. */
  auditLog(programId: string, before?: number): Promise<AuditLogPage>;
  /** Program admins only: the program's dashboard, every figure through the privacy rule. */
  dashboard(programId: string): Promise<Dashboard>;
  /** Program admins only: the smallest group figures are shown about (5 or more). */
  setMinGroup(programId: string, minGroup: number): Promise<{ minGroup: number }>;
  /** Program admins only: everyone who enrolled, latest enrollment each. */
  enrollees(programId: string): Promise<Enrollee[]>;
  /** Program admins only: the approval card again to the approver of a pending request (once a day). */
  remindApprover(programId: string, enrollmentId: string): Promise<ReminderResult>;
  /** Program admins only: a CSV export as a file to save, with its name. */
  downloadCsv(programId: string, kind: 'enrollees' | 'pairs' | 'sessions' | 'dashboard'): Promise<{ blob: Blob; filename: string }>;
}

export interface ApiClientOptions {
  /** The token was refused (401): e.g. an expired sandbox session. */
  onUnauthorized?: () => void;
  /** Entra ID needs the person's consent first (`consent_required`, from Teams SSO or the server). */
  onConsentRequired?: () => void;
}

export interface SandboxClient {
  /** Up to 25 people; without a search, the named personas first. */
  people(search: string, signal?: AbortSignal): Promise<SandboxPerson[]>;
  /** A bearer token for that person, as Teams SSO would give it. */
  signIn(userId: string): Promise<{ accessToken: string; expiresIn: number }>;
  /** The sandbox's clock; fails (404) where there is no sandbox, or one without a movable clock. */
  time(): Promise<SandboxTime>;
  /** Moves the sandbox's clock forward; the jobs that fall due run as it goes. */
  skipTime(to: z.infer<typeof skipTimeSchema>['to']): Promise<SandboxTime>;
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
export function createApiClient(getToken: () => Promise<string>, options: ApiClientOptions = {}): ApiClient {
  const call = async <S extends z.ZodType>(schema: S, path: string, method = 'GET', body?: unknown): Promise<z.infer<S>> => {
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
    care: createCareClient(call),
    me: () => call(meSchema, '/api/me'),
    person: (personId) => call(profileSchema, `/api/people/${id(personId)}`),
    programs: () => call(z.array(programSchema), '/api/programs'),
    programTemplate: () => call(programInputSchema, '/api/programs/template'),
    createProgram: (input) => call(programSchema, '/api/programs', 'POST', input),
    updateProgram: (programId, input) => call(programSchema, `/api/programs/${id(programId)}`, 'PUT', input),
    previewProgramChange: (programId, input) => call(programChangePreviewSchema, `/api/programs/${id(programId)}/changes/preview`, 'POST', input),
    seriesChanges: (programId) => call(seriesChangesSchema, `/api/programs/${id(programId)}/changes`),
    archiveProgram: (programId, archived) => call(programSchema, `/api/programs/${id(programId)}/archive`, 'POST', { archived }),
    deleteProgram: async (programId) => {
      await call(z.object({ deleted: z.literal(true) }), `/api/programs/${id(programId)}`, 'DELETE');
    },
    enrollments: () => call(z.array(enrollmentSchema), '/api/enrollments'),
    enroll: (programId, input) => call(enrollmentSchema, `/api/programs/${id(programId)}/enrollments`, 'POST', input),
    updateEnrollment: (enrollmentId, input) => call(enrollmentSchema, `/api/enrollments/${id(enrollmentId)}`, 'PUT', input),
    withdrawEnrollment: (enrollmentId) => call(enrollmentSchema, `/api/enrollments/${id(enrollmentId)}/withdraw`, 'POST'),
    matching: (programId) => call(matchingProposalSchema.nullable(), `/api/programs/${id(programId)}/matching`),
    runMatching: (programId) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/runs`, 'POST'),
    lockPair: (programId, menteeId, locked) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/pairs/${id(menteeId)}/lock`, 'POST', { locked }),
    removePair: (programId, menteeId) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/pairs/${id(menteeId)}`, 'DELETE'),
    assignPair: (programId, pair) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/pairs`, 'POST', pair),
    publishMatching: (programId) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/publish`, 'POST'),
    myMatches: () => call(z.array(myMatchSchema), '/api/matches/mine'),
    myMentoring: () => call(myMentoringSchema, '/api/me/mentoring'),
    programBookings: (programId) => call(programBookingsSchema, `/api/programs/${id(programId)}/bookings?zone=${encodeURIComponent(browserZone())}`),
    endPair: (programId, menteeId) => call(programBookingsSchema, `/api/programs/${id(programId)}/pairs/${id(menteeId)}/end?zone=${encodeURIComponent(browserZone())}`, 'POST'),
    invitationOptions: (programId) => call(invitationOptionsSchema, `/api/programs/${id(programId)}/invitations`),
    invite: (programId, request) => call(invitationResultSchema, `/api/programs/${id(programId)}/invitations`, 'POST', request),
    searchManagers: (search) => call(z.array(managerCandidateSchema), `/api/directory/managers?search=${id(search)}`),
    myData: () => call(myDataSchema, '/api/me/data'),
    erasureStatus: () => call(erasureStatusSchema, '/api/me/data/erasure'),
    requestErasure: () => call(erasureStatusSchema, '/api/me/data/erasure', 'POST', { confirm: true }),
    auditLog: (programId, before) => call(auditLogPageSchema, `/api/programs/${id(programId)}/audit${before ? `?before=${before}` : ''}`),
    dashboard: (programId) => call(dashboardSchema, `/api/programs/${id(programId)}/dashboard`),
    setMinGroup: (programId, minGroup) => call(z.object({ minGroup: z.number() }), `/api/programs/${id(programId)}/dashboard/min-group`, 'PUT', { minGroup }),
    enrollees: async (programId) => (await call(enrolleesSchema, `/api/programs/${id(programId)}/enrollees`)).enrollees,
    remindApprover: (programId, enrollmentId) => call(reminderResultSchema, `/api/programs/${id(programId)}/enrollees/${id(enrollmentId)}/remind`, 'POST'),
    async downloadCsv(programId, kind) {
      const url = `/api/programs/${id(programId)}/exports/${kind}.csv`;
      let res: Response;
      try {
        res = await fetch(url, { headers: { authorization: `Bearer ${await getToken()}` } });
      } catch {
        throw new ApiRequestError(0, { code: 'network', message: 'Flipside could not be reached. Check your connection and try again.' });
      }
      if (!res.ok) {
        if (res.status === 401) options.onUnauthorized?.();
        const body = (await res.json().catch(() => undefined)) as { error?: unknown } | undefined;
        const parsed = errorBodySchema.safeParse(body?.error);
        throw new ApiRequestError(res.status, parsed.success ? parsed.data : { code: 'http_error', message: `The server answered ${res.status}.` });
      }
      const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}.csv`;
      return { blob: await res.blob(), filename };
    },
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
  time: () => request(sandboxTimeSchema, '/sandbox/control/time', {}),
  skipTime: (to) =>
    request(sandboxTimeSchema, '/sandbox/control/time/skip', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to }),
    }),
};
