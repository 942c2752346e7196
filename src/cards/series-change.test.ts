import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { seriesChangeCard, type SeriesChangeCardVM } from './series-change.ts';

const person = (displayName: string) => ({ id: displayName, displayName, jobTitle: null, department: null });
const base: Omit<SeriesChangeCardVM, 'outcome'> = {
  program: { name: 'Spring reverse mentoring' },
  mentor: person('Ana Lopez'),
  mentee: person('Raj Patel'),
  summary: ['45 → 60 minutes', 'ends 30 July 2027 instead of 30 June 2027'],
  programId: '11111111-1111-4111-8111-111111111111',
  menteeId: '22222222-2222-4222-8222-222222222222',
  version: 7,
  tabUrl: 'https://flipside.example/mentoring',
};

describe('the notice of a program change in the pair’s chat', () => {
  it('says what changed and when they meet now, and is a valid Adaptive Card 1.5', () => {
    const card = seriesChangeCard({ ...base, outcome: { kind: 'applied', when: 'Tuesdays 10:00–11:00 (London time)' } });
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('45 → 60 minutes');
    expect(texts).toContain('Tuesdays 10:00–11:00');
    expect(JSON.stringify(card)).not.toContain('Action.Execute');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('when the change cannot be applied: the reason and "Find another time" for the pair', () => {
    const card = seriesChangeCard({ ...base, outcome: { kind: 'failed', reason: 'The new cadence no longer fits both calendars: free for both in 2 of the next 8 sessions.' } });
    expect(cardTexts(card).join('\n')).toContain('free for both in 2 of the next 8 sessions');
    expect(JSON.stringify(card)).toContain('"verb":"booking.reschedule"');
    expect(JSON.stringify(card)).toContain('"version":7');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
