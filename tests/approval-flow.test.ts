import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enrollment, Program, ProgramInput } from '../src/contracts/programs.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor, type Api, type Json } from './support/api.ts';
import { adaptiveCardProblems } from './support/adaptive-card-schema.ts';
import { cardsFor, forgedInvoke } from './support/connector.ts';
import { deliverAll, startTestFlipside } from './support/flipside.ts';
import { mentorEnrollment } from './support/programs.ts';

let f: Flipside;
let api: Api;
const org = () => f.sandbox!.tenant.org;
const connector = () => f.sandbox!.connector;

const cardText = (card: Json | undefined): string => JSON.stringify(card ?? {});
const approvalCardFor = (userId: string, enrollmentId: string) => cardsFor(connector(), userId).find((x) => cardText(x.card).includes(enrollmentId));
const execute = (userId: string, at: { activity: Json }, verb: string, data: Json) => connector().invoke(userId, at.activity.conversation.id, at.activity.id, { verb, data }, 'manual');

let hr: string;
let employee: { id: string; managerId: string };
let program: Program;

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 120 });
  api = apiFor(f);
  hr = org().personas.hrAdmin;
  const e = org().people.find((p) => p.level >= 3 && p.managerId && p.accountEnabled && org().byId.get(p.managerId)?.accountEnabled && p.id !== org().personas.changesManager)!;
  employee = { id: e.id, managerId: e.managerId! };
});
afterAll(async () => f?.close());

describe('programs: HR creates one from the template', () => {
  it('answers a new program with its real enrollment window (regression: it used to say "open" always)', async () => {
    const template = (await api(hr, 'GET', '/programs/template')).body as ProgramInput;
    const later = await api(hr, 'POST', '/programs', { ...template, name: 'Opens later', enrollmentOpensOn: template.enrollmentClosesOn });
    expect(later.status).toBe(201);
    expect((later.body as Program).enrollment).toBe('upcoming');
  });

  it('refuses someone without Program.Admin', async () => {
    const template = (await api(hr, 'GET', '/programs/template')).body as ProgramInput;
    expect((await api(employee.id, 'POST', '/programs', template)).status).toBe(403);
  });

  it('names the field of a bad program', async () => {
    const template = (await api(hr, 'GET', '/programs/template')).body as ProgramInput;
    const bad = await api(hr, 'POST', '/programs', { ...template, endsOn: template.startsOn });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('endsOn');
  });

  it('creates the reverse-mentoring program, open for enrollment', async () => {
    const template = (await api(hr, 'GET', '/programs/template')).body as ProgramInput;
    expect(template.topics.some((t) => t.direction === 'teachesUp') && template.topics.some((t) => t.direction === 'teachesDown')).toBe(true);
    const created = await api(hr, 'POST', '/programs', { ...template, name: 'Reverse mentoring 2027' });
    expect(created.status).toBe(201);
    program = created.body as Program;
    const list = (await api(employee.id, 'GET', '/programs')).body as Program[];
    expect(list.find((p) => p.id === program.id)?.enrollment).toBe('open');
  });
});

const enrollment = (overrides: Json = {}) =>
  mentorEnrollment({ learn: [{ topicId: 'strategy', level: 2 }], goals: ['Show my director three AI workflows that save an hour a week, by March'], ...overrides });

