import { randomUUID } from 'node:crypto';
import { Rng } from '../org/rng.ts';
import { applyManagerChange, type SandboxOrg, type SandboxPerson } from '../org/index.ts';
import { isPatternOccurrence, occurrenceKey, type OccurrenceException } from './recurrence.ts';
import { SubscriptionHub, type ChangeType, type LifecycleEvent } from './subscriptions.ts';

export interface SandboxEvent {
  id: string;
  organizerId: string;
  transactionId: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** The event as Graph shows it (subject, body, start, end, recurrence, attendees, onlineMeeting…). */
  resource: Record<string, unknown>;
  /** Occurrences moved or cancelled on their own, keyed by original start (UTC ISO). */
  exceptions: Map<string, OccurrenceException>;
}

/** The directory's changes since generation, as saved across a restart. */
export interface DirectoryChanges {
  seq: number;
  changed: { seq: number; managerSeq: number | null; person: SandboxPerson }[];
  removed: { seq: number; person: SandboxPerson }[];
}

/** Who was in one occurrence's Teams meeting, and when (each person may join and leave several times). */
export type AttendanceOverride = Record<string, { join: Date; leave: Date }[]>;

export interface AttendanceSettings {
  /** Chance that each invited person (organizer included) joins an occurrence. */
  joinRate: number;
  /**
   * Whether a tenant admin has granted Flipside an application access policy for online
   * meetings; without one, app-only calls to onlineMeetings answer 403, as in Graph.
   */
  policyGranted: boolean;
}

export interface SandboxChat {
  id: string;
  chatType: 'oneOnOne' | 'group';
  topic: string | null;
  memberIds: string[];
  createdDateTime: string;
}

export interface SandboxInstallation {
  id: string;
  teamsAppId: string;
  scope: { kind: 'user'; userId: string } | { kind: 'chat'; chatId: string };
}

/** An app in the organisation's app catalog: `id` is the catalog's own, `externalId` the manifest id. */
export interface SandboxCatalogApp {
  id: string;
  externalId: string;
  displayName: string;
}

export interface FaultInjection {
  /** Share of requests answered 429 with Retry-After. */
  throttleRate: number;
  retryAfterSeconds: number;
  /** Share of requests answered 500 (after throttling is decided). */
  failRate: number;
  /**
   * Share of requests carried out and then answered 500, as when an answer is lost on its way
   * back: what idempotency (transactionId) is for.
   */
  lostAnswerRate: number;
  /** Share of change notifications dropped on purpose (what the safety-net re-read is for). */
  lostNotificationRate: number;
}

/**
 * The sandbox tenant's mutable state behind the Graph server: the generated organisation plus
 * what happened to it since (directory changes, for delta), created events, chats and app
 * installations, injected faults and request counters.
 */
export class SandboxTenant {
  /** Monotonic change sequence: a delta token remembers the sequence it was issued at. */
  private seq = 0;
  private readonly changedAt = new Map<string, number>();
  private readonly managerChangedAt = new Map<string, number>();
  private readonly removedAt = new Map<string, number>();
  private readonly removedPeople = new Map<string, SandboxPerson>();
  readonly events = new Map<string, SandboxEvent>();
  readonly chats = new Map<string, SandboxChat>();
  readonly installations = new Map<string, SandboxInstallation>();
  private readonly installationByScope = new Map<string, SandboxInstallation>();
  private byAddress: Map<string, SandboxPerson> | undefined;
  /** The organisation's app catalog (GET /appCatalogs/teamsApps); only apps in it can be installed. */
  readonly catalog: SandboxCatalogApp[] = [];
  readonly faults: FaultInjection = { throttleRate: 0, retryAfterSeconds: 1, failRate: 0, lostAnswerRate: 0, lostNotificationRate: 0 };
  readonly attendance: AttendanceSettings = { joinRate: 0.85, policyGranted: true };
  /** Attendance set by tests for one occurrence, by event id, then original start (UTC ISO). */
  readonly attendanceOverrides = new Map<string, Map<string, AttendanceOverride>>();
  readonly subscriptions: SubscriptionHub;
  readonly counters = { requests: 0, batchedRequests: 0, throttled: 0, failed: 0, byRoute: new Map<string, number>() };
  private readonly installListeners: ((installation: SandboxInstallation) => void)[] = [];
  private random: () => number;

