/** What the bot's `status` command shows a person: each enrollment, and once paired, who with and the next session. */
import type { StatusCardVM, StatusPairingVM } from '../../cards/types.ts';
import { firstName } from '../../cards/format.ts';
import type { BookingRecord } from '../booking/ports.ts';
import { enrollmentStatus } from '../enrollment/status.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';
import type { LocalClock } from '../booking/words.ts';
import { clockOf, sessionWhen } from './context.ts';
import type { SessionRecord } from './ports.ts';

/**
 * Per program, the enrollment and its approval; on an approved enrollment, each published pair
 * the person is in: the partner, and the next session from the sessions table in the person's
 * own zone (as their calendar gave it when booking), or where the booking stands.
 */
export async function participantStatus(deps: { store: Store; clock: Clock }, tenantId: string, userId: string): Promise<StatusCardVM['enrollments']> {
  const { store } = deps;
  const now = deps.clock.now();
  const lines = await enrollmentStatus(store, tenantId, userId);
  const pairs = await store.matching.pairsOf(tenantId, userId);
  const pairings = new Map<string, StatusPairingVM[]>();
  const office = pairs.length > 0 ? ((await store.directory.getPerson(tenantId, userId))?.officeLocation ?? null) : null;
  for (const p of pairs) {
    const role = p.mentorId === userId ? 'mentor' : 'mentee';
    const partnerId = role === 'mentor' ? p.menteeId : p.mentorId;
    const [partner, booking, sessions] = await Promise.all([
      store.directory.getPerson(tenantId, partnerId),
      store.bookings.get(tenantId, p.programId, p.menteeId),
      store.sessions.listForPair(tenantId, p.programId, p.menteeId),
    ]);
    const partnerName = partner?.displayName ?? 'your partner';
    const next = sessions.find((s) => (s.status === 'planned' || s.status === 'moved') && s.end.getTime() > now.getTime());
    const clock: LocalClock = booking ? clockOf(booking, userId, office) : { zone: 'UTC', office: null };
    const pairing: StatusPairingVM = {
      role,
      partnerName,
      next: next ? nextWords(next, clock) : standing(booking, sessions, firstName(partnerName)),
      joinUrl: next && booking?.status === 'booked' ? booking.joinUrl : null,
    };
    pairings.set(p.programId, [...(pairings.get(p.programId) ?? []), pairing]);
  }
  // Pairs belong to the approved enrollment of their program (a withdrawn one has ended them).
  return lines.map(({ programId, ...line }) => ({ ...line, pairings: line.status === 'approved' ? (pairings.get(programId) ?? []) : [] }));
}

/** "Tuesday 16 March, 10:00–10:45 (London time) · session 2 of 12". */
function nextWords(s: SessionRecord, clock: LocalClock): string {
  return `${sessionWhen(s, clock)} · session ${s.n} of ${s.of}${s.status === 'moved' ? ' (moved in Outlook)' : ''}`;
}

/** Where a pair's booking stands when it has no session to come. */
function standing(b: BookingRecord | undefined, sessions: readonly SessionRecord[], partner: string): string {
  switch (b?.status) {
    case undefined:
    case 'finding':
      return `Not booked yet: Flipside is finding a time that suits you and ${partner}`;
    case 'choosing':
      return `Not booked yet: pick a time in your chat with ${partner}`;
    case 'booking':
      return 'Being booked: it will be in your calendar in a moment';
    case 'unbookable':
      return `Not booked: Flipside found no time that suits you both; see your chat with ${partner}`;
    case 'booked':
      return sessions.length === 0 ? 'Booked: the dates will show here in a moment' : 'No sessions left in this program';
    case 'ending':
    case 'ended':
      return 'The meeting series has ended';
  }
}
