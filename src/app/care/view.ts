/** What the tab shows of the care loop: HR's section of a program, and each participant's pauses. */
import { DateTime } from 'luxon';
import type { MyCare, ProgramCare } from '../../contracts/care.ts';
import { checkInVisibleToHr, scaleCounts, MIN_GROUP } from '../../domain/care/rules.ts';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../shared/actor.ts';
import { personRef, unknownPerson } from '../shared/cards.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import type { Clock } from '../shared/clock.ts';
import { checkInAnswers } from './check-in.ts';
import { currentPair } from './context.ts';
import { MAX_PAUSE_DAYS } from './pause.ts';
import type { CareSettings } from './ports.ts';

function mustAdmin(actor: Actor) {
  if (!actor.isProgramAdmin) throw new AppError('forbidden', 'Only program admins (the Program.Admin role) can see how pairs are doing.');
}

/**
 * HR's view of a program's pairs: fit-check "no"s, stalled pairs, mentors who asked to be
 * contacted (or flagged a concern), and check-in totals of five or more. Program admins only.
 * @throws AppError `forbidden`, `not_found`.
 */
export async function programCare(deps: { store: Store; clock: Clock }, actor: Actor, programId: string): Promise<ProgramCare> {
  mustAdmin(actor);
  const { store } = deps;
  const program = await store.programs.get(actor.tenantId, programId);
  if (!program) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  const [fits, checkIns, cares] = await Promise.all([
    store.care.fitChecksOfProgram(actor.tenantId, programId),
    store.care.checkInsOfProgram(actor.tenantId, programId),
    store.care.carePairsOfProgram(actor.tenantId, programId),
  ]);
  const ids = [...new Set([...fits.flatMap((f) => [f.mentorId, f.menteeId]), ...checkIns.map((c) => c.mentorId), ...cares.flatMap((c) => [c.mentorId, c.menteeId])])];
  const people = await store.directory.getPeople(actor.tenantId, ids);
  const ref = (id: string) => {
    const p = people.get(id);
    return p ? personRef(p) : unknownPerson(id);
  };
  const fitNos: ProgramCare['fitNos'] = [];
  for (const f of fits.filter((x) => x.answer === 'no')) {
    fitNos.push({
      fitCheckId: f.id,
      mentor: ref(f.mentorId),
      mentee: ref(f.menteeId),
      answeredBy: ref(f.userId),
      note: f.shareNote && f.note ? f.note : null,
      answeredAt: f.answeredAt!.toISOString(),
      decision: f.decision,
      live: (await currentPair(store, f)) !== undefined,
    });
  }
  const stalled: ProgramCare['stalled'] = [];
  for (const c of cares.filter((x) => x.stalledSince && !x.closedAt)) {
    if (!(await currentPair(store, c))) continue;
    const pause = await store.care.openPause(c.tenantId, c.programId, c.menteeId);
    stalled.push({
      mentor: ref(c.mentorId),
      mentee: ref(c.menteeId),
      reason: c.stallReason ?? '',
      since: c.stalledSince!.toISOString(),
      nudgedAt: c.nudgedAt?.toISOString() ?? null,
      closeAskedAt: c.closeAskedAt?.toISOString() ?? null,
      pausedUntil: pause?.untilDate ?? null,
    });
  }
  const answered = checkIns.filter((c) => c.answeredAt);
  const contactRequests = answered.filter(checkInVisibleToHr).map((c) => ({
    checkInId: c.id,
    mentor: ref(c.mentorId),
    occasion: c.occasion,
    answeredAt: c.answeredAt!.toISOString(),
    contactMe: c.contactMe,
    answers: checkInAnswers(c),
  }));
  // Individual confidential answers go to HR only with an entry in the audit log, one per check-in.
  if (contactRequests.length) {
    await store.transaction(async (tx) => {
      for (const c of contactRequests) await audit(tx, deps.clock, actor, 'checkin.viewed', { programId, subjectId: c.mentor.id, details: { checkInId: c.checkInId } });
    });
  }
  return {
    settings: await store.care.settings(actor.tenantId, programId),
    fitNos,
    stalled,
    contactRequests,
    checkIns: {
      answered: answered.length >= MIN_GROUP ? answered.length : null,
      speakOpenly: scaleCounts(answered.map((c) => c.speakOpenly)),
      respectful: scaleCounts(answered.map((c) => c.respectful)),
    },
  };
}

/** HR changes when a pair counts as stalled. @throws AppError `forbidden`, `not_found`. */
export async function saveCareSettings(deps: { store: Store; clock: Clock }, actor: Actor, programId: string, settings: CareSettings): Promise<ProgramCare> {
  mustAdmin(actor);
  if (!(await deps.store.programs.get(actor.tenantId, programId))) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  await deps.store.care.saveSettings(actor.tenantId, programId, settings, deps.clock.now());
  return programCare(deps, actor, programId);
}

/** The caller's pairs with a series, and whether each is paused: their own, nobody else's. */
export async function myCare(deps: { store: Store; clock: Clock }, actor: Actor): Promise<MyCare> {
  const out: MyCare = { pairs: [] };
  const now = deps.clock.now();
  for (const p of await deps.store.matching.pairsOf(actor.tenantId, actor.userId)) {
    const b = await deps.store.bookings.get(actor.tenantId, p.programId, p.menteeId);
    if (!b || b.mentorId !== p.mentorId || b.status === 'ended' || b.status === 'ending') continue;
    const pair = await currentPair(deps.store, { tenantId: actor.tenantId, programId: p.programId, menteeId: p.menteeId, mentorId: p.mentorId });
    if (!pair) continue;
    const pause = await deps.store.care.openPause(actor.tenantId, p.programId, p.menteeId);
    const partner = actor.userId === pair.mentor.id ? pair.mentee : pair.mentor;
    const zone = b.zones[b.organizerId] ?? 'UTC';
    const today = DateTime.fromJSDate(now, { zone });
    const latest = [today.plus({ days: MAX_PAUSE_DAYS }).toISODate()!, DateTime.fromISO(pair.program.endsOn).minus({ days: 1 }).toISODate()!].sort()[0]!;
    const sessions = (await deps.store.sessions.listForPair(actor.tenantId, p.programId, p.menteeId)).filter((s) => s.status !== 'cancelled');
    const ahead = sessions.some((s) => (s.status === 'planned' || s.status === 'moved') && s.end.getTime() > now.getTime());
    // A series whose last session is over has nothing left to pause.
    if (b.status === 'booked' && sessions.length > 0 && !ahead && !(pause && pause.status !== 'over')) continue;
    out.pairs.push({
      programId: p.programId,
      programName: pair.program.name,
      menteeId: p.menteeId,
      mentorId: p.mentorId,
      partner,
      canPause: b.status === 'booked' && today.toISODate()! <= latest,
      pause: pause && pause.status !== 'over' ? { untilDate: pause.untilDate, status: pause.status, problem: pause.problem } : null,
      latestUntil: latest,
      today: today.toISODate()!,
    });
  }
  return out;
}
