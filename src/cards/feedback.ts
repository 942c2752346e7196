/**
 * The feedback card after a session, in one person's 1:1 chat with Flipside: the questions, the
 * "it didn't happen" follow-up, and the answer as given. It is theirs alone: the refresh lists
 * only the recipient, so nobody else's client ever asks the bot for this card.
 */
import { FEEDBACK_TEXT_MAX, VERBS } from './actions.ts';
import {
  actionSet,
  adaptiveCard,
  banner,
  container,
  factSet,
  heading,
  openUrl,
  small,
  text,
  type ActionExecute,
  type AdaptiveCard,
  type CardElement,
  type Choice,
  type InputChoiceSet,
  type InputText,
  type Refresh,
} from './common.ts';
import { capitalized, escapeMarkdown, firstName, oneLine, plainText } from './format.ts';
import { MAX_RATED_SKILLS, skillChange, skillInput } from './skills.ts';
import type { FeedbackAnswerVM, FeedbackCardVM, GoalStep } from './types.ts';

/** Goals asked about: the submit verb carries goal0…goal9. */
export const MAX_FEEDBACK_GOALS = 10;

/** Input ids, as the submit verb's data names them (actions.ts). */
export const FEEDBACK_INPUT_IDS = {
  happened: 'happened',
  usefulness: 'usefulness',
  learned: 'learned',
  taught: 'taught',
  actionItems: 'actionItems',
} as const;
const goalInputId = (i: number) => `goal${i}`;

const PRIVATE = 'Private: only you see this';

const STEP_WORDS: Record<GoalStep, string> = {
  not_started: 'Not started',
  started: 'Started',
  halfway: 'Halfway',
  done: 'Done',
};

const USEFULNESS_CHOICES: Choice[] = [
  { title: '1 — not useful', value: '1' },
  { title: '2 — a little useful', value: '2' },
  { title: '3 — somewhat useful', value: '3' },
  { title: '4 — quite useful', value: '4' },
  { title: '5 — very useful', value: '5' },
];

/** The card for the recipient, as the session and their answer stand. */
export function feedbackCard(vm: FeedbackCardVM): AdaptiveCard {
  const notice = vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : [];
  const { body, fallbackText } = content(vm);
  return adaptiveCard([...notice, ...body], { refresh: refreshFor(vm), actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText });
}

/** Only the recipient: the partner's client must never fetch (or be shown) this card. */
function refreshFor(vm: FeedbackCardVM): Refresh {
  return { action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshFeedback, data: { sessionId: vm.sessionId } }, userIds: [vm.recipientId] };
}

function content(vm: FeedbackCardVM): { body: CardElement[]; fallbackText: string } {
  const partner = firstName(vm.partner.displayName);
  switch (vm.mode) {
    case 'ask':
      return { body: ask(vm), fallbackText: `How was session ${vm.n} of ${vm.of} with ${partner}? Open this chat in Teams to answer.` };
    case 'missed':
      return { body: missed(vm), fallbackText: `Session ${vm.n} of ${vm.of} with ${partner} didn't happen.` };
    case 'answered':
      return { body: answered(vm), fallbackText: `Your feedback on session ${vm.n} of ${vm.of} with ${partner}.` };
    case 'closed':
      return { body: answered(vm), fallbackText: `Your feedback on session ${vm.n} of ${vm.of} with ${partner}.` };
  }
}

function partnerName(vm: FeedbackCardVM): string {
  return oneLine(firstName(vm.partner.displayName));
}

/** "Flipside 2026–27 · Tuesday 3 March, 10:00–10:45". */
function subtitle(vm: FeedbackCardVM): CardElement {
  return small(`**${oneLine(vm.program.name)}** · ${oneLine(vm.when)}`);
}

// ask

