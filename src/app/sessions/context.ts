/** What the session use cases share: their dependencies, a pair's context, times in words. */
import type { PersonRef } from '../../cards/types.ts';
import type { Topic } from '../../domain/programs/program.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';
import { sessionWords, type LocalClock } from '../shared/time-words.ts';
import type { BookingDeps } from '../booking/context.ts';
import type { BookingRecord } from '../booking/ports.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { CardActor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { personRef, unknownPerson } from '../shared/cards.ts';
import type { Store } from '../store.ts';
import type { AttendanceReader, SeriesReader, SessionRecord, SubscriptionGateway } from './ports.ts';

export interface SessionSettings {
  /** The tab's public address, for links in cards. */
  tabUrl: string;
  /** Where Graph posts change notifications and lifecycle notifications (this server's /api/graph/…). */
  notificationUrl: string;
  lifecycleNotificationUrl: string;
}

export interface SessionDeps {
  store: Store;
  clock: Clock;
  settings: SessionSettings;
  series: SeriesReader;
  attendance: AttendanceReader;
  subscriptions: SubscriptionGateway;
  /** "Find another time" after a missed session looks again for the pair's series. */
  booking: BookingDeps;
  random?: () => number;
}

export const pairKey = (p: { programId: string; menteeId: string }) => `${p.programId}:${p.menteeId}`;

/** One pair as the session cards need it. */
export interface SessionPair {
  program: ProgramRecord;
  booking: BookingRecord;
  mentor: PersonRef;
  mentee: PersonRef;
  /** Each person's goals, as they wrote them when enrolling. */
  goals: Map<string, string[]>;
  /** The topics either chose (what the curriculum draws on). */
  topics: Topic[];
  /** Each person's office as the directory gives it (names their clock: "Seattle time"). */
  offices: Map<string, string | null>;
}

/** Loads what the cards of one pair need; undefined when the pair or its program is gone. */
export async function loadPair(store: Store, tenantId: string, programId: string, menteeId: string): Promise<SessionPair | undefined> {
  const [booking, program] = await Promise.all([store.bookings.get(tenantId, programId, menteeId), store.programs.get(tenantId, programId)]);
  if (!booking || !program) return undefined;
  const people = await store.directory.getPeople(tenantId, [booking.mentorId, booking.menteeId]);
  const [mentor, mentee] = [people.get(booking.mentorId), people.get(booking.menteeId)];
  const goals = new Map<string, string[]>();
  for (const id of [booking.mentorId, booking.menteeId]) goals.set(id, (await approvedEnrollment(store, booking, id))?.goals ?? []);
  const topics = await pairTopics(store, booking, program);
  const offices = new Map([mentor, mentee].flatMap((p) => (p ? [[p.id, p.officeLocation] as const] : [])));
  return { program, booking, mentor: ref(mentor, booking.mentorId), mentee: ref(mentee, booking.menteeId), goals, topics, offices };
}

const ref = (p: DirectoryPerson | undefined, id: string) => (p ? personRef(p) : unknownPerson(id));

/** A person's clock: the IANA zone their calendar gave when booking, and their office. */
export const clockOf = (b: BookingRecord, userId: string, office: string | null | undefined): LocalClock => ({ zone: b.zones[userId] ?? 'UTC', office: office ?? null });

/** `clockOf` for a member of a loaded pair. */
export const pairClock = (pair: SessionPair, userId: string): LocalClock => clockOf(pair.booking, userId, pair.offices.get(userId));

/** One session in a person's clock: the cards' one way of saying it (time-words.ts). */
export const sessionWhen = sessionWords;

export const isMember = (b: Pick<BookingRecord, 'mentorId' | 'menteeId'>, userId: string) => userId === b.mentorId || userId === b.menteeId;

/**
 * A session and its pair, for a click by one of the two; anyone else is refused with `refusal`.
 * @throws AppError `not_found` (no such session in the actor's tenant), `forbidden`.
 */
export async function sessionForMember(
  store: Store,
  actor: CardActor,
  sessionId: string,
  forUpdate: boolean,
  refusal: (pair: SessionPair) => string,
): Promise<{ s: SessionRecord; pair: SessionPair }> {
  const s = forUpdate ? await store.sessions.getForUpdate(actor.tenantId, sessionId) : await store.sessions.get(actor.tenantId, sessionId);
  const pair = s && (await loadPair(store, s.tenantId, s.programId, s.menteeId));
  if (!s || !pair) throw new AppError('not_found', 'Flipside has no such session.');
  if (!isMember(pair.booking, actor.userId)) throw new AppError('forbidden', refusal(pair));
  return { s, pair };
}

const approvedEnrollment = async (store: Store, b: Pick<BookingRecord, 'tenantId' | 'programId'>, userId: string) =>
  (await store.enrollments.listForUser(b.tenantId, userId)).find((e) => e.programId === b.programId && e.status === 'approved');

/** The topics either of the pair chose to teach or learn, in the program's order; the program's own when they chose none. */
export async function pairTopics(store: Store, b: Pick<BookingRecord, 'tenantId' | 'programId' | 'mentorId' | 'menteeId'>, program: ProgramRecord): Promise<Topic[]> {
  const chosen = new Set<string>();
  for (const id of [b.mentorId, b.menteeId]) {
    const e = await approvedEnrollment(store, b, id);
    for (const t of [...(e?.teach ?? []), ...(e?.learn ?? [])]) chosen.add(t.topicId);
  }
  const topics = program.topics.filter((t) => chosen.has(t.id));
  return topics.length > 0 ? topics : program.topics;
}

/** Where a session was before it moved: its original start, for as long as it lasts now. */
export const originalTime = (s: Pick<SessionRecord, 'start' | 'end' | 'originalStart'>) => ({
  start: s.originalStart,
  end: new Date(s.originalStart.getTime() + (s.end.getTime() - s.start.getTime())),
});
