import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { closingSurveyCard, type ClosingSurveyCardVM } from './closing-survey.ts';
import { completionCard, recognitionCard, recognitionLine } from './completion.ts';

const person = (displayName: string, jobTitle: string | null = null) => ({ id: displayName, displayName, jobTitle, department: null });
const base: ClosingSurveyCardVM = {
  programId: '11111111-1111-4111-8111-111111111111',
  menteeId: '22222222-2222-4222-8222-222222222222',
  recipientId: 'ana',
  program: { name: 'Spring reverse mentoring' },
  partner: person('Raj Patel', 'CFO'),
  role: 'mentor',
  sessionsHeld: 12,
  skills: [{ name: 'Strategy', before: 2 }],
  managerName: 'Mia Chen',
  mode: 'ask',
  answer: null,
  tabUrl: 'https://flipside.example/mentoring',
};

describe('the closing survey card', () => {
  it('asks the junior mentor about recognition, naming their manager, and refreshes only for them', () => {
    const card = closingSurveyCard(base);
    expect(JSON.stringify(card)).toContain('Mia Chen, your manager');
    expect(card.refresh?.userIds).toEqual(['ana']);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('never asks the mentee, and shows a refused answer with its reason', () => {
    const card = closingSurveyCard({ ...base, role: 'mentee', managerName: null, error: { field: 'overall', message: 'Rate the overall value of the program, from 1 to 5.' } });
    expect(JSON.stringify(card)).not.toContain('"id":"recognition"');
    expect(cardTexts(card).join('\n')).toContain('Your answers were not saved');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('once answered: a summary, no inputs', () => {
    const card = closingSurveyCard({ ...base, mode: 'answered', answer: { overall: 5, recommend: true, whatChanged: '', keepMeeting: true, recognition: true, skills: [4] } });
    expect(cardTexts(card).join('\n')).toContain('Strategy: 2 → 4 of 5');
    expect(JSON.stringify(card)).not.toContain('Input.');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});

describe('the completion card and the note of recognition', () => {
  it('thanks the person by name for what they did', () => {
    const card = completionCard({
      recipient: person('Ana Lopez'),
      partner: person('Raj Patel', 'CFO'),
      role: 'mentor',
      program: { name: 'Spring' },
      sessionsHeld: 12,
      topics: ['AI assistants', 'data'],
      keepMeeting: false,
      tabUrl: 'https://x/mentoring',
    });
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('Thank you, Ana');
    expect(texts).toContain('You mentored Raj Patel over 12 sessions on AI assistants and data');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('says what the junior mentor did, as a manager reads it', () => {
    const vm = { manager: person('Mia Chen'), mentor: person('Ana Lopez'), mentee: person('Raj Patel', 'CFO'), program: { name: 'Spring' }, sessionsHeld: 12, topics: ['AI assistants', 'data'] };
    expect(recognitionLine(vm)).toBe('Ana mentored Raj Patel, the CFO, on AI assistants and data over 12 sessions.');
    expect(adaptiveCardProblems(recognitionCard(vm))).toEqual([]);
  });
});