  constructor(
    readonly org: SandboxOrg,
    /** The sandbox's time (a SandboxClock moves it forward); every timestamp the tenant writes comes from it. */
    readonly clock: { now(): Date } = { now: () => new Date() },
  ) {
    const rng = new Rng(org.seed ^ 0x5eed);
    this.random = () => rng.next();
    this.subscriptions = new SubscriptionHub({ clock, tenantId: () => org.tenantId, seed: org.seed, lostRate: () => this.faults.lostNotificationRate });
  }

  get currentSeq(): number {
    return this.seq;
  }

  person(idOrUpn: string): SandboxPerson | undefined {
    const key = idOrUpn.toLowerCase();
    const byId = this.org.byId.get(key);
    if (byId) return byId;
    // An index by address (a getSchedule names thousands of people by mail): a hit is checked
    // against the person as they are now, and a miss falls back to the scan, so it never answers
    // differently from the scan.
    if (this.byAddress?.size !== this.org.people.length) this.byAddress = addressIndex(this.org.people);
    const hit = this.byAddress.get(key);
    if (hit && this.org.byId.get(hit.id) === hit && (hit.userPrincipalName.toLowerCase() === key || hit.mail.toLowerCase() === key)) return hit;
    return this.org.people.find((p) => p.userPrincipalName.toLowerCase() === key || p.mail.toLowerCase() === key);
  }

  /** People changed after `since` (in change order), and people removed after it. */
  changesSince(since: number): { changed: SandboxPerson[]; removed: string[] } {
    const changed = [...this.changedAt.entries()]
      .filter(([, s]) => s > since)
      .sort((a, b) => a[1] - b[1])
      .map(([id]) => this.org.byId.get(id))
      .filter((p): p is SandboxPerson => !!p);
    const removed = [...this.removedAt.entries()].filter(([, s]) => s > since).map(([id]) => id);
    return { changed, removed };
  }

  managerChangedSince(id: string, since: number): boolean {
    return (this.managerChangedAt.get(id) ?? 0) > since;
  }

  /** Changes a person's directory attributes, as an admin would in Entra ID. */
  updatePerson(id: string, patch: Partial<Pick<SandboxPerson, 'displayName' | 'jobTitle' | 'department' | 'officeLocation' | 'accountEnabled'>>): void {
    const p = this.mustGet(id);
    Object.assign(p, patch);
    this.changedAt.set(id, ++this.seq);
  }

  /** Moves the `changesManager` persona to another manager, as an HR system would; the next delta shows it. */
  movePersonaToNewManager(): { personId: string; fromManagerId: string; toManagerId: string } {
    const move = applyManagerChange(this.org);
    const s = ++this.seq;
    this.changedAt.set(move.personId, s);
    this.managerChangedAt.set(move.personId, s);
    return move;
  }

  changeManager(id: string, managerId: string | null): void {
    this.org.setManager(id, managerId);
    const s = ++this.seq;
    this.changedAt.set(id, s);
    this.managerChangedAt.set(id, s);
  }

  /** Deletes a person; their reports are left without a manager, as in Entra ID. */
  removePerson(id: string): void {
    const p = this.mustGet(id);
    for (const report of this.org.directReports(id)) this.changeManager(report.id, null);
    this.org.setManager(id, null);
    this.org.byId.delete(id);
    const i = this.org.people.indexOf(p);
    if (i >= 0) this.org.people.splice(i, 1);
    this.removedPeople.set(id, p);
    this.changedAt.delete(id);
    this.removedAt.set(id, ++this.seq);
  }

