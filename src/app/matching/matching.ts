import { performance } from 'node:perf_hooks';
import { matchCard } from '../../cards/index.ts';
import type { MatchingProposal, MyMatch } from '../../contracts/matching.ts';
import { proposeMatches } from '../../domain/matching/propose.ts';
import { DEFAULT_WEIGHTS, refusal, scorePair, type MatchingRules, type Participant } from '../../domain/matching/rules.ts';
import type { Actor } from '../shared/actor.ts';
import { cardActivity, personRef } from '../shared/cards.ts';
import { type ApprovalSettings } from '../approvals/approval-messages.ts';
import { bookingFor, queueBookings, type BookingSettings } from '../booking/booking.ts';
import { AppError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { MatchingDraft, PairRecord, WorkingHoursSource } from './ports.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { Store } from '../store.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';
import { today } from '../programs/programs.ts';
import { reasonWordsFor } from './reasons.ts';
import { audit } from '../audit/audit.ts';
import type { AuditAction, AuditDetails } from '../audit/ports.ts';
import { tabLink } from '../../cards/tab-link.ts';

type Deps = { store: Store; clock: Clock; settings: ApprovalSettings & { organizer?: BookingSettings['organizer'] }; workingHours: WorkingHoursSource };

function requireAdmin(actor: Actor) {
  if (!actor.isProgramAdmin) throw new AppError('forbidden', 'Only program admins (the Program.Admin role) can run matching.');
}

async function programOf(deps: Deps, actor: Actor, programId: string): Promise<ProgramRecord> {
  const program = await deps.store.programs.get(actor.tenantId, programId);
  if (!program) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  return program;
}

export interface Pool {
  mentors: Participant[];
  mentees: Participant[];
  byId: Map<string, Participant>;
  rules: MatchingRules;
  capacity: number;
}

/** The approved participants of a program, as matching sees them: org chart, enrollment, working day. */
export async function poolOf(deps: Pick<Deps, 'store' | 'clock' | 'workingHours'>, program: ProgramRecord): Promise<Pool> {
  const { store } = deps;
  const enrollments = await store.enrollments.listApproved(program.tenantId, program.id);
  const ids = enrollments.map((e) => e.userId);
  const [hours, previous] = await Promise.all([deps.workingHours.workingHours(ids), store.matching.previousPartners(program.tenantId)]);
  const participants: Participant[] = [];
  for (const e of enrollments) {
    const person = await store.directory.getPerson(program.tenantId, e.userId);
    if (!person) continue; // left the directory since approval
    const chain = await store.directory.managerChain(program.tenantId, e.userId);
    const h = hours.get(e.userId) ?? { timeZone: 'UTC', start: '09:00', end: '17:00' };
    participants.push({
      id: e.userId,
      name: person.displayName,
      department: person.department,
      level: person.level,
      hireDate: person.hireDate?.slice(0, 10) ?? null,
      managerChain: chain.map((m) => m.id),
      role: e.role,
      teach: e.teach,
      learn: e.learn,
      timeZone: h.timeZone,
      workStart: h.start,
      workEnd: h.end,
      excluded: [],
      previousPartners: previous.get(e.userId) ?? [],
    });
  }
  const rules: MatchingRules = {
    seniority: program.seniority,
    weights: program.matchingWeights ?? DEFAULT_WEIGHTS,
    idealLevelGap: Math.max(program.seniority.minLevelGap, 1) + 1,
    asOf: today(deps.clock),
    topicNames: Object.fromEntries(program.topics.map((t) => [t.id, t.name])),
  };
  return {
    mentors: participants.filter((p) => p.role !== 'mentee'),
    mentees: participants.filter((p) => p.role !== 'mentor'),
    byId: new Map(participants.map((p) => [p.id, p])),
    rules,
    capacity: program.mentorCapacity,
  };
}

/**
 * Who waits for the next round once pairs are published: approved people in no published pair
 * of the program, and how many of them were approved after the last publishing.
 */
async function waitingFor(store: Store, program: ProgramRecord): Promise<MatchingProposal['waiting']> {
  const published = await store.matching.programPairs(program.tenantId, program.id);
  if (published.length === 0) return { total: 0, approvedSincePublishing: 0 };
  const paired = new Set(published.flatMap((p) => [p.mentorId, p.menteeId]));
  const last = Math.max(...published.map((p) => p.publishedAt.getTime()));
  const waiting = (await store.enrollments.listApproved(program.tenantId, program.id)).filter((e) => !paired.has(e.userId));
  return { total: waiting.length, approvedSincePublishing: waiting.filter((e) => (e.decidedAt ?? e.updatedAt).getTime() > last).length };
}

/** The proposal as the tab shows it: names looked up, ids kept. */
async function view(store: Store, program: ProgramRecord, d: MatchingDraft): Promise<MatchingProposal> {
  const found = new Map<string, Promise<DirectoryPerson | null>>();
  const person = (id: string) => {
    if (!found.has(id))
      found.set(
        id,
        store.directory.getPerson(program.tenantId, id).then((p) => p ?? null),
      );
    return found.get(id)!;
  };
  const ref = async (id: string) => {
    const p = await person(id);
    return p ? personRef(p) : { id, displayName: 'Someone who left', jobTitle: null, department: null };
  };
  const words = async (p: PairRecord) => reasonWordsFor(store.directory, program, p, { mentor: await person(p.mentorId), mentee: await person(p.menteeId) });
  return {
    programId: program.id,
    status: d.status,
    round: d.round ?? 1,
    waiting: await waitingFor(store, program),
    runAt: d.runAt.toISOString(),
    publishedAt: d.publishedAt?.toISOString() ?? null,
    pairs: await Promise.all(
      d.pairs.map(async (p) => ({
        mentor: await ref(p.mentorId),
        mentee: await ref(p.menteeId),
        score: p.score,
        reasons: await words(p),
        locked: p.locked,
        manual: p.manual,
        published: p.published ?? false,
      })),
    ),
    unmatched: await Promise.all(d.unmatched.map(async (u) => ({ person: await ref(u.menteeId), reason: u.reason }))),
    removed: await Promise.all(d.removals.map(async (r) => ({ mentor: await ref(r.mentorId), mentee: await ref(r.menteeId) }))),
    stats: d.stats,
  };
}

/**
 * Runs matching over the approved pool: locked and hand-assigned pairs stay, removed pairs are never
 * proposed again; the rest is the best assignment (most mentees matched, then the highest total
 * score), each pair with its reasons and each unmatched mentee with why nobody fits.
 * After publishing, a run starts the next round for the unmatched and the newly approved: every
 * published pair is kept as it is and uses its mentor's capacity.
 * @throws AppError `forbidden`, `not_found`.
 */
export async function runMatching(deps: Deps, actor: Actor, programId: string): Promise<MatchingProposal> {
  requireAdmin(actor);
  const program = await programOf(deps, actor, programId);
  const previous = await deps.store.matching.getDraft(actor.tenantId, programId);
  const round = previous?.status === 'published' ? (previous.round ?? 1) + 1 : (previous?.round ?? 1);
  const started = performance.now();
  const pool = await poolOf(deps, program);
  const removals = previous?.removals ?? [];
  const published: PairRecord[] = (await deps.store.matching.programPairs(actor.tenantId, programId)).map(({ publishedAt: _at, ...p }) => p);
  const publishedMentees = new Set(published.map((p) => p.menteeId));
  const held = (previous?.status === 'draft' ? previous.pairs : []).filter(
    (p) => !p.published && !publishedMentees.has(p.menteeId) && (p.locked || p.manual) && pool.byId.has(p.mentorId) && pool.byId.has(p.menteeId),
  );
  const kept = [...published, ...held];
  const proposal = proposeMatches(pool.mentors, pool.mentees, pool.rules, pool.capacity, { kept, removed: removals });
  const pairs = [...kept, ...proposal.pairs.map(({ codes, reasons: _words, ...p }) => ({ ...p, reasons: codes, locked: false, manual: false }))];
  const draft: MatchingDraft = {
    status: 'draft',
    round,
    runAt: deps.clock.now(),
    publishedAt: null,
    pairs,
    unmatched: proposal.unmatched,
    removals,
    stats: {
      mentors: pool.mentors.length,
      mentees: pool.mentees.length,
      matched: pairs.length,
      eligiblePairs: proposal.eligiblePairs,
      optimalityGap: proposal.optimalityGap,
      milliseconds: Math.round(performance.now() - started),
    },
  };
  await saveAudited(deps, actor, programId, draft, 'matching.run', { details: { round, matched: draft.stats.matched, mentees: draft.stats.mentees } });
  return view(deps.store, program, draft);
}

/** Saves the draft and records the admin action in the audit log, together. */
async function saveAudited(deps: Deps, actor: Actor, programId: string, draft: MatchingDraft, action: AuditAction, what: { subjectId?: string; details?: AuditDetails } = {}) {
  await deps.store.transaction(async (tx) => {
    await tx.matching.saveDraft(actor.tenantId, programId, draft);
    await audit(tx, deps.clock, actor, action, { programId, ...what });
  });
}

async function editableDraft(deps: Deps, actor: Actor, programId: string) {
  requireAdmin(actor);
  const program = await programOf(deps, actor, programId);
  const draft = await deps.store.matching.getDraft(actor.tenantId, programId);
  if (!draft) throw new AppError('not_found', 'Run matching first.', { field: 'id' });
  if (draft.status === 'published') throw new AppError('conflict', 'This program’s matching is already published: run matching again for the next round.');
  return { program, draft };
}

function pairOf(draft: MatchingDraft, menteeId: string): PairRecord {
  const pair = draft.pairs.find((p) => p.menteeId === menteeId);
  if (!pair) throw new AppError('not_found', 'That mentee has no proposed pair.', { field: 'menteeId' });
  if (pair.published) throw new AppError('conflict', 'This pair was published in an earlier round: it stays as it is.', { field: 'menteeId' });
  return pair;
}

/** The program's proposal, or null before matching first ran (an empty state, not an error: the page shows "Run matching"). */
export async function getMatching(deps: Deps, actor: Actor, programId: string): Promise<MatchingProposal | null> {
  requireAdmin(actor);
  const program = await programOf(deps, actor, programId);
  const draft = await deps.store.matching.getDraft(actor.tenantId, programId);
  if (!draft) return null;
  return view(deps.store, program, draft);
}

export async function lockPair(deps: Deps, actor: Actor, programId: string, menteeId: string, locked: boolean): Promise<MatchingProposal> {
  const { program, draft } = await editableDraft(deps, actor, programId);
  const pair = pairOf(draft, menteeId);
  pair.locked = locked;
  await saveAudited(deps, actor, programId, draft, locked ? 'matching.locked' : 'matching.unlocked', { subjectId: menteeId, details: { mentorId: pair.mentorId } });
  return view(deps.store, program, draft);
}

/** Removes a proposed pair; it is never proposed again for this program. */
export async function removePair(deps: Deps, actor: Actor, programId: string, menteeId: string): Promise<MatchingProposal> {
  const { program, draft } = await editableDraft(deps, actor, programId);
  const pair = pairOf(draft, menteeId);
  draft.pairs = draft.pairs.filter((p) => p !== pair);
  draft.removals.push({ mentorId: pair.mentorId, menteeId: pair.menteeId });
  draft.unmatched.push({ menteeId, reason: 'its proposed pair was removed by HR: run matching again or assign by hand' });
  draft.stats.matched = draft.pairs.length;
  await saveAudited(deps, actor, programId, draft, 'matching.removed', { subjectId: menteeId, details: { mentorId: pair.mentorId } });
  return view(deps.store, program, draft);
}

/**
 * Pairs two people by hand. The must-rules are checked and a broken one is refused with its reason;
 * the mentor's capacity too. The pair is kept (locked) when matching runs again.
 * @throws AppError `bad_request` naming the rule, `conflict` once published.
 */
export async function assignByHand(deps: Deps, actor: Actor, programId: string, mentorId: string, menteeId: string): Promise<MatchingProposal> {
  const { program, draft } = await editableDraft(deps, actor, programId);
  const pool = await poolOf(deps, program);
  const mentor = pool.mentors.find((m) => m.id === mentorId);
  const mentee = pool.mentees.find((m) => m.id === menteeId);
  if (draft.pairs.some((p) => p.published && p.menteeId === menteeId)) throw new AppError('conflict', 'This mentee was paired in an earlier round: that pair stays as it is.', { field: 'menteeId' });
  if (!mentor) throw new AppError('bad_request', 'That person is not an approved mentor of this program.', { field: 'mentorId' });
  if (!mentee) throw new AppError('bad_request', 'That person is not an approved mentee of this program.', { field: 'menteeId' });
  const no = refusal(mentor, mentee, pool.rules);
  if (no) throw new AppError('bad_request', `This pair breaks a rule: ${no.words}.`, { field: 'mentorId' });
  const others = draft.pairs.filter((p) => p.mentorId === mentorId && p.menteeId !== menteeId).length;
  if (others >= pool.capacity) throw new AppError('bad_request', `${mentor.name} already has ${others} mentee${others === 1 ? '' : 's'}, the most this program allows.`, { field: 'mentorId' });
  const scored = scorePair(mentor, mentee, pool.rules);
  draft.pairs = [...draft.pairs.filter((p) => p.menteeId !== menteeId), { mentorId, menteeId, score: scored.score, reasons: scored.codes, locked: true, manual: true }];
  draft.unmatched = draft.unmatched.filter((u) => u.menteeId !== menteeId);
  draft.removals = draft.removals.filter((r) => !(r.mentorId === mentorId && r.menteeId === menteeId));
  draft.stats.matched = draft.pairs.length;
  await saveAudited(deps, actor, programId, draft, 'matching.assigned', { subjectId: menteeId, details: { mentorId } });
  return view(deps.store, program, draft);
}

/**
 * Publishes the round's new pairs: stored for good, both people of each pair get a card with their
 * reasons, and each pair is queued for booking (the booking job finds their times). Pairs published
 * in earlier rounds stay as they are and hear nothing new.
 */
export async function publishMatching(deps: Deps, actor: Actor, programId: string): Promise<MatchingProposal> {
  const { program, draft } = await editableDraft(deps, actor, programId);
  const fresh = draft.pairs.filter((p) => !p.published);
  if (fresh.length === 0) throw new AppError('bad_request', (draft.round ?? 1) > 1 ? 'This round has no new pairs to publish.' : 'There are no pairs to publish.', { field: 'pairs' });
  const now = deps.clock.now();
  const published: MatchingDraft = { ...draft, status: 'published', publishedAt: now, pairs: draft.pairs.map((p) => ({ ...p, published: true })) };
  await deps.store.transaction(async (tx) => {
    await tx.matching.insertPairs(actor.tenantId, programId, fresh, now);
    await tx.matching.saveDraft(actor.tenantId, programId, published);
    await audit(tx, deps.clock, actor, 'matching.published', { programId, details: { pairs: fresh.length } });
    await queueBookings(tx, deps.settings.organizer ?? 'mentor', actor.tenantId, programId, fresh, now);
    for (const pair of fresh) {
      for (const [me, partner, role] of [
        [pair.mentorId, pair.menteeId, 'mentor'],
        [pair.menteeId, pair.mentorId, 'mentee'],
      ] as const) {
        const other = await tx.directory.getPerson(actor.tenantId, partner);
        if (!other) continue;
        const reasons = await reasonWordsFor(tx.directory, program, pair);
        const card = matchCard({ program: { name: program.name }, role, partner: personRef(other), reasons, tabUrl: tabLink(deps.settings.tabUrl, '/mentoring') });
        await tx.outbox.enqueue({
          tenantId: actor.tenantId,
          dedupeKey: `match:${programId}:${pair.menteeId}:to:${me}`,
          recipientId: me,
          kind: 'send',
          activity: cardActivity(card, `Meet your ${role === 'mentor' ? 'mentee' : 'mentor'}: ${other.displayName}`),
        });
      }
    }
  });
  return view(deps.store, program, published);
}

/** The caller's published matches, with their partner and the reasons. */
export async function myMatches(deps: { store: Store; clock: Clock }, actor: Actor): Promise<MyMatch[]> {
  const pairs = await deps.store.matching.pairsOf(actor.tenantId, actor.userId);
  const out: MyMatch[] = [];
  for (const p of pairs) {
    const program = await deps.store.programs.get(actor.tenantId, p.programId);
    const role = p.mentorId === actor.userId ? 'mentor' : 'mentee';
    const partner = await deps.store.directory.getPerson(actor.tenantId, role === 'mentor' ? p.menteeId : p.mentorId);
    if (!program || !partner) continue;
    const booking = await bookingFor(deps, actor.tenantId, p.programId, p.menteeId, actor.userId);
    const reasons = await reasonWordsFor(deps.store.directory, program, p, role === 'mentor' ? { mentee: partner } : { mentor: partner });
    out.push({ programId: p.programId, programName: program.name, role, partner: personRef(partner), reasons, publishedAt: p.publishedAt.toISOString(), booking });
  }
  return out;
}
