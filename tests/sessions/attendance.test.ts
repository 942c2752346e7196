import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../src/app/sessions/ports.ts';
import { bookedPair, click, feedbackFor, sessionsOf, skip, type BookedPair } from './support.ts';

let p: BookedPair;
beforeAll(async () => {
  p = await bookedPair({ seed: 23 });
  await skip(p.f, 'day');
}, 90_000);
afterAll(async () => p?.f.close());

const MIN = 60_000;
const tenant = () => p.f.sandbox!.tenant;
const seriesId = () => tenant().eventsOf(p.mentor)[0]!.id;
const upcoming = async () => (await sessionsOf(p.f, p)).filter((s) => s.status === 'planned' && s.start.getTime() > p.f.sandbox!.clock.now().getTime());
const from = (s: SessionRecord, a: number, b: number) => [{ join: new Date(s.start.getTime() + a * MIN), leave: new Date(s.start.getTime() + b * MIN) }];

describe('whether a session was held, from the Teams meeting’s attendance report', () => {
  const cases: { case: string; people: (s: SessionRecord) => Record<string, { join: Date; leave: Date }[]>; status: string }[] = [
    { case: 'both in the meeting together for 10 minutes or more', people: (s) => ({ [p.mentor]: from(s, 0, 25), [p.mentee]: from(s, 2, 25) }), status: 'held' },
    { case: 'a late joiner: together for 5 minutes', people: (s) => ({ [p.mentor]: from(s, 0, 25), [p.mentee]: from(s, 20, 25) }), status: 'partly_held' },
    { case: 'one never came', people: (s) => ({ [p.mentee]: from(s, 0, 25) }), status: 'partly_held' },
    { case: 'the meeting never started (nobody joined, no report)', people: () => ({}), status: 'missed' },
  ];
  for (const c of cases) {
    it(`${c.case} → ${c.status}`, async () => {
      const [next] = await upcoming();
      tenant().setAttendance(seriesId(), next!.originalStart, c.people(next!));
      await skip(p.f, 'next-session');
      const after = (await sessionsOf(p.f, p)).find((s) => s.id === next!.id)!;
      expect(after.status).toBe(c.status);
      expect(after.source).toBe('attendance');
      // Each of the pair gets the feedback card; after a missed session it asks only about another time.
      const card = JSON.stringify(feedbackFor(p.f, p.mentee, next!.id).card);
      if (c.status === 'missed') {
        expect(card).toContain('feedback.missed');
        expect(card).not.toContain('"usefulness"');
      } else expect(card).toContain('"usefulness"');
    });
  }

  it('where the tenant does not allow reading attendance, HR is told once and the pair’s own answer decides', async () => {
    tenant().attendance.policyGranted = false;
    const sessions = await upcoming();
    for (const s of sessions.slice(0, 2)) tenant().setAttendance(seriesId(), s.originalStart, { [p.mentor]: from(s, 0, 25), [p.mentee]: from(s, 0, 25) });
    await skip(p.f, 'next-session');
    await skip(p.f, 'next-session');
    const [a, b] = (await sessionsOf(p.f, p)).filter((s) => sessions.slice(0, 2).some((x) => x.id === s.id));
    for (const s of [a!, b!]) {
      expect(s.status).toBe('planned');
      expect(s.attendanceProblem).toMatch(/application access policy/);
    }
    const told = p.f.sandbox!.connector.delivered(p.hr).filter((x) => String(x.text ?? '').includes('cannot read Teams attendance'));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toMatch(/OnlineMeetingArtifact\.Read\.All/);
    // The feedback card has no prefilled answer; the mentee says it happened (late, after the next agenda: a first answer is still taken), so it counts as held.
    const fb = feedbackFor(p.f, p.mentee, a!.id);
    const answer = await click(p.f, p.mentee, fb.conversationId, fb.messageId, 'feedback.submit', { sessionId: a!.id, happened: 'yes', usefulness: '5' });
    expect(answer.error).toBeUndefined();
    const settled = (await sessionsOf(p.f, p)).find((s) => s.id === a!.id)!;
    expect(settled.status).toBe('held');
    expect(settled.source).toBe('feedback');
    tenant().attendance.policyGranted = true;
  });
});
