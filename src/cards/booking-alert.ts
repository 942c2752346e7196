/** The notice HR gets when Flipside cannot book a published pair's meetings. */
import { adaptiveCard, banner, openUrl, text, type AdaptiveCard } from './common.ts';
import { capitalized, escapeMarkdown } from './format.ts';
import type { PersonRef } from './types.ts';

export interface BookingAlertCardVM {
  program: { name: string };
  mentor: PersonRef;
  mentee: PersonRef;
  /** Why, in plain words. */
  reason: string;
  /** The program's matching page in the tab. */
  tabUrl: string;
}

export function bookingAlertCard(vm: BookingAlertCardVM): AdaptiveCard {
  const pair = `${escapeMarkdown(vm.mentor.displayName)} & ${escapeMarkdown(vm.mentee.displayName)}`;
  return adaptiveCard(
    [
      banner('warning', `No meeting time for ${pair}`, [`${escapeMarkdown(vm.program.name)}`]),
      text(escapeMarkdown(capitalized(vm.reason)), { spacing: 'medium' }),
      text('The pair has been told in their chat and can ask Flipside to try again. You may want to check in with them, or pair them differently.', { spacing: 'medium', isSubtle: true }),
    ],
    { actions: [openUrl('Open the program', vm.tabUrl)], fallbackText: `No meeting time for ${vm.mentor.displayName} & ${vm.mentee.displayName}: ${vm.reason}` },
  );
}
