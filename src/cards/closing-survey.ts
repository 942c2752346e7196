/**
 * The closing survey after a pair's last session, to each person in their 1:1 chat: overall value,
 * would they recommend it, their skills now on the topics they chose to learn, what changed for
 * them (theirs alone), whether the two keep meeting on their own and, for the junior mentor, whether
 * their manager may get a note of recognition.
 */
import { VERBS } from './actions.ts';
import { CLOSING_TEXT_MAX } from './actions.ts';
import { actionSet, adaptiveCard, banner, heading, openUrl, small, text, type AdaptiveCard, type CardElement, type Choice, type InputChoiceSet, type InputText, type Refresh } from './common.ts';
import { capitalized, escapeMarkdown, firstName, plainText, plural } from './format.ts';
import { MAX_RATED_SKILLS, skillChange, skillInput, type SkillVM } from './skills.ts';
import type { PersonRef } from './types.ts';

export interface ClosingAnswerVM {
  overall: number | null;
  recommend: boolean | null;
  whatChanged: string;
  keepMeeting: boolean | null;
  recognition: boolean | null;
  /** Per skill shown (in order), the level given now. */
  skills: (number | null)[];
}

export interface ClosingSurveyCardVM {
  programId: string;
  menteeId: string;
  recipientId: string;
  program: { name: string };
  partner: PersonRef;
  role: 'mentor' | 'mentee';
  sessionsHeld: number;
  /** The topics this person chose to learn, with their ratings at enrollment and at the mid-point. */
  skills: SkillVM[];
  /** The junior mentor's manager, named in the consent question; null for the mentee or nobody. */
  managerName: string | null;
  mode: 'ask' | 'answered';
  answer: ClosingAnswerVM | null;
  error?: { field: string; message: string } | null;
  notice?: string;
  tabUrl: string;
}

export const CLOSING_INPUT_IDS = { overall: 'overall', recommend: 'recommend', whatChanged: 'whatChanged', keepMeeting: 'keepMeeting', recognition: 'recognition' } as const;
export const MAX_CLOSING_SKILLS = MAX_RATED_SKILLS;

const SCALE: Choice[] = [
  { title: '1 — not at all', value: '1' },
  { title: '2', value: '2' },
  { title: '3', value: '3' },
  { title: '4', value: '4' },
  { title: '5 — a great deal', value: '5' },
];
const yesNo = (yes: string, no: string): Choice[] => [
  { title: yes, value: 'yes' },
  { title: no, value: 'no' },
];

export function closingSurveyCard(vm: ClosingSurveyCardVM): AdaptiveCard {
  const notice = vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : [];
  const body = vm.mode === 'answered' && vm.answer ? answered(vm, vm.answer) : ask(vm);
  return adaptiveCard([...notice, ...body], {
    refresh: refreshFor(vm),
    actions: [openUrl('Open Flipside', vm.tabUrl)],
    fallbackText: `${vm.program.name} has come to an end: how was it for you?`,
  });
}

/** Only the recipient: the partner must never fetch this card. */
function refreshFor(vm: ClosingSurveyCardVM): Refresh {
  return { action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshClosing, data: { programId: vm.programId, menteeId: vm.menteeId } }, userIds: [vm.recipientId] };
}

const yes = (b: boolean | null | undefined) => (b === null || b === undefined ? undefined : b ? 'yes' : 'no');

