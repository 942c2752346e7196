import { describe, expect, it } from 'vitest';
import { proposeMatches } from './propose.ts';
import { reasonsInWords } from './reasons.ts';
import { DEFAULT_WEIGHTS, refusal, scorePair, sharedWorkingMinutes, whyUnmatched, type MatchingRules, type Participant } from './rules.ts';

const person = (p: Partial<Participant> & Pick<Participant, 'id' | 'name'>): Participant => ({
  department: 'Engineering',
  level: 4,
  hireDate: '2022-01-01',
  managerChain: [],
  role: 'mentor',
  teach: [],
  learn: [],
  timeZone: 'Europe/Berlin',
  workStart: '09:00',
  workEnd: '17:00',
  excluded: [],
  previousPartners: [],
  ...p,
});
const rules: MatchingRules = {
  seniority: { minLevelGap: 2, minTenureYearsGap: 0, combine: 'levels' },
  weights: DEFAULT_WEIGHTS,
  idealLevelGap: 3,
  asOf: '2026-11-25',
  topicNames: { ai: 'AI assistants', dash: 'dashboards', brand: 'personal brand', strategy: 'strategy', ops: 'operations' },
};
const ana = person({
  id: 'ana',
  name: 'Ana Silva',
  level: 5,
  department: 'Finance',
  teach: [
    { topicId: 'ai', level: 5 },
    { topicId: 'dash', level: 4 },
    { topicId: 'brand', level: 3 },
  ],
  learn: [{ topicId: 'strategy', level: 1 }],
});
const raj = person({
  id: 'raj',
  name: 'Raj Patel',
  level: 2,
  role: 'mentee',
  managerChain: ['cto', 'ceo'],
  teach: [{ topicId: 'strategy', level: 5 }],
  learn: [
    { topicId: 'ai', level: 1 },
    { topicId: 'dash', level: 2 },
    { topicId: 'brand', level: 1 },
    { topicId: 'ops', level: 1 },
  ],
});

describe('who may mentor whom', () => {
  it.each([
    ['a junior mentor three levels below', ana, raj, null],
    ['a mentor only one level below', { ...ana, level: 3 }, raj, 'not-junior'],
    ['a senior mentoring a junior', raj, ana, 'wrong-side'],
    ['the mentee’s own manager chain', { ...ana, id: 'cto' }, raj, 'same-line'],
    ['a mentor who reports to the mentee', { ...ana, managerChain: ['raj'] }, raj, 'same-line'],
    ['a previous pair', { ...ana, previousPartners: ['raj'] }, raj, 'paired-before'],
    ['an exclusion', ana, { ...raj, excluded: ['ana'] }, 'excluded'],
    ['someone who only wants to learn', { ...ana, role: 'mentee' as const }, raj, 'wrong-side'],
  ] as [string, Participant, Participant, string | null][])('%s', (_name, mentor, mentee, expected) => {
    expect(refusal(mentor, mentee, rules)?.kind ?? null).toBe(expected);
  });

  it('can use tenure instead of levels, never age', () => {
    const tenure: MatchingRules = { ...rules, seniority: { minLevelGap: 0, minTenureYearsGap: 5, combine: 'tenure' } };
    const sameLevel = { ...ana, level: 2, hireDate: '2024-06-01' };
    expect(refusal(sameLevel, { ...raj, hireDate: '2010-03-01' }, tenure)).toBeNull();
    expect(refusal(sameLevel, { ...raj, hireDate: '2022-03-01' }, tenure)?.kind).toBe('not-junior');
  });
});

