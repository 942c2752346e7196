import { badRequest, graphError, notFound, type SandboxRequest, type SandboxResponse } from './odata.ts';
import type { ChangeType, SandboxSubscription } from './subscriptions.ts';
import type { SandboxTenant } from './tenant.ts';

/** `/subscriptions` as Graph answers it, for the one resource the sandbox notifies about: a mailbox's events. */

/** Outlook events: a subscription lives at most 10,080 minutes (under 7 days) without resource data. */
export const MAX_EVENT_SUBSCRIPTION_MINUTES = 10_080;
const CHANGE_TYPES: readonly ChangeType[] = ['created', 'updated', 'deleted'];
const RESOURCE = /^\/?(?:users\/([^/]+)|me)\/events\/?$/i;

const subscriptionNotFound = (id: string) => graphError(404, 'ResourceNotFound', `The object was not found: subscription '${id}'.`);

function resource(s: SandboxSubscription, base: string, context = true): Record<string, unknown> {
  return {
    ...(context ? { '@odata.context': `${base}/$metadata#subscriptions/$entity` } : {}),
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeTypes.join(','),
    clientState: s.clientState,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: s.expirationDateTime.toISOString(),
    creatorId: s.creatorId,
    includeResourceData: null,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

function expiration(t: SandboxTenant, value: unknown): Date | SandboxResponse {
  const at = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime())) return badRequest('expirationDateTime is required, as an ISO 8601 date and time.', 'InvalidRequest');
  const now = t.clock.now().getTime();
  if (at.getTime() <= now) return badRequest('Subscription expiration must be in the future.', 'InvalidRequest');
  if (at.getTime() > now + MAX_EVENT_SUBSCRIPTION_MINUTES * 60_000) {
    return badRequest(`Subscription expiration can only be ${MAX_EVENT_SUBSCRIPTION_MINUTES} minutes in the future.`, 'InvalidRequest');
  }
  return at;
}

const isWebUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\/[^\s]+$/i.test(v);

/** POST /subscriptions: validates the notification (and lifecycle) URL with Graph's handshake before it answers 201. */
export async function createSubscription(t: SandboxTenant, req: SandboxRequest, base: string): Promise<SandboxResponse> {
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return badRequest('The request body must be a subscription.', 'InvalidRequest');
  const changeTypes = typeof body.changeType === 'string' ? body.changeType.split(',').map((c) => c.trim()) : [];
  if (changeTypes.length === 0 || !changeTypes.every((c): c is ChangeType => (CHANGE_TYPES as string[]).includes(c))) {
    return badRequest(`changeType must be a comma-separated list of ${CHANGE_TYPES.join(', ')}.`, 'InvalidRequest');
  }
  if (!isWebUrl(body.notificationUrl)) return badRequest('notificationUrl must be an http(s) URL.', 'InvalidRequest');
  if (body.lifecycleNotificationUrl != null && !isWebUrl(body.lifecycleNotificationUrl)) return badRequest('lifecycleNotificationUrl must be an http(s) URL.', 'InvalidRequest');
  if (body.clientState != null && (typeof body.clientState !== 'string' || body.clientState.length > 128))
    return badRequest('clientState must be a string of at most 128 characters.', 'InvalidRequest');
  const m = typeof body.resource === 'string' ? RESOURCE.exec(body.resource) : null;
  if (!m) return badRequest(`The sandbox notifies about users/{id}/events only, not '${String(body.resource)}'.`, 'InvalidRequest');
  const userKey = m[1] ? decodeURIComponent(m[1]) : req.caller.kind === 'user' ? req.caller.oid : undefined;
  if (!userKey) return badRequest("'me' needs a delegated token; an application subscribes to users/{id}/events.", 'InvalidRequest');
  const person = t.person(userKey);
  if (!person) return notFound(userKey);
  const expiresAt = expiration(t, body.expirationDateTime);
  if (!(expiresAt instanceof Date)) return expiresAt;

  for (const url of [body.notificationUrl, body.lifecycleNotificationUrl].filter(isWebUrl)) {
    const outcome = await t.subscriptions.validate(url);
    if (!outcome.ok) return badRequest(outcome.message, outcome.code);
  }
  const s = t.subscriptions.add({
    resource: body.resource as string,
    userId: person.id,
    changeTypes,
    notificationUrl: body.notificationUrl,
    lifecycleNotificationUrl: isWebUrl(body.lifecycleNotificationUrl) ? body.lifecycleNotificationUrl : null,
    clientState: typeof body.clientState === 'string' ? body.clientState : null,
    expirationDateTime: expiresAt,
    applicationId: req.caller.kind === 'app' ? req.caller.appId : 'delegated',
    creatorId: req.caller.kind === 'app' ? req.caller.appId : req.caller.oid,
  });
  return { status: 201, body: resource(s, base) };
}

/** An expired subscription is gone, as Graph deletes it: renewing or reading it answers 404. */
function live(t: SandboxTenant, id: string): SandboxSubscription | undefined {
  const s = t.subscriptions.subscriptions.get(id);
  if (s && !t.subscriptions.isLive(s)) {
    t.subscriptions.subscriptions.delete(id);
    return undefined;
  }
  return s;
}

/** PATCH /subscriptions/{id}: renews it (expirationDateTime, the same limit as at creation). */
export function renewSubscription(t: SandboxTenant, req: SandboxRequest, id: string, base: string): SandboxResponse {
  const s = live(t, id);
  if (!s) return subscriptionNotFound(id);
  const body = req.body as Record<string, unknown> | undefined;
  const other = Object.keys(body ?? {}).find((k) => k !== 'expirationDateTime');
  if (other) return badRequest(`The sandbox renews subscriptions only: '${other}' cannot be changed.`, 'InvalidRequest');
  const expiresAt = expiration(t, body?.expirationDateTime);
  if (!(expiresAt instanceof Date)) return expiresAt;
  s.expirationDateTime = expiresAt;
  return { status: 200, body: resource(s, base) };
}

export function getSubscription(t: SandboxTenant, id: string, base: string): SandboxResponse {
  const s = live(t, id);
  return s ? { status: 200, body: resource(s, base) } : subscriptionNotFound(id);
}

export function deleteSubscription(t: SandboxTenant, id: string): SandboxResponse {
  if (!live(t, id)) return subscriptionNotFound(id);
  t.subscriptions.subscriptions.delete(id);
  return { status: 204 };
}

/** GET /subscriptions: the live ones. */
export function listSubscriptions(t: SandboxTenant, base: string): SandboxResponse {
  const value = [...t.subscriptions.subscriptions.keys()]
    .map((id) => live(t, id))
    .filter((s): s is SandboxSubscription => !!s)
    .map((s) => resource(s, base, false));
  return { status: 200, body: { '@odata.context': `${base}/$metadata#subscriptions`, value } };
}
