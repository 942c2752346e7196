import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { matchCard } from './match.ts';

const vm = {
  program: { name: 'Reverse mentoring 2027' },
  role: 'mentee' as const,
  partner: { id: 'a', displayName: 'Ana Silva', jobTitle: 'Data Analyst', department: 'Finance' },
  reasons: ['Ana teaches 3 of the 4 topics Raj wants: AI assistants, dashboards and personal brand', '3 levels apart'],
  tabUrl: 'https://flipside.example.com/',
};

describe('match card', () => {
  it('names the partner and the reasons, as a valid Adaptive Card 1.5', () => {
    const card = matchCard(vm);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('Meet your mentor: Ana Silva');
    expect(json).toContain('3 of the 4 topics');
    expect(json.length).toBeLessThan(28 * 1024);
  });

  it('says what comes next the way it happens: a group chat, times for both calendars, either of them picks', () => {
    const texts = cardTexts(matchCard(vm)).join('\n');
    expect(texts).toContain('Next, Flipside opens a group chat with the two of you and offers times that suit both your calendars; either of you picks one');
    expect(texts).not.toMatch(/accept|agenda|feedback/i);
  });

  it('keeps a crafted name from becoming a link', () => {
    const texts = cardTexts(matchCard({ ...vm, partner: { ...vm.partner, displayName: '[Ana](https://evil.example)' } }));
    expect(texts.some((t) => t.includes('Ana'))).toBe(true);
    expect(texts.some((t) => t.includes('[Ana](https://evil.example)'))).toBe(false);
  });
});
