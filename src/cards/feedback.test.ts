import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems, cardBytes, cardNodes, cardTexts } from '../../tests/support/adaptive-card-schema.ts';
import { GOAL_MAX_LENGTH } from '../contracts/programs.ts';
import { actionSchemas, FEEDBACK_TEXT_MAX, parseAction, VERBS } from './actions.ts';
import { agendaCard } from './agenda.ts';
import { feedbackCard, MAX_FEEDBACK_GOALS } from './feedback.ts';
import type { AgendaCardVM, FeedbackAnswerVM, FeedbackCardVM, PersonRef } from './types.ts';

const KB28 = 28 * 1024;
const SESSION = '3c1f0a9e-7b2d-4e5f-8a6b-1c2d3e4f5a6b';
const TAB = 'https://teams.microsoft.com/l/entity/app/mentoring';

const ana: PersonRef = { id: 'm-ana', displayName: 'Ana Silva', jobTitle: 'Data Analyst', department: 'Finance' };
const raj: PersonRef = { id: 'e-raj', displayName: 'Raj Patel', jobTitle: 'VP Operations', department: 'Operations' };

const LEARNED = 'Raj showed me how to read a P&L without panicking.';
const TAUGHT = 'I walked Raj through prompting Copilot for a summary.';

const ANSWER: FeedbackAnswerVM = {
  happened: true,
  usefulness: 4,
  learned: LEARNED,
  taught: TAUGHT,
  actionItems: ['Set up Copilot', 'Share the Power BI report'],
  goalSteps: ['halfway', null],
  answeredAt: '2026-03-03T11:00:00Z',
};

function vm(overrides: Partial<FeedbackCardVM> = {}): FeedbackCardVM {
  return {
    sessionId: SESSION,
    recipientId: ana.id,
    program: { name: 'Flipside 2026–27' },
    partner: raj,
    n: 3,
    of: 12,
    when: 'Tuesday 3 March, 10:00–10:45',
    happened: true,
    attendanceWords: 'Teams saw you both in the meeting for 38 minutes',
    mode: 'ask',
    goals: [
      { text: 'Use Copilot every day', step: 'started' },
      { text: 'Build my own dashboard', step: null },
    ],
    answer: null,
    tabUrl: TAB,
    ...overrides,
  };
}

const MODES: Record<string, Partial<FeedbackCardVM>> = {
  ask: {},
  askUnknownAttendance: { happened: null, attendanceWords: null },
  editing: { answer: ANSWER },
  askWithError: { answer: ANSWER, error: { field: 'usefulness', message: 'how useful must be one of 1, 2, 3, 4, 5' } },
  missed: { mode: 'missed', happened: false, attendanceWords: 'Teams did not see Raj in the meeting' },
  missedAnotherTime: { mode: 'missed', happened: false, anotherTime: true },
  missedKept: { mode: 'missed', happened: false, anotherTime: false },
  answered: { mode: 'answered', answer: ANSWER },
  answeredNotHappened: { mode: 'answered', answer: { ...ANSWER, happened: false, usefulness: null, learned: '', taught: '', actionItems: [] } },
  closed: { mode: 'closed', answer: ANSWER },
};

const executes = (card: unknown) =>
  cardNodes(card)
    .filter((n) => n.in === 'body' && n.node.type === 'Action.Execute')
    .map((n) => n.node);
const buttons = (card: unknown) =>
  cardNodes(card)
    .filter((n) => n.in !== 'refresh' && n.node.type.startsWith('Action.'))
    .map((n) => n.node.title);
const input = (card: unknown, id: string) => cardNodes(card).find((n) => n.node.type.startsWith('Input.') && n.node.id === id)?.node;
const inputIds = (card: unknown) => cardNodes(card).flatMap((n) => (n.node.type.startsWith('Input.') ? [String(n.node.id)] : []));
const joined = (card: unknown) => cardTexts(card).join('\n');