function ask(vm: FeedbackCardVM): CardElement[] {
  const partner = partnerName(vm);
  const answer = vm.answer;
  const errorField = vm.error?.field;
  /** The server's reason on the input it concerns, so the client shows it there on the next try. */
  const withError = <T extends InputText | InputChoiceSet>(input: T): T => (errorField === input.id ? { ...input, errorMessage: capitalized(plainText(vm.error!.message)) } : input);

  const body: CardElement[] = [heading(`How was session ${vm.n} of ${vm.of} with ${partner}?`), subtitle(vm)];
  if (vm.error) body.push(errorBanner(vm, vm.error));

  const happened = answer ? answer.happened : vm.happened;
  body.push(
    withError(
      choiceSet(
        FEEDBACK_INPUT_IDS.happened,
        `Did you and ${plainText(firstName(vm.partner.displayName))} meet?`,
        [
          { title: 'Yes, we met', value: 'yes' },
          { title: "No, it didn't happen", value: 'no' },
        ],
        {
          style: 'expanded',
          value: happened === null ? undefined : happened ? 'yes' : 'no',
          // The answer needs it (it decides everything else); Teams checks before sending.
          isRequired: true,
          errorMessage: 'Say whether the session happened.',
          spacing: 'medium',
        },
      ),
    ),
  );
  if (vm.attendanceWords) body.push(small(`From Teams: ${oneLine(vm.attendanceWords)}`));

  body.push(
    withError(
      choiceSet(FEEDBACK_INPUT_IDS.usefulness, 'How useful was it for you?', USEFULNESS_CHOICES, {
        style: 'expanded',
        value: answer?.usefulness != null ? String(answer.usefulness) : undefined,
        spacing: 'medium',
      }),
    ),
    withError(textInput(FEEDBACK_INPUT_IDS.learned, `What did you learn? (${PRIVATE})`, 'A skill, a shortcut, a way of seeing things…', answer?.learned)),
    withError(textInput(FEEDBACK_INPUT_IDS.taught, `What did you teach? (${PRIVATE})`, `What ${plainText(firstName(vm.partner.displayName))} took away from you`, answer?.taught)),
    withError(textInput(FEEDBACK_INPUT_IDS.actionItems, 'Action items, one per line — shared on your next agenda', 'Try Copilot on the weekly report', answer?.actionItems.join('\n'))),
  );

  vm.goals.slice(0, MAX_FEEDBACK_GOALS).forEach((goal, i) => {
    const step = answer ? (answer.goalSteps[i] ?? goal.step) : goal.step;
    body.push(
      withError(
        choiceSet(
          goalInputId(i),
          `Your goal: ${plainText(goal.text)}`,
          (Object.keys(STEP_WORDS) as GoalStep[]).map((s) => ({ title: STEP_WORDS[s], value: s })),
          { style: 'compact', placeholder: 'How far along are you?', value: step ?? undefined, spacing: i === 0 ? 'medium' : 'small' },
        ),
      ),
    );
  });

  const skills = (vm.skills ?? []).slice(0, MAX_RATED_SKILLS);
  if (skills.length > 0) {
    body.push(
      text('**Your skills at the mid-point**', { spacing: 'medium' }),
      small('Halfway through: on the topics you chose to learn, how do you rate yourself today? Only you see your own ratings.'),
      ...skills.map((s, i) => withError(skillInput(i, s, answer?.skills?.[i]))),
    );
  }

  body.push(
    actionSet([execute(vm, VERBS.submitFeedback, answer ? 'Save my changes' : 'Send feedback', {}, { style: 'positive', associatedInputs: 'auto' })], { spacing: 'medium' }),
    small('You can change your answers until the agenda for your next session goes out.'),
  );
  return body;
}

function errorBanner(vm: FeedbackCardVM, error: NonNullable<FeedbackCardVM['error']>): CardElement {
  const label = fieldLabel(vm, error.field);
  const reason = capitalized(escapeMarkdown(error.message));
  return banner('attention', 'Your feedback was not saved', [label ? `**${escapeMarkdown(label)}** — ${reason}` : reason, 'Your answers are as you gave them: fix this one and send again.']);
}

/** The question an error's field names, in the words the card asks it. */
function fieldLabel(vm: FeedbackCardVM, field: string): string | null {
  const skill = /^skill(\d)$/.exec(field);
  if (skill) {
    const s = vm.skills?.[Number(skill[1])];
    return s ? `Your skills at the mid-point: ${plainText(s.name)}` : 'Your skills at the mid-point';
  }
  const goal = /^goal(\d)$/.exec(field);
  if (goal) {
    const g = vm.goals[Number(goal[1])];
    return g ? `Your goal: ${plainText(g.text)}` : null;
  }
  const labels: Record<string, string> = {
    happened: `Did you and ${plainText(firstName(vm.partner.displayName))} meet?`,
    usefulness: 'How useful was it for you?',
    learned: 'What did you learn?',
    taught: 'What did you teach?',
    actionItems: 'Action items',
  };
  return labels[field] ?? null;
}

function choiceSet(id: string, label: string, choices: Choice[], options: Omit<InputChoiceSet, 'type' | 'id' | 'label' | 'choices'>): InputChoiceSet {
  const input: InputChoiceSet = { type: 'Input.ChoiceSet', id, label, choices, wrap: true, ...options };
  if (input.value === undefined) delete input.value;
  return input;
}

function textInput(id: string, label: string, placeholder: string, value: string | undefined): InputText {
  const input: InputText = { type: 'Input.Text', id, label, placeholder, isMultiline: true, maxLength: FEEDBACK_TEXT_MAX, spacing: 'medium' };
  if (value) input.value = value;
  return input;
}

