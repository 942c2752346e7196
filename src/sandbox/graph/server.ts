import express, { type Request, type Response } from 'express';
import { GRAPH_AUDIENCE, type SandboxIssuer } from '../identity/issuer.ts';
import * as cal from './calendar.ts';
import * as meetings from './meetings.ts';
import * as occ from './occurrences.ts';
import { badRequest, graphError, GraphFailure, type SandboxRequest, type SandboxResponse } from './odata.ts';
import * as subs from './subscription-routes.ts';
import * as teamwork from './teamwork.ts';
import type { SandboxTenant } from './tenant.ts';
import * as users from './users.ts';

type Handler = (req: SandboxRequest, params: string[]) => SandboxResponse | Promise<SandboxResponse>;
interface Route {
  method: string;
  pattern: RegExp;
  name: string;
  /** Application permission the app's token must hold (any of). */
  permissions: string[];
  handle: Handler;
}

const USERS = ['User.Read.All'];
const CALENDARS = ['Calendars.Read', 'Calendars.ReadWrite'];
const CHATS = ['Chat.Create', 'Chat.ReadWrite.All'];
const INSTALL_USER = ['TeamsAppInstallation.ReadWriteSelfForUser.All'];
const INSTALL_CHAT = ['TeamsAppInstallation.ReadWriteSelfForChat.All'];
const APP_CATALOG = ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All'];
const MEETINGS = ['OnlineMeetings.Read.All', 'OnlineMeetings.ReadWrite.All'];
const MEETING_ARTIFACTS = ['OnlineMeetingArtifact.Read.All'];
const seg = '([^/]+)';