describe('feedback card: schema and size', () => {
  it.each(Object.entries(MODES))('%s: valid Adaptive Card 1.5 with a fallback text, under 28 KB', (_name, overrides) => {
    const card = feedbackCard(vm(overrides));
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', fallbackText: expect.any(String) });
    expect(cardBytes(card)).toBeLessThan(KB28);
  });

  it.each(['ask', 'answered'] as const)('%s, worst case (every text at its limit, 14 goals): valid, asks about 10 goals, under 28 KB', (mode) => {
    const long = (n: number, seed: string) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
    const answer: FeedbackAnswerVM = {
      ...ANSWER,
      learned: long(FEEDBACK_TEXT_MAX, 'Learned a lot. '),
      taught: long(FEEDBACK_TEXT_MAX, 'Taught a lot. '),
      actionItems: Array.from({ length: 20 }, (_, i) => long(100, `Item ${i} `)),
      goalSteps: Array.from({ length: 14 }, () => 'done' as const),
    };
    const card = feedbackCard(
      vm({
        mode,
        answer,
        program: { name: long(120, 'Program ') },
        partner: { ...raj, displayName: long(120, 'Bartholomew ') },
        when: long(120, 'Tuesday 3 March '),
        attendanceWords: long(200, 'Teams saw you '),
        goals: Array.from({ length: 14 }, (_, i) => ({ text: long(GOAL_MAX_LENGTH, `Goal ${i} `), step: 'started' as const })),
        notice: long(300, 'Notice '),
        error: mode === 'ask' ? { field: 'learned', message: long(200, 'too long ') } : undefined,
      }),
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(KB28);
    if (mode === 'ask') expect(inputIds(card).filter((id) => id.startsWith('goal'))).toHaveLength(MAX_FEEDBACK_GOALS);
  });
});

describe('feedback card: only for the recipient', () => {
  it.each(Object.entries(MODES))('%s: refreshes for the recipient alone, read-only, with just the session', (_name, overrides) => {
    const card = feedbackCard(vm(overrides));
    // Never the partner: nobody else's client may refresh into someone's private feedback.
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshFeedback, data: { sessionId: SESSION } }, userIds: [ana.id] });
    expect(parseAction(card.refresh!.action.verb, card.refresh!.action.data)).toMatchObject({ ok: true });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Flipside', url: TAB }]);
  });

  it('what was learned and taught appears on the feedback card, never on the agenda built from the same session', () => {
    const feedback = JSON.stringify(feedbackCard(vm({ mode: 'answered', answer: ANSWER })));
    expect(feedback).toContain(LEARNED);
    expect(feedback).toContain(TAUGHT);
    // The next agenda carries the shared part of the answer (its action items), and only that.
    const agendaVM: AgendaCardVM = {
      sessionId: SESSION,
      version: 1,
      program: { name: 'Flipside 2026–27' },
      mentor: ana,
      mentee: raj,
      n: 4,
      of: 12,
      times: [{ name: 'Ana', when: 'Tuesday 17 March, 10:00–10:45 (London time)' }],
      topic: { title: 'Dashboards', description: 'Build one together.' },
      goals: [{ name: 'Ana', goals: ['Use Copilot every day'] }],
      items: ANSWER.actionItems.map((text, i) => ({ id: `5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5${i}`, text, by: 'Ana', done: false })),
      joinUrl: null,
      state: 'upcoming',
      userIds: [ana.id, raj.id],
      tabUrl: TAB,
    };
    const agenda = JSON.stringify(agendaCard(agendaVM));
    expect(agenda).toContain('Set up Copilot');
    expect(agenda).not.toContain(LEARNED);
    expect(agenda).not.toContain(TAUGHT);
  });

  it('the private texts are labelled as private wherever they are asked or shown', () => {
    const ask = feedbackCard(vm({ answer: ANSWER }));
    expect(input(ask, 'learned')?.label).toContain('Private: only you see this');
    expect(input(ask, 'taught')?.label).toContain('Private: only you see this');
    const texts = joined(feedbackCard(vm({ mode: 'answered', answer: ANSWER })));
    expect(texts).toContain('**What you learned** · only you see this');
    expect(texts).toContain('**What you taught** · only you see this');
  });
});