  createEvent(organizerId: string, transactionId: string | null, resource: Record<string, unknown>): { event: SandboxEvent; created: boolean } {
    if (transactionId) {
      const existing = [...this.events.values()].find((e) => e.organizerId === organizerId && e.transactionId === transactionId);
      if (existing) return { event: existing, created: false };
    }
    const now = this.clock.now().toISOString();
    const id = `AAMkAG${randomUUID().replace(/-/g, '')}=`;
    const event: SandboxEvent = { id, organizerId, transactionId, createdDateTime: now, lastModifiedDateTime: now, resource, exceptions: new Map() };
    this.events.set(id, event);
    this.changed(event, 'created');
    return { event, created: true };
  }

  /** Changes an event's own properties (a PATCH on the event or series master). */
  updateEvent(eventId: string, patch: Record<string, unknown>): SandboxEvent {
    const e = this.mustGetEvent(eventId);
    // As in Outlook: setting a series' pattern or its start again drops its exceptions (moved and
    // cancelled occurrences); moving only the end of its range keeps them.
    const before = e.resource as { start?: unknown; recurrence?: { pattern?: unknown; range?: { startDate?: unknown } } | null };
    const after = { ...e.resource, ...patch } as typeof before;
    if (
      before.recurrence &&
      (JSON.stringify(after.start) !== JSON.stringify(before.start) ||
        JSON.stringify(after.recurrence?.pattern) !== JSON.stringify(before.recurrence.pattern) ||
        after.recurrence?.range?.startDate !== before.recurrence.range?.startDate)
    ) {
      e.exceptions.clear();
    }
    e.resource = { ...e.resource, ...patch };
    e.lastModifiedDateTime = this.clock.now().toISOString();
    this.changed(e, 'updated');
    return e;
  }

  /** Deletes an event or a whole series; its occurrences go with it. */
  deleteEvent(eventId: string): void {
    const e = this.mustGetEvent(eventId);
    const audience = this.mailboxesOf(e);
    this.events.delete(eventId);
    this.attendanceOverrides.delete(eventId);
    this.subscriptions.notify(audience, e.id, 'deleted');
  }

  /** Moves one occurrence of a series to new times, as someone would in Outlook; it becomes an exception. */
  moveOccurrence(eventId: string, originalStart: Date, newStart: Date, newEnd: Date): void {
    const e = this.mustGetOccurrence(eventId, originalStart);
    if (!(newEnd.getTime() > newStart.getTime())) throw new Error('moveOccurrence: the end must be after the start');
    const now = this.clock.now().toISOString();
    e.exceptions.set(occurrenceKey(originalStart), { kind: 'moved', start: new Date(newStart), end: new Date(newEnd), lastModifiedDateTime: now });
    e.lastModifiedDateTime = now;
    this.changed(e, 'updated');
  }

  /** Cancels one occurrence of a series; it is no longer among the instances. */
  cancelOccurrence(eventId: string, originalStart: Date): void {
    const e = this.mustGetOccurrence(eventId, originalStart);
    e.exceptions.set(occurrenceKey(originalStart), { kind: 'cancelled' });
    e.lastModifiedDateTime = this.clock.now().toISOString();
    this.changed(e, 'updated');
  }

  /** Sets who was in one occurrence's meeting (an empty record: nobody joined, so no report). */
  setAttendance(eventId: string, originalStart: Date, people: AttendanceOverride): void {
    this.mustGetEvent(eventId);
    let byOccurrence = this.attendanceOverrides.get(eventId);
    if (!byOccurrence) this.attendanceOverrides.set(eventId, (byOccurrence = new Map()));
    byOccurrence.set(occurrenceKey(originalStart), people);
  }

  /** Posts a lifecycle notification to the subscription's lifecycleNotificationUrl (`subscriptionRemoved` also removes it). */
  sendLifecycle(subscriptionId: string, lifecycleEvent: LifecycleEvent): Promise<void> {
    return this.subscriptions.lifecycle(subscriptionId, lifecycleEvent);
  }