describe('how good a pair is', () => {
  it('explains itself in plain words', () => {
    const { reasons, score } = scorePair(ana, raj, rules);
    expect(reasons).toEqual([
      'Ana teaches 3 of the 4 topics Raj wants: AI assistants, dashboards and personal brand',
      'Raj teaches back strategy',
      '8 h of shared working hours',
      'different departments (Finance ↔ Engineering)',
      '3 levels apart',
    ]);
    expect(score).toBeGreaterThan(0.7);
  });

  // Regression (issue 13): "all 2 topics". Raj wants the first `wanted` of ai, dash, brand, ops; Ana teaches the first `taught` of them.
  const topicIds = ['ai', 'dash', 'brand', 'ops'];
  it.each([
    [1, 1, 'Ana teaches the topic Raj wants: AI assistants'],
    [2, 2, 'Ana teaches both topics Raj wants: AI assistants and dashboards'],
    [3, 3, 'Ana teaches all 3 topics Raj wants: AI assistants, dashboards and personal brand'],
    [2, 1, 'Ana teaches one of the two topics Raj wants: AI assistants'],
    [3, 1, 'Ana teaches 1 of the 3 topics Raj wants: AI assistants'],
    [4, 3, 'Ana teaches 3 of the 4 topics Raj wants: AI assistants, dashboards and personal brand'],
    [1, 0, 'Ana does not teach the topic Raj asked for'],
    [2, 0, 'Ana teaches neither of the topics Raj asked for'],
    [3, 0, 'Ana teaches none of the topics Raj asked for'],
    [0, 0, 'Raj named no topics to learn'],
  ])('topics in words: Raj wants %i, Ana teaches %i of them', (wanted, taught, words) => {
    const mentor = { ...ana, teach: topicIds.slice(0, taught).map((topicId) => ({ topicId, level: 5 })) };
    const mentee = { ...raj, learn: topicIds.slice(0, wanted).map((topicId) => ({ topicId, level: 1 })) };
    expect(scorePair(mentor, mentee, rules).reasons[0]).toBe(words);
  });

  it.each([
    [3, '3 levels apart'],
    [1, '1 level apart'],
    [0, 'on the same level'],
    [-1, '1 level apart'],
  ])('the level gap in words: %i', (gap, words) => {
    expect(scorePair({ ...ana, level: raj.level + gap }, raj, rules).reasons.at(-1)).toBe(words);
  });

  it('scores topic fit above a mere department difference', () => {
    const noTopics = { ...ana, teach: [{ topicId: 'ops-x', level: 5 }] };
    expect(scorePair(ana, raj, rules).score).toBeGreaterThan(scorePair(noTopics, raj, rules).score);
  });

  it.each([
    ['Seattle and Bangalore', 'America/Los_Angeles', 'Asia/Kolkata', 0],
    ['Berlin and New York', 'Europe/Berlin', 'America/New_York', 120],
    ['London and Berlin', 'Europe/London', 'Europe/Berlin', 420],
  ])('shared working hours, %s', (_name, a, b, minutes) => {
    expect(sharedWorkingMinutes({ ...ana, timeZone: a }, { ...raj, timeZone: b }, '2026-11-25')).toBe(minutes);
  });
});