describe('feedback card: ask', () => {
  it('asks how the session went, with the partner’s first name and the time', () => {
    const texts = joined(feedbackCard(vm()));
    expect(texts).toContain('How was session 3 of 12 with Raj?');
    expect(texts).toContain('**Flipside 2026–27** · Tuesday 3 March, 10:00–10:45');
  });

  it('has every question, in order, and one Send button', () => {
    const card = feedbackCard(vm());
    expect(inputIds(card)).toEqual(['happened', 'usefulness', 'learned', 'taught', 'actionItems', 'goal0', 'goal1']);
    expect(buttons(card)).toEqual(['Send feedback', 'Open Flipside']);
  });

  it('"did you meet": radio buttons, required, prefilled from Teams with the evidence as a note', () => {
    const card = feedbackCard(vm());
    expect(input(card, 'happened')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'expanded',
      label: 'Did you and Raj meet?',
      value: 'yes',
      isRequired: true,
      choices: [
        { title: 'Yes, we met', value: 'yes' },
        { title: "No, it didn't happen", value: 'no' },
      ],
    });
    expect(joined(card)).toContain('From Teams: Teams saw you both in the meeting for 38 minutes');
    expect(input(feedbackCard(vm({ happened: false })), 'happened')?.value).toBe('no');
  });

  it('when Teams could not tell, nothing is preselected and there is no note', () => {
    const card = feedbackCard(vm({ happened: null, attendanceWords: null }));
    expect(input(card, 'happened')).not.toHaveProperty('value');
    expect(joined(card)).not.toContain('From Teams');
  });

  it('usefulness: 1 to 5, each in words', () => {
    const usefulness = input(feedbackCard(vm()), 'usefulness')!;
    expect(usefulness).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded', label: 'How useful was it for you?' });
    expect(usefulness.choices).toEqual([
      { title: '1 — not useful', value: '1' },
      { title: '2 — a little useful', value: '2' },
      { title: '3 — somewhat useful', value: '3' },
      { title: '4 — quite useful', value: '4' },
      { title: '5 — very useful', value: '5' },
    ]);
    expect(usefulness).not.toHaveProperty('value');
  });

  it('the texts are multi-line and capped; action items say they are shared on the next agenda', () => {
    const card = feedbackCard(vm());
    for (const id of ['learned', 'taught', 'actionItems']) expect(input(card, id)).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: FEEDBACK_TEXT_MAX });
    expect(input(card, 'actionItems')?.label).toBe('Action items, one per line — shared on your next agenda');
  });

  it('one progress question per goal, prefilled with where the person last said they were', () => {
    const card = feedbackCard(vm());
    expect(input(card, 'goal0')).toMatchObject({ type: 'Input.ChoiceSet', label: 'Your goal: Use Copilot every day', value: 'started' });
    expect(input(card, 'goal0')?.choices).toEqual([
      { title: 'Not started', value: 'not_started' },
      { title: 'Started', value: 'started' },
      { title: 'Halfway', value: 'halfway' },
      { title: 'Done', value: 'done' },
    ]);
    expect(input(card, 'goal1')).not.toHaveProperty('value');
  });

  it('editing: every input starts from the earlier answer, and the button saves changes', () => {
    const card = feedbackCard(vm({ answer: ANSWER, happened: null }));
    expect(input(card, 'happened')?.value).toBe('yes');
    expect(input(card, 'usefulness')?.value).toBe('4');
    expect(input(card, 'learned')?.value).toBe(LEARNED);
    expect(input(card, 'taught')?.value).toBe(TAUGHT);
    expect(input(card, 'actionItems')?.value).toBe('Set up Copilot\nShare the Power BI report');
    expect(input(card, 'goal0')?.value).toBe('halfway');
    // Not answered last time: where the person stands on that goal.
    expect(input(card, 'goal1')).not.toHaveProperty('value');
    expect(buttons(card)).toEqual(['Save my changes', 'Open Flipside']);
  });

  it('Send carries the session and gathers the inputs; what Teams sends back parses, action items and goals included', () => {
    const card = feedbackCard(vm());
    const [submit] = executes(card);
    expect(submit).toMatchObject({ verb: VERBS.submitFeedback, data: { sessionId: SESSION }, associatedInputs: 'auto' });
    // Teams merges the inputs into the data, every value a string.
    const sent = { ...(submit!.data as object), happened: 'yes', usefulness: '4', learned: LEARNED, taught: '', actionItems: 'Set up Copilot\nShare the report', goal0: 'halfway', goal1: '' };
    expect(parseAction(submit!.verb, sent)).toEqual({
      ok: true,
      action: {
        verb: VERBS.submitFeedback,
        data: { sessionId: SESSION, happened: 'yes', usefulness: '4', learned: LEARNED, taught: '', actionItems: 'Set up Copilot\nShare the report', goal0: 'halfway', goal1: undefined },
      },
    });
    // Every input id is one the verb's data names, so no answer is dropped on the way back.
    expect(Object.keys(actionSchemas[VERBS.submitFeedback].shape)).toEqual(
      expect.arrayContaining(inputIds(feedbackCard(vm({ goals: Array.from({ length: 10 }, (_, i) => ({ text: `Goal ${i}`, step: null })) })))),
    );
  });

  it('asks about at most 10 goals, as the verb carries goal0…goal9', () => {
    const goals = Array.from({ length: 12 }, (_, i) => ({ text: `Goal ${i}`, step: null }));
    const ids = inputIds(feedbackCard(vm({ goals })));
    expect(ids.filter((id) => id.startsWith('goal'))).toEqual(Array.from({ length: 10 }, (_, i) => `goal${i}`));
  });

  it('an answer that could not be taken: a banner names the question and why, and the input carries the reason', () => {
    const card = feedbackCard(vm({ answer: ANSWER, error: { field: 'usefulness', message: 'how useful must be one of 1, 2, 3, 4, 5' } }));
    const banner = card.body.find((e) => e.type === 'Container' && e.style === 'attention');
    expect(cardTexts(banner)).toEqual([
      'Your feedback was not saved',
      '**How useful was it for you?** — How useful must be one of 1, 2, 3, 4, 5',
      'Your answers are as you gave them: fix this one and send again.',
    ]);
    expect(input(card, 'usefulness')?.errorMessage).toBe('How useful must be one of 1, 2, 3, 4, 5');
    expect(input(card, 'learned')).not.toHaveProperty('errorMessage');
    // The answers come back as given.
    expect(input(card, 'learned')?.value).toBe(LEARNED);
  });

  it('an error on something that is not a question: the reason alone, on no input', () => {
    const card = feedbackCard(vm({ error: { field: 'data', message: 'this session is no longer open for feedback' } }));
    expect(joined(card)).toContain('Your feedback was not saved\nThis session is no longer open for feedback');
    expect(cardNodes(card).filter((n) => 'errorMessage' in n.node && n.node.id !== 'happened')).toEqual([]);
  });

  it('an error on a goal names the goal', () => {
    const card = feedbackCard(vm({ error: { field: 'goal1', message: 'goal progress must be one of not_started, started, halfway, done' } }));
    expect(joined(card)).toContain('**Your goal: Build my own dashboard** — Goal progress must be one of');
    expect(input(card, 'goal1')?.errorMessage).toMatch(/^Goal progress must be/);
  });
});

