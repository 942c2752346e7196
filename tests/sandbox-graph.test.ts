import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flipside } from '../src/server/compose.ts';
import { SANDBOX } from '../src/config/config.ts';
import { sandboxGraphUrl, startTestFlipside } from './support/flipside.ts';
import { graphResponseProblems } from './support/reference.ts';

let f: Flipside;
let token: string;
let base: string;
const org = () => f.sandbox!.tenant.org;

async function graph(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : undefined }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Asserts the answer has the status and conforms to the Graph slice's schema for that operation. */
function conforms(method: string, template: string, answer: { status: number; body: unknown }, status: number) {
  expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(status);
  if (answer.body !== undefined) expect(graphResponseProblems(method, template, answer.status, answer.body)).toEqual([]);
}

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 250, synced: false });
  token = await f.tokens.appToken();
  base = sandboxGraphUrl(f);
});
afterAll(async () => f?.close());

describe('sandbox Graph: directory', () => {
  it('lists users in pages of $top with @odata.nextLink, in the documented shape', async () => {
    const first = await graph('GET', '/users?$top=100&$select=id,displayName,department,employeeHireDate,accountEnabled');
    conforms('GET', '/users', first, 200);
    expect(first.body!.value).toHaveLength(100);
    expect(Object.keys(first.body!.value[0]).sort()).toEqual(['accountEnabled', 'department', 'displayName', 'employeeHireDate', 'id']);
    const seen = new Set<string>(first.body!.value.map((u: { id: string }) => u.id));
    let next: string | undefined = first.body!['@odata.nextLink'];
    while (next) {
      const page = await graph('GET', next.slice(base.length));
      conforms('GET', '/users', page, 200);
      page.body!.value.forEach((u: { id: string }) => seen.add(u.id));
      next = page.body!['@odata.nextLink'];
    }
    expect(seen.size).toBe(250);
  });

  it('refuses $top=1000 with a 400 in Graph’s error format', async () => {
    const answer = await graph('GET', '/users?$top=1000');
    conforms('GET', '/users', answer, 400);
    expect(answer.body!.error.code).toBe('Request_UnsupportedQuery');
  });

  it('answers an unknown user with 404 Request_ResourceNotFound', async () => {
    const answer = await graph('GET', '/users/00000000-0000-4000-8000-000000000000');
    conforms('GET', '/users/{user-id}', answer, 404);
    expect(answer.body!.error.code).toBe('Request_ResourceNotFound');
  });

  it('answers a user, their manager, their direct reports and mailbox settings', async () => {
    const person = org().people.find((p) => p.managerId && org().directReports(p.id).length > 0)!;
    conforms('GET', '/users/{user-id}', await graph('GET', `/users/${person.id}`), 200);
    const manager = await graph('GET', `/users/${person.id}/manager`);
    conforms('GET', '/users/{user-id}/manager', manager, 200);
    expect(manager.body!.id).toBe(person.managerId);
    const reports = await graph('GET', `/users/${person.id}/directReports`);
    conforms('GET', '/users/{user-id}/directReports', reports, 200);
    expect(reports.body!.value.map((r: { id: string }) => r.id).sort()).toEqual(
      org()
        .directReports(person.id)
        .map((r) => r.id)
        .sort(),
    );
    const mailbox = await graph('GET', `/users/${person.id}/mailboxSettings`);
    conforms('GET', '/users/{user-id}/mailboxSettings', mailbox, 200);
    expect(mailbox.body!.timeZone).toMatch(/Standard Time|UTC/);
    expect(mailbox.body!.workingHours.timeZone.name).toBe(mailbox.body!.timeZone);
  });

  it('answers 404 for the manager of someone who has none', async () => {
    conforms('GET', '/users/{user-id}/manager', await graph('GET', `/users/${org().personas.ceo}/manager`), 404);
  });

  it('delta: every user with manager@delta, then a deltaLink that returns only what changed', async () => {
    const select = 'id,displayName,department,accountEnabled,manager';
    const users: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    let link: string | undefined = `/users/delta?$select=${select}`;
    let deltaLink: string | undefined;
    while (link) {
      const page = await graph('GET', link.startsWith('http') ? link.slice(base.length) : link, undefined, { prefer: 'odata.maxpagesize=100' });
      conforms('GET', '/users/delta()', page, 200);
      users.push(...page.body!.value);
      link = page.body!['@odata.nextLink'];
      deltaLink = page.body!['@odata.deltaLink'];
    }
    expect(users).toHaveLength(250);
    const withManager = users.filter((u) => u['manager@delta']);
    expect(withManager.length).toBe(org().people.filter((p) => p.managerId).length);
    const nothing = await graph('GET', deltaLink!.slice(base.length));
    expect(nothing.body!.value).toEqual([]);

    const mover = org().personas.changesManager;
    const newManager = org().people.find((p) => p.id !== mover && p.level === 2 && p.id !== org().byId.get(mover)!.managerId)!;
    f.sandbox!.tenant.changeManager(mover, newManager.id);
    f.sandbox!.tenant.updatePerson(org().people[5]!.id, { department: 'Renamed' });
    const changes = await graph('GET', deltaLink!.slice(base.length));
    conforms('GET', '/users/delta()', changes, 200);
    expect(changes.body!.value.map((u: { id: string }) => u.id).sort()).toEqual([mover, org().people[5]!.id].sort());
    const moved = changes.body!.value.find((u: { id: string }) => u.id === mover);
    expect(moved['manager@delta']).toEqual([{ '@odata.type': '#microsoft.graph.user', id: newManager.id }]);
    const renamed = changes.body!.value.find((u: { id: string }) => u.id === org().people[5]!.id);
    expect(renamed['manager@delta']).toBeUndefined();
  });

  it('delta refuses $top, as Graph does', async () => {
    expect((await graph('GET', '/users/delta?$top=5')).status).toBe(400);
  });
});

