/**
 * The early fit check: "Is this pairing working for you?" in each person's own 1:1 chat (theirs
 * alone: the refresh lists only them), and the card HR gets when either answers "no".
 */
import { CARE_NOTE_MAX, CARE_VERBS } from './care-actions.ts';
import { actionSet, adaptiveCard, banner, factSet, heading, openUrl, small, text, type AdaptiveCard, type CardElement, type Choice, type InputChoiceSet } from './common.ts';
import { escapeMarkdown, firstName } from './format.ts';
import type { PersonRef } from './types.ts';

export type FitAnswerVM = 'yes' | 'not_sure' | 'no';

export interface FitCheckCardVM {
  fitCheckId: string;
  recipientId: string;
  program: { name: string };
  partner: PersonRef;
  mode: 'ask' | 'answered';
  /** The person's own answer (as given, when it came back with an error). */
  answer: { answer: FitAnswerVM | null; note: string; shareNote: boolean } | null;
  error?: { field: string; message: string };
  notice?: string;
  tabUrl: string;
}

export const FIT_ANSWER_WORDS: Record<FitAnswerVM, string> = { yes: 'Yes', not_sure: 'Not sure yet', no: 'No' };
const ANSWERS: Choice[] = (['yes', 'not_sure', 'no'] as const).map((value) => ({ title: FIT_ANSWER_WORDS[value], value }));
const SHARE: Choice[] = [
  { title: 'Keep my note to myself', value: 'false' },
  { title: 'Share my note with HR', value: 'true' },
];

export function fitCheckCard(vm: FitCheckCardVM): AdaptiveCard {
  const partner = escapeMarkdown(firstName(vm.partner.displayName));
  const top: CardElement[] = [
    ...(vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : []),
    ...(vm.error ? [banner('attention', 'Please check your answer', [escapeMarkdown(vm.error.message)])] : []),
  ];
  const refresh = { action: { type: 'Action.Execute' as const, title: 'Refresh', verb: CARE_VERBS.refreshFitCheck, data: { fitCheckId: vm.fitCheckId } }, userIds: [vm.recipientId] };
  if (vm.mode === 'answered' && vm.answer?.answer) {
    const a = vm.answer;
    const body: CardElement[] = [
      ...top,
      heading(`Thanks — your answer about pairing with ${partner}`),
      small('Private: your partner never sees it.'),
      factSet([{ title: 'Is it working?', value: FIT_ANSWER_WORDS[a.answer!] }, ...(a.note ? [{ title: 'Your note', value: escapeMarkdown(a.note) }] : [])]),
      text(
        a.answer === 'no'
          ? 'HR will look at it and may suggest a new pairing. Nobody tells your partner what you answered.'
          : a.note && a.shareNote
            ? 'HR can read your note. You can keep meeting as planned.'
            : 'You can keep meeting as planned.',
        { spacing: 'medium' },
      ),
    ];
    return adaptiveCard(body, { refresh, actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: `Your answer about pairing with ${firstName(vm.partner.displayName)}.` });
  }
  const answer: InputChoiceSet = {
    type: 'Input.ChoiceSet',
    id: 'fitAnswer',
    label: 'Is this pairing working for you?',
    style: 'expanded',
    choices: ANSWERS,
    isRequired: true,
    errorMessage: 'Choose yes, not sure yet or no.',
    ...(vm.answer?.answer ? { value: vm.answer.answer } : {}),
  };
  const body: CardElement[] = [
    ...top,
    heading(`How is it going with ${partner}?`),
    text(`A quick, private check after your first sessions in ${escapeMarkdown(vm.program.name)}. ${partner} never sees your answer.`, { spacing: 'small' }),
    answer,
    { type: 'Input.Text', id: 'fitNote', label: 'Anything you would like to add? (optional)', isMultiline: true, maxLength: CARE_NOTE_MAX, ...(vm.answer?.note ? { value: vm.answer.note } : {}) },
    { type: 'Input.ChoiceSet', id: 'shareNote', label: 'Who may read your note?', style: 'expanded', choices: SHARE, value: vm.answer?.shareNote ? 'true' : 'false' },
    small('If you answer "no", HR hears about it (with your note only if you share it) and may offer you both a new partner.'),
    actionSet([{ type: 'Action.Execute', title: 'Send', verb: CARE_VERBS.answerFitCheck, data: { fitCheckId: vm.fitCheckId }, style: 'positive', associatedInputs: 'auto' }]),
  ];
  return adaptiveCard(body, {
    refresh,
    actions: [openUrl('Open Flipside', vm.tabUrl)],
    fallbackText: `Is your pairing with ${firstName(vm.partner.displayName)} working for you? Open this chat in Teams to answer.`,
  });
}

export interface FitAlertCardVM {
  fitCheckId: string;
  program: { name: string };
  mentor: PersonRef;
  mentee: PersonRef;
  answeredBy: PersonRef;
  /** Only when its author chose to share it. */
  note: string | null;
  decision: { kind: 'keep' | 'repair'; by: string; outcome: string } | null;
  notice?: string;
  tabUrl: string;
}

/** HR's card for a "no": who said it about which pair, the shared note, and Keep / Pair again. */
export function fitAlertCard(vm: FitAlertCardVM): AdaptiveCard {
  const pair = `${escapeMarkdown(vm.mentor.displayName)} (mentor) & ${escapeMarkdown(vm.mentee.displayName)} (mentee)`;
  const body: CardElement[] = [
    ...(vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : []),
    heading('A pairing is not working'),
    text(`${escapeMarkdown(vm.answeredBy.displayName)} answered **no** to "Is this pairing working for you?" in ${escapeMarkdown(vm.program.name)}.`, { spacing: 'small' }),
    factSet([{ title: 'Pair', value: pair }, ...(vm.note ? [{ title: 'Their note', value: escapeMarkdown(vm.note) }] : [])]),
  ];
  if (vm.decision) {
    body.push(
      banner('good', vm.decision.kind === 'keep' ? `${escapeMarkdown(vm.decision.by)} kept the pair.` : `${escapeMarkdown(vm.decision.by)} paired them again.`, [escapeMarkdown(vm.decision.outcome)]),
    );
  } else {
    body.push(
      text('Keep the pair, or pair both again with people who have room, under the program’s rules (never with each other again). Their sessions together end and the new pairs book as usual.', {
        spacing: 'medium',
      }),
      actionSet([
        { type: 'Action.Execute', title: 'Keep the pair', verb: CARE_VERBS.decideFitCheck, data: { fitCheckId: vm.fitCheckId, decision: 'keep' } },
        { type: 'Action.Execute', title: 'Pair both again', verb: CARE_VERBS.decideFitCheck, data: { fitCheckId: vm.fitCheckId, decision: 'repair' }, style: 'destructive' },
      ]),
    );
  }
  return adaptiveCard(body, { actions: [openUrl('Open the program', vm.tabUrl)], fallbackText: `${vm.answeredBy.displayName} says their pairing in ${vm.program.name} is not working.` });
}
