// The program form in a real Chromium as HR, on a sandbox Flipside with one program to edit.
import type { Locator, Page } from 'playwright-core';
import type { Program } from '../../src/contracts/programs.ts';
import type { Flipside } from '../../src/server/compose.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';
import { apiFor, type Api } from './api.ts';
import { signInAs, startTabSession, type TabSession } from './browser.ts';
import { createProgram } from './programs.ts';

export interface ProgramFormSession {
  session: TabSession;
  flipside: Flipside;
  tab: Page;
  api: Api;
  hr: SandboxPerson;
  program: Program;
  /** The program as the API has it now. */
  saved(): Promise<Program>;
  /** Opens the program's edit page from Admin and returns the form's group of that name. */
  openSection(group: string): Promise<Locator>;
}

/** HR signed in, with a program of this name created through the API. */
export async function programFormSession(name: string): Promise<ProgramFormSession> {
  const session = await startTabSession({ orgSize: 60 });
  const { flipside, tab } = session;
  const org = flipside.sandbox!.tenant.org;
  const hr = org.byId.get(org.personas.hrAdmin)!;
  const api = apiFor(flipside);
  const program = await createProgram(api, hr.id, { name });
  await tab.goto(flipside.url);
  await signInAs(tab, hr);
  return {
    session,
    flipside,
    tab,
    api,
    hr,
    program,
    saved: async () => (await api.ok<Program[]>(hr.id, 'GET', '/programs')).find((p) => p.id === program.id)!,
    async openSection(group: string) {
      await tab.getByRole('navigation', { name: 'Flipside' }).getByRole('tab', { name: 'Admin' }).click();
      await tab.getByRole('link', { name: `Edit ${name}` }).click();
      const form = tab.getByRole('form', { name: `Edit ${name}` });
      await form.waitFor();
      return form.getByRole('group', { name: group });
    },
  };
}