  /** Resolves when no change or lifecycle notification is waiting or in flight. */
  notificationsIdle(): Promise<void> {
    return this.subscriptions.idle();
  }

  /** The person ids whose mailbox shows the event: its organizer and the attendees who are people of the org. */
  mailboxesOf(e: SandboxEvent): string[] {
    const attendees = ((e.resource.attendees as { emailAddress?: { address?: string } }[] | undefined) ?? [])
      .map((a) => (a.emailAddress?.address ? this.person(a.emailAddress.address)?.id : undefined))
      .filter((id): id is string => !!id);
    return [...new Set([e.organizerId, ...attendees])];
  }

  private changed(e: SandboxEvent, changeType: ChangeType): void {
    this.subscriptions.notify(this.mailboxesOf(e), e.id, changeType);
  }

  private mustGetEvent(eventId: string): SandboxEvent {
    const e = this.events.get(eventId);
    if (!e) throw new Error(`no sandbox event ${eventId}`);
    return e;
  }

  private mustGetOccurrence(eventId: string, originalStart: Date): SandboxEvent {
    const e = this.mustGetEvent(eventId);
    if (!e.resource.recurrence) throw new Error(`sandbox event ${eventId} is not a series`);
    if (!isPatternOccurrence(e.resource, originalStart)) throw new Error(`sandbox series ${eventId} has no occurrence at ${originalStart.toISOString()}`);
    if (e.exceptions.get(occurrenceKey(originalStart))?.kind === 'cancelled') throw new Error(`the occurrence of ${eventId} at ${originalStart.toISOString()} is cancelled`);
    return e;
  }

  /** Events where the person is organizer or attendee. */
  eventsOf(personId: string): SandboxEvent[] {
    const p = this.org.byId.get(personId);
    const mail = p?.mail.toLowerCase();
    return [...this.events.values()].filter(
      (e) => e.organizerId === personId || ((e.resource.attendees as { emailAddress?: { address?: string } }[] | undefined) ?? []).some((a) => a.emailAddress?.address?.toLowerCase() === mail),
    );
  }

  install(teamsAppId: string, scope: SandboxInstallation['scope']): { installation: SandboxInstallation; created: boolean } {
    // One installation per app and scope (looked up by key: a booking round installs in a thousand chats).
    const key = `${teamsAppId}|${JSON.stringify(scope)}`;
    const existing = this.installationByScope.get(key);
    if (existing && this.installations.get(existing.id) === existing) return { installation: existing, created: false };
    const installation: SandboxInstallation = { id: Buffer.from(`${teamsAppId}##${randomUUID()}`).toString('base64url'), teamsAppId, scope };
    this.installations.set(installation.id, installation);
    this.installationByScope.set(key, installation);
    for (const listener of this.installListeners) listener(installation);
    return { installation, created: true };
  }

  /** Puts back an installation saved before a restart (src/sandbox/persistence.ts): no conversationUpdate, it was sent then. */
  restoreInstallation(installation: SandboxInstallation): void {
    this.installations.set(installation.id, installation);
    this.installationByScope.set(`${installation.teamsAppId}|${JSON.stringify(installation.scope)}`, installation);
  }

  /** The bot's side hears of installations through this (as Teams sends conversationUpdate). */
  onInstall(listener: (installation: SandboxInstallation) => void): void {
    this.installListeners.push(listener);
  }

  /** The 1:1 chat between a person and the app, as Teams creates it on installation. */
  personalChatId(userId: string, teamsAppId: string): string {
    return `19:${userId}_${teamsAppId}@unq.gbl.spaces`;
  }

