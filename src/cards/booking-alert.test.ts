import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { bookingAlertCard } from './booking-alert.ts';

const person = (displayName: string) => ({ id: displayName, displayName, jobTitle: null, department: null });

describe('the notice HR gets when a pair cannot be booked', () => {
  const card = bookingAlertCard({
    program: { name: 'Spring reverse mentoring' },
    mentor: person('Ana Lopez'),
    mentee: person('Raj Patel'),
    reason: 'no common working hours: 0 h overlap between Los Angeles and Kolkata',
    tabUrl: 'https://flipside.example/admin/programs/p/matching',
  });

  it('names the pair, the program and the reason, and links to the program', () => {
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('No meeting time for Ana Lopez & Raj Patel');
    expect(texts).toContain('Spring reverse mentoring');
    expect(texts).toContain('No common working hours: 0 h overlap between Los Angeles and Kolkata');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the program', url: 'https://flipside.example/admin/programs/p/matching' }]);
  });

  it('is a valid Adaptive Card 1.5', () => {
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