function ask(vm: ClosingSurveyCardVM): CardElement[] {
  const partner = escapeMarkdown(firstName(vm.partner.displayName));
  const a = vm.answer;
  const withError = <T extends InputText | InputChoiceSet>(input: T): T => (vm.error?.field === input.id ? { ...input, errorMessage: capitalized(plainText(vm.error.message)) } : input);
  const body: CardElement[] = [
    heading(`${escapeMarkdown(vm.program.name)} has come to an end`),
    text(
      `You and ${partner} held ${plural(vm.sessionsHeld, 'session')}. A few questions to close it well: your answers go to nobody but you, except the overall figures HR sees for groups of five or more.`,
      {
        spacing: 'small',
      },
    ),
  ];
  if (vm.error) {
    body.push(banner('attention', 'Your answers were not saved', [capitalized(escapeMarkdown(vm.error.message)), 'Your answers are as you gave them: fix this one and send again.']));
  }
  body.push(
    withError(choice(CLOSING_INPUT_IDS.overall, 'Overall, how valuable was the program for you?', SCALE, a?.overall ? String(a.overall) : undefined, true)),
    withError(choice(CLOSING_INPUT_IDS.recommend, 'Would you recommend it to a colleague?', yesNo('Yes', 'No'), yes(a?.recommend), true)),
  );
  if (vm.skills.length > 0) {
    body.push(text('**Your skills now**', { spacing: 'medium' }), small('On the topics you chose to learn, as you rate yourself today.'));
    vm.skills.slice(0, MAX_CLOSING_SKILLS).forEach((s, i) => body.push(withError(skillInput(i, s, a?.skills[i]))));
  }
  const changed: InputText = {
    type: 'Input.Text',
    id: CLOSING_INPUT_IDS.whatChanged,
    label: 'What changed for you? (only you see this)',
    placeholder: 'A habit, a way of seeing things, something you now do differently…',
    isMultiline: true,
    maxLength: CLOSING_TEXT_MAX,
    spacing: 'medium',
  };
  if (a?.whatChanged) changed.value = a.whatChanged;
  body.push(withError(changed));
  body.push(
    withError(
      choice(
        CLOSING_INPUT_IDS.keepMeeting,
        `Your meeting series ends with the program. Will you and ${plainText(firstName(vm.partner.displayName))} keep meeting on your own?`,
        yesNo('Yes, we will keep meeting', 'No, this is a good place to stop'),
        yes(a?.keepMeeting),
        false,
      ),
    ),
  );
  if (vm.role === 'mentor' && vm.managerName) {
    body.push(
      withError(
        choice(
          CLOSING_INPUT_IDS.recognition,
          `May Flipside send ${plainText(vm.managerName)}, your manager, a short note of recognition for your mentoring?`,
          yesNo('Yes, please send it', 'No, keep it between us'),
          yes(a?.recognition),
          false,
        ),
      ),
    );
  }
  body.push(
    actionSet(
      [{ type: 'Action.Execute', verb: VERBS.submitClosing, title: 'Send my answers', data: { programId: vm.programId, menteeId: vm.menteeId }, style: 'positive', associatedInputs: 'auto' }],
      {
        spacing: 'medium',
      },
    ),
  );
  return body;
}

function answered(vm: ClosingSurveyCardVM, a: ClosingAnswerVM): CardElement[] {
  const partner = escapeMarkdown(firstName(vm.partner.displayName));
  const lines = [
    `Overall value: ${a.overall ?? '–'} of 5 · ${a.recommend ? 'you would recommend it' : 'you would not recommend it'}`,
    ...vm.skills.slice(0, MAX_CLOSING_SKILLS).flatMap((s, i) => (a.skills[i] ? [`${escapeMarkdown(s.name)}: ${skillChange(s.before, a.skills[i])}`] : [])),
    a.keepMeeting ? `You and ${partner} keep meeting on your own.` : 'Your meeting series has ended with the program.',
    ...(vm.role === 'mentor' && vm.managerName ? [a.recognition ? `${escapeMarkdown(vm.managerName)} gets a note of recognition.` : 'No note goes to your manager.'] : []),
  ];
  return [heading('Thank you: your answers are in'), banner('good', `${escapeMarkdown(vm.program.name)}, closed`, lines)];
}

function choice(id: string, label: string, choices: Choice[], value: string | undefined, required: boolean): InputChoiceSet {
  const input: InputChoiceSet = { type: 'Input.ChoiceSet', id, label, choices, style: 'expanded', wrap: true, spacing: 'medium' };
  if (value !== undefined) input.value = value;
  if (required) {
    input.isRequired = true;
    input.errorMessage = 'Choose one.';
  }
  return input;
}
