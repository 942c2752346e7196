/** The card the employee gets when their request is decided or expires. */
import { adaptiveCard, banner, heading, openUrl, text, type AdaptiveCard, type CardElement } from './common.ts';
import { escapeMarkdown, firstName, formatDate } from './format.ts';
import type { OutcomeCardVM } from './types.ts';

/** The outcome, who decided and when, their note, and what happens next; a link to the tab. */
export function outcomeCard(vm: OutcomeCardVM): AdaptiveCard {
  const program = escapeMarkdown(vm.program.name);
  const on = formatDate(vm.at);
  const decider = vm.decidedBy ? escapeMarkdown(vm.decidedBy.displayName) : null;
  const note = vm.note ? [noteFrom(vm)] : [];
  let body: CardElement[];
  let fallback: string;

  switch (vm.outcome) {
    case 'approved':
      body = [
        heading(`🎉 You're in: ${program}`),
        text(decider ? `${decider} approved your enrollment on ${on}.` : `Your enrollment was approved on ${on}.`, { spacing: 'small' }),
        ...note,
        text('**What happens next**', { spacing: 'medium' }),
        ...(vm.nextRound
          ? [
              banner('accent', "You're in the next matching round", [
                'The first pairs of this program are already published. HR runs matching again for everyone who joined since; if you are paired, you get a card introducing your match and why Flipside paired you two.',
              ]),
            ]
          : []),
        text(
          [
            vm.nextRound
              ? '1. HR runs the next matching round; if you are paired, you get a card introducing your match.'
              : '1. HR runs matching for the program; if you are paired, you get a card introducing your match and why Flipside paired you two.',
            '2. In a group chat with the two of you, Flipside offers times that suit both your calendars; either of you picks one.',
            '3. Flipside books the recurring Teams meeting in both your Outlook calendars.',
          ].join('\n'),
          { spacing: 'small' },
        ),
      ];
      fallback = `You're in: ${vm.program.name}`;
      break;
    case 'declined':
      body = [
        heading(`Your request to join ${program} was declined`),
        text(decider ? `${decider} declined it on ${on}.` : `It was declined on ${on}.`, { spacing: 'small' }),
        ...note,
        text('It may simply be the wrong moment. A chat with your manager often helps, and you can enroll again in a later program.', { spacing: 'medium' }),
      ];
      fallback = `Your request to join ${vm.program.name} was declined.`;
      break;
    case 'expired':
      body = [
        heading(`Your request to join ${program} expired`),
        text(`Nobody decided on it by ${on}, so it was closed.`, { spacing: 'small' }),
        ...note,
        text('If you still want to join, enroll again from Flipside and let your manager know a request is on its way.', { spacing: 'medium' }),
      ];
      fallback = `Your request to join ${vm.program.name} expired.`;
      break;
  }
  return adaptiveCard(body, { actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: fallback });
}

function noteFrom(vm: OutcomeCardVM): CardElement {
  const who = vm.decidedBy ? `Note from ${escapeMarkdown(firstName(vm.decidedBy.displayName))}` : 'Note';
  return banner('emphasis', who, [escapeMarkdown(vm.note ?? '')]);
}
