import { badRequest, graphError, notFound, type SandboxRequest, type SandboxResponse } from './odata.ts';
import type { SandboxChat, SandboxInstallation, SandboxTenant } from './tenant.ts';

const USER_BIND = /users(?:\('|\/)([^')/]+)'?\)?$/i;
const APP_BIND = /appCatalogs\/teamsApps\/([^/?]+)$/i;

function chatResource(t: SandboxTenant, c: SandboxChat, base: string) {
  return {
    '@odata.context': `${base}/$metadata#chats/$entity`,
    id: c.id,
    topic: c.topic,
    createdDateTime: c.createdDateTime,
    lastUpdatedDateTime: c.createdDateTime,
    chatType: c.chatType,
    webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(c.id)}/0?tenantId=${t.org.tenantId}`,
    tenantId: t.org.tenantId,
    isHiddenForAllMembers: false,
  };
}

/** POST /chats: a oneOnOne or group chat; every member an aadUserConversationMember bound to a user. */
export function createChat(t: SandboxTenant, req: SandboxRequest, base: string): SandboxResponse {
  const body = req.body as { chatType?: string; topic?: string; members?: { '@odata.type'?: string; roles?: string[]; 'user@odata.bind'?: string }[] } | undefined;
  if (body?.chatType !== 'oneOnOne' && body?.chatType !== 'group') return badRequest("chatType must be 'oneOnOne' or 'group'.", 'BadRequest');
  if (!Array.isArray(body.members) || body.members.length < 2) return badRequest('A chat needs at least two members.', 'BadRequest');
  if (body.chatType === 'oneOnOne' && body.members.length !== 2) return badRequest('A oneOnOne chat has exactly two members.', 'BadRequest');
  const ids: string[] = [];
  for (const [i, m] of body.members.entries()) {
    if (m['@odata.type'] !== '#microsoft.graph.aadUserConversationMember') return badRequest(`members[${i}]: @odata.type must be #microsoft.graph.aadUserConversationMember.`, 'BadRequest');
    const id = USER_BIND.exec(m['user@odata.bind'] ?? '')?.[1];
    const p = id ? t.person(id) : undefined;
    if (!p) return notFound(id ?? `members[${i}]`);
    ids.push(p.id);
  }
  const { chat, created } = t.createChat(body.chatType, ids, body.topic ?? null);
  return { status: created ? 201 : 200, body: chatResource(t, chat, base) };
}

export function getChat(t: SandboxTenant, chatId: string, base: string): SandboxResponse {
  const c = t.chats.get(chatId);
  return c ? { status: 200, body: chatResource(t, c, base) } : notFound(chatId);
}

function installationResource(i: SandboxInstallation) {
  return {
    id: i.id,
    teamsApp: { id: i.teamsAppId, externalId: null, displayName: 'Flipside', distributionMethod: 'organization' },
    teamsAppDefinition: { id: Buffer.from(`${i.teamsAppId}##1.0.0`).toString('base64url'), teamsAppId: i.teamsAppId, displayName: 'Flipside', version: '1.0.0' },
  };
}

function appIdFrom(req: SandboxRequest): string | SandboxResponse {
  const bind = (req.body as { 'teamsApp@odata.bind'?: string } | undefined)?.['teamsApp@odata.bind'];
  const id = APP_BIND.exec(bind ?? '')?.[1];
  return id ?? badRequest('teamsApp@odata.bind must name an app in the catalog: .../appCatalogs/teamsApps/{id}', 'BadRequest');
}

/** POST /users/{id}/teamwork/installedApps and /chats/{id}/installedApps: 201, or 409 when already installed. */
export function installApp(t: SandboxTenant, req: SandboxRequest, scope: { kind: 'user'; id: string } | { kind: 'chat'; id: string }): SandboxResponse {
  const appId = appIdFrom(req);
  if (typeof appId !== 'string') return appId;
  // As Graph: the bind names the catalog's id (not the manifest id); anything else is not found.
  if (!t.catalog.some((a) => a.id === appId)) return graphError(404, 'NotFound', `No app with id ${appId} in the organisation's app catalog.`);
  let target: SandboxInstallation['scope'];
  if (scope.kind === 'user') {
    const p = t.person(scope.id);
    if (!p) return notFound(scope.id);
    if (!p.accountEnabled) return graphError(403, 'Forbidden', 'The user account is disabled.');
    target = { kind: 'user', userId: p.id };
  } else {
    if (!t.chats.has(scope.id)) return notFound(scope.id);
    target = { kind: 'chat', chatId: scope.id };
  }
  const { created } = t.install(appId, target);
  return created ? { status: 201 } : graphError(409, 'Conflict', 'The app is already installed.');
}

export function listInstalledApps(t: SandboxTenant, scope: { kind: 'user'; id: string } | { kind: 'chat'; id: string }): SandboxResponse {
  const key = scope.kind === 'user' ? t.person(scope.id)?.id : t.chats.has(scope.id) ? scope.id : undefined;
  if (!key) return notFound(scope.id);
  const value = [...t.installations.values()]
    .filter((i) => (scope.kind === 'user' ? i.scope.kind === 'user' && i.scope.userId === key : i.scope.kind === 'chat' && i.scope.chatId === key))
    .map(installationResource);
  return { status: 200, body: { value } };
}

export function getInstallation(t: SandboxTenant, userId: string, installationId: string): SandboxResponse {
  const i = t.installations.get(installationId);
  if (!i || i.scope.kind !== 'user' || i.scope.userId !== t.person(userId)?.id) return notFound(installationId);
  return { status: 200, body: installationResource(i) };
}

/** GET .../installedApps/{id}/chat: the 1:1 chat between the person and the app. */
export function installationChat(t: SandboxTenant, userId: string, installationId: string): SandboxResponse {
  const i = t.installations.get(installationId);
  if (!i || i.scope.kind !== 'user' || i.scope.userId !== t.person(userId)?.id) return notFound(installationId);
  return { status: 200, body: { id: t.personalChatId(i.scope.userId, i.teamsAppId), chatType: 'oneOnOne', topic: null, tenantId: t.org.tenantId } };
}

/**
 * GET /appCatalogs/teamsApps: the organisation's catalog, with the `$filter`s Flipside and admins
 * use: `externalId eq '…'`, `id eq '…'`, `distributionMethod eq 'organization'`, joined by `and`.
 */
export function listCatalogApps(t: SandboxTenant, req: SandboxRequest, base: string): SandboxResponse {
  const filter = req.query.get('$filter');
  const clauses = filter ? filter.split(/\s+and\s+/i) : [];
  const tests: ((a: { id: string; externalId: string; distributionMethod: string }) => boolean)[] = [];
  for (const clause of clauses) {
    const m = /^\s*(externalId|id|distributionMethod)\s+eq\s+'([^']*)'\s*$/i.exec(clause);
    if (!m) return badRequest(`Unsupported $filter: ${clause}`, 'BadRequest');
    const [, field, value] = m;
    const key = (field!.toLowerCase() === 'externalid' ? 'externalId' : field!.toLowerCase() === 'id' ? 'id' : 'distributionMethod') as 'id' | 'externalId' | 'distributionMethod';
    tests.push((a) => a[key].toLowerCase() === value!.toLowerCase());
  }
  const value = t.catalog.map((a) => ({ id: a.id, externalId: a.externalId, displayName: a.displayName, distributionMethod: 'organization' })).filter((a) => tests.every((test) => test(a)));
  return { status: 200, body: { '@odata.context': `${base}/$metadata#appCatalogs/teamsApps`, value } };
}
