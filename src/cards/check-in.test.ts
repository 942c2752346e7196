import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { checkInCard, type CheckInCardVM } from './check-in.ts';

const raj = { id: 'u-raj', displayName: 'Raj Patel', jobTitle: 'CFO', department: 'Finance' };
const vm = (o: Partial<CheckInCardVM> = {}): CheckInCardVM => ({
  checkInId: '8d8e6a3e-9d6c-4b43-8f11-0d2b8b1d1e02',
  recipientId: 'u-ana',
  program: { name: 'Flipside 2027' },
  mentee: raj,
  occasion: 'third',
  mode: 'ask',
  answer: null,
  tabUrl: 'https://x/mentoring',
  ...o,
});

describe('check-in card', () => {
  const cases: [string, CheckInCardVM][] = [
    ['ask', vm()],
    ['mid-point', vm({ occasion: 'midpoint' })],
    [
      'error',
      vm({ error: { field: 'respectful', message: 'Say whether the relationship is respectful.' }, answer: { speakOpenly: 'no', respectful: null, forHr: 'x'.repeat(1000), contactMe: true } }),
    ],
    ['answered', vm({ mode: 'answered', answer: { speakOpenly: 'mostly', respectful: 'yes', forHr: '', contactMe: true } })],
  ];
  it.each(cases)('%s: valid Adaptive Card 1.5 under 28 KB, refreshed for the mentor only', (_n, model) => {
    const card = checkInCard(model);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
    expect(card.refresh?.userIds).toEqual(['u-ana']);
  });

  it('asks the four things and says who can read it', () => {
    const card = checkInCard(vm());
    const text = cardTexts(card).join('\n');
    expect(text).toContain('never your mentee, never any manager');
    expect(
      cardNodes(card)
        .filter((n) => n.node.type.startsWith('Input.'))
        .map((n) => (n.node as unknown as { id: string }).id),
    ).toEqual(['speakOpenly', 'respectful', 'forHr', 'contactMe']);
    expect(JSON.stringify(card)).toContain("I'd like HR to contact me");
  });
});
