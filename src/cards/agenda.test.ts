import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { GOAL_MAX_LENGTH } from '../contracts/programs.ts';
import { AGENDA_ITEM_MAX, parseAction, VERBS } from './actions.ts';
import { agendaCard, MAX_AGENDA_ITEMS_SHOWN } from './agenda.ts';
import type { AgendaCardVM, AgendaItemVM, PersonRef } from './types.ts';

const KB28 = 28 * 1024;
const SESSION = '3c1f0a9e-7b2d-4e5f-8a6b-1c2d3e4f5a6b';
const ITEM_OPEN = '5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const ITEM_DONE = '6e7f8091-2b3c-4d4e-8f90-1b2c3d4e5f60';
const TAB = 'https://teams.microsoft.com/l/entity/app/pairs?context=%7B%22subEntityId%22%3A%22p1%22%7D';
const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

const ana: PersonRef = { id: 'm-ana', displayName: 'Ana Silva', jobTitle: 'Data Analyst', department: 'Finance' };
const raj: PersonRef = { id: 'e-raj', displayName: 'Raj Patel', jobTitle: 'VP Operations', department: 'Operations' };

const ITEMS: AgendaItemVM[] = [
  { id: ITEM_DONE, text: 'Share the Power BI report', by: 'Raj', done: true },
  { id: ITEM_OPEN, text: 'Set up Copilot', by: 'Ana', done: false },
];

const STATES: AgendaCardVM['state'][] = ['upcoming', 'moved', 'cancelled', 'past'];

function agendaVM(overrides: Partial<AgendaCardVM> = {}): AgendaCardVM {
  return {
    sessionId: SESSION,
    version: 4,
    program: { name: 'Flipside 2026–27' },
    mentor: ana,
    mentee: raj,
    n: 3,
    of: 12,
    times: [
      { name: 'Ana', when: 'Tuesday 3 March, 10:00–10:45 (London time)' },
      { name: 'Raj', when: 'Tuesday 3 March, 15:30–16:15 (India time)' },
    ],
    topic: { title: 'Prompting Copilot well', description: 'How to ask for what you need, and check what comes back.' },
    goals: [
      { name: 'Ana', goals: ['Lead a board meeting'] },
      { name: 'Raj', goals: ['Use Copilot every day', 'Build my own dashboard'] },
    ],
    items: ITEMS,
    joinUrl: JOIN,
    state: 'upcoming',
    userIds: [ana.id, raj.id],
    tabUrl: TAB,
    ...overrides,
  };
}

const executes = (card: unknown) =>
  cardNodes(card)
    .filter((n) => n.in === 'body' && n.node.type === 'Action.Execute')
    .map((n) => n.node);
const buttons = (card: unknown) =>
  cardNodes(card)
    .filter((n) => n.in !== 'refresh' && n.node.type.startsWith('Action.'))
    .map((n) => n.node.title);
const inputs = (card: unknown) => cardNodes(card).filter((n) => n.node.type.startsWith('Input.'));
const joined = (card: unknown) => cardTexts(card).join('\n');

