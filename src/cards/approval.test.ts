import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { parseAction, VERBS } from './actions.ts';
import { approvalCard, type ApprovalView } from './approval.ts';
import type { ApprovalCardVM, ApprovalState, PersonRef } from './types.ts';

const KB28 = 28 * 1024;
const ENROLLMENT = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const VIEWS: ApprovalView[] = ['decider', 'readOnly'];

const sam: PersonRef = { id: 'e-sam', displayName: 'Sam Rivera', jobTitle: 'Data Analyst', department: 'Finance' };
const dana: PersonRef = { id: 'm-dana', displayName: 'Dana Kim', jobTitle: 'Head of Finance', department: 'Finance' };

const STATES: Record<string, ApprovalState> = {
  pending: { kind: 'pending', remindedAt: null, expiresAt: '2026-12-04T09:00:00Z' },
  reminded: { kind: 'pending', remindedAt: '2026-11-27T09:00:00Z', expiresAt: '2026-12-04T09:00:00Z' },
  approved: { kind: 'approved', by: dana, at: '2026-11-24T10:15:00Z', note: 'Great idea, go for it.' },
  approvedNoNote: { kind: 'approved', by: dana, at: '2026-11-24T10:15:00Z', note: null },
  declined: { kind: 'declined', by: dana, at: '2026-11-24T10:15:00Z', note: 'Not during the quarter close, please.' },
  expired: { kind: 'expired', at: '2026-12-04T09:00:00Z' },
  withdrawn: { kind: 'withdrawn', at: '2026-11-26T16:00:00Z' },
};

function vm(overrides: Partial<ApprovalCardVM> = {}): ApprovalCardVM {
  return {
    enrollmentId: ENROLLMENT,
    version: 3,
    employee: sam,
    program: { id: 'p1', name: 'Flipside 2026–27', startsOn: '2026-12-01', endsOn: '2027-05-31' },
    role: 'both',
    teach: [
      { name: 'AI assistants at work', level: 4 },
      { name: 'Data and dashboards', level: 5 },
    ],
    learn: [{ name: 'Strategy and decisions', level: 2 }],
    goals: ['Build one Copilot workflow for month-end reporting by February', 'Understand how budget trade-offs are made'],
    cadence: 'biweekly',
    sessionMinutes: 45,
    timeAsk: { sessions: 12, hours: 9, months: 6 },
    deciderIds: ['29:dana-mri'],
    deciderNames: ['Dana Kim'],
    state: STATES.pending!,
    tabUrl: 'https://teams.microsoft.com/l/entity/app/enrollments?context=%7B%22subEntityId%22%3A%22e1%22%7D',
    ...overrides,
  };
}

/** The biggest card the limits allow: 10 topics each way, 3 goals of 280 characters, a 500-character note, long names. */
function worstCase(state: ApprovalState, deciders = 60): ApprovalCardVM {
  const long = (n: number, seed: string) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
  const person: PersonRef = { id: 'x', displayName: long(120, 'Maximiliana Wolfeschlegel '), jobTitle: long(120, 'Principal '), department: long(120, 'Department of ') };
  return vm({
    employee: person,
    program: { id: 'p', name: long(120, 'Program '), startsOn: '2026-12-01', endsOn: '2027-11-30' },
    teach: Array.from({ length: 10 }, (_, i) => ({ name: long(80, `Teach topic ${i} `), level: (i % 5) + 1 })),
    learn: Array.from({ length: 10 }, (_, i) => ({ name: long(80, `Learn topic ${i} `), level: (i % 5) + 1 })),
    goals: Array.from({ length: 3 }, (_, i) => long(280, `[goal ${i}](https://evil.example) ✨ `)),
    deciderIds: Array.from({ length: deciders }, (_, i) => `29:${long(80, `mri-${i}-`)}`),
    deciderNames: Array.from({ length: deciders }, (_, i) => long(60, `Admin ${i} `)),
    state: state.kind === 'approved' || state.kind === 'declined' ? { ...state, by: person, note: long(500, 'A note with [links](x) ') } : state,
  });
}

