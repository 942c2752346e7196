/** What the care use cases share: their dependencies, a pair as the cards need it, who may act. */
import type { CardActor } from '../shared/actor.ts';
import type { BookingDeps } from '../booking/context.ts';
import type { WorkingHoursSource } from '../matching/ports.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { SeriesReader, SessionRecord } from '../sessions/ports.ts';
import { loadPair, type SessionPair } from '../sessions/context.ts';
import { AppError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';
import type { CarePairKey, OccurrenceCanceller } from './ports.ts';

export interface CareDeps {
  store: Store;
  clock: Clock;
  settings: { tabUrl: string; organizer: 'mentor' | 'mentee' };
  /** Re-pairing and "Find another time" hand over to booking, as publishing does. */
  booking: BookingDeps;
  workingHours: WorkingHoursSource;
  series: SeriesReader;
  occurrences: OccurrenceCanceller;
}

/** The pair as booked now, when `key` is still its mentor and mentee; undefined when it ended or was paired again. */
export async function currentPair(store: Store, key: CarePairKey): Promise<SessionPair | undefined> {
  const pair = await loadPair(store, key.tenantId, key.programId, key.menteeId);
  return pair && pair.booking.mentorId === key.mentorId ? pair : undefined;
}

/** This pair's own sessions: a mentee paired again keeps their key, so the mentor tells the pairs apart. */
export async function pairSessions(store: Store, key: CarePairKey): Promise<SessionRecord[]> {
  return (await store.sessions.listForPair(key.tenantId, key.programId, key.menteeId)).filter((s) => s.mentorId === key.mentorId);
}

export const pairKeyOf = (p: CarePairKey) => `${p.programId}:${p.menteeId}:${p.mentorId}`;

/**
 * A card action only a program admin may take: someone seen holding Program.Admin in this tenant,
 * or the program's creator. (Cards carry no token roles; the tab records who holds the role.)
 * @throws AppError `forbidden`.
 */
export async function mustBeProgramAdmin(store: Store, actor: CardActor, program: ProgramRecord): Promise<void> {
  if (program.createdBy === actor.userId) return;
  if ((await store.admins.list(actor.tenantId)).includes(actor.userId)) return;
  throw new AppError('forbidden', 'Only program admins (HR) can decide this.');
}

/** The one who receives HR's cards about a program: the admin who created it. */
export const hrOf = (program: ProgramRecord) => program.createdBy;

export const adminUrl = (tabUrl: string, programId: string) => `${tabUrl}/admin/programs/${programId}/meetings`;