describe('agenda card: schema and size', () => {
  it.each(STATES)('%s: valid Adaptive Card 1.5 with a fallback text, under 28 KB', (state) => {
    const card = agendaCard(agendaVM({ state, note: state === 'moved' ? 'Moved in Outlook: now Wednesday 4 March, 10:00' : undefined }));
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', fallbackText: expect.any(String) });
    expect(cardBytes(card)).toBeLessThan(KB28);
  });

  it('with a notice, no items and no join link: still valid', () => {
    const card = agendaCard(agendaVM({ items: [], joinUrl: null, notice: 'Someone ticked that item a moment ago.' }));
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('worst case (every text at its limit, 60 items): valid, at most 10 items listed, under 20 KB', () => {
    const long = (n: number, seed: string) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
    const items = Array.from({ length: 60 }, (_, i): AgendaItemVM => ({
      id: ITEM_OPEN,
      text: long(AGENDA_ITEM_MAX, `Item ${i} [x](https://evil.example) `),
      by: long(40, 'Maximiliana '),
      done: i % 3 === 0,
    }));
    const card = agendaCard(
      agendaVM({
        program: { name: long(120, 'Program ') },
        mentor: { ...ana, displayName: long(120, 'Maximiliana Wolfeschlegel ') },
        topic: { title: long(200, 'Topic '), description: long(2000, 'Description. ') },
        times: [0, 1].map(() => ({ name: long(120, 'Name '), when: long(120, 'Tuesday 3 March ') })),
        goals: [0, 1].map(() => ({ name: long(120, 'Name '), goals: Array.from({ length: 3 }, () => long(GOAL_MAX_LENGTH, 'Goal ')) })),
        items,
        notice: long(300, 'Notice '),
        tabUrl: `${TAB}${long(500, 'x')}`,
      }),
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(20 * 1024);
    // Counted as UTF-16, as Teams counts a message's size: still well under the 40 KB PLATFORM.md allows.
    expect(JSON.stringify(card).length * 2).toBeLessThan(32 * 1024);
    expect(executes(card).filter((a) => a.verb === VERBS.toggleAgendaItem)).toHaveLength(MAX_AGENDA_ITEMS_SHOWN);
    expect(joined(card)).toContain(`And ${60 - MAX_AGENDA_ITEMS_SHOWN} more in Flipside.`);
  });
});

describe('agenda card: what both people see', () => {
  it('heads with the session number and topic, and names the program and the pair', () => {
    const texts = joined(agendaCard(agendaVM()));
    expect(texts).toContain('Session 3 of 12: Prompting Copilot well');
    expect(texts).toContain('**Flipside 2026–27** · agenda for Ana and Raj');
  });

  it('shows each person their time in their own zone, the topic and each person’s goals by name', () => {
    const texts = joined(agendaCard(agendaVM()));
    for (const expected of [
      '**Ana:** Tuesday 3 March, 10:00–10:45 (London time)',
      '**Raj:** Tuesday 3 March, 15:30–16:15 (India time)',
      'How to ask for what you need, and check what comes back.',
      "**Ana's goals**",
      '1. Lead a board meeting',
      "**Raj's goals**",
      '2. Build my own dashboard',
    ]) {
      expect(texts).toContain(expected);
    }
  });

  it('refreshes automatically for both people, read-only, with just the session', () => {
    const card = agendaCard(agendaVM({ userIds: [ana.id, raj.id, ana.id] }));
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshAgenda, data: { sessionId: SESSION } }, userIds: [ana.id, raj.id] });
    expect(parseAction(card.refresh!.action.verb, card.refresh!.action.data)).toEqual({ ok: true, action: { verb: VERBS.refreshAgenda, data: { sessionId: SESSION } } });
  });

  it('links to the pair in Flipside from the action bar, and keeps every Action.Execute in the body', () => {
    const card = agendaCard(agendaVM());
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Flipside', url: TAB }]);
    expect(cardNodes(card).filter((n) => n.in === 'actions' && n.node.type === 'Action.Execute')).toEqual([]);
  });

  it('a notice says why the last click did not work, above the card', () => {
    const card = agendaCard(agendaVM({ notice: 'This agenda changed; here it is as it stands.' }));
    expect(cardTexts(card.body[0]!)).toEqual(['That did not work', 'This agenda changed; here it is as it stands.']);
  });
});

describe('agenda card: action items', () => {
  it('lists open items with who added them before done ones, which are checked', () => {
    const texts = cardTexts(agendaCard(agendaVM()));
    const open = texts.indexOf('☐ Set up Copilot · added by Ana');
    const done = texts.indexOf('✅ Share the Power BI report · done');
    expect(open).toBeGreaterThan(-1);
    expect(done).toBeGreaterThan(open);
  });

  it('each item has a toggle naming it, which sends the session, the item and the new state', () => {
    const card = agendaCard(agendaVM());
    const toggles = executes(card).filter((a) => a.verb === VERBS.toggleAgendaItem);
    expect(toggles.map((a) => a.title)).toEqual(['Mark “Set up Copilot” done', 'Mark “Share the Power BI report” not done']);
    expect(toggles.map((a) => a.data)).toEqual([
      { sessionId: SESSION, itemId: ITEM_OPEN, done: true },
      { sessionId: SESSION, itemId: ITEM_DONE, done: false },
    ]);
    for (const t of toggles) {
      expect(parseAction(t.verb, t.data)).toEqual({ ok: true, action: { verb: t.verb, data: t.data } });
      // A tick must not be held up by (or carry) the empty new-item box.
      expect(t.associatedInputs).toBe('none');
    }
  });

  it('a long item is shortened in its button’s title, and a line break cannot split it', () => {
    const text = `Read\nthe whole ${'very '.repeat(20)}long guide`;
    const [toggle] = executes(agendaCard(agendaVM({ items: [{ id: ITEM_OPEN, text, by: 'Ana', done: false }] })));
    expect(toggle!.title).toMatch(/^Mark “Read the whole very .*…” done$/);
    expect([...(toggle!.title as string)].length).toBeLessThanOrEqual(52);
  });

  it('"Add an item": a labelled box for the new item and a button sending the session and the version', () => {
    const card = agendaCard(agendaVM());
    expect(inputs(card).map((n) => n.node)).toEqual([
      expect.objectContaining({
        type: 'Input.Text',
        id: 'newItem',
        label: 'Add an action item',
        placeholder: expect.any(String),
        maxLength: AGENDA_ITEM_MAX,
        isRequired: true,
        errorMessage: expect.any(String),
      }),
    ]);
    const add = executes(card).find((a) => a.verb === VERBS.addAgendaItem)!;
    expect(add).toMatchObject({ title: 'Add item', data: { sessionId: SESSION, version: 4 }, associatedInputs: 'auto' });
    // Teams merges the box into the data, as it sends inputs.
    expect(parseAction(add.verb, { ...(add.data as object), newItem: 'Try Copilot on the weekly report' })).toEqual({
      ok: true,
      action: { verb: VERBS.addAgendaItem, data: { sessionId: SESSION, version: 4, newItem: 'Try Copilot on the weekly report' } },
    });
    expect(parseAction(add.verb, { ...(add.data as object), newItem: '' })).toMatchObject({ ok: false, field: 'newItem' });
  });

  it('with no items, says so and still offers the box', () => {
    const card = agendaCard(agendaVM({ items: [] }));
    expect(joined(card)).toContain('No action items yet. Add one below for either of you.');
    expect(buttons(card)).toEqual(['Join on Teams', 'Add item', 'Open Flipside']);
  });
});

