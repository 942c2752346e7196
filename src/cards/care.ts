/** The care loop's other cards: the nudge in a stalled pair's chat, and HR's cards about a pair to close or a mentor to contact. */
import { CARE_VERBS } from './care-actions.ts';
import { actionSet, adaptiveCard, banner, factSet, heading, openUrl, small, text, type AdaptiveCard, type CardElement, type Choice } from './common.ts';
import { escapeMarkdown, firstName } from './format.ts';
import type { PersonRef } from './types.ts';

interface PairVM {
  programId: string;
  menteeId: string;
  mentorId: string;
  program: { name: string };
  mentor: PersonRef;
  mentee: PersonRef;
  tabUrl: string;
}

export interface NudgeCardVM extends PairVM {
  /** Why: "two sessions in a row were missed". */
  reason: string;
  /** What one of them did since: "Raj paused your sessions until Monday 8 February." */
  outcome?: string;
  notice?: string;
}

const PAUSE_WEEKS: Choice[] = [
  { title: '1 week', value: '1' },
  { title: '2 weeks', value: '2' },
  { title: '3 weeks', value: '3' },
  { title: '4 weeks', value: '4' },
  { title: '6 weeks', value: '6' },
];

/** One nudge per stall, in the pair's chat: find another time, or pause for a while. */
export function nudgeCard(vm: NudgeCardVM): AdaptiveCard {
  const names = `${escapeMarkdown(firstName(vm.mentor.displayName))} and ${escapeMarkdown(firstName(vm.mentee.displayName))}`;
  const data = { programId: vm.programId, menteeId: vm.menteeId, mentorId: vm.mentorId };
  const body: CardElement[] = [
    ...(vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : []),
    heading(`Still finding your rhythm, ${names}?`),
    text(
      `In ${escapeMarkdown(vm.program.name)}, ${escapeMarkdown(vm.reason)}. That happens — calendars fill up. If your time no longer works, Flipside can find another one for both of you; if now is a busy stretch, pause for a while and pick up again after.`,
      {
        spacing: 'small',
      },
    ),
  ];
  if (vm.outcome) {
    body.push(banner('good', escapeMarkdown(vm.outcome)));
  } else {
    body.push(
      { type: 'Input.ChoiceSet', id: 'pauseWeeks', label: 'Pause for', style: 'compact', choices: PAUSE_WEEKS, value: '2' },
      actionSet([
        { type: 'Action.Execute', title: 'Find another time', verb: CARE_VERBS.nudgeFindTime, data, style: 'positive', associatedInputs: 'none' },
        { type: 'Action.Execute', title: 'Pause', verb: CARE_VERBS.nudgePause, data, associatedInputs: 'auto' },
      ]),
      small('Pausing cancels your meetings in Outlook until then; the series goes on after. Either of you can resume early from Flipside.'),
    );
  }
  return adaptiveCard(body, { actions: [openUrl('Open Flipside', `${vm.tabUrl}/mentoring`)], fallbackText: `${vm.reason}: find another time or pause.` });
}

export interface CloseAskCardVM extends PairVM {
  idleDays: number;
  state: 'ask' | 'closed' | 'kept';
  by?: string;
  notice?: string;
}

/** HR, after six weeks without a held session: close the pair (the series ends, both are told kindly), or keep it open. */
export function closeAskCard(vm: CloseAskCardVM): AdaptiveCard {
  const pair = `${escapeMarkdown(vm.mentor.displayName)} (mentor) & ${escapeMarkdown(vm.mentee.displayName)} (mentee)`;
  const data = { programId: vm.programId, menteeId: vm.menteeId, mentorId: vm.mentorId };
  const body: CardElement[] = [
    ...(vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : []),
    heading('A pair has not met for six weeks'),
    text(`${pair} in ${escapeMarkdown(vm.program.name)} have held no session for ${vm.idleDays} days.`, { spacing: 'small' }),
  ];
  if (vm.state === 'ask') {
    body.push(
      text('Closing ends their meeting series in Outlook and thanks them both kindly; their held sessions stay in the program’s figures.', { spacing: 'medium' }),
      actionSet([
        { type: 'Action.Execute', title: 'Close the pair', verb: CARE_VERBS.closePair, data, style: 'destructive' },
        { type: 'Action.Execute', title: 'Keep it open', verb: CARE_VERBS.keepPairOpen, data },
      ]),
    );
  } else {
    body.push(banner('good', vm.state === 'closed' ? `${escapeMarkdown(vm.by ?? 'HR')} closed the pair.` : `${escapeMarkdown(vm.by ?? 'HR')} kept the pair open.`));
  }
  return adaptiveCard(body, { actions: [openUrl('Open the program', vm.tabUrl)], fallbackText: `${vm.mentor.displayName} & ${vm.mentee.displayName} have not met for six weeks.` });
}

export interface ContactCardVM {
  program: { name: string };
  mentor: PersonRef;
  contactMe: boolean;
  answers: { title: string; value: string }[];
  tabUrl: string;
}

/** HR only: a junior mentor asked to be contacted, or flagged a concern, in their confidential check-in. */
export function contactCard(vm: ContactCardVM): AdaptiveCard {
  const who = escapeMarkdown(vm.mentor.displayName);
  const body: CardElement[] = [
    heading(vm.contactMe ? `${who} would like HR to contact them` : `${who} flagged a concern`),
    small('From their confidential mentor check-in. Only program admins receive this; please do not forward it to their mentee or any manager.'),
    text(`Program: ${escapeMarkdown(vm.program.name)}`, { spacing: 'small' }),
    factSet(vm.answers.map((a) => ({ title: a.title, value: escapeMarkdown(a.value) }))),
  ];
  return adaptiveCard(body, { actions: [openUrl('Open the program', vm.tabUrl)], fallbackText: `${vm.mentor.displayName} ${vm.contactMe ? 'would like HR to contact them' : 'flagged a concern'}.` });
}
