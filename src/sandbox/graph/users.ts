import type { SandboxPerson } from '../org/index.ts';
import { badRequest, decodeToken, encodeToken, GraphFailure, graphError, notFound, preferredPageSize, select, type SandboxRequest, type SandboxResponse } from './odata.ts';
import type { SandboxTenant } from './tenant.ts';

const USER_PROPERTIES = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
  'officeLocation',
  'employeeHireDate',
  'accountEnabled',
  'businessPhones',
  'mobilePhone',
  'preferredLanguage',
  'usageLocation',
  'companyName',
] as const;
/** What Graph returns for a user when no $select is given. */
const DEFAULT_PROPERTIES = ['id', 'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'];
const USER_TYPE = '#microsoft.graph.user';

export function graphUser(p: SandboxPerson): Record<string, unknown> {
  return {
    id: p.id,
    businessPhones: [],
    displayName: p.displayName,
    givenName: p.givenName,
    surname: p.surname,
    mail: p.mail,
    userPrincipalName: p.userPrincipalName,
    jobTitle: p.jobTitle,
    department: p.department,
    officeLocation: p.officeLocation,
    employeeHireDate: p.employeeHireDate,
    accountEnabled: p.accountEnabled,
    mobilePhone: null,
    preferredLanguage: 'en-US',
    usageLocation: p.office.country,
    companyName: 'Contoso (Flipside sandbox)',
  };
}

function project(p: SandboxPerson, selectParam: string | null): Record<string, unknown> {
  if (selectParam) return select(graphUser(p), selectParam, USER_PROPERTIES);
  const all = graphUser(p);
  return Object.fromEntries(DEFAULT_PROPERTIES.map((k) => [k, all[k]]));
}

function odataContext(base: string, what: string) {
  return `${base}/$metadata#${what}`;
}

function pageSize(req: SandboxRequest, fallback: number): number {
  const top = req.query.get('$top');
  if (top !== null) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1 || n > 999) {
      throw new GraphFailure(badRequest(`Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`, 'Request_UnsupportedQuery'));
    }
    return n;
  }
  return Math.min(preferredPageSize(req.headers) ?? fallback, 999);
}

function unsupported(req: SandboxRequest, params: string[], where: string) {
  for (const p of params) {
    if (req.query.has(p)) throw new GraphFailure(badRequest(`Unsupported query option '${p}' on ${where}.`, 'Request_UnsupportedQuery'));
  }
}

/** GET /users: all users, $select, $top up to 999, paging by $skiptoken in @odata.nextLink. */
export function listUsers(t: SandboxTenant, req: SandboxRequest, base: string): SandboxResponse {
  unsupported(req, ['$expand', '$orderby'], 'users in this sandbox');
  const size = pageSize(req, 100);
  const skip = req.query.get('$skiptoken');
  const offset = skip ? decodeToken<{ o: number }>(skip, '$skiptoken').o : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new GraphFailure(badRequest('The $skiptoken is not valid.', 'Request_BadRequest'));
  const people = t.org.people.slice(offset, offset + size);
  const next = offset + size < t.org.people.length;
  const q = new URLSearchParams(req.query);
  q.set('$skiptoken', encodeToken({ o: offset + size }));
  q.delete('$top');
  if (req.query.get('$top')) q.set('$top', String(size));
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(base, 'users'),
      value: people.map((p) => project(p, req.query.get('$select'))),
      ...(next ? { '@odata.nextLink': `${base}/users?${decodeURIComponent(q.toString())}` } : {}),
    },
  };
}

interface DeltaCursor {
  /** Initial round: the offset in the people list and the sequence the round started at. */
  o?: number;
  /** Later rounds: changes after this sequence. */
  since?: number;
  /** The sequence the round is pinned to; its deltaLink starts from here. */
  at: number;
  s: string | null;
  i?: number;
}

/**
 * GET /users/delta: the whole directory in pages (nextLink), then a deltaLink; the deltaLink
 * returns only what changed since. `manager` in $select gives `manager@delta` — on the first
 * round for everyone with a manager, later only when the manager changed. $top, $expand and
 * $orderby are not supported, as on Graph; the page size comes from `Prefer: odata.maxpagesize`.
 */
