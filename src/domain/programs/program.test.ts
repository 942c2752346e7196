import { describe, expect, it } from 'vitest';
import { checkEnrollmentChoices, decide, enrollmentWindow, timeAsk, type ApprovalFacts, type ProgramRules } from './program.ts';
import { REVERSE_MENTORING_TOPICS } from './template.ts';

const program: ProgramRules = {
  startsOn: '2027-01-04',
  endsOn: '2027-07-02',
  enrollmentOpensOn: '2026-11-01',
  enrollmentClosesOn: '2026-12-31',
  cadences: ['weekly', 'biweekly'],
  sessionMinutes: 45,
  topics: REVERSE_MENTORING_TOPICS,
};

describe('enrollment window', () => {
  it.each([
    ['2026-10-31', 'upcoming'],
    ['2026-11-01', 'open'],
    ['2026-12-31', 'open'],
    ['2027-01-01', 'closed'],
  ] as const)('on %s it is %s', (today, expected) => expect(enrollmentWindow(program, today)).toBe(expected));
});

describe('time asked of a participant', () => {
  it.each([
    ['weekly', 26, 19.5, 6],
    ['biweekly', 13, 9.8, 6],
    ['monthly', 7, 5.3, 6],
  ] as const)('%s: %i sessions, %f hours over %i months', (cadence, sessions, hours, months) => {
    expect(timeAsk(program, cadence)).toEqual({ sessions, hours, months });
  });
});

describe('enrollment choices against the program', () => {
  const ok = { role: 'mentor' as const, teach: [{ topicId: 'ai-assistants', level: 4 }], learn: [{ topicId: 'strategy', level: 2 }], cadence: 'weekly' as const };
  it('accepts known topics and an offered cadence', () => expect(checkEnrollmentChoices(program, ok)).toBeNull());
  it('refuses an unknown topic, naming the field', () =>
    expect(checkEnrollmentChoices(program, { ...ok, learn: [{ topicId: 'astrology', level: 1 }] })).toEqual({ field: 'learn.0.topicId', message: '"astrology" is not a topic of this program' }));
  it('refuses a topic chosen twice', () =>
    expect(
      checkEnrollmentChoices(program, {
        ...ok,
        teach: [
          { topicId: 'ai-assistants', level: 4 },
          { topicId: 'ai-assistants', level: 2 },
        ],
      })?.field,
    ).toBe('teach.1.topicId'));
  it('refuses a cadence the program does not offer', () => expect(checkEnrollmentChoices(program, { ...ok, cadence: 'monthly' })?.field).toBe('cadence'));
});

describe('deciding an approval', () => {
  const pending: ApprovalFacts = { status: 'pending', version: 3, approverId: 'manager', approverKind: 'manager', decidedBy: null };
  it.each([
    ['the manager approves', pending, 'manager', false, 'approve', 3, { kind: 'decide', status: 'approved' }],
    ['the manager declines', pending, 'manager', false, 'decline', 3, { kind: 'decide', status: 'declined' }],
    ['someone else clicks', pending, 'colleague', false, 'approve', 3, { kind: 'refused', reason: 'not-allowed' }],
    ['a program admin clicks a manager’s request', pending, 'hr', true, 'approve', 3, { kind: 'refused', reason: 'not-allowed' }],
    ['an old card version', pending, 'manager', false, 'approve', 2, { kind: 'refused', reason: 'stale' }],
    ['a double click', { ...pending, status: 'approved' }, 'manager', false, 'approve', 3, { kind: 'already-decided', status: 'approved' }],
    ['the opposite decision after the first', { ...pending, status: 'approved' }, 'manager', false, 'decline', 3, { kind: 'refused', reason: 'not-pending' }],
    ['an expired request', { ...pending, status: 'expired' }, 'manager', false, 'approve', 3, { kind: 'refused', reason: 'not-pending' }],
    ['any program admin when there is no manager', { ...pending, approverId: null, approverKind: 'programAdmin' }, 'hr', true, 'approve', 3, { kind: 'decide', status: 'approved' }],
    ['a non-admin when there is no manager', { ...pending, approverId: null, approverKind: 'programAdmin' }, 'manager', false, 'approve', 3, { kind: 'refused', reason: 'not-allowed' }],
  ] as const)('%s', (_name, facts, who, admin, decision, version, expected) => {
    expect(decide(facts as ApprovalFacts, who, admin, decision, version)).toEqual(expected);
  });
});