// missed

function missed(vm: FeedbackCardVM): CardElement[] {
  const partner = partnerName(vm);
  const body: CardElement[] = [heading(`Session ${vm.n} of ${vm.of} with ${partner} didn't happen`), subtitle(vm)];
  if (vm.attendanceWords) body.push(small(`From Teams: ${oneLine(vm.attendanceWords)}`));
  if (vm.anotherTime === true) {
    body.push(banner('good', 'You asked for another time', [`Flipside will look for a time that suits you both and offer it in your chat with ${partner}.`]));
  } else if (vm.anotherTime === false) {
    body.push(banner('emphasis', 'You kept your time', ['The rest of your sessions stay as booked.']));
  } else {
    body.push(
      text(`Does your usual time still work for you and ${partner}? If not, Flipside can look for another one for the rest of your sessions.`, { spacing: 'medium' }),
      actionSet([execute(vm, VERBS.missedFeedback, 'Find another time', { anotherTime: true }, { style: 'positive' }), execute(vm, VERBS.missedFeedback, 'Keep our time', { anotherTime: false })]),
    );
  }
  return body;
}

// answered and closed

function answered(vm: FeedbackCardVM): CardElement[] {
  const body: CardElement[] = [heading(`Your feedback on session ${vm.n} of ${vm.of} with ${partnerName(vm)}`), subtitle(vm)];
  if (vm.answer) body.push(...summary(vm, vm.answer));
  else body.push(text('Flipside has no answer from you for this session.', { spacing: 'medium' }));
  if (vm.mode === 'closed') body.push(small('This answer can no longer be changed.', { spacing: 'medium' }));
  else if (vm.answer) body.push(actionSet([execute(vm, VERBS.editFeedback, 'Edit my answer')], { spacing: 'medium' }), small('You can change it until the agenda for your next session goes out.'));
  return body;
}

function summary(vm: FeedbackCardVM, answer: FeedbackAnswerVM): CardElement[] {
  const facts = [{ title: 'Did you meet?', value: answer.happened ? 'Yes' : 'No' }];
  if (answer.usefulness !== null) facts.push({ title: 'How useful', value: stars(answer.usefulness) });
  const body: CardElement[] = [factSet(facts, { spacing: 'medium' })];

  const items = answer.actionItems.map((a) => a.trim()).filter(Boolean);
  if (items.length) body.push(text('**Action items** · shared on your next agenda', { spacing: 'medium' }), text(items.map((a) => `- ${oneLine(a)}`).join('\n'), { spacing: 'small' }));

  const goals = vm.goals.slice(0, MAX_FEEDBACK_GOALS);
  if (goals.length) {
    body.push(
      text('**Your goals**', { spacing: 'medium' }),
      factSet(
        goals.map((g, i) => {
          const step = answer.goalSteps[i];
          return { title: oneLine(g.text), value: step ? STEP_WORDS[step] : 'Not answered' };
        }),
        { spacing: 'small' },
      ),
    );
  }

  const skills = (vm.skills ?? []).slice(0, MAX_RATED_SKILLS).flatMap((s, i) => {
    const level = answer.skills?.[i];
    return level ? [{ title: oneLine(s.name), value: skillChange(s.before, level) }] : [];
  });
  if (skills.length) body.push(text('**Your skills at the mid-point** · only you see these', { spacing: 'medium' }), factSet(skills, { spacing: 'small' }));

  const privateTexts = [
    { title: 'What you learned', value: answer.learned },
    { title: 'What you taught', value: answer.taught },
  ].filter((p) => p.value.trim() !== '');
  if (privateTexts.length) {
    body.push(
      container(
        privateTexts.flatMap((p, i) => [text(`**${p.title}** · only you see this`, { spacing: i === 0 ? 'none' : 'medium' }), text(escapeMarkdown(p.value), { spacing: 'small' })]),
        { style: 'emphasis', spacing: 'medium' },
      ),
    );
  }
  return body;
}

/** "★★★★☆ 4 of 5". */
function stars(n: number): string {
  const k = Math.min(5, Math.max(1, Math.round(n)));
  return `${'★'.repeat(k)}${'☆'.repeat(5 - k)} ${k} of 5`;
}

// helpers

function execute(vm: FeedbackCardVM, verb: ActionExecute['verb'], title: string, data: Record<string, unknown> = {}, extra: Pick<ActionExecute, 'style' | 'associatedInputs'> = {}): ActionExecute {
  return { type: 'Action.Execute', verb, title, data: { sessionId: vm.sessionId, ...data }, ...extra };
}
