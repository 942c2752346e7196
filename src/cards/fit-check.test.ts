import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { fitAlertCard, fitCheckCard, type FitAlertCardVM, type FitCheckCardVM } from './fit-check.ts';

const ana = { id: 'u-ana', displayName: 'Ana Silva', jobTitle: 'Analyst', department: 'Data' };
const raj = { id: 'u-raj', displayName: 'Raj Patel', jobTitle: 'CFO', department: 'Finance' };
const ID = '8d8e6a3e-9d6c-4b43-8f11-0d2b8b1d1e01';
const ask = (o: Partial<FitCheckCardVM> = {}): FitCheckCardVM => ({
  fitCheckId: ID,
  recipientId: ana.id,
  program: { name: 'Flipside 2027' },
  partner: raj,
  mode: 'ask',
  answer: null,
  tabUrl: 'https://x/mentoring',
  ...o,
});
const alert = (o: Partial<FitAlertCardVM> = {}): FitAlertCardVM => ({
  fitCheckId: ID,
  program: { name: 'Flipside 2027' },
  mentor: ana,
  mentee: raj,
  answeredBy: raj,
  note: null,
  decision: null,
  tabUrl: 'https://x/admin',
  ...o,
});
const joined = (card: unknown) => cardTexts(card).join('\n');

describe('fit-check cards', () => {
  const cases: [string, unknown][] = [
    ['ask', fitCheckCard(ask())],
    ['ask with an error', fitCheckCard(ask({ error: { field: 'fitAnswer', message: 'Choose one.' }, answer: { answer: null, note: 'x'.repeat(1000), shareNote: true } }))],
    ['answered', fitCheckCard(ask({ mode: 'answered', answer: { answer: 'no', note: 'We talk past each other', shareNote: false } }))],
    ['HR alert', fitAlertCard(alert({ note: 'Shared note' }))],
    ['HR alert decided', fitAlertCard(alert({ decision: { kind: 'repair', by: 'Hana', outcome: 'Ana now mentors Kim; Raj now learns from Lee.' } }))],
  ];
  it.each(cases)('%s: valid Adaptive Card 1.5 under 28 KB', (_n, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
  });

  it('asks yes / not sure / no privately, with a note the person chooses to share; only they refresh it', () => {
    const card = fitCheckCard(ask());
    expect(joined(card)).toContain('Raj never sees your answer');
    const inputs = cardNodes(card)
      .filter((n) => n.node.type.startsWith('Input.'))
      .map((n) => n.node as unknown as { id: string });
    expect(inputs.map((i) => i.id)).toEqual(['fitAnswer', 'fitNote', 'shareNote']);
    expect(card.refresh?.userIds).toEqual([ana.id]);
  });

  it('a bad answer comes back with the reason and what was typed', () => {
    const card = fitCheckCard(ask({ error: { field: 'fitAnswer', message: 'Choose yes, not sure yet or no.' }, answer: { answer: null, note: 'typed', shareNote: true } }));
    expect(joined(card)).toContain('Choose yes, not sure yet or no.');
    expect(JSON.stringify(card)).toContain('"value":"typed"');
  });

  it('HR sees the pair and the answer, the note only when shared, and Keep / Pair both again', () => {
    expect(joined(fitAlertCard(alert()))).not.toContain('Their note');
    expect(joined(fitAlertCard(alert({ note: 'We never connect' })))).toContain('We never connect');
    const verbs = cardNodes(fitAlertCard(alert()))
      .filter((n) => n.node.type === 'Action.Execute')
      .map((n) => (n.node as unknown as { data: { decision: string } }).data.decision);
    expect(verbs).toEqual(['keep', 'repair']);
    expect(cardNodes(fitAlertCard(alert({ decision: { kind: 'keep', by: 'Hana', outcome: 'They keep meeting.' } }))).filter((n) => n.node.type === 'Action.Execute')).toEqual([]);
  });
});
