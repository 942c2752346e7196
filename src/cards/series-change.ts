/** The notice in a pair's chat when HR changes their running program: what changed, or why it could not be applied. */
import { actionSet, adaptiveCard, banner, openUrl, text, type AdaptiveCard } from './common.ts';
import { escapeMarkdown } from './format.ts';
import type { PersonRef } from './types.ts';

export interface SeriesChangeCardVM {
  program: { name: string };
  mentor: PersonRef;
  mentee: PersonRef;
  /** What changed, in words ("45 → 60 minutes"). */
  summary: string[];
  outcome: { kind: 'applied'; when: string | null } | { kind: 'failed'; reason: string };
  /** For "Find another time" (the booking's reschedule). */
  programId: string;
  menteeId: string;
  version: number;
  tabUrl: string;
}

export function seriesChangeCard(vm: SeriesChangeCardVM): AdaptiveCard {
  const program = escapeMarkdown(vm.program.name);
  const changes = vm.summary.map((s) => `- ${escapeMarkdown(s)}`).join('\n');
  if (vm.outcome.kind === 'applied') {
    return adaptiveCard(
      [
        banner('accent', `${program} has changed`, ['Your program admin changed the program, and Flipside updated your meeting series in Outlook for both of you.']),
        text('**What changed**', { spacing: 'medium' }),
        text(changes, { spacing: 'small' }),
        ...(vm.outcome.when ? [text(`Your sessions from now on: ${escapeMarkdown(vm.outcome.when)}.`, { spacing: 'medium' })] : []),
        text('Sessions already held stay as they were.', { spacing: 'small', isSubtle: true }),
      ],
      { actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: `${vm.program.name} has changed: ${vm.summary.join('; ')}` },
    );
  }
  return adaptiveCard(
    [
      banner('warning', `${program} has changed, but your series could not follow`, [escapeMarkdown(vm.outcome.reason)]),
      text('**What changed**', { spacing: 'medium' }),
      text(changes, { spacing: 'small' }),
      text('Your meetings stay as they are in Outlook for now. Find another time and Flipside offers times that fit both your calendars under the new settings.', {
        spacing: 'medium',
      }),
      actionSet([
        {
          type: 'Action.Execute',
          verb: 'booking.reschedule',
          title: 'Find another time',
          tooltip: `Look for a new time for ${vm.mentor.displayName} and ${vm.mentee.displayName}`,
          data: { programId: vm.programId, menteeId: vm.menteeId, version: vm.version },
        },
      ]),
    ],
    { actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: `${vm.program.name} has changed, but your series could not follow: ${vm.outcome.reason}` },
  );
}