function routes(t: SandboxTenant, base: string): Route[] {
  const r = (method: string, path: string, name: string, permissions: string[], handle: Handler): Route => ({
    method,
    pattern: new RegExp(`^${path}$`, 'i'),
    name,
    permissions,
    handle,
  });
  /** Every onlineMeetings route answers 403 first when no application access policy is granted. */
  const meeting =
    (handle: Handler): Handler =>
    (q, params) =>
      meetings.policyDenied(t, q) ?? handle(q, params);
  const isOccurrence = (id: string) => occ.parseOccurrenceId(id) !== undefined;
  return [
    r('GET', '/users', 'users', USERS, (q) => users.listUsers(t, q, base)),
    r('GET', '/users/delta(?:\\(\\))?', 'users/delta', USERS, (q) => users.usersDelta(t, q, base)),
    r('GET', `/users/${seg}`, 'users/{id}', USERS, (q, [id]) => users.getUser(t, q, id!, base)),
    r('GET', `/users/${seg}/manager`, 'users/{id}/manager', USERS, (q, [id]) => users.getManager(t, q, id!, base)),
    r('GET', `/users/${seg}/directReports`, 'users/{id}/directReports', USERS, (q, [id]) => users.getDirectReports(t, q, id!, base)),
    r('GET', `/users/${seg}/mailboxSettings`, 'users/{id}/mailboxSettings', ['MailboxSettings.Read', ...USERS, ...CALENDARS], (_q, [id]) => users.getMailboxSettings(t, id!, base)),
    r('POST', `/users/${seg}/calendar/getSchedule`, 'users/{id}/calendar/getSchedule', CALENDARS, (q, [id]) => cal.getSchedule(t, q, id!)),
    r('GET', `/users/${seg}/events`, 'users/{id}/events', CALENDARS, (_q, [id]) => cal.listEvents(t, id!, base)),
    r('POST', `/users/${seg}/events`, 'users/{id}/events:create', ['Calendars.ReadWrite'], (q, [id]) => cal.createEvent(t, q, id!, base)),
    r('GET', `/users/${seg}/events/${seg}`, 'users/{id}/events/{id}', CALENDARS, (q, [id, ev]) => (isOccurrence(ev!) ? occ.getOccurrence(t, q, id!, ev!, base) : cal.getEvent(t, id!, ev!, base))),
    r('PATCH', `/users/${seg}/events/${seg}`, 'users/{id}/events/{id}:update', ['Calendars.ReadWrite'], (q, [id, ev]) =>
      isOccurrence(ev!) ? occ.moveOccurrence(t, q, id!, ev!, base) : cal.updateEvent(t, q, id!, ev!, base),
    ),
    r('DELETE', `/users/${seg}/events/${seg}`, 'users/{id}/events/{id}:delete', ['Calendars.ReadWrite'], (_q, [id, ev]) =>
      isOccurrence(ev!) ? occ.deleteOccurrence(t, id!, ev!) : cal.deleteEvent(t, id!, ev!),
    ),
    r('GET', `/users/${seg}/events/${seg}/instances`, 'users/{id}/events/{id}/instances', CALENDARS, (q, [id, ev]) => occ.listInstances(t, q, id!, ev!, base)),
    r('POST', `/users/${seg}/events/${seg}/cancel`, 'users/{id}/events/{id}/cancel', ['Calendars.ReadWrite'], (_q, [id, ev]) => occ.cancel(t, id!, ev!)),
    r('GET', `/users/${seg}/calendarView`, 'users/{id}/calendarView', CALENDARS, (q, [id]) => occ.calendarView(t, q, id!, base)),
    r(
      'GET',
      `/users/${seg}/onlineMeetings`,
      'users/{id}/onlineMeetings',
      MEETINGS,
      meeting((q, [id]) => meetings.listMeetings(t, q, id!, base)),
    ),
    r(
      'GET',
      `/users/${seg}/onlineMeetings/${seg}`,
      'users/{id}/onlineMeetings/{id}',
      MEETINGS,
      meeting((_q, [id, m]) => meetings.getMeeting(t, id!, m!, base)),
    ),
    r(
      'GET',
      `/users/${seg}/onlineMeetings/${seg}/attendanceReports`,
      'users/{id}/onlineMeetings/{id}/attendanceReports',
      MEETING_ARTIFACTS,
      meeting((_q, [id, m]) => meetings.listReports(t, id!, m!, base)),
    ),
    r(
      'GET',
      `/users/${seg}/onlineMeetings/${seg}/attendanceReports/${seg}`,
      'users/{id}/onlineMeetings/{id}/attendanceReports/{id}',
      MEETING_ARTIFACTS,
      meeting((q, [id, m, rep]) => meetings.getReport(t, q, id!, m!, rep!, base)),
    ),
    r(
      'GET',
      `/users/${seg}/onlineMeetings/${seg}/attendanceReports/${seg}/attendanceRecords`,
      'users/{id}/onlineMeetings/{id}/attendanceReports/{id}/attendanceRecords',
      MEETING_ARTIFACTS,
      meeting((_q, [id, m, rep]) => meetings.listRecords(t, id!, m!, rep!, base)),
    ),
    r('POST', '/subscriptions', 'subscriptions:create', CALENDARS, (q) => subs.createSubscription(t, q, base)),
    r('GET', '/subscriptions', 'subscriptions', CALENDARS, () => subs.listSubscriptions(t, base)),
    r('GET', `/subscriptions/${seg}`, 'subscriptions/{id}', CALENDARS, (_q, [id]) => subs.getSubscription(t, id!, base)),
    r('PATCH', `/subscriptions/${seg}`, 'subscriptions/{id}:update', CALENDARS, (q, [id]) => subs.renewSubscription(t, q, id!, base)),
    r('DELETE', `/subscriptions/${seg}`, 'subscriptions/{id}:delete', CALENDARS, (_q, [id]) => subs.deleteSubscription(t, id!)),
    r('POST', '/chats', 'chats:create', CHATS, (q) => teamwork.createChat(t, q, base)),
    r('GET', `/chats/${seg}`, 'chats/{id}', CHATS, (_q, [id]) => teamwork.getChat(t, id!, base)),
    r('GET', '/appCatalogs/teamsApps', 'appCatalogs/teamsApps', APP_CATALOG, (q) => teamwork.listCatalogApps(t, q, base)),
    r('GET', `/chats/${seg}/installedApps`, 'chats/{id}/installedApps', INSTALL_CHAT, (_q, [id]) => teamwork.listInstalledApps(t, { kind: 'chat', id: id! })),
    r('POST', `/chats/${seg}/installedApps`, 'chats/{id}/installedApps:create', INSTALL_CHAT, (q, [id]) => teamwork.installApp(t, q, { kind: 'chat', id: id! })),
    r('GET', `/users/${seg}/teamwork/installedApps`, 'users/{id}/teamwork/installedApps', INSTALL_USER, (_q, [id]) => teamwork.listInstalledApps(t, { kind: 'user', id: id! })),
    r('POST', `/users/${seg}/teamwork/installedApps`, 'users/{id}/teamwork/installedApps:create', INSTALL_USER, (q, [id]) => teamwork.installApp(t, q, { kind: 'user', id: id! })),
    r('GET', `/users/${seg}/teamwork/installedApps/${seg}`, 'users/{id}/teamwork/installedApps/{id}', INSTALL_USER, (_q, [id, i]) => teamwork.getInstallation(t, id!, i!)),
    r('GET', `/users/${seg}/teamwork/installedApps/${seg}/chat`, 'users/{id}/teamwork/installedApps/{id}/chat', INSTALL_USER, (_q, [id, i]) => teamwork.installationChat(t, id!, i!)),
  ];
}

