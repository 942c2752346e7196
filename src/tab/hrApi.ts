import { auditLogPageSchema, type AuditLogPage } from '../contracts/audit.ts';
import { dashboardSchema, enrolleesSchema, reminderResultSchema, type Dashboard, type Enrollee, type ReminderResult } from '../contracts/dashboard.ts';
import {
  invitationOptionsSchema,
  invitationResultSchema,
  managerCandidateSchema,
  type InvitationOptions,
  type InvitationRequest,
  type InvitationResult,
  type ManagerCandidate,
} from '../contracts/invitations.ts';
import { matchingProposalSchema, programBookingsSchema, type MatchingProposal, type ProgramBookings } from '../contracts/matching.ts';
import { programChangePreviewSchema, seriesChangesSchema, type ProgramChangePreview, type SeriesChanges } from '../contracts/program-life.ts';
import { programInputSchema, programSchema, type Program, type ProgramInput } from '../contracts/programs.ts';
import { z } from '../contracts/zod.ts';
import type { ApiClient } from './api.ts';
import { browserZone } from './dates.ts';

/**
 * The program admins' part of the API: only the HR pages (loaded when opened) import it, so the
 * Me page loads neither these calls nor the contracts they check answers with. Every call but
 * the template answers 403 to anyone who is not a program admin.
 */
export interface HrApiClient {
  /** A new program from the reverse-mentoring template, to pre-fill the admin's form. */
  programTemplate(): Promise<ProgramInput>;
  createProgram(input: ProgramInput): Promise<Program>;
  /** 409 when it removes a topic that enrollments chose. */
  updateProgram(id: string, input: ProgramInput): Promise<Program>;
  /** What saving `input` would do to the program's booked series (changes nothing). */
  previewProgramChange(id: string, input: ProgramInput): Promise<ProgramChangePreview>;
  /** Where each pair's latest series change stands. */
  seriesChanges(id: string): Promise<SeriesChanges>;
  /** Hides the program from employees (kept for reports), or brings it back. */
  archiveProgram(id: string, archived: boolean): Promise<Program>;
  /** 409 when someone enrolled (archive it instead). */
  deleteProgram(id: string): Promise<void>;
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
  /** Where each published pair's meeting series stands. */
  programBookings(programId: string): Promise<ProgramBookings>;
  /** Ends the pair; a booked series loses its remaining sessions in Outlook. */
  endPair(programId: string, menteeId: string): Promise<ProgramBookings>;
  /** The departments to invite, and where the program's invitations stand. */
  invitationOptions(programId: string): Promise<InvitationOptions>;
  /** Invites a department, a manager's organisation or a list; names what it could not resolve. */
  invite(programId: string, request: InvitationRequest): Promise<InvitationResult>;
  /** Managers whose name, title or department contains `search`. */
  searchManagers(search: string): Promise<ManagerCandidate[]>;
  /** The program's audit log, newest first; `before` from the previous page's `next`. */
  auditLog(programId: string, before?: number): Promise<AuditLogPage>;
  /** The program's dashboard, every figure through the privacy rule. */
  dashboard(programId: string): Promise<Dashboard>;
  /** The smallest group figures are shown about (5 or more). */
  setMinGroup(programId: string, minGroup: number): Promise<{ minGroup: number }>;
  /** Everyone who enrolled, latest enrollment each. */
  enrollees(programId: string): Promise<Enrollee[]>;
  /** The approval card again to the approver of a pending request (once a day). */
  remindApprover(programId: string, enrollmentId: string): Promise<ReminderResult>;
  /** A CSV export as a file to save, with its name. */
  downloadCsv(programId: string, kind: 'enrollees' | 'pairs' | 'sessions' | 'dashboard'): Promise<{ blob: Blob; filename: string }>;
}

const clients = new WeakMap<ApiClient, HrApiClient>();

/** The HR calls over `api`'s connection (its token, its handling of 401 and consent); one per client. */
export function hrApi(api: ApiClient): HrApiClient {
  let client = clients.get(api);
  if (!client) {
    client = createHrApiClient(api);
    clients.set(api, client);
  }
  return client;
}

function createHrApiClient({ call, download }: ApiClient): HrApiClient {
  const id = encodeURIComponent;
  return {
    programTemplate: () => call(programInputSchema, '/api/programs/template'),
    createProgram: (input) => call(programSchema, '/api/programs', 'POST', input),
    updateProgram: (programId, input) => call(programSchema, `/api/programs/${id(programId)}`, 'PUT', input),
    previewProgramChange: (programId, input) => call(programChangePreviewSchema, `/api/programs/${id(programId)}/changes/preview`, 'POST', input),
    seriesChanges: (programId) => call(seriesChangesSchema, `/api/programs/${id(programId)}/changes`),
    archiveProgram: (programId, archived) => call(programSchema, `/api/programs/${id(programId)}/archive`, 'POST', { archived }),
    deleteProgram: async (programId) => {
      await call(z.object({ deleted: z.literal(true) }), `/api/programs/${id(programId)}`, 'DELETE');
    },
    matching: (programId) => call(z.nullable(matchingProposalSchema), `/api/programs/${id(programId)}/matching`),
    runMatching: (programId) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/runs`, 'POST'),
    lockPair: (programId, menteeId, locked) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/pairs/${id(menteeId)}/lock`, 'POST', { locked }),
    removePair: (programId, menteeId) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/pairs/${id(menteeId)}`, 'DELETE'),
    assignPair: (programId, pair) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/pairs`, 'POST', pair),
    publishMatching: (programId) => call(matchingProposalSchema, `/api/programs/${id(programId)}/matching/publish`, 'POST'),
    programBookings: (programId) => call(programBookingsSchema, `/api/programs/${id(programId)}/bookings?zone=${encodeURIComponent(browserZone())}`),
    endPair: (programId, menteeId) => call(programBookingsSchema, `/api/programs/${id(programId)}/pairs/${id(menteeId)}/end?zone=${encodeURIComponent(browserZone())}`, 'POST'),
    invitationOptions: (programId) => call(invitationOptionsSchema, `/api/programs/${id(programId)}/invitations`),
    invite: (programId, request) => call(invitationResultSchema, `/api/programs/${id(programId)}/invitations`, 'POST', request),
    searchManagers: (search) => call(z.array(managerCandidateSchema), `/api/directory/managers?search=${id(search)}`),
    auditLog: (programId, before) => call(auditLogPageSchema, `/api/programs/${id(programId)}/audit${before ? `?before=${before}` : ''}`),
    dashboard: (programId) => call(dashboardSchema, `/api/programs/${id(programId)}/dashboard`),
    setMinGroup: (programId, minGroup) => call(z.object({ minGroup: z.number() }), `/api/programs/${id(programId)}/dashboard/min-group`, 'PUT', { minGroup }),
    enrollees: async (programId) => (await call(enrolleesSchema, `/api/programs/${id(programId)}/enrollees`)).enrollees,
    remindApprover: (programId, enrollmentId) => call(reminderResultSchema, `/api/programs/${id(programId)}/enrollees/${id(enrollmentId)}/remind`, 'POST'),
    async downloadCsv(programId, kind) {
      const res = await download(`/api/programs/${id(programId)}/exports/${kind}.csv`);
      const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}.csv`;
      return { blob: await res.blob(), filename };
    },
  };
}
