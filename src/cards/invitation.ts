/**
 * HR's invitation to a program, in the invited person's 1:1 chat with Flipside: the program, why
 * it matters, what it asks of them, "Enroll" opening the tab on that program, and "Not for me".
 * It carries `refresh` for its recipient, so the card they see says where they stand (enrolled,
 * declined, enrollment closed) whenever they look again.
 */
import { VERBS } from './actions.ts';
import { actionSet, adaptiveCard, banner, factSet, heading, openUrl, small, text, type ActionExecute, type AdaptiveCard, type CardElement } from './common.ts';
import { cadenceWords, escapeMarkdown, firstName, formatDate, formatDateRange } from './format.ts';
import type { PersonRef } from './types.ts';

export type InvitationState = { kind: 'open' } | { kind: 'enrolled' } | { kind: 'declined'; at: string } | { kind: 'closed' };

export interface InvitationCardVM {
  program: {
    id: string;
    name: string;
    description: string;
    startsOn: string;
    endsOn: string;
    enrollmentClosesOn: string;
    sessionMinutes: number;
    cadences: ReadonlyArray<'weekly' | 'biweekly' | 'monthly'>;
  };
  recipient: PersonRef;
  /** The program admin who sent it; null when they left. */
  invitedBy: PersonRef | null;
  /** The tab on this program's enrollment form. */
  enrollUrl: string;
  state: InvitationState;
}

/** Why reverse mentoring is worth an hour now and then, in plain words (the program's own description comes first). */
export const WHY_IT_MATTERS =
  'In reverse mentoring each of you teaches the other what you know best: a newer colleague shares the tools and habits they grew up with, a more experienced one shares how the organisation really works. Both come away with skills and a colleague they would not otherwise have met.';

export function invitationCard(vm: InvitationCardVM): AdaptiveCard {
  const program = escapeMarkdown(vm.program.name);
  const by = vm.invitedBy ? escapeMarkdown(vm.invitedBy.displayName) : 'Your program team';
  const description = vm.program.description.trim();
  const words = vm.program.cadences.map((c) => cadenceWords(c));
  const cadences = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)!} (you choose)` : (words[0] ?? '');
  const body: CardElement[] = [
    heading(`You're invited: ${program}`),
    text(`Hi ${escapeMarkdown(firstName(vm.recipient.displayName))}, ${by} invited you to join **${program}**, a reverse-mentoring program in Flipside.`, { spacing: 'small' }),
    text('**Why it matters**', { spacing: 'medium' }),
    ...(description ? [text(escapeMarkdown(description), { spacing: 'small' })] : []),
    text(WHY_IT_MATTERS, { spacing: 'small' }),
    factSet(
      [
        { title: 'Dates', value: formatDateRange(vm.program.startsOn, vm.program.endsOn) },
        { title: 'Sessions', value: `${vm.program.sessionMinutes} minutes, ${cadences}` },
        { title: 'Enroll by', value: formatDate(vm.program.enrollmentClosesOn) },
      ],
      { spacing: 'medium' },
    ),
    ...stateElements(vm),
  ];
  return adaptiveCard(body, {
    refresh: { action: execute(VERBS.refreshInvitation, vm, 'Refresh'), userIds: vm.state.kind === 'open' ? [vm.recipient.id] : [] },
    fallbackText: `${vm.invitedBy?.displayName ?? 'Your program team'} invited you to ${vm.program.name}.`,
  });
}

function execute(verb: ActionExecute['verb'], vm: InvitationCardVM, title: string): ActionExecute {
  return { type: 'Action.Execute', verb, title, data: { programId: vm.program.id } };
}

function stateElements(vm: InvitationCardVM): CardElement[] {
  const enroll = openUrl('Enroll', vm.enrollUrl);
  switch (vm.state.kind) {
    case 'open':
      return [
        small('Enrolling takes a few minutes: your role, the topics you can teach and want to learn, and your goals. Your manager is then asked to approve.', { spacing: 'medium' }),
        actionSet([enroll, { ...execute(VERBS.declineInvitation, vm, 'Not for me'), tooltip: `Decline the invitation to ${vm.program.name}` }], { spacing: 'small' }),
      ];
    case 'enrolled':
      return [banner('good', 'You have enrolled', ['Your enrollment and its approval are in Flipside.']), actionSet([openUrl('Open Flipside', vm.enrollUrl)])];
    case 'declined':
      return [
        banner('emphasis', `You said it is not for you on ${formatDate(vm.state.at)}`, [
          'Your program team sees only how many said no, never who. If you change your mind while enrollment is open, you can still enroll.',
        ]),
        actionSet([enroll]),
      ];
    case 'closed':
      return [banner('emphasis', `Enrollment closed on ${formatDate(vm.program.enrollmentClosesOn)}`, ['Watch for the next program in Flipside.'])];
  }
}
