import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { cardAttachment, errorCard, helpCard, statusCard, welcomeCard } from './common.ts';
import type { StatusCardVM } from './types.ts';

const TAB = 'https://teams.microsoft.com/l/entity/app/home';
const joined = (card: unknown) => cardTexts(card).join('\n');
const noActing = (card: unknown) => cardNodes(card).filter((n) => n.node.type === 'Action.Execute' || n.node.type.startsWith('Input.'));

const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x';
const enrollments: StatusCardVM['enrollments'] = [
  {
    programName: 'Flipside 2026–27',
    status: 'approved',
    approverName: 'Dana Kim',
    note: 'Enjoy it!',
    pairings: [{ role: 'mentee', partnerName: 'Ana Lopez', next: 'Tuesday 16 March, 10:00–10:45 (London time) · session 2 of 12', joinUrl: JOIN }],
  },
  { programName: 'Spring pilot', status: 'pending', approverName: 'Dana Kim', note: null, pairings: [] },
  { programName: 'Old program', status: 'withdrawn', approverName: null, note: null, pairings: [] },
];
const mentoringTwo: StatusCardVM['enrollments'] = [
  {
    programName: 'Flipside 2026–27',
    status: 'approved',
    approverName: 'Dana Kim',
    note: null,
    pairings: [
      { role: 'mentor', partnerName: 'Raj Patel', next: 'Not booked yet: pick a time in your chat with Raj', joinUrl: null },
      { role: 'mentor', partnerName: 'Lee Chen', next: 'Thursday 18 March, 15:00–15:45 (London time) · session 1 of 12', joinUrl: JOIN },
    ],
  },
];

