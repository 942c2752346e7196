/** The end of a pair: the completion card for each person, and the note of recognition to the junior mentor's manager (with consent). */
import { adaptiveCard, banner, factSet, heading, openUrl, text, type AdaptiveCard } from './common.ts';
import { escapeMarkdown, firstName, plural } from './format.ts';
import type { PersonRef } from './types.ts';

export interface CompletionCardVM {
  /** Who it thanks, by name. */
  recipient: PersonRef;
  partner: PersonRef;
  role: 'mentor' | 'mentee';
  program: { name: string };
  sessionsHeld: number;
  /** The topics the pair worked on. */
  topics: string[];
  keepMeeting: boolean;
  tabUrl: string;
}

/** "A, B and C". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function completionCard(vm: CompletionCardVM): AdaptiveCard {
  const name = escapeMarkdown(firstName(vm.recipient.displayName));
  const partner = escapeMarkdown(vm.partner.displayName);
  const did =
    vm.role === 'mentor'
      ? `You mentored ${partner} over ${plural(vm.sessionsHeld, 'session')}${vm.topics.length ? ` on ${escapeMarkdown(listWords(vm.topics))}` : ''}, and learned from them in return.`
      : `You learned from ${partner} over ${plural(vm.sessionsHeld, 'session')}${vm.topics.length ? ` on ${escapeMarkdown(listWords(vm.topics))}` : ''}, and shared what you know in return.`;
  return adaptiveCard(
    [
      heading(`🎓 Thank you, ${name}`),
      banner('good', `You completed ${escapeMarkdown(vm.program.name)}`, [did]),
      factSet(
        [
          { title: 'Sessions held', value: String(vm.sessionsHeld) },
          ...(vm.topics.length ? [{ title: 'Topics covered', value: escapeMarkdown(listWords(vm.topics)) }] : []),
          { title: vm.role === 'mentor' ? 'Your mentee' : 'Your mentor', value: partner },
        ],
        { spacing: 'medium' },
      ),
      text(
        vm.keepMeeting
          ? `Your Flipside series has ended with the program. You chose to keep meeting: book your next conversation with ${escapeMarkdown(firstName(vm.partner.displayName))} in Outlook whenever suits you both.`
          : 'Your meeting series has ended with the program. Your sessions and your progress stay in Flipside for you to look back on.',
        { spacing: 'medium' },
      ),
    ],
    { actions: [openUrl('See my mentoring', vm.tabUrl)], fallbackText: `Thank you, ${firstName(vm.recipient.displayName)}: you completed ${vm.program.name}.` },
  );
}

export interface RecognitionCardVM {
  manager: PersonRef;
  mentor: PersonRef;
  mentee: PersonRef;
  program: { name: string };
  sessionsHeld: number;
  /** What the junior mentor taught. */
  topics: string[];
}

/** "Ana mentored Raj Patel, the CFO, on AI assistants and data over 12 sessions." */
export function recognitionLine(vm: Pick<RecognitionCardVM, 'mentor' | 'mentee' | 'sessionsHeld' | 'topics'>): string {
  const title = vm.mentee.jobTitle ? `, the ${vm.mentee.jobTitle},` : '';
  const on = vm.topics.length ? ` on ${listWords(vm.topics)}` : '';
  return `${firstName(vm.mentor.displayName)} mentored ${vm.mentee.displayName}${title}${on} over ${plural(vm.sessionsHeld, 'session')}.`;
}

/** Sent only when the junior mentor agreed in their closing survey. */
export function recognitionCard(vm: RecognitionCardVM): AdaptiveCard {
  const mentor = escapeMarkdown(firstName(vm.mentor.displayName));
  return adaptiveCard(
    [
      heading(`🌟 Recognition for ${escapeMarkdown(vm.mentor.displayName)}`),
      text(`Hi ${escapeMarkdown(firstName(vm.manager.displayName))}, ${mentor} has completed ${escapeMarkdown(vm.program.name)} as a reverse mentor, and agreed that we tell you.`, {
        spacing: 'small',
      }),
      banner('good', escapeMarkdown(recognitionLine(vm)), [
        `In reverse mentoring a junior colleague teaches a senior leader what they know best, and learns about the business in return. A word of thanks from you goes a long way.`,
      ]),
    ],
    { fallbackText: recognitionLine(vm) },
  );
}
