import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchingProposal, MyMatch } from '../src/contracts/matching.ts';
import type { Program } from '../src/contracts/programs.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor, type Api } from './support/api.ts';
import { deliverAll, startTestFlipside } from './support/flipside.ts';
import { ordinaryPeople } from './support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment } from './support/programs.ts';

let f: Flipside;
let api: Api;
let program: Program;
let hr: string;
const org = () => f.sandbox!.tenant.org;

let mentorIds: string[];
let menteeIds: string[];
let peerMentor: string;

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 300, seed: 5 });
  api = apiFor(f);
  hr = org().personas.hrAdmin;
  // Levels alone (the template also counts five years' tenure): the peer on the mentees' level must stay refused.
  program = await createProgram(api, hr, { name: 'Matching test', mentorCapacity: 1, seniority: { minLevelGap: 2, minTenureYearsGap: 0, combine: 'levels' } });
  const usable = ordinaryPeople(org());
  // Reverse mentoring: the mentors are the juniors (deep in the chart), the mentees the seniors.
  mentorIds = usable
    .filter((p) => p.level >= 4)
    .slice(0, 10)
    .map((p) => p.id);
  menteeIds = usable
    .filter((p) => p.level === 1 || p.level === 2)
    .slice(0, 8)
    .map((p) => p.id);
  peerMentor = usable.filter((p) => p.level === 2 && !menteeIds.includes(p.id))[0]!.id;
  // Approval is covered elsewhere: here every enrollment is approved.
  await enrollApproved(f, api, program.id, [
    ...mentorIds.map((userId) => ({
      userId,
      enrollment: mentorEnrollment({
        teach: [
          { topicId: 'ai-assistants', level: 4 },
          { topicId: 'data-dashboards', level: 3 },
        ],
        learn: [{ topicId: 'strategy', level: 2 }],
      }),
    })),
    ...menteeIds.map((userId) => ({ userId, enrollment: menteeEnrollment({ teach: [{ topicId: 'strategy', level: 5 }] }) })),
    { userId: peerMentor, enrollment: mentorEnrollment({ teach: [{ topicId: 'ai-assistants', level: 5 }] }) },
  ]);
});
afterAll(async () => f?.close());

describe('matching, reviewed by HR', () => {
  let first: MatchingProposal;

  it('is for program admins only', async () => {
    expect((await api(menteeIds[0]!, 'POST', `/programs/${program.id}/matching/runs`)).status).toBe(403);
    // Regression (issue 13): "the Matching page logs a 404 before the first run": before it, the answer is an empty state.
    expect(await api(hr, 'GET', `/programs/${program.id}/matching`)).toMatchObject({ status: 200, body: null });
  });

  it('proposes the best pairs under the org-chart rules, each with its reasons', async () => {
    const res = await api(hr, 'POST', `/programs/${program.id}/matching/runs`);
    expect(res.status).toBe(200);
    first = res.body as MatchingProposal;
    expect(first.stats).toMatchObject({ mentees: 8, optimalityGap: 0 });
    expect(first.pairs.length + first.unmatched.length).toBe(8);
    for (const pair of first.pairs) {
      const mentor = org().byId.get(pair.mentor.id)!;
      const mentee = org().byId.get(pair.mentee.id)!;
      expect(mentor.level - mentee.level).toBeGreaterThanOrEqual(2);
      expect(pair.mentor.id).not.toBe(peerMentor);
      expect(pair.reasons.join(' ')).toMatch(/teaches .* topics|levels apart/);
    }
    for (const u of first.unmatched) expect(u.reason.length).toBeGreaterThan(10);
  });

  it('keeps a locked pair and never proposes a removed one again', async () => {
    const [lock, remove] = first.pairs;
    await api(hr, 'POST', `/programs/${program.id}/matching/pairs/${lock!.mentee.id}/lock`, { locked: true });
    const afterRemove = (await api(hr, 'DELETE', `/programs/${program.id}/matching/pairs/${remove!.mentee.id}`)).body as MatchingProposal;
    expect(afterRemove.removed).toEqual([{ mentor: remove!.mentor, mentee: remove!.mentee }]);
    const again = (await api(hr, 'POST', `/programs/${program.id}/matching/runs`)).body as MatchingProposal;
    expect(again.pairs.find((p) => p.mentee.id === lock!.mentee.id)).toMatchObject({ mentor: lock!.mentor, locked: true });
    expect(again.pairs.some((p) => p.mentor.id === remove!.mentor.id && p.mentee.id === remove!.mentee.id)).toBe(false);
  });

  it('refuses a hand assignment that breaks a must-rule, naming it, and changes nothing', async () => {
    const before = (await api(hr, 'GET', `/programs/${program.id}/matching`)).body as MatchingProposal;
    const res = await api(hr, 'POST', `/programs/${program.id}/matching/pairs`, { mentorId: peerMentor, menteeId: menteeIds[0] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'mentorId' });
    expect(res.body.error.message).toMatch(/^This pair breaks a rule: .*(not junior enough|reporting line)/);
    expect((await api(hr, 'GET', `/programs/${program.id}/matching`)).body).toEqual(before);
    expect((await api(hr, 'POST', `/programs/${program.id}/matching/pairs`, { mentorId: 'x', menteeId: menteeIds[0] })).status).toBe(400);
  });

  it('publishes: both people of each pair get a card with their reasons, and see their partner in the tab', async () => {
    const published = (await api(hr, 'POST', `/programs/${program.id}/matching/publish`)).body as MatchingProposal;
    expect(published.status).toBe('published');
    await deliverAll(f);
    const pair = published.pairs[0]!;
    const mentorCards = JSON.stringify(f.sandbox!.connector.delivered(pair.mentor.id));
    expect(mentorCards).toContain(`Meet your mentee: ${pair.mentee.displayName}`);
    expect(mentorCards).toContain(pair.reasons[0]!.slice(0, 20));
    expect(JSON.stringify(f.sandbox!.connector.delivered(pair.mentee.id))).toContain(`Meet your mentor: ${pair.mentor.displayName}`);
    const mine = (await api(pair.mentee.id, 'GET', '/matches/mine')).body as MyMatch[];
    expect(mine).toEqual([expect.objectContaining({ programId: program.id, role: 'mentee', partner: pair.mentor })]);
    // Running again after publishing starts the next round: every published pair stays.
    const next = (await api(hr, 'POST', `/programs/${program.id}/matching/runs`)).body as MatchingProposal;
    expect(next.round).toBe(2);
    expect(next.pairs.filter((p) => p.published)).toHaveLength(published.pairs.length);
  });
});
