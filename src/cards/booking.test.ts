import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { parseAction, VERBS } from './actions.ts';
import { bookingCard } from './booking.ts';
import type { BookingCardState, BookingCardVM, PersonRef, SlotOptionVM } from './types.ts';

const KB28 = 28 * 1024;
const PROGRAM = '0b7d6a52-3f1e-4c2a-9d8b-5e4f3a2b1c0d';
const MENTEE = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const TAB = 'https://teams.microsoft.com/l/entity/app/pairs?context=%7B%22subEntityId%22%3A%22p1%22%7D';
const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

const ana: PersonRef = { id: 'm-ana', displayName: 'Ana Silva', jobTitle: 'Data Analyst', department: 'Finance' };
const raj: PersonRef = { id: 'e-raj', displayName: 'Raj Patel', jobTitle: 'VP Operations', department: 'Operations' };

const slot = (id: string, day: string, concerns: string[] = []): SlotOptionVM => ({
  id,
  times: [
    { name: 'Ana', when: `${day} 10:00–10:45 (London time)` },
    { name: 'Raj', when: `${day} 15:30–16:15 (India time)` },
  ],
  fit: 'free for both in 8 of the next 8 sessions · inside both working days',
  concerns,
});

const SLOTS = [slot('s-tue', 'Tuesdays'), slot('s-wed', 'Wednesdays', ["at the end of Raj's day"]), slot('s-thu', 'Thursdays')];

const STATES: Record<string, BookingCardState> = {
  finding: { kind: 'finding' },
  offer: { kind: 'offer', slots: SLOTS },
  booking: { kind: 'booking', slot: SLOTS[0]!, pickedBy: 'Ana Silva' },
  booked: { kind: 'booked', slot: SLOTS[0]!, pickedBy: 'Ana Silva', cadenceWords: 'every two weeks', firstSession: '2026-12-01', lastSession: '2027-05-25', sessions: 13, joinUrl: JOIN },
  bookedNoLink: { kind: 'booked', slot: SLOTS[0]!, pickedBy: null, cadenceWords: 'weekly', firstSession: '2026-12-01', lastSession: '2027-05-25', sessions: 26, joinUrl: null },
  unbookable: {
    kind: 'unbookable',
    reason: 'Your working hours overlap by only 30 minutes a day.',
    alternatives: ['Shorter sessions: 30 minutes on Tuesdays', 'Meet monthly instead'],
  },
  ended: { kind: 'ended', reason: 'The program ended on 31 May 2027.' },
};

function vm(overrides: Partial<BookingCardVM> = {}): BookingCardVM {
  return { programId: PROGRAM, menteeId: MENTEE, version: 5, program: { name: 'Flipside 2026–27' }, mentor: ana, mentee: raj, durationMinutes: 45, state: STATES.offer!, tabUrl: TAB, ...overrides };
}

/** The biggest card a pair can get: long names and program, 3 options with long lines, many concerns. */
function worstCase(state: BookingCardState): BookingCardVM {
  const long = (n: number, seed: string) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
  const bigSlot = (i: number): SlotOptionVM => ({
    id: long(40, `slot-${i}-`),
    times: [
      { name: long(120, 'Maximiliana Wolfeschlegel '), when: long(120, 'Tuesdays 10:00–10:45 (Argentina Standard Time) ') },
      { name: long(120, '[Bartholomew](https://evil.example) '), when: long(120, 'Wednesdays 00:00–00:45 (Chatham Islands time) ') },
    ],
    fit: long(300, 'Free for both in 7 of the next 8 sessions · ✨ '),
    concerns: Array.from({ length: 5 }, (_, j) => long(160, `Concern ${j}: over lunch for someone `)),
  });
  const person = (seed: string): PersonRef => ({ id: 'x', displayName: long(120, seed), jobTitle: long(120, 'Principal '), department: long(120, 'Department of ') });
  const big: Record<BookingCardState['kind'], BookingCardState> = {
    finding: state,
    offer: { kind: 'offer', slots: [0, 1, 2, 3].map(bigSlot) },
    booking: { kind: 'booking', slot: bigSlot(0), pickedBy: long(120, 'Maximiliana ') },
    booked: {
      kind: 'booked',
      slot: bigSlot(0),
      pickedBy: long(120, 'Maximiliana '),
      cadenceWords: 'every two weeks',
      firstSession: '2026-12-01',
      lastSession: '2027-11-30',
      sessions: 26,
      joinUrl: `${JOIN}?${long(900, 'context=x')}`,
    },
    unbookable: { kind: 'unbookable', reason: long(500, 'Nothing fits. '), alternatives: Array.from({ length: 10 }, (_, i) => long(200, `Alternative ${i} `)) },
    ended: { kind: 'ended', reason: long(500, 'The pair ended. ') },
  };
  return vm({
    program: { name: long(120, 'Program ') },
    mentor: person('Maximiliana Wolfeschlegel '),
    mentee: person('Bartholomew Featherstonehaugh '),
    state: big[state.kind],
    tabUrl: `${TAB}${long(500, 'x')}`,
  });
}