describe("the program's weights", () => {
  const weighted = (weights: Partial<MatchingRules['weights']>): MatchingRules => ({ ...rules, weights: { ...DEFAULT_WEIGHTS, ...weights } });

  it('gives no reason for a preference weighted 0', () => {
    const reasons = scorePair(ana, raj, weighted({ otherDepartment: 0 })).reasons;
    expect(reasons.join(' | ')).not.toMatch(/different departments/);
    expect(reasons).toHaveLength(4);
  });

  it.each([
    ['topics', /teaches .* Raj wants/],
    ['reciprocity', /teaches back/],
    ['sharedHours', /shared working hours/],
    ['idealGap', /levels apart/],
  ] as const)('%s weighted 0: not a reason', (preference, words) => {
    expect(scorePair(ana, raj, rules).reasons.some((r) => words.test(r))).toBe(true);
    expect(scorePair(ana, raj, weighted({ [preference]: 0 })).reasons.some((r) => words.test(r))).toBe(false);
  });

  it('leads with the most heavily weighted preferences', () => {
    expect(scorePair(ana, raj, { ...rules, weights: { topics: 0.1, reciprocity: 0.2, otherDepartment: 1, sharedHours: 0.5, idealGap: 0.1 } }).reasons).toEqual([
      'different departments (Finance ↔ Engineering)',
      '8 h of shared working hours',
      'Raj teaches back strategy',
      'Ana teaches 3 of the 4 topics Raj wants: AI assistants, dashboards and personal brand',
      '3 levels apart',
    ]);
  });

  it('counts only the proportions, and scores 0 when every preference is ignored', () => {
    const tenfold = { topics: 4.5, reciprocity: 2, otherDepartment: 1, sharedHours: 1.5, idealGap: 1 };
    expect(scorePair(ana, raj, { ...rules, weights: tenfold }).score).toBeCloseTo(scorePair(ana, raj, rules).score, 5);
    expect(scorePair(ana, raj, { ...rules, weights: { topics: 0, reciprocity: 0, otherDepartment: 0, sharedHours: 0, idealGap: 0 } })).toEqual({ score: 0, reasons: [], codes: [] });
  });

  it('decides which mentor a mentee gets', () => {
    // Cho teaches what Raj wants and sits in his department; Dev teaches nothing he wants, elsewhere.
    const cho = person({ id: 'cho', name: 'Cho Lee', level: 5, department: 'Engineering', teach: [{ topicId: 'ai', level: 5 }] });
    const dev = person({ id: 'dev', name: 'Dev Rao', level: 5, department: 'Sales', teach: [{ topicId: 'ops-x', level: 5 }] });
    const mentee = { ...raj, department: 'Engineering', learn: [{ topicId: 'ai', level: 1 }] };
    const mentorOf = (r: MatchingRules) => proposeMatches([cho, dev], [mentee], r, 1).pairs.map((p) => p.mentorId);
    expect(mentorOf(rules)).toEqual(['cho']);
    expect(mentorOf(weighted({ topics: 0, otherDepartment: 1 }))).toEqual(['dev']);
    expect(proposeMatches([cho, dev], [mentee], weighted({ topics: 0, otherDepartment: 1 }), 1).pairs[0]!.reasons[0]).toBe('different departments (Sales ↔ Engineering)');
  });
});

describe('why nobody fits', () => {
  it('names the common reason', () => {
    const refusals = [refusal({ ...ana, id: 'cto' }, raj, rules)!, refusal({ ...ana, id: 'ceo' }, raj, rules)!];
    expect(whyUnmatched(raj, refusals, 0)).toBe("every eligible mentor is in Raj's reporting line");
  });

  const inLine = (id: string) => refusal({ ...ana, id }, raj, rules)!;
  const pairedBefore = (id: string) => refusal({ ...ana, id, previousPartners: ['raj'] }, raj, rules)!;
  const excludedBy = (id: string) => refusal({ ...ana, id }, { ...raj, excluded: [id] }, rules)!;
  it.each([
    ['all of them', [inLine('cto'), inLine('ceo')], "every eligible mentor is in Raj's reporting line"],
    // A tie goes to the reason met first.
    ['one of three', [inLine('cto'), pairedBefore('a'), excludedBy('b')], "1 of 3 mentors is in Raj's reporting line"],
    ['two of three', [inLine('cto'), inLine('ceo'), pairedBefore('a')], "2 of 3 mentors are in Raj's reporting line"],
    ['three of four, paired before', [pairedBefore('a'), pairedBefore('b'), pairedBefore('c'), inLine('cto')], '3 of 4 mentors were paired with Raj before'],
    ['two of three, excluded', [excludedBy('a'), excludedBy('b'), inLine('cto')], '2 of 3 mentors were excluded by Raj or excluded them'],
  ])('counts the mentors in agreement with the verb: %s', (_name, refusals, words) => {
    expect(whyUnmatched(raj, refusals, 0)).toBe(words);
  });
});

describe('stored reasons carry no names', () => {
  it('keeps ids and figures in the codes and makes the same words from them with the names of the day', () => {
    const { reasons, codes } = scorePair(ana, raj, rules);
    expect(JSON.stringify(codes)).not.toMatch(/Ana|Raj|Finance|Sales|Engineering/);
    const ctx = { mentor: ana.name, mentee: raj.name, mentorDepartment: ana.department, menteeDepartment: raj.department, topicNames: rules.topicNames };
    expect(reasonsInWords(codes, ctx)).toEqual(reasons);
    expect(reasonsInWords(codes, { ...ctx, mentor: null, mentorDepartment: null }).join(' | ')).not.toMatch(/Ana/);
  });
});
