import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationOptions, InvitationResult, ManagerCandidate } from '../src/contracts/invitations.ts';
import type { Program } from '../src/contracts/programs.ts';
import type { SandboxPerson } from '../src/sandbox/org/index.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor, type Api, type Json } from './support/api.ts';
import { adaptiveCardProblems } from './support/adaptive-card-schema.ts';
import { actionsOf, cardsFor, forgedInvoke } from './support/connector.ts';
import { deliverAll, startTestFlipside } from './support/flipside.ts';
import { createProgram, mentorEnrollment } from './support/programs.ts';

let f: Flipside;
let api: Api;
let hr: string;
const org = () => f.sandbox!.tenant.org;
const connector = () => f.sandbox!.connector;

/** The invitation cards a person was shown for a program, as they see them now. */
const invitationsFor = (userId: string, programId: string) =>
  cardsFor(connector(), userId).filter((x) => JSON.stringify(x.card).includes('invitation.refresh') && JSON.stringify(x.card).includes(programId));
const invitationSends = async (programId: string) => f.store.outbox.sendsWithPrefix(`invitation:${programId}:`);
const inviteAs = (userId: string, programId: string, body: Json) => api(userId, 'POST', `/programs/${programId}/invitations`, body);
const invite = (programId: string, body: Json) => api.ok<InvitationResult>(hr, 'POST', `/programs/${programId}/invitations`, body);
const newProgram = (name: string) => createProgram(api, hr, { name });
/** Every action of `kind` in a card, links included. */
function actionsOfKind(node: unknown, kind: string): Json[] {
  if (Array.isArray(node)) return node.flatMap((n) => actionsOfKind(n, kind));
  if (!node || typeof node !== 'object') return [];
  const n = node as Json;
  return [...(n.type === kind ? [n] : []), ...Object.values(n).flatMap((v) => actionsOfKind(v, kind))];
}
const enabled = (people: SandboxPerson[]) => people.filter((p) => p.accountEnabled);

/** Everyone under `managerId`, the manager included, from the sandbox org itself. */
function organisation(managerId: string): SandboxPerson[] {
  const out = [org().byId.get(managerId)!];
  for (let i = 0; i < out.length; i++) out.push(...org().people.filter((p) => p.managerId === out[i]!.id));
  return out;
}

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 120 });
  api = apiFor(f);
  hr = org().personas.hrAdmin;
});
afterAll(async () => f?.close());

