// A program's matching weights: the contract's defaults are the domain's, HR's weights are stored
// with the program, and matching scores and words each pair by them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchingProposal } from '../src/contracts/matching.ts';
import { DEFAULT_MATCHING_WEIGHTS, MATCHING_PREFERENCES, programInputSchema, type MatchingWeights, type Program, type ProgramInput } from '../src/contracts/programs.ts';
import { DEFAULT_WEIGHTS, PREFERENCES } from '../src/domain/matching/rules.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor, type Api } from './support/api.ts';
import { startTestFlipside } from './support/flipside.ts';
import { ordinaryPeople } from './support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment } from './support/programs.ts';

describe('the contract', () => {
  it('defaults to the domain’s weights, for the same preferences', () => {
    expect(DEFAULT_MATCHING_WEIGHTS).toEqual(DEFAULT_WEIGHTS);
    expect(MATCHING_PREFERENCES).toEqual(PREFERENCES);
  });

  const base = (): Omit<ProgramInput, 'matchingWeights'> => ({
    name: 'P',
    description: '',
    startsOn: '2027-01-04',
    endsOn: '2027-06-28',
    enrollmentOpensOn: '2026-12-01',
    enrollmentClosesOn: '2027-01-03',
    cadences: ['weekly'],
    sessionMinutes: 45,
    topics: [
      { id: 'ai', name: 'AI', direction: 'teachesUp' },
      { id: 'strategy', name: 'Strategy', direction: 'teachesDown' },
    ],
    seniority: { minLevelGap: 2, minTenureYearsGap: 0, combine: 'levels' },
    mentorCapacity: 1,
    agendaLeadHours: 24,
    heldMinutes: 10,
    sessionPlan: null,
  });
  const zero: MatchingWeights = { topics: 0, reciprocity: 0, otherDepartment: 0, sharedHours: 0, idealGap: 0 };

  it('fills in the defaults when a program gives none', () => {
    expect(programInputSchema.parse(base()).matchingWeights).toEqual(DEFAULT_WEIGHTS);
  });

  it.each([
    ['every preference ignored', zero, 'matchingWeights', 'give at least one preference some weight'],
    ['a negative weight', { ...DEFAULT_MATCHING_WEIGHTS, sharedHours: -0.1 }, 'matchingWeights.sharedHours', 'must be 0 (ignore) or more'],
    ['a weight above 1', { ...DEFAULT_MATCHING_WEIGHTS, topics: 2 }, 'matchingWeights.topics', 'must be at most 1'],
    ['a weight missing', { ...DEFAULT_MATCHING_WEIGHTS, idealGap: undefined }, 'matchingWeights.idealGap', undefined],
  ])('refuses %s, naming the field', (_name, matchingWeights, field, message) => {
    const checked = programInputSchema.safeParse({ ...base(), matchingWeights });
    expect(checked.success).toBe(false);
    const issue = checked.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(field);
    if (message) expect(issue.message).toBe(message);
  });

  it('takes a single preference on its own', () => {
    expect(programInputSchema.safeParse({ ...base(), matchingWeights: { ...zero, sharedHours: 1 } }).success).toBe(true);
  });
});

describe('a program’s weights in matching', () => {
  let f: Flipside;
  let api: Api;
  let hr: string;
  let mentors: string[];
  let mentees: string[];
  const org = () => f.sandbox!.tenant.org;

  beforeAll(async () => {
    f = await startTestFlipside({ orgSize: 300, seed: 5 });
    api = apiFor(f);
    hr = org().personas.hrAdmin;
    const usable = ordinaryPeople(org());
    mentors = usable
      .filter((p) => p.level >= 4)
      .slice(0, 8)
      .map((p) => p.id);
    mentees = usable
      .filter((p) => p.level === 1 || p.level === 2)
      .slice(0, 6)
      .map((p) => p.id);
  });
  afterAll(async () => f?.close());

  /** A program with `weights` (or the template's), everyone enrolled and approved, matched once. */
  async function matched(weights?: MatchingWeights): Promise<{ program: Program; proposal: MatchingProposal }> {
    const program = await createProgram(api, hr, { name: `Weights ${Math.random().toString(36).slice(2, 8)}`, ...(weights ? { matchingWeights: weights } : {}) });
    await enrollApproved(f, api, program.id, [
      ...mentors.map((userId) => ({ userId, enrollment: mentorEnrollment({ learn: [{ topicId: 'strategy', level: 2 }] }) })),
      ...mentees.map((userId) => ({ userId, enrollment: menteeEnrollment({ teach: [{ topicId: 'strategy', level: 5 }] }) })),
    ]);
    return { program, proposal: await api.ok<MatchingProposal>(hr, 'POST', `/programs/${program.id}/matching/runs`) };
  }

  it('keeps the template’s defaults, and says which they are', async () => {
    const { program, proposal } = await matched();
    expect(program.matchingWeights).toEqual(DEFAULT_MATCHING_WEIGHTS);
    expect(proposal.pairs.length).toBeGreaterThan(0);
    // The sandbox puts these people in different departments: the default weights say so.
    expect(proposal.pairs.some((p) => p.reasons.some((r) => r.startsWith('different departments')))).toBe(true);
    for (const pair of proposal.pairs) expect(pair.reasons[0]).toMatch(/teaches/);
  });

  it('gives no "different departments" reason when HR weights that preference 0', async () => {
    const { program, proposal } = await matched({ ...DEFAULT_MATCHING_WEIGHTS, otherDepartment: 0 });
    expect(program.matchingWeights.otherDepartment).toBe(0);
    expect(proposal.pairs.length).toBeGreaterThan(0);
    for (const pair of proposal.pairs) expect(pair.reasons.join(' | ')).not.toMatch(/different departments/);
  });

  it('leads each pair’s reasons with the preference HR weighted most', async () => {
    const { proposal } = await matched({ topics: 0.1, reciprocity: 0, otherDepartment: 0, sharedHours: 1, idealGap: 0 });
    for (const pair of proposal.pairs) {
      expect(pair.reasons[0]).toMatch(/shared working hours/);
      expect(pair.reasons).toHaveLength(2);
    }
  });

  it('stores changed weights, and a program saved before weights existed reports the defaults', async () => {
    const program = await createProgram(api, hr, { name: 'Weights round trip' });
    const { id: _i, enrollment: _e, counts: _c, ...input } = program;
    const changed = { ...DEFAULT_MATCHING_WEIGHTS, reciprocity: 0.8 };
    expect((await api.ok<Program>(hr, 'PUT', `/programs/${program.id}`, { ...input, matchingWeights: changed })).matchingWeights).toEqual(changed);
    const listed = async () => (await api.ok<Program[]>(hr, 'GET', '/programs')).find((p) => p.id === program.id)!.matchingWeights;
    expect(await listed()).toEqual(changed);
    await f.db.query('UPDATE programs SET matching_weights = NULL WHERE id = $1', [program.id]);
    expect(await listed()).toEqual(DEFAULT_MATCHING_WEIGHTS);
  });
});