describe('enrollment: invalid input gets a field-level answer, never a 500', () => {
  it.each([
    ['no topic', { teach: [] }, 'teach'],
    ['an unknown topic', { learn: [{ topicId: 'astrology', level: 2 }] }, 'learn.0.topicId'],
    ['a goal over 280 characters', { goals: ['x'.repeat(281)] }, 'goals.0'],
    ['four goals', { goals: ['a', 'b', 'c', 'd'] }, 'goals'],
    ['terms not accepted', { acceptedTerms: false }, 'acceptedTerms'],
    ['a cadence the program does not offer', { cadence: 'daily' }, 'cadence'],
  ])('%s', async (_name, overrides, field) => {
    const res = await api(employee.id, 'POST', `/programs/${program.id}/enrollments`, enrollment(overrides));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('outside the enrollment window', async () => {
    const template = (await api(hr, 'GET', '/programs/template')).body as ProgramInput;
    // Dates in the past are refused when HR sets them: the window closed with time, as in real life.
    const past = await api(hr, 'POST', '/programs', { ...template, name: 'Closed', enrollmentOpensOn: '2026-01-01', enrollmentClosesOn: '2026-01-31' });
    expect(past.status).toBe(400);
    expect(past.body.error.field).toBe('enrollmentOpensOn');
    const closed = (await api(hr, 'POST', '/programs', { ...template, name: 'Closed' })).body as Program;
    await f.db.query("UPDATE programs SET enrollment_opens_on = '2026-01-01', enrollment_closes_on = '2026-01-31' WHERE id = $1", [closed.id]);
    const res = await api(employee.id, 'POST', `/programs/${closed.id}/enrollments`, enrollment());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/closed on 2026-01-31/);
  });
});

describe('enroll → the manager approves in Teams chat', () => {
  let mine: Enrollment;

  it('enrolls, once', async () => {
    const res = await api(employee.id, 'POST', `/programs/${program.id}/enrollments`, enrollment());
    expect(res.status).toBe(201);
    mine = res.body as Enrollment;
    expect(mine).toMatchObject({ status: 'pending', approver: { id: employee.managerId, kind: 'manager' } });
    const again = await api(employee.id, 'POST', `/programs/${program.id}/enrollments`, enrollment());
    expect(again.status).toBe(409);
  });

  it('counts the enrollment in the program list for HR, and gives employees no counts', async () => {
    const forHr = (await api.ok<Program[]>(hr, 'GET', '/programs')).find((p) => p.id === program.id)!;
    expect(forHr.counts).toMatchObject({ pending: 1, enrolled: 1 });
    const forEmployee = (await api.ok<Program[]>(employee.id, 'GET', '/programs')).find((p) => p.id === program.id)!;
    expect(forEmployee.counts).toBeUndefined();
  });

  it('delivers the approval card to the manager’s chat, installing Flipside for them through Graph', async () => {
    await deliverAll(f);
    const card = approvalCardFor(employee.managerId, mine.id);
    expect(card).toBeDefined();
    expect(adaptiveCardProblems(card!.card)).toEqual([]);
    expect(cardText(card!.card)).toContain('approval.approve');
    expect(JSON.stringify(card!.card).length).toBeLessThan(28 * 1024);
    expect(f.sandbox!.tenant.counters.byRoute.get('users/{id}/teamwork/installedApps:create')).toBeGreaterThan(0);
  });

  it('refuses someone else’s approve, and changes nothing', async () => {
    const card = approvalCardFor(employee.managerId, mine.id)!;
    const stranger = org().people.find((p) => p.id !== employee.managerId && p.id !== employee.id && p.accountEnabled)!;
    // The stranger replays the manager's action in their own conversation with the bot.
    connector().ensurePersonalConversation(stranger.id);
    const answer = await connector().invoke(
      employee.managerId,
      card.activity.conversation.id,
      card.activity.id,
      { verb: 'approval.refresh', data: { enrollmentId: mine.id, version: 1 } },
      'automatic',
    );
    expect(answer.card).toBeDefined(); // the manager's own refresh works (read only)
    const body = await forgedInvoke(f, answer.activity, stranger, { verb: 'approval.approve', data: { enrollmentId: mine.id, version: 1 } }, 'f:replay');
    expect(body.statusCode).toBe(200);
    expect(cardText(body.value)).toMatch(/Not yours to decide|manager/);
    expect(((await api(employee.id, 'GET', '/enrollments')).body as Enrollment[])[0]!.status).toBe('pending');
  });

  it('answers a malformed action with a 400 naming the field', async () => {
    const card = approvalCardFor(employee.managerId, mine.id)!;
    const answer = await execute(employee.managerId, card, 'approval.approve', { enrollmentId: 'not-an-id', version: 1 });
    expect(answer.error?.code).toBe('BadRequest');
    expect(answer.error?.message).toMatch(/enrollmentId/);
    const unknown = await execute(employee.managerId, card, 'approval.explode', {});
    expect(unknown.error?.message).toMatch(/verb/);
  });

  // Regression (issue 13): "a long manager note is cut silently".
  it('gives a too-long note back on the card with the reason, and decides nothing', async () => {
    const card = approvalCardFor(employee.managerId, mine.id)!;
    const note = `${'Great goals. '.repeat(50)}Go for it.`;
    const answer = await execute(employee.managerId, card, 'approval.approve', { enrollmentId: mine.id, version: 1, note });
    expect(answer.error).toBeUndefined();
    const text = cardText(answer.card);
    expect(text).toContain('Not decided yet: the note needs a change');
    expect(text).toContain(`The note has ${note.length} characters and can have at most 500`);
    expect(text).toContain('Go for it.'); // the note as written, not cut
    expect(text).toContain('approval.approve'); // Approve and Decline are still there
    expect(adaptiveCardProblems(answer.card!)).toEqual([]);
    const [row] = await f.db.query<{ status: string; version: number }>('SELECT status, version FROM enrollments WHERE id = $1', [mine.id]);
    expect(row).toEqual({ status: 'pending', version: 1 });
  });

  it('records one decision for ten concurrent identical approvals', async () => {
    const card = approvalCardFor(employee.managerId, mine.id)!;
    const answers = await Promise.all(Array.from({ length: 10 }, () => execute(employee.managerId, card, 'approval.approve', { enrollmentId: mine.id, version: 1, note: 'Go for it — great goals.' })));
    expect(answers.map((a) => a.error?.message ?? (cardText(a.card).includes('Approved by') ? 'approved' : cardText(a.card).slice(0, 300)))).toEqual(Array(10).fill('approved'));
    const [row] = await f.db.query<{ status: string; version: number }>('SELECT status, version FROM enrollments WHERE id = $1', [mine.id]);
    expect(row).toEqual({ status: 'approved', version: 2 });
    expect((await f.store.outbox.findByKey(`outcome:${mine.id}:approved`))?.status).toBe('pending');
  });

  it('updates the manager’s card for everyone, tells the employee, and the tab shows the note', async () => {
    await deliverAll(f);
    const managerCard = approvalCardFor(employee.managerId, mine.id)!;
    expect(cardText(managerCard.card)).toContain('Approved by');
    expect(cardText(managerCard.card)).not.toContain('approval.approve');
    const outcome = cardsFor(connector(), employee.id).find((x) => cardText(x.card).includes(program.name) && !cardText(x.card).includes('approval.'));
    expect(outcome).toBeDefined();
    expect(cardText(outcome!.card)).toContain('Go for it');
    const [tabView] = (await api(employee.id, 'GET', '/enrollments')).body as Enrollment[];
    expect(tabView).toMatchObject({ status: 'approved', decision: { note: 'Go for it — great goals.' } });
    // Each message went out exactly once.
    const counts = await f.store.outbox.countByStatus();
    expect(counts.pending ?? 0).toBe(0);
  });

  it('lets the employee withdraw, and the manager’s card says so', async () => {
    const res = await api(employee.id, 'POST', `/enrollments/${mine.id}/withdraw`);
    expect(res.body.status).toBe('withdrawn');
    await deliverAll(f);
    expect(cardText(approvalCardFor(employee.managerId, mine.id)!.card)).toMatch(/withdr/i);
  });
});