describe('HR invitations: only program admins', () => {
  it('refuses someone without Program.Admin: inviting, the panel, and the manager search (403); nothing is sent', async () => {
    const program = await newProgram('Admins only');
    const someone = org().people.find((p) => p.accountEnabled && p.id !== hr && !p.persona)!;
    expect((await inviteAs(someone.id, program.id, { kind: 'list', list: someone.mail })).status).toBe(403);
    expect((await api(someone.id, 'GET', `/programs/${program.id}/invitations`)).status).toBe(403);
    expect((await api(someone.id, 'GET', '/directory/managers?search=a')).status).toBe(403);
    expect(await invitationSends(program.id)).toEqual([]);
  });

  it('names the field of a bad request (400), and a program that does not exist (404)', async () => {
    const program = await newProgram('Bad requests');
    const bad = await inviteAs(hr, program.id, { kind: 'department' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('department');
    expect((await inviteAs(hr, program.id, { kind: 'nobody' })).status).toBe(400);
    const nobody = await inviteAs(hr, program.id, { kind: 'department', department: 'No such department' });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.message).toContain('nobody in the directory is in the department "No such department"');
    const unreadable = await inviteAs(hr, program.id, { kind: 'list', list: '"never closed\na@b.test' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.field).toBe('list');
    expect((await inviteAs(hr, '7d8e1a52-0c1f-4d0e-9b43-5b1f2e3a4c5d', { kind: 'list', list: 'a@b.test' })).status).toBe(404);
  });
});

describe('HR invitations: a department', () => {
  it('invites every enabled person of the department, each with a valid card that opens the tab on the program', async () => {
    const program = await newProgram('Department invitation');
    const options = await api.ok<InvitationOptions>(hr, 'GET', `/programs/${program.id}/invitations`);
    const department = options.departments.find((d) => d.people >= 3)!;
    const members = org().people.filter((p) => p.department === department.name);
    const result = await invite(program.id, { kind: 'department', department: department.name.toUpperCase() });
    expect(result.invited).toBe(enabled(members).length);
    expect(result.leftOut).toBe(members.length - enabled(members).length);
    expect(result.problems).toEqual([]);
    expect(result.summary).toMatchObject({ invited: enabled(members).length, enrolled: 0 });
    const logged = await f.db.query<{ actor_id: string; details: unknown }>("SELECT actor_id, details FROM audit_log WHERE program_id = $1 AND action = 'invitations.sent'", [program.id]);
    expect(logged).toEqual([{ actor_id: hr, details: { source: 'department', invited: enabled(members).length } }]);

    await deliverAll(f);
    for (const person of enabled(members)) {
      const cards = invitationsFor(person.id, program.id);
      expect(cards, person.displayName).toHaveLength(1);
      expect(adaptiveCardProblems(cards[0]!.card)).toEqual([]);
      const texts = JSON.stringify(cards[0]!.card);
      expect(texts).toContain(`You're invited: ${program.name}`);
      expect(texts).toContain('Why it matters');
      expect(actionsOfKind(cards[0]!.card, 'Action.OpenUrl')).toContainEqual({ type: 'Action.OpenUrl', title: 'Enroll', url: `${f.url}/programs/${program.id}/enroll` });
    }
    const after = await api.ok<InvitationOptions>(hr, 'GET', `/programs/${program.id}/invitations`);
    expect(after.summary.invited).toBe(enabled(members).length);
  });
});

describe("HR invitations: a manager's organisation", () => {
  it('finds managers by name and invites the manager and everyone under them; Flipside is installed for people it never talked to', async () => {
    const program = await newProgram('Organisation invitation');
    const vp = org().people.find((p) => p.level === 1 && organisation(p.id).length >= 5)!;
    const found = await api.ok<ManagerCandidate[]>(hr, 'GET', `/directory/managers?search=${encodeURIComponent(vp.displayName)}`);
    const candidate = found.find((m) => m.id === vp.id)!;
    const everyone = organisation(vp.id);
    expect(candidate.organisationSize).toBe(everyone.length);
    const installsBefore = f.sandbox!.tenant.counters.byRoute.get('users/{id}/teamwork/installedApps:create') ?? 0;

    const result = await invite(program.id, { kind: 'organisation', managerId: vp.id });
    expect(result.invited).toBe(enabled(everyone).length);
    await deliverAll(f);
    for (const person of enabled(everyone)) expect(invitationsFor(person.id, program.id), person.displayName).toHaveLength(1);
    expect(f.sandbox!.tenant.counters.byRoute.get('users/{id}/teamwork/installedApps:create') ?? 0).toBeGreaterThan(installsBefore);
    const outsider = org().people.find((p) => p.accountEnabled && !everyone.includes(p))!;
    expect(invitationsFor(outsider.id, program.id)).toEqual([]);
  });
});

describe('HR invitations: a pasted or uploaded CSV', () => {
  it('invites the addresses it finds and names each unknown, duplicate and malformed one with its line', async () => {
    const program = await newProgram('CSV invitation');
    const [a, b, c] = org().people.filter((p) => p.accountEnabled && !p.persona && p.id !== hr);
    const disabled = org().people.find((p) => !p.accountEnabled)!;
    const csv = [
      'Name,Email',
      `${a!.displayName},${a!.mail}`,
      `"${b!.displayName}",${b!.userPrincipalName!.toUpperCase()}`,
      `Nobody,nobody@nowhere.example`,
      `Typo,${c!.mail!.replace('@', '')}`,
      `Again,${a!.mail}`,
      `${c!.displayName},"${c!.displayName} <${c!.mail}>"`,
      `${disabled.displayName},${disabled.mail}`,
    ].join('\r\n');
    const result = await invite(program.id, { kind: 'list', list: csv });
    expect(result.invited).toBe(3);
    expect(result.problems).toEqual([
      { entry: 'nobody@nowhere.example', line: 4, reason: 'unknown' },
      { entry: c!.mail!.replace('@', ''), line: 5, reason: 'malformed' },
      { entry: a!.mail, line: 6, reason: 'duplicate' },
      { entry: disabled.mail, line: 8, reason: 'disabled' },
    ]);
    await deliverAll(f);
    for (const p of [a!, b!, c!]) expect(invitationsFor(p.id, program.id)).toHaveLength(1);
  });

  it('takes a pasted list without a header, one address a line or separated by semicolons', async () => {
    const program = await newProgram('Pasted list');
    const people = org()
      .people.filter((p) => p.accountEnabled && !p.persona && p.id !== hr)
      .slice(10, 14);
    const result = await invite(program.id, { kind: 'list', list: `${people[0]!.mail}\n${people[1]!.mail}; ${people[2]!.mail}\n\n${people[3]!.userPrincipalName}\n` });
    expect(result).toMatchObject({ invited: 4, problems: [] });
  });
});

describe('HR invitations: never twice', () => {
  it('a retried request, two at once, and an overlapping department invite nobody twice', async () => {
    const program = await newProgram('Retries');
    const person = org().people.find((p) => p.accountEnabled && !p.persona && p.id !== hr && p.department)!;
    const list = { kind: 'list', list: person.mail };
    const answers = await Promise.all([invite(program.id, list), invite(program.id, list), invite(program.id, list)]);
    expect(answers.map((a) => a.invited).sort()).toEqual([0, 0, 1]);
    const again = await invite(program.id, list);
    expect(again).toMatchObject({ invited: 0, alreadyInvited: 1 });
    const department = await invite(program.id, { kind: 'department', department: person.department! });
    expect(department.alreadyInvited).toBe(1);

    await deliverAll(f);
    expect((await invitationSends(program.id)).filter((m) => m.recipientId === person.id)).toHaveLength(1);
    expect(invitationsFor(person.id, program.id)).toHaveLength(1);
    expect((await api.ok<InvitationOptions>(hr, 'GET', `/programs/${program.id}/invitations`)).summary.invited).toBe(department.invited + 1);
  });
});

describe('HR invitations: what the invited person does', () => {
  let program: Program;
  let decliner: SandboxPerson;
  let joiner: SandboxPerson;

  beforeAll(async () => {
    program = await newProgram('Answers');
    [decliner, joiner] = org().people.filter((p) => p.accountEnabled && !p.persona && p.id !== hr && p.managerId) as [SandboxPerson, SandboxPerson];
    await invite(program.id, { kind: 'list', list: `${decliner!.mail}\n${joiner!.mail}` });
    await deliverAll(f);
  });

  it('"Not for me" is recorded once; HR sees only the count', async () => {
    const { activity, card } = invitationsFor(decliner.id, program.id)[0]!;
    const decline = actionsOf(card).find((a) => a.verb === 'invitation.decline')!;
    const first = await connector().invoke(decliner.id, activity.conversation.id, activity.id, { verb: decline.verb, data: decline.data }, 'manual');
    expect(first.error).toBeUndefined();
    expect(JSON.stringify(first.card)).toContain('You said it is not for you');
    expect(actionsOf(first.card).some((a) => a.verb === 'invitation.decline')).toBe(false);
    await connector().invoke(decliner.id, activity.conversation.id, activity.id, { verb: decline.verb, data: decline.data }, 'manual');
    expect((await api.ok<InvitationOptions>(hr, 'GET', `/programs/${program.id}/invitations`)).summary).toMatchObject({ invited: 2, declined: 1, enrolled: 0 });
  });

  it('someone else cannot decline it (a forged click gets an error card; their invitation stays open)', async () => {
    const { activity } = invitationsFor(joiner.id, program.id)[0]!;
    const seen = await connector().refresh(joiner.id, activity.conversation.id, activity.id);
    const stranger = org().people.find((p) => p.accountEnabled && p.id !== joiner.id && p.id !== decliner.id && p.id !== hr)!;
    const body = await forgedInvoke(f, seen.activity, stranger, { verb: 'invitation.decline', data: { programId: program.id } }, 'f:forged-decline');
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('Not your invitation');
    expect((await api.ok<InvitationOptions>(hr, 'GET', `/programs/${program.id}/invitations`)).summary.declined).toBe(1);
  });

  it('enrolling from the tab: the card then says so, and HR sees them as enrolled', async () => {
    await api.ok(joiner.id, 'POST', `/programs/${program.id}/enrollments`, mentorEnrollment());
    const { activity } = invitationsFor(joiner.id, program.id)[0]!;
    const refreshed = await connector().refresh(joiner.id, activity.conversation.id, activity.id);
    expect(JSON.stringify(refreshed.card)).toContain('You have enrolled');
    expect((await api.ok<InvitationOptions>(hr, 'GET', `/programs/${program.id}/invitations`)).summary).toMatchObject({ invited: 2, enrolled: 1 });
    const already = await invite(program.id, { kind: 'list', list: joiner.mail });
    expect(already).toMatchObject({ invited: 0, alreadyEnrolled: 1 });
  });
});
