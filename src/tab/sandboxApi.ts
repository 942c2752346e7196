import { sandboxPeopleSchema, sandboxSigninSchema, type SandboxPerson } from '../contracts/api.ts';
import { sandboxTimeSchema, type SandboxTime, type skipTimeSchema } from '../contracts/sessions.ts';
import type { z } from '../contracts/zod.ts';
import { request } from './api.ts';

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
