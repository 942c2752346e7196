/** "My mentoring": what one participant sees of their pairs — only their own answers, never the partner's. */
import type { MyMentoring, MyMentoringPair, MySession } from '../../contracts/sessions.ts';
import { clockWords, type LocalClock } from '../booking/words.ts';
import type { Actor } from '../shared/actor.ts';
import { personRef } from '../shared/cards.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';
import { firstName } from '../../cards/format.ts';
import { clockOf, originalTime, sessionWhen } from './context.ts';
import { reasonWordsFor } from '../matching/reasons.ts';
import type { SessionRecord } from './ports.ts';
import { learnedSkills } from '../closing/skills.ts';
import { midpointSession } from '../../domain/sessions/curriculum.ts';

export async function myMentoring(deps: { store: Store; clock: Clock }, actor: Actor): Promise<MyMentoring> {
  const now = deps.clock.now();
  const out: MyMentoringPair[] = [];
  const pairs = await deps.store.matching.pairsOf(actor.tenantId, actor.userId);
  // The office names the times of a pair without a booking yet: read only when there is a pair.
  const office = pairs.length === 0 ? null : ((await deps.store.directory.getPerson(actor.tenantId, actor.userId))?.officeLocation ?? null);
  for (const p of pairs) {
    const program = await deps.store.programs.get(actor.tenantId, p.programId);
    const role = p.mentorId === actor.userId ? 'mentor' : 'mentee';
    const partner = await deps.store.directory.getPerson(actor.tenantId, role === 'mentor' ? p.menteeId : p.mentorId);
    const booking = await deps.store.bookings.get(actor.tenantId, p.programId, p.menteeId);
    if (!program || !partner) continue;
    const clock: LocalClock = booking ? clockOf(booking, actor.userId, office) : { zone: 'UTC', office };
    const sessions = await deps.store.sessions.listForPair(actor.tenantId, p.programId, p.menteeId);
    const mine = new Map(
      (
        await deps.store.feedback.listForUser(
          actor.tenantId,
          actor.userId,
          sessions.map((s) => s.id),
        )
      ).map((f) => [f.sessionId, f]),
    );
    const view = (s: SessionRecord): MySession => ({
      id: s.id,
      n: s.n,
      of: s.of,
      start: s.start.toISOString(),
      end: s.end.toISOString(),
      when: sessionWhen(s, clock, false),
      status: s.status,
      topic: s.topic,
      myRating: mine.get(s.id)?.usefulness ?? null,
      answered: mine.has(s.id),
    });
    const next = sessions.find((s) => (s.status === 'planned' || s.status === 'moved') && s.end.getTime() > now.getTime());
    const past = sessions.filter((s) => s !== next && (s.end.getTime() <= now.getTime() || s.status === 'cancelled')).reverse();
    const live = sessions.filter((s) => s.status !== 'cancelled');
    const count = (...statuses: SessionRecord['status'][]) => live.filter((s) => statuses.includes(s.status) && s.end.getTime() <= now.getTime()).length;
    const names = new Map([
      [actor.userId, 'You'],
      [partner.id, firstName(partner.displayName)],
    ]);
    const nOf = new Map(sessions.map((s) => [s.id, s.n]));
    const items = (await deps.store.actionItems.listForPair(actor.tenantId, p.programId, p.menteeId)).map((i) => ({
      id: i.id,
      text: i.text,
      by: names.get(i.createdBy) ?? 'Someone',
      done: i.doneAt !== null,
      sessionN: nOf.get(i.sessionId) ?? null,
    }));
    const enrollment = (await deps.store.enrollments.listForUser(actor.tenantId, actor.userId)).find((e) => e.programId === p.programId && e.status === 'approved');
    const answered = sessions.filter((s) => mine.has(s.id));
    const goals = (enrollment?.goals ?? []).map((text, i) => {
      const history = answered.flatMap((s) => {
        const step = mine.get(s.id)!.goalSteps[i];
        return step ? [{ n: s.n, step }] : [];
      });
      return { text, current: history.at(-1)?.step ?? null, history };
    });
    out.push({
      programId: p.programId,
      programName: program.name,
      role,
      partner: personRef(partner),
      reasons: await reasonWordsFor(deps.store.directory, program, p, role === 'mentor' ? { mentee: partner } : { mentor: partner }),
      zone: clock.zone,
      zoneName: clockWords(clock, next?.start ?? now),
      next: next
        ? {
            ...view(next),
            joinUrl: booking?.joinUrl ?? null,
            note: next.status === 'moved' ? `Moved in Outlook from ${sessionWhen(originalTime(next), clock, false)}` : null,
          }
        : null,
      past: past.map(view),
      counts: { held: count('held', 'partly_held'), missed: count('missed'), planned: live.filter((s) => s.end.getTime() > now.getTime()).length, total: live.length },
      items,
      goals,
      skills: (await learnedSkills(deps.store, actor.tenantId, program, actor.userId)).map((k) => ({ topic: k.topic.name, before: k.before, mid: k.mid, after: k.end })),
      midpointSession: live[0] ? midpointSession(live[0].of) : null,
    });
  }
  return { pairs: out };
}