  createChat(chatType: SandboxChat['chatType'], memberIds: string[], topic: string | null): { chat: SandboxChat; created: boolean } {
    const sorted = [...new Set(memberIds)].sort();
    if (chatType === 'oneOnOne') {
      const existing = [...this.chats.values()].find((c) => c.chatType === 'oneOnOne' && c.memberIds.join() === sorted.join());
      if (existing) return { chat: existing, created: false };
    }
    const id = chatType === 'oneOnOne' ? `19:${sorted.join('_')}@unq.gbl.spaces` : `19:${randomUUID().replace(/-/g, '')}@thread.v2`;
    const chat: SandboxChat = { id, chatType, topic, memberIds: sorted, createdDateTime: this.clock.now().toISOString() };
    this.chats.set(id, chat);
    return { chat, created: true };
  }

  /** Decides, per request, whether an injected fault answers it instead (deterministic for the seed). */
  nextFault(): 'throttle' | 'fail' | 'lose-answer' | undefined {
    if (this.faults.throttleRate > 0 && this.random() < this.faults.throttleRate) return 'throttle';
    if (this.faults.failRate > 0 && this.random() < this.faults.failRate) return 'fail';
    if (this.faults.lostAnswerRate > 0 && this.random() < this.faults.lostAnswerRate) return 'lose-answer';
    return undefined;
  }

  resetCounters(): void {
    this.counters.requests = 0;
    this.counters.batchedRequests = 0;
    this.counters.throttled = 0;
    this.counters.failed = 0;
    this.counters.byRoute.clear();
  }

  /**
   * What happened to the directory since it was generated (changed and removed people as they are
   * now, and the change sequence delta tokens remember), for src/sandbox/persistence.ts.
   */
  directoryChanges(): DirectoryChanges {
    const changed = [...this.changedAt.entries()].flatMap(([id, seq]) => {
      const p = this.org.byId.get(id);
      return p ? [{ seq, managerSeq: this.managerChangedAt.get(id) ?? null, person: { ...p } }] : [];
    });
    const removed = [...this.removedAt.entries()].flatMap(([id, seq]) => {
      const p = this.removedPeople.get(id);
      return p ? [{ seq, person: { ...p } }] : [];
    });
    return { seq: this.seq, changed, removed };
  }

  /** Applies saved directory changes to the freshly generated organisation they were made to. */
  restoreDirectoryChanges(changes: DirectoryChanges): void {
    for (const { seq, person } of changes.removed) {
      const p = this.org.byId.get(person.id);
      if (p) {
        this.org.setManager(p.id, null);
        this.org.byId.delete(p.id);
        const i = this.org.people.indexOf(p);
        if (i >= 0) this.org.people.splice(i, 1);
      }
      this.removedPeople.set(person.id, person);
      this.removedAt.set(person.id, seq);
    }
    // Managers as they are now: everyone changed is detached first, so no move makes a passing cycle.
    const changed = changes.changed.filter(({ person }) => this.org.byId.has(person.id));
    for (const { person } of changed) this.org.setManager(person.id, null);
    for (const { seq, managerSeq, person } of changed) {
      const p = this.org.byId.get(person.id)!;
      const { managerId, level: _level, ...attributes } = person;
      Object.assign(p, attributes);
      if (managerId !== null && this.org.byId.has(managerId)) this.org.setManager(p.id, managerId);
      this.changedAt.set(p.id, seq);
      if (managerSeq !== null) this.managerChangedAt.set(p.id, managerSeq);
    }
    this.seq = Math.max(this.seq, changes.seq);
    this.byAddress = undefined;
  }

  private mustGet(id: string): SandboxPerson {
    const p = this.org.byId.get(id);
    if (!p) throw new Error(`no sandbox person ${id}`);
    return p;
  }
}

/** Each person under their lower-cased UPN and mail (the first person holding an address keeps it, as the scan finds them). */
function addressIndex(people: readonly SandboxPerson[]): Map<string, SandboxPerson> {
  const index = new Map<string, SandboxPerson>();
  for (const p of people) {
    for (const address of [p.userPrincipalName.toLowerCase(), p.mail.toLowerCase()]) if (!index.has(address)) index.set(address, p);
  }
  return index;
}
