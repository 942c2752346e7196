/**
 * The junior mentor's confidential check-in, in their own 1:1 chat (the refresh lists only them).
 * Its answers go to program admins only, and one by one only when the mentor asks to be contacted
 * or flags a concern; the card says so.
 */
import { CARE_NOTE_MAX, CARE_VERBS } from './care-actions.ts';
import { actionSet, adaptiveCard, banner, factSet, heading, openUrl, small, text, type AdaptiveCard, type CardElement, type Choice, type InputChoiceSet } from './common.ts';
import { escapeMarkdown, firstName } from './format.ts';
import type { PersonRef } from './types.ts';

export type ScaleVM = 'yes' | 'mostly' | 'no';

export interface CheckInCardVM {
  checkInId: string;
  recipientId: string;
  program: { name: string };
  mentee: PersonRef;
  occasion: 'third' | 'midpoint';
  mode: 'ask' | 'answered';
  answer: { speakOpenly: ScaleVM | null; respectful: ScaleVM | null; forHr: string; contactMe: boolean } | null;
  error?: { field: string; message: string };
  notice?: string;
  tabUrl: string;
}

export const SCALE_WORDS: Record<ScaleVM, string> = { yes: 'Yes', mostly: 'Mostly', no: 'No' };
const SCALE: Choice[] = (['yes', 'mostly', 'no'] as const).map((value) => ({ title: SCALE_WORDS[value], value }));
const CONTACT: Choice[] = [
  { title: 'No need', value: 'false' },
  { title: "I'd like HR to contact me", value: 'true' },
];
export const CHECK_IN_PRIVACY =
  'Confidential: only your program admins (HR) can see it — never your mentee, never any manager. HR reads your answers one by one only if you ask to be contacted, answer "no" or write something for them; otherwise they see totals of five or more people.';

const scale = (id: string, label: string, value: ScaleVM | null | undefined): InputChoiceSet => ({
  type: 'Input.ChoiceSet',
  id,
  label,
  style: 'expanded',
  choices: SCALE,
  isRequired: true,
  errorMessage: 'Choose yes, mostly or no.',
  ...(value ? { value } : {}),
});

export function checkInCard(vm: CheckInCardVM): AdaptiveCard {
  const mentee = escapeMarkdown(firstName(vm.mentee.displayName));
  const when = vm.occasion === 'third' ? 'after your third session' : 'at the mid-point of the program';
  const refresh = { action: { type: 'Action.Execute' as const, title: 'Refresh', verb: CARE_VERBS.refreshCheckIn, data: { checkInId: vm.checkInId } }, userIds: [vm.recipientId] };
  const top: CardElement[] = [
    ...(vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : []),
    ...(vm.error ? [banner('attention', 'Please check your answer', [escapeMarkdown(vm.error.message)])] : []),
  ];
  const a = vm.answer;
  if (vm.mode === 'answered' && a?.speakOpenly && a.respectful) {
    const body: CardElement[] = [
      ...top,
      heading('Thank you for checking in'),
      small(CHECK_IN_PRIVACY),
      factSet([
        { title: `Can you speak openly with ${mentee}?`, value: SCALE_WORDS[a.speakOpenly] },
        { title: 'Is the relationship respectful?', value: SCALE_WORDS[a.respectful] },
        ...(a.forHr ? [{ title: 'For HR', value: escapeMarkdown(a.forHr) }] : []),
        { title: 'HR to contact you?', value: a.contactMe ? 'Yes' : 'No' },
      ]),
      text(a.contactMe ? 'Someone from HR will get in touch with you privately.' : 'If anything changes, you can always reach HR directly.', { spacing: 'medium' }),
    ];
    return adaptiveCard(body, { refresh, actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: 'Your confidential check-in.' });
  }
  const body: CardElement[] = [
    ...top,
    heading('A confidential check-in, just for you'),
    text(`How is mentoring ${mentee} going, ${when} of ${escapeMarkdown(vm.program.name)}?`, { spacing: 'small' }),
    small(CHECK_IN_PRIVACY),
    scale('speakOpenly', `Can you speak openly with ${firstName(vm.mentee.displayName)}?`, a?.speakOpenly),
    scale('respectful', 'Is the relationship respectful?', a?.respectful),
    { type: 'Input.Text', id: 'forHr', label: 'Anything HR should know? (optional)', isMultiline: true, maxLength: CARE_NOTE_MAX, ...(a?.forHr ? { value: a.forHr } : {}) },
    { type: 'Input.ChoiceSet', id: 'contactMe', label: 'Would you like HR to contact you?', style: 'expanded', choices: CONTACT, value: a?.contactMe ? 'true' : 'false' },
    actionSet([{ type: 'Action.Execute', title: 'Send to HR only', verb: CARE_VERBS.answerCheckIn, data: { checkInId: vm.checkInId }, style: 'positive', associatedInputs: 'auto' }]),
  ];
  return adaptiveCard(body, { refresh, actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: 'A confidential check-in about your mentoring. Open this chat in Teams to answer.' });
}