const executes = (card: unknown, where?: 'body' | 'actions' | 'refresh') =>
  cardNodes(card)
    .filter((n) => n.node.type === 'Action.Execute' && (!where || n.in === where))
    .map((n) => n.node);
const buttons = (card: unknown) =>
  cardNodes(card)
    .filter((n) => n.in !== 'refresh' && n.node.type.startsWith('Action.'))
    .map((n) => n.node.title);
const joined = (card: unknown) => cardTexts(card).join('\n');

describe('booking card: schema and size', () => {
  for (const [name, state] of Object.entries(STATES)) {
    it(`${name}: valid Adaptive Card 1.5 under 28 KB`, () => {
      const card = bookingCard(vm({ state }));
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', fallbackText: expect.any(String) });
      expect(cardBytes(card)).toBeLessThan(KB28);
    });

    it(`${name}, worst case: still valid and well under 28 KB`, () => {
      const card = bookingCard(worstCase(state));
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(KB28 / 2);
      // Even counted as UTF-16, as Teams counts a message's size.
      expect(JSON.stringify(card).length * 2).toBeLessThan(KB28);
    });
  }
});

describe('booking card: every state', () => {
  it.each(Object.entries(STATES))('%s: refreshes for nobody automatically, with booking.refresh and the pair', (_name, state) => {
    const card = bookingCard(vm({ state }));
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshBooking, data: { programId: PROGRAM, menteeId: MENTEE } },
      userIds: [],
    });
    expect(parseAction(card.refresh!.action.verb, card.refresh!.action.data)).toMatchObject({ ok: true });
  });

  it.each(Object.entries(STATES))('%s: links to the pair in Flipside, and keeps every Action.Execute in the body', (_name, state) => {
    const card = bookingCard(vm({ state }));
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Flipside', url: TAB }]);
    expect(executes(card, 'actions')).toEqual([]);
  });

  it('what every button sends is what parseAction accepts', () => {
    for (const state of Object.values(STATES)) {
      for (const action of executes(bookingCard(vm({ state })), 'body')) {
        expect(parseAction(action.verb, action.data)).toEqual({ ok: true, action: { verb: action.verb, data: action.data } });
      }
    }
  });
});

describe('booking card: finding', () => {
  it('says Flipside is looking, for whom, with nothing to click but the tab', () => {
    const card = bookingCard(vm({ state: STATES.finding! }));
    expect(joined(card)).toContain('Finding a time that suits you both…');
    expect(joined(card)).toContain('**Flipside 2026–27** · 45-minute sessions for Ana and Raj.');
    expect(buttons(card)).toEqual(['Open Flipside']);
  });
});

