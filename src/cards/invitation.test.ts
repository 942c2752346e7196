import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { invitationCard, WHY_IT_MATTERS, type InvitationCardVM } from './invitation.ts';

const ENROLL = 'http://localhost:3978/programs/7d8e1a52-0c1f-4d0e-9b43-5b1f2e3a4c5d/enroll';
const hana = { id: 'u-hana', displayName: 'Hana Sato', jobTitle: 'HR Partner', department: 'People' };
const raj = { id: 'u-raj', displayName: 'Raj Patel', jobTitle: 'Analyst', department: 'Finance' };

function vm(overrides: Partial<InvitationCardVM> = {}): InvitationCardVM {
  return {
    program: {
      id: '7d8e1a52-0c1f-4d0e-9b43-5b1f2e3a4c5d',
      name: 'Flipside 2027',
      description: 'Our leaders learn AI tools from the people who use them every day.',
      startsOn: '2027-01-04',
      endsOn: '2027-06-28',
      enrollmentClosesOn: '2026-12-31',
      sessionMinutes: 45,
      cadences: ['weekly', 'biweekly', 'monthly'],
    },
    recipient: raj,
    invitedBy: hana,
    enrollUrl: ENROLL,
    state: { kind: 'open' },
    ...overrides,
  };
}

const joined = (card: unknown) => cardTexts(card).join('\n');
const actions = (card: unknown) => cardNodes(card).filter((n) => n.node.type.startsWith('Action.') && n.in !== 'refresh');

describe('invitation card', () => {
  const cases: [string, InvitationCardVM][] = [
    ['open', vm()],
    ['open, no description, one cadence, inviter left', vm({ program: { ...vm().program, description: '', cadences: ['monthly'] }, invitedBy: null })],
    ['enrolled', vm({ state: { kind: 'enrolled' } })],
    ['declined', vm({ state: { kind: 'declined', at: '2026-12-03T10:00:00Z' } })],
    ['closed', vm({ state: { kind: 'closed' } })],
    ['worst case', vm({ program: { ...vm().program, name: 'P'.repeat(80), description: '[x](https://evil.example) '.repeat(80).slice(0, 2000) } })],
  ];

  it.each(cases)('%s: valid Adaptive Card 1.5 under 28 KB', (_name, model) => {
    const card = invitationCard(model);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
  });

  it('says who invites, to what, why it matters and what it asks', () => {
    const texts = joined(invitationCard(vm()));
    expect(texts).toContain("You're invited: Flipside 2027");
    expect(texts).toContain('Hi Raj, Hana Sato invited you to join **Flipside 2027**');
    expect(texts).toContain('Our leaders learn AI tools');
    expect(texts).toContain(WHY_IT_MATTERS);
    expect(texts).toContain('45 minutes, weekly, every two weeks or monthly (you choose)');
    expect(texts).toContain('Thu 31 Dec 2026');
    expect(texts).toContain('Your manager is then asked to approve.');
  });

  it('open: "Enroll" opens the tab on the program, "Not for me" declines; the recipient refreshes automatically', () => {
    const card = invitationCard(vm());
    expect(actions(card).map((a) => a.node)).toEqual([
      { type: 'Action.OpenUrl', title: 'Enroll', url: ENROLL },
      expect.objectContaining({ type: 'Action.Execute', verb: 'invitation.decline', title: 'Not for me', data: { programId: vm().program.id } }),
    ]);
    expect(card.refresh).toEqual({ action: expect.objectContaining({ verb: 'invitation.refresh' }), userIds: ['u-raj'] });
  });

  it('enrolled, declined and closed: no "Not for me", nobody refreshes automatically', () => {
    for (const state of [{ kind: 'enrolled' }, { kind: 'declined', at: '2026-12-03T10:00:00Z' }, { kind: 'closed' }] as const) {
      const card = invitationCard(vm({ state }));
      expect(actions(card).some((a) => a.node.type === 'Action.Execute')).toBe(false);
      expect(card.refresh?.userIds).toEqual([]);
    }
    expect(joined(invitationCard(vm({ state: { kind: 'declined', at: '2026-12-03T10:00:00Z' } })))).toContain('never who');
    expect(joined(invitationCard(vm({ state: { kind: 'closed' } })))).toContain('Enrollment closed on Thu 31 Dec 2026');
  });

  it('the program text cannot inject a link', () => {
    const texts = joined(invitationCard(vm({ program: { ...vm().program, description: '[click](https://evil.example)' } })));
    expect(texts).not.toContain('[click](https://evil.example)');
  });
});