const executes = (card: unknown, where?: 'body' | 'actions' | 'refresh') =>
  cardNodes(card)
    .filter((n) => n.node.type === 'Action.Execute' && (!where || n.in === where))
    .map((n) => n.node);
const clickable = (card: unknown) => [...executes(card, 'body'), ...executes(card, 'actions')];
const inputs = (card: unknown) =>
  cardNodes(card)
    .filter((n) => n.node.type.startsWith('Input.'))
    .map((n) => n.node);
const joined = (card: unknown) => cardTexts(card).join('\n');

describe('approval card: schema and size', () => {
  for (const [name, state] of Object.entries(STATES)) {
    for (const view of VIEWS) {
      it(`${name}, ${view}: valid Adaptive Card 1.5 under 28 KB`, () => {
        const card = approvalCard(vm({ state }), view);
        expect(adaptiveCardProblems(card)).toEqual([]);
        expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'https://adaptivecards.io/schemas/adaptive-card.json' });
        expect(cardBytes(card)).toBeLessThan(KB28);
      });

      it(`${name}, ${view}, worst case: still valid and under 28 KB`, () => {
        const card = approvalCard(worstCase(state, 75), view);
        expect(adaptiveCardProblems(card)).toEqual([]);
        expect(cardBytes(card)).toBeLessThan(KB28);
        // Even counted as UTF-16, as Teams counts a message's size.
        expect(JSON.stringify(card).length * 2).toBeLessThan(KB28);
      });
    }
  }

  it('a card the schema must refuse is refused (the validator can fail)', () => {
    const card = approvalCard(vm(), 'decider');
    expect(adaptiveCardProblems({ ...card, body: [...card.body, { type: 'Marquee', text: 'hi' }] })).not.toEqual([]);
    expect(adaptiveCardProblems({ ...card, msteams: { width: 'Full' } })).not.toEqual([]);
    expect(adaptiveCardProblems({ ...card, body: [{ type: 'TextBlock', text: 'x', wrap: 'yes' }] })).not.toEqual([]);
    expect(adaptiveCardProblems({ ...card, type: 'HeroCard' })).not.toEqual([]);
  });
});