describe('booking card: offer', () => {
  it('shows each option with both local times, the fit and any concern, and says either may pick', () => {
    const texts = joined(bookingCard(vm()));
    for (const expected of [
      '📅 Pick a time for your mentoring sessions',
      '**Flipside 2026–27** · 45-minute sessions for Ana and Raj.',
      'Either of you can pick; Flipside books it in both calendars.',
      '**Option 1**',
      '**Ana:** Tuesdays 10:00–10:45 (London time)',
      '**Raj:** Tuesdays 15:30–16:15 (India time)',
      '**Option 3**',
      '**Raj:** Thursdays 15:30–16:15 (India time)',
      'Free for both in 8 of the next 8 sessions · inside both working days',
      "⚠️ At the end of Raj's day",
    ]) {
      expect(texts).toContain(expected);
    }
  });

  it('has one pick per option carrying exactly the pair, the slot and the version, then "None of these work"', () => {
    const card = bookingCard(vm());
    expect(buttons(card)).toEqual(['Pick option 1', 'Pick option 2', 'Pick option 3', 'None of these work — find other times', 'Open Flipside']);
    const picks = executes(card).filter((a) => a.verb === VERBS.pickSlot);
    expect(picks.map((a) => a.data)).toEqual(['s-tue', 's-wed', 's-thu'].map((slotId) => ({ programId: PROGRAM, menteeId: MENTEE, slotId, version: 5 })));
    expect(
      executes(card)
        .filter((a) => a.verb === VERBS.reschedule)
        .map((a) => a.data),
    ).toEqual([{ programId: PROGRAM, menteeId: MENTEE, version: 5 }]);
  });

  // Regression (issue 13): the three "Pick this time" buttons shared one accessible name.
  it('each pick has its own accessible name, the option it picks, and a tooltip saying which time for each person', () => {
    const picks = executes(bookingCard(vm())).filter((a) => a.verb === VERBS.pickSlot);
    expect(new Set(picks.map((a) => a.title)).size).toBe(picks.length);
    expect(picks.map((a) => a.tooltip)).toEqual(SLOTS.map((s) => `Pick ${s.times[0]!.when} / ${s.times[1]!.when}`));
    expect(picks[0]!.tooltip).toBe('Pick Tuesdays 10:00–10:45 (London time) / Tuesdays 15:30–16:15 (India time)');
    const one = executes(bookingCard(vm({ state: { kind: 'offer', slots: [SLOTS[0]!] } }))).find((a) => a.verb === VERBS.pickSlot)!;
    expect([one.title, one.tooltip]).toEqual(['Pick this time', 'Pick Tuesdays 10:00–10:45 (London time) / Tuesdays 15:30–16:15 (India time)']);
  });

  it('each pick sits in its option, under that option’s times', () => {
    const options = bookingCard(vm()).body.filter((e) => e.type === 'Container');
    expect(options).toHaveLength(3);
    options.forEach((option, i) => {
      expect(joined(option)).toContain(SLOTS[i]!.times[0]!.when);
      expect(executes(option).map((a) => (a.data as { slotId: string }).slotId)).toEqual([SLOTS[i]!.id]);
    });
  });

  it('offers at most 3 times, and a single time without an "Option 1" label', () => {
    const four = bookingCard(vm({ state: { kind: 'offer', slots: [...SLOTS, slot('s-fri', 'Fridays')] } }));
    expect(joined(four)).not.toContain('Fridays');
    expect(executes(four).filter((a) => a.verb === VERBS.pickSlot)).toHaveLength(3);
    const one = bookingCard(vm({ state: { kind: 'offer', slots: [SLOTS[0]!] } }));
    expect(joined(one)).not.toContain('Option 1');
    expect(buttons(one)).toEqual(['Pick this time', 'None of these work — find other times', 'Open Flipside']);
  });

  it('with nothing to offer, asks for other times instead of showing an empty list', () => {
    const card = bookingCard(vm({ state: { kind: 'offer', slots: [] } }));
    expect(joined(card)).toContain('Flipside has no times to offer right now.');
    expect(buttons(card)).toEqual(['Find other times', 'Open Flipside']);
  });
});

describe('booking card: booking', () => {
  it('says who picked which time while Flipside books it, with no buttons that act', () => {
    const card = bookingCard(vm({ state: STATES.booking! }));
    const texts = joined(card);
    expect(texts).toContain('Booking your mentoring sessions…');
    expect(texts).toContain('Ana Silva picked this time.');
    expect(texts).toContain('**Ana:** Tuesdays 10:00–10:45 (London time)');
    expect(buttons(card)).toEqual(['Open Flipside']);
  });
});