describe('feedback card: missed', () => {
  it('says plainly it did not happen, and asks only whether to find another time', () => {
    const card = feedbackCard(vm(MODES.missed));
    const texts = joined(card);
    expect(texts).toContain("Session 3 of 12 with Raj didn't happen");
    expect(texts).toContain('From Teams: Teams did not see Raj in the meeting');
    expect(inputIds(card)).toEqual([]);
    expect(buttons(card)).toEqual(['Find another time', 'Keep our time', 'Open Flipside']);
    const sent = executes(card).map((a) => [a.verb, a.data]);
    expect(sent).toEqual([
      [VERBS.missedFeedback, { sessionId: SESSION, anotherTime: true }],
      [VERBS.missedFeedback, { sessionId: SESSION, anotherTime: false }],
    ]);
    for (const [verb, data] of sent) expect(parseAction(verb, data)).toEqual({ ok: true, action: { verb, data } });
  });

  it('once chosen, says what was chosen, with no buttons', () => {
    const another = feedbackCard(vm(MODES.missedAnotherTime));
    expect(joined(another)).toContain('You asked for another time');
    expect(executes(another)).toEqual([]);
    const kept = feedbackCard(vm(MODES.missedKept));
    expect(joined(kept)).toContain('You kept your time');
    expect(executes(kept)).toEqual([]);
  });
});

