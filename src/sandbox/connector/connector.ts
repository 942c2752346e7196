import { createHash, randomUUID } from 'node:crypto';
import { Rng } from '../org/rng.ts';
import { DateTime } from 'luxon';
import type { SandboxInstallation, SandboxTenant } from '../graph/tenant.ts';
import type { SandboxPerson } from '../org/index.ts';
import type { ChatActivityView, ChatConversationView } from './chat-contract.ts';
import { botMri, entraIdOf, refreshesAutomatically, userMri } from './ids.ts';
import {
  ACTIVITY_MESSAGE,
  ADAPTIVE_CARD,
  ERROR_RESPONSE,
  type Activity,
  type ConnectorErrorBody,
  type ConversationAccount,
  type ConversationType,
  type ExecuteAction,
  type JsonObject,
  type TeamsMember,
} from './types.ts';
import { cardProblem, checkActivity, firstCard, isObject } from './validate.ts';

export interface ConnectorFaults {
  /** Share of Bot Connector requests answered 429 with Retry-After (deterministic for the seed). */
  throttleRate: number;
  retryAfterSeconds: number;
  /** Statuses answered, in order, to the next requests (one each), e.g. [502, 412, 504]. Consumed as used. */
  failStatuses?: number[];
  /** The same, for requests to one conversation only (other traffic passes untouched). */
  failStatusesFor?: Map<string, number[]>;
  /** Each Bot Connector request is held this long before it is answered (a slow service; default 0). */
  delayMs?: number;
}

export interface SandboxBotConnectorOptions {
  tenant: SandboxTenant;
  /** Where the bot reaches this API, e.g. http://127.0.0.1:3978/sandbox/botframework/ */
  serviceUrl: string;
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  /** The bot's Microsoft app id (a GUID). */
  botId: string;
  /** The Teams app id that Graph installs (installations of other apps are not this bot's). */
  teamsAppId: string;
  botName?: string;
  /** Seed of the fault injection (default: the org's seed). */
  seed?: number;
  /** Enforce Teams' per-bot limits: per conversation 7/1 s, 8/2 s, 60/30 s, 1800/h; 30 requests/s per tenant. Default off. */
  rateLimits?: boolean;
  /** Refuse personal conversations with people who do not have the app, as Teams does (403). Default true. */
  requireInstall?: boolean;
  /** How the sandbox posts to the bot (default: global fetch). */
  fetch?: typeof fetch;
}

export interface RecordedVersion {
  activity: Activity;
  /** When it arrived, by the sandbox's clock (what the chat view shows). */
  at: string;
  /** When it arrived in real time (ms since the epoch), for measuring rates while sandbox time jumps. */
  receivedAtMs: number;
}

export interface RecordedActivity {
  id: string;
  conversationId: string;
  /** Order of arrival across the whole sandbox. */
  seq: number;
  /** Entra object id of the person who wrote it; null when the bot sent it. */
  senderId: string | null;
  replyToId: string | null;
  sentAt: string;
  /** Every version, oldest first; the last is what Teams shows now. */
  versions: RecordedVersion[];
  deletedAt: string | null;
  /** Per-viewer replacement cards from invoke answers, by Entra object id. Cleared when the bot updates the message. */
  overrides: Map<string, { card: JsonObject; at: string }>;
}

export interface RecordedConversation {
  id: string;
  type: ConversationType;
  /** Entra object ids of the people in it (the bot is implied). */
  memberIds: string[];
  topic: string | null;
  createdAt: string;
  activities: RecordedActivity[];
}

/** One activity the sandbox posted to the bot, and what the bot answered. */
export interface Delivery {
  activity: Activity;
  status: number;
  body: unknown;
  error?: string;
}

/** What became of a click on Action.Execute (or an automatic refresh), as the Teams client sees it. */
export interface InvokeOutcome {
  /** The bot's HTTP status. */
  status: number;
  /** The bot's HTTP body: `{ statusCode, type, value }` when it follows the invoke response format. */
  body: unknown;
  /** The card that now replaces the original for this viewer. */
  card?: JsonObject;
  /** Text the bot answered with (`application/vnd.microsoft.activity.message`). */
  message?: string;
  /** An error answer (`application/vnd.microsoft.error`, a 4xx/5xx statusCode, or a broken answer). */
  error?: { code: string; message: string };
  activity: Activity;
}

