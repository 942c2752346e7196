import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { dataDeletedCard } from './data-deleted.ts';

describe('data deleted card', () => {
  it('says what was deleted and what stays, as a valid Adaptive Card 1.5', () => {
    const card = dataDeletedCard({ programs: 2, pairs: 1 });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('Your Flipside data is deleted');
    expect(texts).toContain('You left all 2 of your programs');
    expect(texts).toContain('your partner was told you left');
    expect(texts).toMatch(/stay, without you/);
  });

  it('does not claim meetings were cancelled when there were none', () => {
    expect(cardTexts(dataDeletedCard({ programs: 0, pairs: 0 })).join('\n')).not.toMatch(/meetings/);
  });
});
