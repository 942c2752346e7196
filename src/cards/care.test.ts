import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { closeAskCard, contactCard, nudgeCard } from './care.ts';

const ana = { id: 'u-ana', displayName: 'Ana Silva', jobTitle: 'Analyst', department: 'Data' };
const raj = { id: 'u-raj', displayName: 'Raj Patel', jobTitle: 'CFO', department: 'Finance' };
const pair = {
  programId: '8d8e6a3e-9d6c-4b43-8f11-0d2b8b1d1e03',
  menteeId: '8d8e6a3e-9d6c-4b43-8f11-0d2b8b1d1e04',
  mentorId: '8d8e6a3e-9d6c-4b43-8f11-0d2b8b1d1e05',
  program: { name: 'Flipside 2027' },
  mentor: ana,
  mentee: raj,
  tabUrl: 'https://x',
};
const executes = (card: unknown) =>
  cardNodes(card)
    .filter((n) => n.node.type === 'Action.Execute')
    .map((n) => (n.node as unknown as { title: string }).title);

describe('care cards', () => {
  const cards: [string, unknown][] = [
    ['nudge', nudgeCard({ ...pair, reason: 'two sessions in a row were missed' })],
    ['nudge answered', nudgeCard({ ...pair, reason: 'no session held in 21 days', outcome: 'Raj paused your sessions until Monday 8 February.' })],
    ['close ask', closeAskCard({ ...pair, idleDays: 43, state: 'ask' })],
    ['closed', closeAskCard({ ...pair, idleDays: 43, state: 'closed', by: 'Hana' })],
    ['contact', contactCard({ program: { name: 'P' }, mentor: ana, contactMe: true, answers: [{ title: 'Can they speak openly?', value: 'No' }], tabUrl: 'https://x' })],
  ];
  it.each(cards)('%s: valid Adaptive Card 1.5 under 28 KB', (_n, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
  });

  it('the nudge offers Find another time and Pause, and only the outcome once one was chosen', () => {
    expect(executes(nudgeCard({ ...pair, reason: 'two sessions in a row were missed' }))).toEqual(['Find another time', 'Pause']);
    expect(executes(nudgeCard({ ...pair, reason: 'x', outcome: 'Paused.' }))).toEqual([]);
    expect(cardTexts(nudgeCard({ ...pair, reason: 'two sessions in a row were missed' })).join('\n')).toContain('two sessions in a row were missed');
  });

  it('HR is asked to close or keep a pair', () => {
    expect(executes(closeAskCard({ ...pair, idleDays: 43, state: 'ask' }))).toEqual(['Close the pair', 'Keep it open']);
  });
});