export interface ConnectorAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A misuse of the sandbox's own API (chat view, tests): unknown person, conversation or message. */
export class ConnectorUsageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const RATE_WINDOWS: [ms: number, max: number][] = [
  [1_000, 7],
  [2_000, 8],
  [30_000, 60],
  [3_600_000, 1_800],
];
const TENANT_PER_SECOND = 30;
const BOT_TIMEOUT_MS = 15_000;
const BLOCKED_SUBCODE = JSON.stringify({ subCode: 'MessageWritesBlocked', details: 'Thread is blocked from message writes.', errorCode: null, errorSubCode: null }, null, 2).replace(/\n/g, '\r\n');
const STATUS_CODES: Record<number, string> = {
  400: 'BadArgument',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'MessageSizeTooBig',
  429: 'Throttled',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function connectorError(status: number, code: string, message: string, headers?: Record<string, string>): ConnectorAnswer {
  const body: ConnectorErrorBody = { error: { code, message } };
  return { status, body, ...(headers ? { headers } : {}) };
}

/**
 * The sandbox's Bot Connector service and Teams client in one: answers the Bot Connector v3 REST
 * calls the bot makes (`router()`), records every conversation and activity (with versions and
 * per-viewer card overrides), and sends Teams events to the bot over HTTP as Teams does
 * (install → conversationUpdate, a typed message, a click on Action.Execute → invoke).
 */
export class SandboxBotConnector {
  readonly faults: ConnectorFaults = { throttleRate: 0, retryAfterSeconds: 1, failStatuses: [], failStatusesFor: new Map() };
  /** Entra object ids of people who blocked the bot: writes to their personal chat answer 403. */
  readonly blocked = new Set<string>();
  readonly counters = { requests: 0, creates: 0, sends: 0, replies: 0, updates: 0, deletes: 0, throttled: 0, failed: 0, refusedBlocked: 0, invokes: 0, deliveries: 0, held: 0 };
  /** Everything posted to the bot, in order. */
  readonly deliveries: Delivery[] = [];
  readonly botAccount: { id: string; name: string };
  private readonly byId = new Map<string, RecordedConversation>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly sendTimes = new Map<string, number[]>();
  private tenantTimes: number[] = [];
  private lastActivityId = 0;
  private seq = 0;
  private random: () => number;
  private readonly post: typeof fetch;

  constructor(readonly options: SandboxBotConnectorOptions) {
    this.botAccount = { id: botMri(options.botId), name: options.botName ?? 'Flipside' };
    const rng = new Rng((options.seed ?? options.tenant.org.seed) ^ 0xb07);
    this.random = () => rng.next();
    this.post = options.fetch ?? fetch;
    options.tenant.onInstall((installation) => this.installed(installation));
  }

  get tenant(): SandboxTenant {
    return this.options.tenant;
  }

  get tenantId(): string {
    return this.tenant.org.tenantId;
  }

  // ---- Conversations -------------------------------------------------------------------------

  get conversations(): ReadonlyMap<string, RecordedConversation> {
    return this.byId;
  }

  /** Puts back conversations saved before a restart (src/sandbox/persistence.ts), and the arrival order they had reached. */
  restoreConversations(conversations: readonly RecordedConversation[], seq: number): void {
    this.seq = Math.max(this.seq, seq);
    for (const c of conversations) {
      this.byId.set(c.id, c);
      for (const a of c.activities) this.seq = Math.max(this.seq, a.seq);
    }
  }

  /** The arrival order reached so far (saved with the conversations). */
  get arrivals(): number {
    return this.seq;
  }

  /** The personal conversation id for a person and this bot: `a:` + a digest, stable per (person, bot). */
  personalConversationId(userId: string): string {
    return `a:1${createHash('sha256').update(`${userId}|${this.options.botId}`).digest('base64url')}`;
  }

  /**
   * A conversation by its Bot Framework id, or by the Graph chat id of a personal chat
   * (`19:{userId}_{appId}@unq.gbl.spaces`), which Teams also accepts for the 1:1 chat with a bot.
   */
  conversation(id: string): RecordedConversation | undefined {
    const known = this.byId.get(id);
    if (known) return known;
    const personal = /^19:([^_]+)_(.+)@unq\.gbl\.spaces$/.exec(id);
    if (personal && (personal[2] === this.options.teamsAppId || personal[2] === this.options.botId)) {
      return this.byId.get(this.personalConversationId(personal[1]!));
    }
    const chat = this.tenant.chats.get(id);
    if (chat && this.installedIn({ kind: 'chat', chatId: id })) return this.ensureGroupConversation(id);
    return undefined;
  }

  /** Whether this bot's app is installed for a person (personal scope) or in a chat. */
  installedIn(scope: SandboxInstallation['scope']): boolean {
    return [...this.tenant.installations.values()].some((i) => i.teamsAppId === this.options.teamsAppId && JSON.stringify(i.scope) === JSON.stringify(scope));
  }

  ensurePersonalConversation(userId: string): RecordedConversation {
    const id = this.personalConversationId(userId);
    let c = this.byId.get(id);
    if (!c) {
      c = { id, type: 'personal', memberIds: [userId], topic: null, createdAt: this.tenant.clock.now().toISOString(), activities: [] };
      this.byId.set(id, c);
    }
    return c;
  }

  private ensureGroupConversation(chatId: string): RecordedConversation {
    let c = this.byId.get(chatId);
    const chat = this.tenant.chats.get(chatId);
    if (!c) {
      c = { id: chatId, type: 'groupChat', memberIds: [...(chat?.memberIds ?? [])], topic: chat?.topic ?? null, createdAt: this.tenant.clock.now().toISOString(), activities: [] };
      this.byId.set(chatId, c);
    } else if (chat) {
      c.memberIds = [...chat.memberIds];
    }
    return c;
  }

  conversationAccount(c: RecordedConversation): ConversationAccount {
    return c.type === 'personal'
      ? { conversationType: 'personal', tenantId: this.tenantId, id: c.id }
      : { isGroup: true, conversationType: 'groupChat', tenantId: this.tenantId, id: c.id, ...(c.topic ? { name: c.topic } : {}) };
  }

  // ---- Bot Connector operations (the REST router is a thin layer over these) -------------------

  /**
   * Decides whether an injected fault or a rate limit answers a request instead. Every request
   * counts; writes to a conversation count against its limits.
   */
  admit(conversationId: string | undefined, write: boolean): ConnectorAnswer | undefined {
    this.counters.requests++;
    const targeted = conversationId ? this.faults.failStatusesFor?.get(conversationId) : undefined;
    const failStatus = targeted?.length ? targeted.shift() : this.faults.failStatuses?.shift();
    if (failStatus !== undefined) {
      this.counters.failed++;
      return connectorError(failStatus, STATUS_CODES[failStatus] ?? 'ServiceError', `Injected failure ${failStatus} (sandbox fault injection).`);
    }
    if (this.faults.throttleRate > 0 && this.random() < this.faults.throttleRate) return this.throttled(this.faults.retryAfterSeconds);
    if (!this.options.rateLimits) return undefined;
    const now = Date.now();
    this.tenantTimes = this.tenantTimes.filter((t) => t > now - 1_000);
    if (this.tenantTimes.length >= TENANT_PER_SECOND) return this.throttled(Math.max(1, Math.ceil((this.tenantTimes[0]! + 1_000 - now) / 1_000)));
    if (write && conversationId) {
      const times = (this.sendTimes.get(conversationId) ?? []).filter((t) => t > now - 3_600_000);
      for (const [ms, max] of RATE_WINDOWS) {
        const inWindow = times.filter((t) => t > now - ms);
        if (inWindow.length >= max) return this.throttled(Math.max(1, Math.ceil((inWindow[0]! + ms - now) / 1_000)));
      }
      times.push(now);
      this.sendTimes.set(conversationId, times);
    }
    this.tenantTimes.push(now);
    return undefined;
  }

  private throttled(retryAfterSeconds: number): ConnectorAnswer {
    this.counters.throttled++;
    return connectorError(429, 'Throttled', 'The bot is sending too fast; retry after the time in Retry-After.', { 'Retry-After': String(retryAfterSeconds) });
  }

  /** POST /v3/conversations: finds or creates the personal conversation with one person; sends `activity` when given. */
  createConversation(body: unknown): ConnectorAnswer {
    const admitted = this.admit(undefined, false);
    if (admitted) return admitted;
    if (!isObject(body)) return connectorError(400, 'BadArgument', 'The body must be ConversationParameters.');
    if (body.isGroup === true) return connectorError(400, 'BadArgument', 'Bots cannot create group chats in Teams: create one through Graph (POST /chats) and install the app in it.');
    const members = body.members;
    if (!Array.isArray(members) || members.length !== 1 || !isObject(members[0])) return connectorError(400, 'BadArgument', 'members must hold exactly one person for a personal conversation.');
    const member = members[0];
    const tenantId = typeof body.tenantId === 'string' ? body.tenantId : isObject(body.channelData) && isObject(body.channelData.tenant) ? body.channelData.tenant.id : undefined;
    if (typeof tenantId !== 'string' || tenantId === '') return connectorError(400, 'BadArgument', 'The tenant id is required (tenantId or channelData.tenant.id).');
    if (tenantId !== this.tenantId) return connectorError(403, 'Forbidden', `The bot cannot create conversations in tenant ${tenantId}.`);
    const bot = isObject(body.bot) ? body.bot.id : undefined;
    if (bot !== undefined && bot !== this.botAccount.id && bot !== this.options.botId) return connectorError(400, 'BadArgument', `bot.id must be this bot (${this.botAccount.id}).`);
    const person = this.personFromAccount(member);
    if (!person) return connectorError(400, 'BadArgument', `Unknown member '${String(member.id)}': use the person's Teams id (29:…) from an activity or the members API.`);
    if ((this.options.requireInstall ?? true) && !this.installedIn({ kind: 'user', userId: person.id })) {
      return connectorError(403, 'ForbiddenOperationException', "Bot is not installed in user's personal scope");
    }
    this.counters.creates++;
    const c = this.ensurePersonalConversation(person.id);
    const answer: JsonObject = { id: c.id, serviceUrl: this.options.serviceUrl };
    if (body.activity !== undefined) {
      const sent = this.record(c, body.activity, null);
      if (sent.status >= 300) return sent;
      answer.activityId = (sent.body as { id: string }).id;
    }
    return { status: 201, body: answer };
  }

  /** POST …/activities (send) and POST …/activities/{id} (reply). */
  sendToConversation(conversationId: string, body: unknown, replyToId: string | null): ConnectorAnswer {
    const admitted = this.admit(this.conversation(conversationId)?.id, true);
    if (admitted) return admitted;
    const c = this.conversation(conversationId);
    if (!c) return this.conversationNotFound(conversationId);
    return this.record(c, body, replyToId);
  }

  /** PUT …/activities/{id}: the bot edits its message; every viewer sees the new version (overrides are dropped). */
  updateActivity(conversationId: string, activityId: string, body: unknown): ConnectorAnswer {
    const admitted = this.admit(this.conversation(conversationId)?.id, true);
    if (admitted) return admitted;
    const c = this.conversation(conversationId);
    if (!c) return this.conversationNotFound(conversationId);
    const checked = checkActivity(body);
    if (!checked.ok) return connectorError(checked.status, checked.code, checked.message);
    const a = c.activities.find((x) => x.id === activityId);
    if (!a || a.deletedAt) return connectorError(404, 'ActivityNotFound', `Activity ${activityId} does not exist in this conversation.`);
    if (a.senderId !== null) return connectorError(403, 'Forbidden', 'A bot can only update its own messages.');
    const refused = this.refuseIfBlocked(c);
    if (refused) return refused;
    const first = a.versions[0]!.activity;
    const now = this.tenant.clock.now().toISOString();
    a.versions.push({
      at: now,
      receivedAtMs: Date.now(),
      activity: {
        ...checked.value,
        id: a.id,
        timestamp: String(first.timestamp),
        from: this.botAccount,
        conversation: this.conversationAccount(c),
        channelId: 'msteams',
        serviceUrl: this.options.serviceUrl,
      },
    });
    a.overrides.clear();
    this.counters.updates++;
    return { status: 200, body: { id: a.id } };
  }

  /** DELETE …/activities/{id}: Teams keeps a "This message has been deleted" placeholder. */
  deleteActivity(conversationId: string, activityId: string): ConnectorAnswer {
    const admitted = this.admit(this.conversation(conversationId)?.id, true);
    if (admitted) return admitted;
    const c = this.conversation(conversationId);
    if (!c) return this.conversationNotFound(conversationId);
    const a = c.activities.find((x) => x.id === activityId);
    if (!a || a.deletedAt) return connectorError(404, 'ActivityNotFound', `Activity ${activityId} does not exist in this conversation.`);
    if (a.senderId !== null) return connectorError(403, 'Forbidden', 'A bot can only delete its own messages.');
    a.deletedAt = this.tenant.clock.now().toISOString();
    this.counters.deletes++;
    return { status: 200 };
  }

  /** GET …/members */
  members(conversationId: string): ConnectorAnswer {
    const admitted = this.admit(this.conversation(conversationId)?.id, false);
    if (admitted) return admitted;
    const c = this.conversation(conversationId);
    if (!c) return this.conversationNotFound(conversationId);
    return { status: 200, body: this.teamsMembers(c) };
  }

  /** GET …/members/{memberId}: by Teams id (29:…), Entra object id or UPN, as Teams accepts. */
  member(conversationId: string, memberId: string): ConnectorAnswer {
    const admitted = this.admit(this.conversation(conversationId)?.id, false);
    if (admitted) return admitted;
    const c = this.conversation(conversationId);
    if (!c) return this.conversationNotFound(conversationId);
    const key = memberId.toLowerCase();
    const found = this.teamsMembers(c).find((m) => m.id.toLowerCase() === key || m.aadObjectId === key || m.userPrincipalName.toLowerCase() === key);
    return found ? { status: 200, body: found } : connectorError(404, 'MemberNotFoundInConversation', 'The specified user was not found in the conversation.');
  }

  /** GET …/pagedmembers?pageSize=&continuationToken= */
  pagedMembers(conversationId: string, pageSize: number | undefined, continuationToken: string | undefined): ConnectorAnswer {
    const admitted = this.admit(this.conversation(conversationId)?.id, false);
    if (admitted) return admitted;
    const c = this.conversation(conversationId);
    if (!c) return this.conversationNotFound(conversationId);
    const size = Math.min(Math.max(pageSize ?? 200, 1), 500);
    let offset = 0;
    if (continuationToken) {
      offset = Number(Buffer.from(continuationToken, 'base64url').toString());
      if (!Number.isInteger(offset) || offset < 0) return connectorError(400, 'BadArgument', 'Invalid continuation token.');
    }
    const all = this.teamsMembers(c);
    const page = all.slice(offset, offset + size);
    const next = offset + size < all.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
    return { status: 200, body: { members: page, ...(next ? { continuationToken: next } : {}) } };
  }

  private teamsMembers(c: RecordedConversation): TeamsMember[] {
    return c.memberIds
      .map((id) => this.tenant.org.byId.get(id))
      .filter((p): p is SandboxPerson => !!p)
      .map((p) => ({
        id: userMri(p.id),
        name: p.displayName,
        aadObjectId: p.id,
        givenName: p.givenName,
        surname: p.surname,
        email: p.mail,
        userPrincipalName: p.userPrincipalName,
        tenantId: this.tenantId,
        userRole: 'user',
      }));
  }

  private conversationNotFound(id: string): ConnectorAnswer {
    return connectorError(404, 'ConversationNotFound', `Conversation ${id} does not exist, or the bot is not part of it.`);
  }

  private refuseIfBlocked(c: RecordedConversation): ConnectorAnswer | undefined {
    if (c.type !== 'personal' || !this.blocked.has(c.memberIds[0]!)) return undefined;
    this.counters.refusedBlocked++;
    // Teams' documented 403 carries the sub-code in a JSON string ({"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",…}"});
    // the connector wraps it in its ErrorResponse, so both are here.
    const body: ConnectorErrorBody = {
      error: {
        code: 'ConversationBlockedByUser',
        message: 'User blocked the conversation with the bot.',
        innerHttpError: { statusCode: 403, body: { errorCode: 209, message: BLOCKED_SUBCODE } },
      },
    };
    return { status: 403, body };
  }

  /** Records an activity the bot sends into a conversation (send, reply or the activity of a create). */
  private record(c: RecordedConversation, body: unknown, replyToId: string | null): ConnectorAnswer {
    const checked = checkActivity(body);
    if (!checked.ok) return connectorError(checked.status, checked.code, checked.message);
    const refused = this.refuseIfBlocked(c);
    if (refused) return refused;
    const activity = checked.value;
    // Typing indicators are shown, not stored.
    if (activity.type === 'typing') return { status: 201, body: { id: this.nextActivityId() } };
    const id = this.nextActivityId();
    const now = this.tenant.clock.now().toISOString();
    const stored: Activity = {
      ...activity,
      id,
      timestamp: now,
      channelId: 'msteams',
      serviceUrl: this.options.serviceUrl,
      from: this.botAccount,
      conversation: this.conversationAccount(c),
      ...(replyToId ? { replyToId } : {}),
    };
    c.activities.push({
      id,
      conversationId: c.id,
      seq: ++this.seq,
      senderId: null,
      replyToId,
      sentAt: now,
      versions: [{ at: now, receivedAtMs: Date.now(), activity: stored }],
      deletedAt: null,
      overrides: new Map(),
    });
    if (replyToId) this.counters.replies++;
    else this.counters.sends++;
    return { status: 201, body: { id } };
  }

  /** Teams message ids in chats are millisecond timestamps; unique and increasing here. */
  private nextActivityId(): string {
    this.lastActivityId = Math.max(Date.now(), this.lastActivityId + 1);
    return String(this.lastActivityId);
  }

  private personFromAccount(account: JsonObject): SandboxPerson | undefined {
    const id = typeof account.id === 'string' ? account.id : '';
    const oid = entraIdOf(id) ?? (typeof account.aadObjectId === 'string' ? account.aadObjectId : undefined);
    return oid ? this.tenant.org.byId.get(oid.toLowerCase()) : undefined;
  }

  // ---- Teams → bot -------------------------------------------------------------------------------

  private installed(installation: SandboxInstallation): void {
    if (installation.teamsAppId !== this.options.teamsAppId) return;
    if (installation.scope.kind === 'user') {
      const userId = installation.scope.userId;
      const c = this.ensurePersonalConversation(userId);
      this.track(this.deliver({ ...this.envelope(c, userId), type: 'conversationUpdate', membersAdded: [{ id: this.botAccount.id }] }));
    } else {
      const c = this.ensureGroupConversation(installation.scope.chatId);
      const installer = c.memberIds[0];
      if (!installer) return;
      this.track(this.deliver({ ...this.envelope(c, installer), type: 'conversationUpdate', membersAdded: [{ id: this.botAccount.id }] }));
    }
  }

  /** A person types a message in a chat with the bot; returns the bot's HTTP status. */
  async sendMessage(userId: string, conversationId: string, text: string): Promise<{ activityId: string; status: number }> {
    const { c } = this.membership(userId, conversationId);
    const id = this.nextActivityId();
    const activity: Activity = { ...this.envelope(c, userId, id), type: 'message', text, textFormat: 'plain' };
    c.activities.push({
      id,
      conversationId: c.id,
      seq: ++this.seq,
      senderId: userId,
      replyToId: null,
      sentAt: String(activity.timestamp),
      versions: [{ at: String(activity.timestamp), receivedAtMs: Date.now(), activity }],
      deletedAt: null,
      overrides: new Map(),
    });
    const delivery = await this.track(this.deliver(activity));
    return { activityId: id, status: delivery.status };
  }

  /**
   * A person clicks an Action.Execute on a card (trigger `manual`), or the client refreshes it
   * (`automatic`): posts the `adaptiveCard/action` invoke to the bot and applies the answer as Teams
   * does: a card replaces the original for this viewer only.
   */
  async invoke(userId: string, conversationId: string, activityId: string, action: ExecuteAction, trigger: 'manual' | 'automatic'): Promise<InvokeOutcome> {
    const { c } = this.membership(userId, conversationId);
    const target = c.activities.find((a) => a.id === activityId && !a.deletedAt);
    if (!target || !firstCard(current(target))) throw new ConnectorUsageError(404, 'unknown_activity', 'activityId', `No card message ${activityId} in this conversation.`);
    const activity: Activity = {
      ...this.envelope(c, userId, `f:${randomUUID()}`),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: activityId,
      value: { action: { type: 'Action.Execute', ...(action.id ? { id: action.id } : {}), verb: action.verb, data: action.data ?? {} }, trigger },
    };
    (activity.channelData as JsonObject).source = { name: 'message' };
    (activity.channelData as JsonObject).legacy = { replyToId: activityId };
    this.counters.invokes++;
    const delivery = await this.track(this.deliver(activity));
    const outcome: InvokeOutcome = { status: delivery.status, body: delivery.body, activity };
    const body = delivery.body;
    const shaped = (b: unknown): b is JsonObject & { statusCode: number; type: string } => isObject(b) && typeof b.statusCode === 'number' && typeof b.type === 'string';
    const invokeShaped = shaped(body);
    if (delivery.error) outcome.error = { code: 'BotUnreachable', message: delivery.error };
    // botbuilder answers with the invoke response's statusCode as the HTTP status: Teams reads the body either way.
    else if (delivery.status !== 200 && !invokeShaped) outcome.error = { code: `Http${delivery.status}`, message: `The bot answered HTTP ${delivery.status}.` };
    else if (!shaped(body)) {
      outcome.error = { code: 'InvalidInvokeResponse', message: 'The bot did not answer in the adaptiveCard/action response format ({ statusCode, type, value }).' };
    } else if (body.type === ERROR_RESPONSE || body.statusCode >= 400) {
      const v = isObject(body.value) ? body.value : {};
      outcome.error = { code: typeof v.code === 'string' ? v.code : `Status${body.statusCode}`, message: typeof v.message === 'string' ? v.message : 'The bot answered with an error.' };
    } else if (body.type === ADAPTIVE_CARD) {
      const problem = cardProblem(body.value);
      if (problem) outcome.error = { code: 'InvalidCard', message: `The bot's card is not valid: ${problem}` };
      else {
        outcome.card = body.value as JsonObject;
        target.overrides.set(userId, { card: outcome.card, at: this.tenant.clock.now().toISOString() });
      }
    } else if (body.type === ACTIVITY_MESSAGE) {
      outcome.message = typeof body.value === 'string' ? body.value : JSON.stringify(body.value);
    } else {
      outcome.error = { code: 'UnsupportedResponseType', message: `Teams does not handle invoke answers of type ${body.type}.` };
    }
    return outcome;
  }

  /** The automatic refresh Teams makes when a card with `refresh` is shown to someone it lists. */
  async refresh(userId: string, conversationId: string, activityId: string): Promise<InvokeOutcome> {
    const { c } = this.membership(userId, conversationId);
    const target = c.activities.find((a) => a.id === activityId && !a.deletedAt);
    const card = target ? firstCard(current(target)) : undefined;
    if (!target || !card) throw new ConnectorUsageError(404, 'unknown_activity', 'activityId', `No card message ${activityId} in this conversation.`);
    if (!refreshesAutomatically(card, userMri(userId), c.memberIds.length)) {
      throw new ConnectorUsageError(409, 'no_refresh', 'activityId', 'This card does not refresh automatically for this person.');
    }
    const action = (card.refresh as { action: JsonObject }).action;
    return this.invoke(
      userId,
      c.id,
      activityId,
      { verb: String(action.verb ?? ''), data: isObject(action.data) ? action.data : {}, ...(typeof action.id === 'string' ? { id: action.id } : {}) },
      'automatic',
    );
  }

  private membership(userId: string, conversationId: string): { person: SandboxPerson; c: RecordedConversation } {
    const person = this.tenant.org.byId.get(userId);
    if (!person) throw new ConnectorUsageError(400, 'unknown_person', 'userId', `No sandbox person ${userId}.`);
    const c = this.conversation(conversationId);
    if (!c || !c.memberIds.includes(userId)) throw new ConnectorUsageError(404, 'unknown_conversation', 'conversationId', `${person.displayName} has no conversation ${conversationId} with the bot.`);
    return { person, c };
  }

  /** The fields Teams puts on every activity it sends to a bot. */
  private envelope(c: RecordedConversation, userId: string, id = this.nextActivityId()): Activity {
    const person = this.tenant.org.byId.get(userId);
    const zone = person?.office.ianaTimeZone ?? 'UTC';
    const now = DateTime.now();
    return {
      type: 'message',
      id,
      timestamp: now.toUTC().toISO(),
      localTimestamp: now.setZone(zone).toISO() ?? undefined,
      localTimezone: zone,
      serviceUrl: this.options.serviceUrl,
      channelId: 'msteams',
      from: { id: userMri(userId), name: person?.displayName ?? userId, aadObjectId: userId },
      conversation: this.conversationAccount(c),
      recipient: { id: this.botAccount.id, name: this.botAccount.name },
      entities: [{ type: 'clientInfo', locale: 'en-US', platform: 'Web', timezone: zone }],
      channelData: { tenant: { id: this.tenantId } },
      locale: 'en-US',
    };
  }

  private async deliver(activity: Activity): Promise<Delivery> {
    this.counters.deliveries++;
    let delivery: Delivery;
    try {
      const res = await this.post(this.options.botEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(BOT_TIMEOUT_MS),
      });
      const text = await res.text();
      let body: unknown = text === '' ? undefined : text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text; // not JSON: kept as the bot sent it, for the caller to show
      }
      delivery = { activity, status: res.status, body };
    } catch (error) {
      delivery = { activity, status: 0, body: undefined, error: `The bot at ${this.options.botEndpoint} could not be reached: ${(error as Error).message}` };
    }
    this.deliveries.push(delivery);
    return delivery;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }

  /** Resolves when every activity posted to the bot so far has been answered (for tests). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  // ---- What people see ---------------------------------------------------------------------------

  /** The card a viewer sees for an activity: their own replacement from an invoke answer, or the message's card. */
  cardFor(a: RecordedActivity, viewerId: string): JsonObject | undefined {
    return a.overrides.get(viewerId)?.card ?? firstCard(current(a));
  }

  /**
   * The bot's messages a person has been shown, in order, each as they see it now: the latest
   * version, with their own replacement card in place of the message's card. Deleted ones are left out.
   */
  delivered(userId: string): Activity[] {
    return [...this.byId.values()]
      .filter((c) => c.memberIds.includes(userId))
      .flatMap((c) => c.activities)
      .filter((a) => a.senderId === null && !a.deletedAt)
      .sort((x, y) => x.seq - y.seq)
      .map((a) => {
        const override = a.overrides.get(userId);
        const act = current(a);
        if (!override) return act;
        return { ...act, attachments: (act.attachments ?? []).map((x) => (x.contentType === ADAPTIVE_CARD ? { ...x, content: override.card } : x)) };
      });
  }

  /** A person's chats with the bot as the chat view shows them. */
  viewFor(userId: string): ChatConversationView[] {
    const org = this.tenant.org;
    const name = (id: string) => org.byId.get(id)?.displayName ?? 'Unknown person';
    const conversations = [...this.byId.values()].filter((c) => c.memberIds.includes(userId));
    const views = conversations.map((c): ChatConversationView => {
      const activities = c.activities.map((a): ChatActivityView => {
        const act = current(a);
        const override = a.overrides.get(userId);
        const base = firstCard(act);
        const from = a.senderId === null ? 'bot' : a.senderId === userId ? 'me' : 'other';
        return {
          id: a.id,
          from,
          senderName: a.senderId === null ? this.botAccount.name : name(a.senderId),
          sentAt: a.sentAt,
          updatedAt: a.versions.length > 1 ? a.versions[a.versions.length - 1]!.at : null,
          version: a.versions.length,
          deleted: a.deletedAt !== null,
          text: a.deletedAt ? null : typeof act.text === 'string' && act.text !== '' ? act.text : null,
          card: a.deletedAt ? null : (override?.card ?? base ?? null),
          personal: !!override,
          autoRefresh: !a.deletedAt && refreshesAutomatically(base, userMri(userId), c.memberIds.length),
          stamp: `${a.versions.length}:${override?.at ?? ''}:${a.deletedAt ?? ''}`,
        };
      });
      const others = c.memberIds.filter((m) => m !== userId).map((m) => ({ id: m, displayName: name(m) }));
      return {
        id: c.id,
        type: c.type,
        title: c.type === 'personal' ? this.botAccount.name : (c.topic ?? ['Flipside', ...others.map((o) => o.displayName)].join(', ')),
        members: c.memberIds.map((m) => ({ id: m, displayName: name(m) })),
        lastActivityAt: c.activities.at(-1)?.sentAt ?? c.createdAt,
        activities,
      };
    });
    return views.sort((a, b) => (a.type === b.type ? b.lastActivityAt.localeCompare(a.lastActivityAt) : a.type === 'personal' ? -1 : 1));
  }
}

/** The version of an activity Teams shows now. */
export function current(a: RecordedActivity): Activity {
  return a.versions[a.versions.length - 1]!.activity;
}