/**
 * The sandbox's Microsoft Graph: the endpoints Flipside uses, Graph's shapes and error format,
 * a token required on every request, injectable throttling and failures, and request counters.
 */
export class SandboxGraph {
  private readonly table: Route[];
  /** Tokens already verified, with who they name, until they expire: a $batch is checked once, not once per step. */
  private readonly verified = new Map<string, { caller: SandboxRequest['caller']; expiresAtMs: number }>();

  constructor(
    readonly tenant: SandboxTenant,
    private readonly issuer: SandboxIssuer,
    /** The public base of the API, e.g. http://127.0.0.1:3978/sandbox/graph/v1.0 */
    readonly base: string,
  ) {
    this.table = routes(tenant, base);
  }

  /** Answers one request, as Graph would. `batched` requests count as inner requests of a $batch. */
  async handle(req: Omit<SandboxRequest, 'caller'>, authorization: string | undefined, batched = false): Promise<SandboxResponse> {
    const counters = this.tenant.counters;
    if (batched) counters.batchedRequests++;
    else counters.requests++;
    const caller = await this.authenticate(authorization);
    if ('status' in caller) return caller;
    if (req.method === 'POST' && /^\/\$batch$/i.test(req.path) && !batched) return this.batch({ ...req, caller }, authorization);
    const route = this.table.find((r) => r.method === req.method && r.pattern.test(req.path));
    if (!route) {
      const known = this.table.some((r) => r.pattern.test(req.path));
      return known
        ? graphError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed on this resource.`)
        : graphError(400, 'BadRequest', `Resource not found for the segment '${req.path.split('/').filter(Boolean)[0] ?? ''}'.`);
    }
    counters.byRoute.set(route.name, (counters.byRoute.get(route.name) ?? 0) + 1);
    if (caller.kind === 'app' && !route.permissions.some((p) => caller.roles.includes(p))) {
      return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
    const fault = this.tenant.nextFault();
    if (fault === 'throttle') {
      counters.throttled++;
      return graphError(429, 'TooManyRequests', 'Too many requests: the sandbox is throttling (injected).', { 'Retry-After': String(this.tenant.faults.retryAfterSeconds) });
    }
    if (fault === 'fail') {
      counters.failed++;
      return graphError(500, 'InternalServerError', 'The sandbox failed this request (injected).');
    }
    let answer: SandboxResponse;
    try {
      const params = route.pattern
        .exec(req.path)!
        .slice(1)
        .map((p) => decodeURIComponent(p));
      answer = await route.handle({ ...req, caller }, params);
    } catch (error) {
      if (error instanceof GraphFailure) return error.response;
      throw error;
    }
    if (fault === 'lose-answer') {
      counters.failed++;
      return graphError(500, 'InternalServerError', 'The sandbox did this, then lost the answer (injected).');
    }
    return answer;
  }

  private async authenticate(authorization: string | undefined): Promise<SandboxRequest['caller'] | SandboxResponse> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.caller;
    try {
      const claims = await this.issuer.verify(token, GRAPH_AUDIENCE);
      const caller: SandboxRequest['caller'] =
        claims.idtyp === 'app'
          ? { kind: 'app', roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [], appId: String(claims.azp ?? claims.appid ?? '') }
          : { kind: 'user', oid: String(claims.oid), scopes: String(claims.scp ?? '').split(' ') };
      // Kept until the token's expiry (jose checked it against the same clock); a cache, so bounded.
      if (typeof claims.exp === 'number') {
        if (this.verified.size > 1_000) this.verified.clear();
        this.verified.set(token, { caller, expiresAtMs: claims.exp * 1000 });
      }
      return caller;
    } catch {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience, issuer, signature or lifetime.');
    }
  }

  /** POST /$batch: up to 20 requests, each answered on its own; a failed dependency gives 424. */
  private async batch(req: SandboxRequest, authorization: string | undefined): Promise<SandboxResponse> {
    const body = req.body as { requests?: { id?: unknown; method?: unknown; url?: unknown; body?: unknown; headers?: Record<string, string>; dependsOn?: string[] }[] } | undefined;
    const requests = body?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return badRequest('Invalid batch payload format: requests is required.', 'BadRequest');
    if (requests.length > 20) return badRequest('Number of batch request steps exceeds the maximum of 20.', 'BadRequest');
    const ids = new Set<string>();
    for (const [i, r] of requests.entries()) {
      if (typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') return badRequest(`requests[${i}]: id, method and url are required.`, 'BadRequest');
      if (ids.has(r.id)) return badRequest(`requests[${i}]: the id '${r.id}' is used twice.`, 'BadRequest');
      ids.add(r.id);
    }
    const statusOf = new Map<string, number>();
    const responses = [];
    for (const r of requests as { id: string; method: string; url: string; body?: unknown; headers?: Record<string, string>; dependsOn?: string[] }[]) {
      let answer: SandboxResponse;
      if ((r.dependsOn ?? []).some((d) => (statusOf.get(d) ?? 424) >= 400)) {
        answer = graphError(424, 'FailedDependency', 'A request this one depends on failed.');
      } else {
        const url = new URL(r.url.replace(/^\/?/, '/'), 'http://inner');
        const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
        answer = await this.handle({ method: r.method.toUpperCase(), path: url.pathname, query: url.searchParams, headers, body: r.body }, authorization, true);
      }
      statusOf.set(r.id, answer.status);
      responses.push({ id: r.id, status: answer.status, headers: { 'Content-Type': 'application/json', ...answer.headers }, ...(answer.body === undefined ? {} : { body: answer.body }) });
    }
    return { status: 200, body: { responses } };
  }

  /** The Express adapter, mounted at /sandbox/graph/v1.0. */
  router(): express.Router {
    const router = express.Router();
    router.use(express.json({ limit: '1mb' }));
    router.use(async (req: Request, res: Response) => {
      const url = new URL(req.originalUrl, 'http://sandbox');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
      const answer = await this.handle({ method: req.method, path: req.path.replace(/\/$/, '') || '/', query: url.searchParams, headers, body: req.body }, req.headers.authorization);
      res.status(answer.status).set(answer.headers ?? {});
      if (answer.body === undefined) res.end();
      else res.json(answer.body);
    });
    // Malformed JSON and other body errors answer in Graph's format too.
    router.use((error: Error & { status?: number }, _req: Request, res: Response, _next: express.NextFunction) => {
      const answer = graphError(error.status ?? 400, 'BadRequest', `Unable to read the request body: ${error.message}`);
      res.status(answer.status).set(answer.headers).json(answer.body);
    });
    return router;
  }
}