describe('approval card: pending', () => {
  // Regression (issue 13): "a long manager note is cut silently".
  it('says the note limit on the field, and a note given back with its problem keeps the text and shows the reason there and at the top', () => {
    const plain = approvalCard(vm(), 'decider');
    expect(inputs(plain)).toEqual([expect.objectContaining({ label: 'Note for Sam (up to 500 characters)', maxLength: 500 })]);
    expect(inputs(plain)[0]).not.toHaveProperty('errorMessage');
    const note = 'n'.repeat(731);
    const card = approvalCard(vm(), 'decider', { note, message: 'the note has 731 characters and can have at most 500: shorten it, then press Approve or Decline again' });
    expect(inputs(card)).toEqual([
      expect.objectContaining({ id: 'note', value: note, errorMessage: 'The note has 731 characters and can have at most 500: shorten it, then press Approve or Decline again' }),
    ]);
    expect(joined(card)).toContain('Not decided yet: the note needs a change');
    expect(clickable(card).map((a) => a.title)).toEqual(['Approve', 'Decline']);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('given back with the longest note a click may carry, the worst-case card stays under 28 KB', () => {
    const card = approvalCard(worstCase(STATES.pending!), 'decider', { note: '€'.repeat(4000), message: 'the note has 4,000 characters and can have at most 500' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(KB28);
  });

  it('the decider view has the note and exactly Approve and Decline, in an ActionSet, carrying the enrollment and version', () => {
    const card = approvalCard(vm(), 'decider');
    expect(inputs(card)).toEqual([expect.objectContaining({ type: 'Input.Text', id: 'note', isMultiline: true, maxLength: 500, placeholder: 'Add a note for Sam (optional)' })]);
    expect(clickable(card)).toEqual([
      { type: 'Action.Execute', title: 'Approve', style: 'positive', verb: VERBS.approve, data: { enrollmentId: ENROLLMENT, version: 3 } },
      { type: 'Action.Execute', title: 'Decline', style: 'destructive', verb: VERBS.decline, data: { enrollmentId: ENROLLMENT, version: 3 } },
    ]);
    // In the body's ActionSet, never in the card's action bar.
    expect(executes(card, 'actions')).toEqual([]);
    const sets = card.body.filter((e) => e.type === 'ActionSet');
    expect(sets).toHaveLength(1);
    expect(sets[0]!.actions.map((a) => a.type)).toEqual(['Action.Execute', 'Action.Execute']);
  });

  it('what the buttons send, with the note Teams merges in, is what parseAction accepts', () => {
    for (const action of clickable(approvalCard(vm(), 'decider'))) {
      const parsed = parseAction(action.verb, { ...(action.data as object), note: 'Go for it' });
      expect(parsed).toEqual({ ok: true, action: { verb: action.verb, data: { enrollmentId: ENROLLMENT, version: 3, note: 'Go for it' } } });
    }
    const refresh = approvalCard(vm(), 'readOnly').refresh!.action;
    expect(parseAction(refresh.verb, refresh.data)).toMatchObject({ ok: true });
  });

  it('the read-only view has no input and no button, and says whose decision it waits for', () => {
    const card = approvalCard(vm(), 'readOnly');
    expect(inputs(card)).toEqual([]);
    expect(clickable(card)).toEqual([]);
    expect(joined(card)).toContain("Waiting for Dana Kim's decision");
  });

  it.each([
    [[], "Waiting for the manager's decision"],
    [['Ada Lovelace', 'Grace Hopper'], 'Waiting for a decision from Ada Lovelace or Grace Hopper'],
    [['A', 'B', 'C', 'D', 'E'], 'Waiting for a decision from A, B or one of 3 other program admins'],
  ])('read-only with deciders %j', (names, line) => {
    expect(joined(approvalCard(vm({ deciderNames: names }), 'readOnly'))).toContain(line);
  });

  it('both views carry the refresh for the deciders, with the enrollment and version', () => {
    for (const view of VIEWS) {
      expect(approvalCard(vm({ deciderIds: ['29:a', '29:b'] }), view).refresh).toEqual({
        action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshApproval, data: { enrollmentId: ENROLLMENT, version: 3 } },
        userIds: ['29:a', '29:b'],
      });
    }
  });

  it('refreshes for at most 60 deciders (75 → the first 60), each once', () => {
    const ids = Array.from({ length: 75 }, (_, i) => `29:admin-${i}`);
    const card = approvalCard(vm({ deciderIds: ids }), 'readOnly');
    expect(card.refresh!.userIds).toEqual(ids.slice(0, 60));
    expect(approvalCard(vm({ deciderIds: ['29:a', '29:a', '29:b'] }), 'decider').refresh!.userIds).toEqual(['29:a', '29:b']);
  });

  it('says when it expires, and when the reminder went out', () => {
    expect(joined(approvalCard(vm(), 'decider'))).toContain('Expires on Fri 4 Dec 2026');
    expect(joined(approvalCard(vm({ state: STATES.reminded! }), 'readOnly'))).toContain('Expires on Fri 4 Dec 2026 · Reminder sent on Fri 27 Nov 2026');
  });

  it('shows who, as what, which topics at which level, the goals, the cadence, the time it asks and the dates', () => {
    const texts = joined(approvalCard(vm(), 'decider'));
    for (const expected of [
      'Approval request · Flipside 2026–27',
      '**Sam Rivera**',
      'Data Analyst · Finance',
      'Wants to join as **Mentor and mentee**',
      '**Will teach**',
      'AI assistants at work\n●●●●○ 4/5',
      '**Wants to learn**',
      'Strategy and decisions\n●●○○○ 2/5',
      '1. Build one Copilot workflow for month-end reporting by February',
      '2. Understand how budget trade-offs are made',
      'Every two weeks, 45 min',
      'About 12 sessions of 45 min over 6 months — roughly 9 hours.',
      'Tue 1 Dec 2026 – Mon 31 May 2027',
    ]) {
      expect(texts).toContain(expected);
    }
  });

  it('leaves out what the person did not fill in', () => {
    const card = approvalCard(vm({ role: 'mentee', teach: [], employee: { ...sam, jobTitle: null, department: null } }), 'decider');
    const texts = joined(card);
    expect(texts).not.toContain('Will teach');
    expect(texts).toContain('Wants to join as **Mentee**');
    expect(texts).not.toContain('null');
    expect(texts).not.toContain('Finance');
  });

  it('links to the enrollment in the tab', () => {
    const card = approvalCard(vm(), 'readOnly');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in Flipside', url: vm().tabUrl }]);
  });
});

describe('approval card: settled', () => {
  it.each([
    ['approved', '✅ Approved by Dana Kim on Tue 24 Nov 2026', 'Note: Great idea, go for it.', 'good'],
    ['declined', 'Declined by Dana Kim on Tue 24 Nov 2026', 'Note: Not during the quarter close, please.', 'attention'],
    ['expired', 'This request expired on Fri 4 Dec 2026', null, 'emphasis'],
    ['withdrawn', 'Sam Rivera withdrew their enrollment on Thu 26 Nov 2026', null, 'emphasis'],
  ])('%s: banner, no inputs, no buttons, and the same card whatever the view', (name, title, note, style) => {
    const [decider, readOnly] = VIEWS.map((v) => approvalCard(vm({ state: STATES[name]!, version: 4 }), v));
    expect(decider).toEqual(readOnly);
    const card = decider!;
    expect(card.body[1]).toMatchObject({ type: 'Container', style });
    expect((card.body[1] as { items: unknown[] }).items[0]).toMatchObject({ type: 'TextBlock', text: title, weight: 'bolder' });
    if (note) expect(joined(card)).toContain(note);
    expect(clickable(card)).toEqual([]);
    expect(inputs(card)).toEqual([]);
    expect(joined(card)).not.toContain('Waiting for');
    expect(joined(card)).not.toContain('Expires on');
  });

  it('no note, no note line', () => {
    expect(joined(approvalCard(vm({ state: STATES.approvedNoNote! }), 'decider'))).not.toContain('Note:');
  });

  it('refreshes automatically for nobody once settled: the edited message is final for everyone', () => {
    for (const name of ['approved', 'declined', 'expired', 'withdrawn']) {
      const card = approvalCard(vm({ state: STATES[name]!, version: 4, deciderIds: ['29:dana'] }), 'decider');
      expect(card.refresh).toEqual({
        action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshApproval, data: { enrollmentId: ENROLLMENT, version: 4 } },
        userIds: [],
      });
    }
  });
});

describe('approval card: user text', () => {
  it('a goal cannot inject a link or markdown structure', () => {
    const card = approvalCard(
      vm({
        goals: ['[click](https://evil.example)', '# Approved by the CEO', '<https://evil.example>'],
        state: { kind: 'approved', by: dana, at: '2026-11-24T10:15:00Z', note: '[Open your bonus](https://evil.example)\n- and a list' },
      }),
      'decider',
    );
    for (const t of cardTexts(card)) {
      expect(t).not.toMatch(/\]\(/);
      expect(t).not.toMatch(/<https?:/);
      expect(t).not.toMatch(/^\d+\. #/);
      expect(t).not.toMatch(/\n- /);
    }
    const texts = joined(card).replace(/\u200B/g, '');
    expect(texts).toContain('1. [click](https://evil.example)');
    expect(texts).toContain('2. # Approved by the CEO');
  });

  it('names and topics are escaped too', () => {
    const card = approvalCard(vm({ employee: { ...sam, displayName: '[Sam](https://evil.example)' }, teach: [{ name: '[AI](https://evil.example)', level: 3 }] }), 'decider');
    for (const t of cardTexts(card)) expect(t).not.toMatch(/\]\(/);
  });
});