describe('everyday cards', () => {
  const cards = {
    welcome: welcomeCard({ displayName: 'Sam Rivera', tabUrl: TAB, sandbox: false }),
    'welcome (sandbox)': welcomeCard({ displayName: 'Sam Rivera', tabUrl: TAB, sandbox: true }),
    help: helpCard(),
    'help with tab': helpCard({ tabUrl: TAB }),
    status: statusCard({ displayName: 'Sam Rivera', enrollments, tabUrl: TAB }),
    'status (empty)': statusCard({ displayName: 'Sam Rivera', enrollments: [], tabUrl: TAB }),
    'status (a mentor of two)': statusCard({ displayName: 'Sam Rivera', enrollments: mentoringTwo, tabUrl: TAB }),
    'status (every status, long notes)': statusCard({
      displayName: 'Sam',
      tabUrl: TAB,
      enrollments: (['pending', 'approved', 'declined', 'expired', 'withdrawn'] as const).map((status) => ({
        programName: 'P'.repeat(120),
        status,
        approverName: 'A'.repeat(120),
        note: 'n'.repeat(500),
        pairings: [{ role: 'mentor' as const, partnerName: 'B'.repeat(120), next: 'x'.repeat(200), joinUrl: JOIN }],
      })),
    }),
    error: errorCard({ title: 'You cannot decide this request', message: 'Only Sam’s current manager can approve it.', correlationId: 'c0ffee-42' }),
    'error without id': errorCard({ title: 'Something went wrong', message: 'Please try again in a minute.' }),
  };

  it.each(Object.entries(cards))('%s: valid Adaptive Card 1.5 under 28 KB, nothing that acts', (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
    expect(noActing(card)).toEqual([]);
    for (const { node } of cardNodes(card)) if (node.type === 'TextBlock') expect(node.wrap).toBe(true);
  });

  it('welcome: what Flipside is, what the bot sends, the commands, the tab; the sandbox says so', () => {
    const texts = joined(cards.welcome);
    expect(texts).toContain('Welcome to Flipside, Sam');
    for (const words of ['Approval requests', 'your own enrollment', 'Your match', 'group chat with your match', 'recurring Teams meeting', 'help', 'status']) expect(texts).toContain(words);
    expect(texts).not.toContain('sandbox');
    expect(joined(cards['welcome (sandbox)'])).toContain('This is the Flipside sandbox tenant');
    expect(cards.welcome.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Flipside', url: TAB }]);
  });

  it('help lists the commands; the tab link only when given', () => {
    expect(joined(cards.help)).toMatch(/status[\s\S]*help/);
    expect(cards.help.actions).toBeUndefined();
    expect(cards['help with tab'].actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Flipside', url: TAB }]);
  });

  // Regression (issue 13): the welcome card promised agendas and feedback before they existed. Now they do, and it names them;
  // the care cards (check-ins, nudges, the closing survey) reach only some pairs at some points, so it promises none of them.
  // `status` shows the match and the next session (tests/status-command.test.ts).
  it.each(['welcome', 'help'] as const)('%s promises only what every participant gets: agendas and private feedback, status with match and next session', (name) => {
    const texts = joined(cards[name]);
    expect(texts).toMatch(/agenda/i);
    expect(texts).toMatch(/private feedback card/i);
    expect(texts).not.toMatch(/check-in|survey|dashboard|nudge/i);
    expect(cardNodes(cards[name]).find((n) => n.node.type === 'FactSet')?.node).toMatchObject({
      facts: expect.arrayContaining([{ title: 'status', value: 'Your enrollments, your match and your next session' }]),
    });
  });

  it('status: each enrollment with its status word, approver and note', () => {
    const texts = joined(cards.status);
    expect(texts).toContain('**Flipside 2026–27**\nStatus\n✅ Approved\nDecided by\nDana Kim\nNote: Enjoy it!');
    expect(texts).toContain('**Spring pilot**\nStatus\n⏳ Waiting for approval\nApprover\nDana Kim');
    expect(texts).toContain('**Old program**\nStatus\n↩️ Withdrawn');
  });

  // Regression (issue 13): `status` promised "your pairing, your next session" but listed enrollments only.
  it('status: once paired, the partner and the next session, with Join on Teams beside it', () => {
    expect(joined(cards.status)).toContain('Note: Enjoy it!\nYour mentor\nAna Lopez\nNext session\nTuesday 16 March, 10:00–10:45 (London time) · session 2 of 12');
    expect(
      cardNodes(cards.status)
        .filter((n) => n.node.type === 'Action.OpenUrl' && n.in === 'body')
        .map((n) => n.node),
    ).toEqual([{ type: 'Action.OpenUrl', title: 'Join on Teams', url: JOIN }]);
    const two = joined(cards['status (a mentor of two)']);
    expect(two).toContain('Your mentee\nRaj Patel\nNext session\nNot booked yet: pick a time in your chat with Raj');
    expect(two).toContain('Your mentee\nLee Chen\nNext session\nThursday 18 March, 15:00–15:45 (London time) · session 1 of 12');
    expect(cardNodes(cards['status (a mentor of two)']).filter((n) => n.node.type === 'Action.OpenUrl' && n.in === 'body')).toHaveLength(1);
  });

  it('status, empty: says so and links to the tab', () => {
    expect(joined(cards['status (empty)'])).toContain('You are not enrolled in any program yet');
    expect(cards['status (empty)'].actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Flipside', url: TAB }]);
  });

  it('error: attention-coloured title, the message, the reference small and subtle', () => {
    const [title, message, reference] = cards.error.body;
    expect(title).toMatchObject({ type: 'TextBlock', text: 'You cannot decide this request', color: 'attention' });
    expect(message).toMatchObject({ type: 'TextBlock', text: 'Only Sam’s current manager can approve it.' });
    expect(reference).toMatchObject({ type: 'TextBlock', text: 'Reference: c0ffee-42', size: 'small', isSubtle: true });
    expect(cards['error without id'].body).toHaveLength(2);
  });

  it('wraps a card as a Bot Framework attachment', () => {
    expect(cardAttachment(cards.help)).toEqual({ contentType: 'application/vnd.microsoft.card.adaptive', content: cards.help });
  });
});