describe('agenda card: states', () => {
  it('upcoming: Join on Teams with the meeting link, then the toggles and Add', () => {
    const card = agendaCard(agendaVM());
    expect(buttons(card)).toEqual(['Join on Teams', 'Mark “Set up Copilot” done', 'Mark “Share the Power BI report” not done', 'Add item', 'Open Flipside']);
    expect(cardNodes(card).find((n) => n.node.title === 'Join on Teams')?.node).toEqual({ type: 'Action.OpenUrl', title: 'Join on Teams', url: JOIN });
  });

  it('no join link: no Join button', () => {
    expect(buttons(agendaCard(agendaVM({ joinUrl: null })))).not.toContain('Join on Teams');
  });

  it('moved: an attention banner with the note, and Join stays', () => {
    const card = agendaCard(agendaVM({ state: 'moved', note: 'Moved in Outlook: now Wednesday 4 March, 10:00–10:45' }));
    const banner = card.body.find((e) => e.type === 'Container' && e.style === 'attention');
    expect(cardTexts(banner)).toEqual(['This session was moved', 'Moved in Outlook: now Wednesday 4 March, 10:00–10:45']);
    expect(buttons(card)).toContain('Join on Teams');
  });

  it('cancelled: a banner says so; no Join and no Add, but items can still be ticked', () => {
    const card = agendaCard(agendaVM({ state: 'cancelled' }));
    expect(joined(card)).toContain('This session was cancelled');
    expect(buttons(card)).not.toContain('Join on Teams');
    expect(executes(card).filter((a) => a.verb === VERBS.addAgendaItem)).toEqual([]);
    expect(inputs(card)).toEqual([]);
    expect(executes(card).map((a) => a.verb)).toEqual([VERBS.toggleAgendaItem, VERBS.toggleAgendaItem]);
    expect(card.fallbackText).toMatch(/^Cancelled: /);
  });

  it('past: says it has ended; no Join, items and Add remain', () => {
    const card = agendaCard(agendaVM({ state: 'past' }));
    expect(joined(card)).toContain('This session has ended.');
    expect(buttons(card)).not.toContain('Join on Teams');
    expect(buttons(card)).toContain('Add item');
  });
});

describe('agenda card: user text', () => {
  const evil = '[click](https://evil.example)';

  it('names, topic, goals, items and notes cannot inject links or structure', () => {
    const card = agendaCard(
      agendaVM({
        state: 'moved',
        note: `# ${evil}`,
        notice: `<https://evil.example>`,
        program: { name: evil },
        mentor: { ...ana, displayName: `> ${evil}` },
        topic: { title: `# ${evil}`, description: `${evil}\n- fake bullet` },
        times: [{ name: evil, when: `<https://evil.example>\n# Tuesday` }],
        goals: [{ name: evil, goals: [`${evil}\n\n- injected`] }],
        items: [{ id: ITEM_OPEN, text: `${evil}\n# done`, by: `<script>${evil}`, done: false }],
      }),
    );
    const texts = cardTexts(card);
    for (const t of texts) {
      expect(t).not.toMatch(/\]\(/);
      expect(t).not.toMatch(/<(https?:|script)/);
      expect(t).not.toMatch(/^\s*[#>]/m);
      expect(t).not.toMatch(/\n- (fake|injected)/);
    }
    expect(texts.join('\n').replace(/\u200B/g, '')).toContain(evil);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