describe('feedback card: answered and closed', () => {
  it('answered: the answer in words, and Edit while the next agenda has not gone out', () => {
    const card = feedbackCard(vm(MODES.answered));
    const texts = joined(card);
    for (const expected of [
      'Your feedback on session 3 of 12 with Raj',
      'Did you meet?\nYes',
      'How useful\n★★★★☆ 4 of 5',
      '**Action items** · shared on your next agenda',
      '- Set up Copilot\n- Share the Power BI report',
      'Use Copilot every day\nHalfway',
      'Build my own dashboard\nNot answered',
      LEARNED,
      TAUGHT,
      'You can change it until the agenda for your next session goes out.',
    ]) {
      expect(texts).toContain(expected);
    }
    expect(inputIds(card)).toEqual([]);
    expect(buttons(card)).toEqual(['Edit my answer', 'Open Flipside']);
    const [edit] = executes(card);
    expect(edit).toMatchObject({ verb: VERBS.editFeedback, data: { sessionId: SESSION } });
    expect(parseAction(edit!.verb, edit!.data)).toEqual({ ok: true, action: { verb: VERBS.editFeedback, data: { sessionId: SESSION } } });
  });

  it('answered that it did not happen: no rating, no empty sections', () => {
    const texts = joined(feedbackCard(vm(MODES.answeredNotHappened)));
    expect(texts).toContain('Did you meet?\nNo');
    expect(texts).not.toContain('How useful');
    expect(texts).not.toContain('Action items');
    expect(texts).not.toContain('only you see this');
  });

  it('closed: the same summary, no Edit, and a line that it can no longer be changed', () => {
    const card = feedbackCard(vm(MODES.closed));
    const texts = joined(card);
    expect(texts).toContain('How useful\n★★★★☆ 4 of 5');
    expect(texts).toContain(LEARNED);
    expect(texts).toContain('This answer can no longer be changed.');
    expect(executes(card)).toEqual([]);
    expect(buttons(card)).toEqual(['Open Flipside']);
  });
});

describe('feedback card: user text', () => {
  const evil = '[click](https://evil.example)';

  it('names, goals, answers and notices cannot inject links or structure', () => {
    const answer: FeedbackAnswerVM = { ...ANSWER, learned: `# ${evil}\n- fake bullet`, taught: `<https://evil.example>`, actionItems: [`${evil}\n- injected`] };
    for (const mode of ['ask', 'answered', 'missed'] as const) {
      const card = feedbackCard(
        vm({
          mode,
          answer,
          program: { name: evil },
          partner: { ...raj, displayName: `> ${evil}` },
          when: `# ${evil}`,
          attendanceWords: `<script>${evil}`,
          goals: [{ text: `${evil}\n# goal`, step: null }],
          notice: `> ${evil}`,
          error: mode === 'ask' ? { field: 'goal0', message: `${evil}\n# broken` } : undefined,
        }),
      );
      for (const t of cardTexts(card)) {
        expect(t).not.toMatch(/\]\(/);
        expect(t).not.toMatch(/<(https?:|script)/);
        expect(t).not.toMatch(/^\s*[#>]/m);
        expect(t).not.toMatch(/\n- (fake|injected)/);
      }
      expect(adaptiveCardProblems(card)).toEqual([]);
    }
  });
});

describe('the mid-point feedback card: skills rated again', () => {
  const nodes = (card: unknown) => cardNodes(card).map((x) => x.node as Record<string, unknown>);
  const skills = [
    { name: 'AI assistants at work', before: 1 },
    { name: 'Data & dashboards', before: null },
  ];

  it('asks for each topic learned, naming the rating given at enrollment, and stays a valid card', () => {
    const card = feedbackCard(vm({ n: 6, skills }));
    expect(adaptiveCardProblems(card)).toEqual([]);
    const inputs = nodes(card).filter((n) => typeof n.id === 'string' && /^skill\d$/.test(n.id as string));
    expect(inputs.map((i) => i.label)).toEqual(['AI assistants at work (you said 1 of 5 when you enrolled)', 'Data & dashboards']);
    expect(inputs.every((i) => i.isRequired !== true)).toBe(true);
    // Not on the cards of other sessions.
    expect(nodes(feedbackCard(vm())).some((n) => n.id === 'skill0')).toBe(false);
  });

  it('gives a refused rating back on its input with the reason, and summarises an answer as before → now', () => {
    const refused = feedbackCard(vm({ n: 6, skills, answer: { ...ANSWER, skills: [3, 9] }, error: { field: 'skill1', message: 'Rate yourself from 1 to 5.' } }));
    expect(adaptiveCardProblems(refused)).toEqual([]);
    expect(cardTexts(refused).join('\n')).toContain('**Your skills at the mid-point: Data & dashboards** — Rate yourself from 1 to 5.');
    expect(nodes(refused).find((n) => n.id === 'skill1')!.errorMessage).toBe('Rate yourself from 1 to 5.');
    expect(nodes(refused).find((n) => n.id === 'skill0')!.value).toBe('3');
    const answered = feedbackCard(vm({ n: 6, skills, mode: 'answered', answer: { ...ANSWER, skills: [3, null] } }));
    expect(adaptiveCardProblems(answered)).toEqual([]);
    expect(JSON.stringify(answered)).toContain('1 → 3 of 5');
    expect(JSON.stringify(answered)).not.toContain('Data & dashboards');
  });
});