describe('booking card: booked', () => {
  it('shows the times for each, how often, the first and last session and who picked', () => {
    const texts = joined(bookingCard(vm({ state: STATES.booked! })));
    for (const expected of [
      '✅ Booked: your mentoring sessions',
      "It's in both your calendars. Picked by Ana Silva.",
      '**Ana:** Tuesdays 10:00–10:45 (London time)',
      '**Raj:** Tuesdays 15:30–16:15 (India time)',
      'Every two weeks, 13 sessions',
      'First session\nTue 1 Dec 2026',
      'Last session\nTue 25 May 2027',
    ]) {
      expect(texts).toContain(expected);
    }
  });

  it('has "Join on Teams" only when there is a join link', () => {
    const withLink = bookingCard(vm({ state: STATES.booked! }));
    expect(buttons(withLink)).toEqual(['Join on Teams', 'Find another time', 'Open Flipside']);
    expect(cardNodes(withLink).find((n) => n.node.title === 'Join on Teams')?.node).toEqual({ type: 'Action.OpenUrl', title: 'Join on Teams', url: JOIN });

    const withoutLink = bookingCard(vm({ state: STATES.bookedNoLink! }));
    expect(buttons(withoutLink)).toEqual(['Find another time', 'Open Flipside']);
    expect(joined(withoutLink)).not.toContain('Picked by');
  });

  it('takes session dates already in words, and a picker Flipside could not name', () => {
    const state: BookingCardState = { ...(STATES.booked as Extract<BookingCardState, { kind: 'booked' }>), pickedBy: 'one of you', firstSession: 'Wed 2 Dec 2026', lastSession: 'Wed 26 May 2027' };
    const texts = joined(bookingCard(vm({ state })));
    expect(texts).toContain('First session\nWed 2 Dec 2026');
    expect(texts).toContain('Last session\nWed 26 May 2027');
    expect(texts).toContain('Picked by one of you.');
    expect(joined(bookingCard(vm({ state: { kind: 'booking', slot: SLOTS[0]!, pickedBy: 'one of you' } })))).toContain('One of you picked this time.');
  });

  it('"Find another time" asks to reschedule with the version', () => {
    const [reschedule] = executes(bookingCard(vm({ state: STATES.booked!, version: 9 })), 'body');
    expect(reschedule).toMatchObject({ verb: VERBS.reschedule, title: 'Find another time', data: { programId: PROGRAM, menteeId: MENTEE, version: 9 } });
  });
});

describe('booking card: unbookable and ended', () => {
  it('unbookable: the reason, the alternatives as a list, and "Try again"', () => {
    const card = bookingCard(vm({ state: STATES.unbookable! }));
    const texts = joined(card);
    expect(texts).toContain("Flipside couldn't find a time");
    expect(texts).toContain('Your working hours overlap by only 30 minutes a day.');
    expect(texts).toContain('- Shorter sessions: 30 minutes on Tuesdays\n- Meet monthly instead');
    expect(buttons(card)).toEqual(['Try again', 'Open Flipside']);
    expect(executes(card, 'body')).toEqual([expect.objectContaining({ verb: VERBS.reschedule, data: { programId: PROGRAM, menteeId: MENTEE, version: 5 } })]);
  });

  it('unbookable without alternatives has no empty list', () => {
    const card = bookingCard(vm({ state: { kind: 'unbookable', reason: 'Nothing fits.', alternatives: [] } }));
    expect(joined(card)).not.toContain('What could work');
  });

  it('ended: the reason, and only the link to Flipside', () => {
    const card = bookingCard(vm({ state: STATES.ended! }));
    expect(joined(card)).toContain('This series has ended');
    expect(joined(card)).toContain('The program ended on 31 May 2027.');
    expect(buttons(card)).toEqual(['Open Flipside']);
  });
});

describe('booking card: user text', () => {
  const evil = '[click](https://evil.example)';

  it('names, program, times, fit, concerns, reasons and alternatives cannot inject links or structure', () => {
    const bad: SlotOptionVM = { id: 's1', times: [{ name: evil, when: `<https://evil.example>\n# Tuesdays` }], fit: `# ${evil}`, concerns: [`${evil}\n- fake bullet`] };
    const people = { mentor: { ...ana, displayName: evil }, mentee: { ...raj, displayName: `> ${evil}` }, program: { name: evil } };
    const states: BookingCardState[] = [
      { kind: 'offer', slots: [bad] },
      { kind: 'booking', slot: bad, pickedBy: evil },
      { kind: 'booked', slot: bad, pickedBy: evil, cadenceWords: 'weekly', firstSession: '2026-12-01', lastSession: '2027-05-25', sessions: 26, joinUrl: null },
      { kind: 'unbookable', reason: `${evil}\n# Approved`, alternatives: [`${evil}\n\n- injected`] },
      { kind: 'ended', reason: `<script>${evil}` },
    ];
    for (const state of states) {
      const texts = cardTexts(bookingCard(vm({ ...people, state })));
      for (const t of texts) {
        expect(t).not.toMatch(/\]\(/);
        expect(t).not.toMatch(/<(https?:|script)/);
        expect(t).not.toMatch(/^\s*[#>]/m);
        expect(t).not.toMatch(/\n- (fake|injected)/);
      }
      // Still readable once the invisible separators are gone.
      expect(texts.join('\n').replace(/\u200B/g, '')).toContain(evil);
    }
  });
});