export function usersDelta(t: SandboxTenant, req: SandboxRequest, base: string): SandboxResponse {
  unsupported(req, ['$top', '$expand', '$orderby'], 'delta queries');
  const size = Math.max(1, Math.min(preferredPageSize(req.headers) ?? 100, 999));
  const skip = req.query.get('$skiptoken');
  const delta = req.query.get('$deltatoken');
  let cursor: DeltaCursor;
  if (skip) cursor = decodeToken<DeltaCursor>(skip, '$skiptoken');
  else if (delta) {
    const d = decodeToken<{ at: number; s: string | null }>(delta, '$deltatoken');
    if (typeof d.at !== 'number' || d.at > t.currentSeq) throw new GraphFailure(graphError(410, 'SyncStateNotFound', 'The delta token is not valid or has expired: start a full synchronisation.'));
    cursor = { since: d.at, at: t.currentSeq, s: d.s, i: 0 };
  } else {
    const s = req.query.get('$select');
    const fields = (s ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    for (const f of fields) if (f !== 'manager' && !(USER_PROPERTIES as readonly string[]).includes(f)) select({ id: '' }, f, USER_PROPERTIES);
    cursor = { o: 0, at: t.currentSeq, s };
  }
  const fields = (cursor.s ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const withManager = fields.includes('manager');
  const userSelect = fields.filter((f) => f !== 'manager').join(',') || null;

  const item = (p: SandboxPerson, managerSince: number | undefined) => {
    const out: Record<string, unknown> = project(p, userSelect);
    if (withManager && (managerSince === undefined ? p.managerId !== null : t.managerChangedSince(p.id, managerSince))) {
      out['manager@delta'] = p.managerId ? [{ '@odata.type': USER_TYPE, id: p.managerId }] : [];
    }
    return out;
  };

  let value: Record<string, unknown>[];
  let nextCursor: DeltaCursor | undefined;
  if (cursor.since === undefined) {
    const offset = cursor.o ?? 0;
    value = t.org.people.slice(offset, offset + size).map((p) => item(p, undefined));
    if (offset + size < t.org.people.length) nextCursor = { ...cursor, o: offset + size };
  } else {
    const { changed, removed } = t.changesSince(cursor.since);
    const all: Record<string, unknown>[] = [...changed.map((p) => item(p, cursor.since)), ...removed.map((id) => ({ id, '@removed': { reason: 'deleted' } }))];
    const i = cursor.i ?? 0;
    value = all.slice(i, i + size);
    if (i + size < all.length) nextCursor = { ...cursor, i: i + size };
  }
  const link = nextCursor
    ? { '@odata.nextLink': `${base}/users/delta()?$skiptoken=${encodeToken(nextCursor)}` }
    : { '@odata.deltaLink': `${base}/users/delta()?$deltatoken=${encodeToken({ at: cursor.at, s: cursor.s })}` };
  return { status: 200, headers: preferredPageSize(req.headers) ? { 'Preference-Applied': `odata.maxpagesize=${size}` } : {}, body: { '@odata.context': odataContext(base, 'users'), value, ...link } };
}

export function getUser(t: SandboxTenant, req: SandboxRequest, id: string, base: string): SandboxResponse {
  const p = t.person(id);
  if (!p) return notFound(id);
  return { status: 200, body: { '@odata.context': odataContext(base, 'users/$entity'), ...project(p, req.query.get('$select')) } };
}

export function getManager(t: SandboxTenant, req: SandboxRequest, id: string, base: string): SandboxResponse {
  const p = t.person(id);
  if (!p) return notFound(id);
  const m = p.managerId ? t.person(p.managerId) : undefined;
  if (!m) return notFound('manager');
  return { status: 200, body: { '@odata.context': odataContext(base, 'directoryObjects/$entity'), '@odata.type': USER_TYPE, ...project(m, req.query.get('$select')) } };
}

export function getDirectReports(t: SandboxTenant, req: SandboxRequest, id: string, base: string): SandboxResponse {
  const p = t.person(id);
  if (!p) return notFound(id);
  const reports = t.org.directReports(p.id);
  return { status: 200, body: { '@odata.context': odataContext(base, 'directoryObjects'), value: reports.map((r) => ({ '@odata.type': USER_TYPE, ...project(r, req.query.get('$select')) })) } };
}

export function getMailboxSettings(t: SandboxTenant, id: string, base: string): SandboxResponse {
  const p = t.person(id);
  if (!p) return notFound(id);
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(base, `users('${p.id}')/mailboxSettings`),
      timeZone: p.workingHours.timeZone,
      language: { locale: 'en-US', displayName: 'English (United States)' },
      dateFormat: 'M/d/yyyy',
      timeFormat: 'h:mm tt',
      delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
      userPurpose: 'user',
      workingHours: {
        daysOfWeek: p.workingHours.daysOfWeek,
        startTime: p.workingHours.startTime,
        endTime: p.workingHours.endTime,
        timeZone: { name: p.workingHours.timeZone },
      },
    },
  };
}