describe('sandbox Graph: calendars, events, chats, installs', () => {
  const window = { startTime: { dateTime: '2026-11-23T00:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2026-11-28T00:00:00', timeZone: 'UTC' }, availabilityViewInterval: 30 };

  it('getSchedule answers free/busy and working hours for up to 20 people', async () => {
    const people = org().people.slice(0, 20);
    const answer = await graph('POST', `/users/${people[0]!.id}/calendar/getSchedule`, { schedules: people.map((p) => p.mail), ...window });
    conforms('POST', '/users/{user-id}/calendar/getSchedule', answer, 200);
    expect(answer.body!.value).toHaveLength(20);
    const first = answer.body!.value[0];
    expect(first.availabilityView).toHaveLength(5 * 48);
    expect(first.availabilityView).toMatch(/^[0-4]+$/);
    expect(first.availabilityView).toMatch(/[12]/); // a CEO is busy some of the week
    expect(first.workingHours.timeZone.name).toBe(people[0]!.workingHours.timeZone);
  });

  it('getSchedule refuses 21 people and windows of 62 days or more', async () => {
    const people = org().people.slice(0, 21);
    expect((await graph('POST', `/users/${people[0]!.id}/calendar/getSchedule`, { schedules: people.map((p) => p.mail), ...window })).status).toBe(400);
    const long = { ...window, endTime: { dateTime: '2027-01-24T00:00:00', timeZone: 'UTC' } };
    expect((await graph('POST', `/users/${people[0]!.id}/calendar/getSchedule`, { schedules: [people[0]!.mail], ...long })).status).toBe(400);
  });

  it('getSchedule reports the failing mailbox persona per schedule, not for the whole request', async () => {
    const bad = org().byId.get(org().personas.mailboxError)!;
    const answer = await graph('POST', `/users/${org().people[0]!.id}/calendar/getSchedule`, { schedules: [org().people[0]!.mail, bad.mail], ...window });
    conforms('POST', '/users/{user-id}/calendar/getSchedule', answer, 200);
    expect(answer.body!.value[0].error).toBeUndefined();
    expect(answer.body!.value[1].error.responseCode).toBeTruthy();
  });

  it('creates a recurring Teams meeting once per transactionId, and it shows as busy for both', async () => {
    const [organizer, attendee] = [org().people[30]!, org().people[40]!];
    const event = {
      subject: 'Flipside session',
      start: { dateTime: '2026-11-24T07:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-24T07:30:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'], firstDayOfWeek: 'monday' }, range: { type: 'endDate', startDate: '2026-11-24', endDate: '2027-05-24' } },
      attendees: [{ emailAddress: { address: attendee.mail, name: attendee.displayName }, type: 'required' }],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: 'pair-1-attempt-1',
    };
    const created = await graph('POST', `/users/${organizer.id}/events`, event);
    conforms('POST', '/users/{user-id}/events', created, 201);
    expect(created.body!.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const again = await graph('POST', `/users/${organizer.id}/events`, event);
    expect(again.body!.id).toBe(created.body!.id);
    expect((await graph('GET', `/users/${organizer.id}/events`)).body!.value).toHaveLength(1);
    conforms('GET', '/users/{user-id}/events/{event-id}', await graph('GET', `/users/${attendee.id}/events/${created.body!.id}`), 200);

    const schedule = await graph('POST', `/users/${organizer.id}/calendar/getSchedule`, { schedules: [organizer.mail, attendee.mail], ...window, availabilityViewInterval: 30 });
    for (const s of schedule.body!.value) expect(s.availabilityView[48 + 14]).toBe('2'); // Tuesday 07:00 UTC, 30-minute slots from Monday 00:00

    conforms('PATCH', '/users/{user-id}/events/{event-id}', await graph('PATCH', `/users/${organizer.id}/events/${created.body!.id}`, { subject: 'Moved' }), 200);
    expect((await graph('DELETE', `/users/${organizer.id}/events/${created.body!.id}`)).status).toBe(204);
    expect((await graph('GET', `/users/${organizer.id}/events/${created.body!.id}`)).status).toBe(404);
  });

  it('refuses an event without a time zone or with an unknown property, naming it', async () => {
    const p = org().people[3]!;
    const noZone = await graph('POST', `/users/${p.id}/events`, { subject: 'x', start: { dateTime: '2026-11-24T07:00:00' }, end: { dateTime: '2026-11-24T07:30:00', timeZone: 'Nowhere/Atlantis' } });
    expect(noZone.status).toBe(400);
    const unknown = await graph('POST', `/users/${p.id}/events`, {
      subject: 'x',
      colour: 'red',
      start: { dateTime: '2026-11-24T07:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-24T07:30:00', timeZone: 'UTC' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body!.error.message).toContain('colour');
  });

  it('creates a group chat, installs the app in it and for a user, and finds the 1:1 chat', async () => {
    const [a, b] = [org().people[10]!, org().people[11]!];
    const member = (id: string) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')` });
    const chat = await graph('POST', '/chats', { chatType: 'group', topic: 'Flipside: A & B', members: [member(a.id), member(b.id)] });
    conforms('POST', '/chats', chat, 201);
    // Installs bind to the catalog's own id (found by the manifest id); any other id is not found, as in Graph.
    const found = await graph('GET', `/appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq '${SANDBOX.manifestAppId}'`)}`);
    expect(found.status).toBe(200);
    expect(found.body!.value).toEqual([{ id: SANDBOX.teamsAppId, externalId: SANDBOX.manifestAppId, displayName: 'Flipside', distributionMethod: 'organization' }]);
    const unknown = { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${SANDBOX.manifestAppId}` };
    expect((await graph('POST', `/users/${a.id}/teamwork/installedApps`, unknown)).status).toBe(404);
    const bind = { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${SANDBOX.teamsAppId}` };
    expect((await graph('POST', `/chats/${encodeURIComponent(chat.body!.id)}/installedApps`, bind)).status).toBe(201);
    expect((await graph('POST', `/chats/${encodeURIComponent(chat.body!.id)}/installedApps`, bind)).status).toBe(409);
    expect((await graph('POST', `/users/${a.id}/teamwork/installedApps`, bind)).status).toBe(201);
    const installs = await graph('GET', `/users/${a.id}/teamwork/installedApps`);
    conforms('GET', '/users/{user-id}/teamwork/installedApps', installs, 200);
    const personal = await graph('GET', `/users/${a.id}/teamwork/installedApps/${installs.body!.value[0].id}/chat`);
    conforms('GET', '/users/{user-id}/teamwork/installedApps/{userScopeTeamsAppInstallation-id}/chat', personal, 200);
  });
});

describe('sandbox Graph: tokens, batching, throttling', () => {
  it('requires a token, and refuses one for another audience', async () => {
    const none = await fetch(`${base}/users`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    const apiToken = await f.sandbox!.issuer.userToken({ oid: org().people[0]!.id, name: 'x', preferred_username: 'x' });
    expect((await fetch(`${base}/users`, { headers: { authorization: `Bearer ${apiToken}` } })).status).toBe(401);
  });

  it('$batch answers each inner request on its own, and 424 for a failed dependency', async () => {
    const answer = await graph('POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/users/${org().people[0]!.id}` },
        { id: '2', method: 'GET', url: '/users/00000000-0000-4000-8000-000000000000' },
        { id: '3', method: 'GET', url: `/users/${org().people[1]!.id}/manager`, dependsOn: ['2'] },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body!.responses.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
      ['1', 200],
      ['2', 404],
      ['3', 424],
    ]);
  });

  it('$batch refuses more than 20 requests and malformed JSON', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users?$top=1' }));
    expect((await graph('POST', '/$batch', { requests })).status).toBe(400);
    const bad = await graph('POST', '/$batch', '{"requests": [');
    expect(bad.status).toBe(400);
    expect(bad.body!.error.code).toBe('BadRequest');
  });

  it('throttles a share of requests with 429 and Retry-After when switched on, and counts requests', async () => {
    const tenant = f.sandbox!.tenant;
    tenant.faults.throttleRate = 0.5;
    tenant.faults.retryAfterSeconds = 2;
    tenant.resetCounters();
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, () => graph('GET', '/users?$top=1')));
      const throttled = answers.filter((a) => a.status === 429);
      expect(throttled.length).toBeGreaterThan(5);
      expect(throttled.length).toBeLessThan(35);
      expect(throttled[0]!.headers.get('retry-after')).toBe('2');
      conforms('GET', '/users', throttled[0]!, 429);
      expect(tenant.counters.requests).toBe(40);
      expect(tenant.counters.throttled).toBe(throttled.length);
    } finally {
      tenant.faults.throttleRate = 0;
    }
  });
});
