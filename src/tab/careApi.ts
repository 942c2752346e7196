import type { ApiCall, ApiClient } from './api.ts';
import { myCareSchema, programCareSchema, type CareSettingsInput, type MyCare, type ProgramCare } from '../contracts/care.ts';

/** The care loop's part of the API (HR's Meetings page, pause / resume on My mentoring): not on the Me page. */
export interface CareClient {
  /** Program admins only: fit-check "no"s, stalled pairs, mentors asking for HR, check-in totals. */
  program(programId: string): Promise<ProgramCare>;
  saveSettings(programId: string, settings: CareSettingsInput): Promise<ProgramCare>;
  decide(programId: string, fitCheckId: string, decision: 'keep' | 'repair'): Promise<ProgramCare>;
  close(programId: string, menteeId: string, mentorId: string): Promise<ProgramCare>;
  /** The caller's own pairs and their pauses. */
  mine(): Promise<MyCare>;
  /** 400 with field `untilDate` for a date not after today, past the program or over eight weeks away. */
  pause(programId: string, menteeId: string, untilDate: string): Promise<MyCare>;
  resume(programId: string, menteeId: string): Promise<MyCare>;
}

const clients = new WeakMap<ApiClient, CareClient>();

/** The care loop's calls over `api`'s connection; one per client. */
export function careApi(api: ApiClient): CareClient {
  let client = clients.get(api);
  if (!client) {
    client = createCareClient(api.call);
    clients.set(api, client);
  }
  return client;
}

function createCareClient(call: ApiCall): CareClient {
  const id = encodeURIComponent;
  return {
    program: (programId) => call(programCareSchema, `/api/programs/${id(programId)}/care`),
    saveSettings: (programId, settings) => call(programCareSchema, `/api/programs/${id(programId)}/care/settings`, 'PUT', settings),
    decide: (programId, fitCheckId, decision) => call(programCareSchema, `/api/programs/${id(programId)}/care/fit-checks/${id(fitCheckId)}/decision`, 'POST', { decision }),
    close: (programId, menteeId, mentorId) => call(programCareSchema, `/api/programs/${id(programId)}/care/pairs/${id(menteeId)}/close`, 'POST', { mentorId }),
    mine: () => call(myCareSchema, '/api/me/care'),
    pause: (programId, menteeId, untilDate) => call(myCareSchema, `/api/me/care/${id(programId)}/${id(menteeId)}/pause`, 'POST', { untilDate }),
    resume: (programId, menteeId) => call(myCareSchema, `/api/me/care/${id(programId)}/${id(menteeId)}/resume`, 'POST'),
  };
}
