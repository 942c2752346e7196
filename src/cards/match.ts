/** The card both people of a published pair get: who their partner is and why Flipside paired them. */
import { adaptiveCard, heading, openUrl, text, type AdaptiveCard } from './common.ts';
import { escapeMarkdown, firstName } from './format.ts';
import type { PersonRef } from './types.ts';

export interface MatchCardVM {
  program: { name: string };
  /** The role of the person receiving the card. */
  role: 'mentor' | 'mentee';
  partner: PersonRef;
  reasons: string[];
  tabUrl: string;
}

export function matchCard(vm: MatchCardVM): AdaptiveCard {
  const partner = escapeMarkdown(vm.partner.displayName);
  const who = [vm.partner.jobTitle, vm.partner.department]
    .filter(Boolean)
    .map((s) => escapeMarkdown(String(s)))
    .join(' · ');
  const yourRole = vm.role === 'mentor' ? `You will mentor ${partner}` : `${partner} will mentor you`;
  return adaptiveCard(
    [
      heading(`🤝 Meet your ${vm.role === 'mentor' ? 'mentee' : 'mentor'}: ${partner}`),
      text(`${escapeMarkdown(vm.program.name)} · ${yourRole}${who ? ` — ${who}` : ''}.`, { spacing: 'small' }),
      text('**Why you two**', { spacing: 'medium' }),
      text(vm.reasons.map((r) => `- ${escapeMarkdown(r)}`).join('\n'), { spacing: 'small' }),
      text(
        `Next, Flipside opens a group chat with the two of you and offers times that suit both your calendars; either of you picks one, and Flipside books the recurring Teams meeting. Say hello to ${escapeMarkdown(firstName(vm.partner.displayName))} in the meantime!`,
        { spacing: 'medium' },
      ),
    ],
    { actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: `Meet your ${vm.role === 'mentor' ? 'mentee' : 'mentor'}: ${vm.partner.displayName}` },
  );
}
