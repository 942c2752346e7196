import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { outcomeCard } from './outcome.ts';
import type { OutcomeCardVM } from './types.ts';

const dana = { id: 'm-dana', displayName: 'Dana Kim', jobTitle: 'Head of Finance', department: 'Finance' };
const TAB = 'https://teams.microsoft.com/l/entity/app/enrollments';

function vm(overrides: Partial<OutcomeCardVM> = {}): OutcomeCardVM {
  return { program: { name: 'Flipside 2026–27' }, outcome: 'approved', decidedBy: dana, at: '2026-11-24T10:15:00Z', note: 'Enjoy it!', tabUrl: TAB, ...overrides };
}

const joined = (card: unknown) => cardTexts(card).join('\n');

describe('outcome card', () => {
  const cases: [string, OutcomeCardVM][] = [
    ['approved', vm()],
    ['approved, no note', vm({ note: null })],
    ['declined', vm({ outcome: 'declined', note: 'Let us talk after the quarter close.' })],
    ['declined, no decider', vm({ outcome: 'declined', decidedBy: null, note: null })],
    ['expired', vm({ outcome: 'expired', decidedBy: null, note: null, at: '2026-12-04T09:00:00Z' })],
    ['worst case', vm({ program: { name: 'P'.repeat(120) }, note: '[x](https://evil.example) '.repeat(20).slice(0, 500) })],
  ];

  it.each(cases)('%s: valid Adaptive Card 1.5 under 28 KB, with a link to the tab and no buttons that act', (_name, model) => {
    const card = outcomeCard(model);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Flipside', url: TAB }]);
    expect(cardNodes(card).filter((n) => n.node.type === 'Action.Execute' || n.node.type.startsWith('Input.'))).toEqual([]);
  });

  it('approved: you are in, who approved when, their note, what happens next', () => {
    const texts = joined(outcomeCard(vm()));
    expect(texts).toContain("🎉 You're in: Flipside 2026–27");
    expect(texts).toContain('Dana Kim approved your enrollment on Tue 24 Nov 2026.');
    expect(texts).toContain('Note from Dana\nEnjoy it!');
    expect(texts).toMatch(/if you are paired, you get a card introducing your match.*\n.*group chat.*either of you picks one.*\n.*recurring Teams meeting in both your Outlook calendars/);
  });

  // Regression (issue 13): the outcome card said "once you both accept"; there is no accept step: HR publishes the pair and either person picks a time.
  it('approved: promises no step that does not exist', () => {
    expect(joined(outcomeCard(vm()))).not.toMatch(/accept|agenda|feedback/i);
  });

  it('declined: who declined, the note, a gentle way forward', () => {
    const texts = joined(outcomeCard(vm({ outcome: 'declined', note: 'Let us talk after the quarter close.' })));
    expect(texts).toContain('Your request to join Flipside 2026–27 was declined');
    expect(texts).toContain('Dana Kim declined it on Tue 24 Nov 2026.');
    expect(texts).toContain('Let us talk after the quarter close.');
    expect(texts).toContain('enroll again');
  });

  it('expired: what happened and what to do', () => {
    const texts = joined(outcomeCard(vm({ outcome: 'expired', decidedBy: null, note: null, at: '2026-12-04T09:00:00Z' })));
    expect(texts).toContain('Your request to join Flipside 2026–27 expired');
    expect(texts).toContain('Fri 4 Dec 2026');
    expect(texts).toContain('enroll again from Flipside');
    expect(texts).not.toContain('Note');
  });

  it("the manager's note cannot inject a link", () => {
    for (const t of cardTexts(outcomeCard(vm({ note: '[Claim your bonus](https://evil.example)' })))) expect(t).not.toMatch(/\]\(/);
  });
});
