import type { InvitationProblemReason, InvitationResult } from '../../../contracts/invitations.ts';

const REASON_WORDS: Record<InvitationProblemReason, string> = {
  malformed: 'not an email address or UPN',
  unknown: 'nobody in the directory has this address',
  duplicate: 'listed more than once (invited once)',
  disabled: 'the account is disabled',
};

export const reasonWords = (reason: InvitationProblemReason) => REASON_WORDS[reason];

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** "Invited 12 people. 3 were invited before and 2 are already enrolled: not invited again." */
export function resultSentence(r: InvitationResult): string {
  const parts = [r.invited === 0 ? 'Nobody new to invite.' : `Invited ${people(r.invited)}: each gets a card in Teams.`];
  const skipped: string[] = [];
  if (r.alreadyInvited > 0) skipped.push(`${people(r.alreadyInvited)} had been invited before`);
  if (r.alreadyEnrolled > 0) skipped.push(`${people(r.alreadyEnrolled)} are already enrolled`);
  if (r.leftOut > 0) skipped.push(`${people(r.leftOut)} have a disabled account`);
  if (skipped.length > 0) parts.push(`${skipped.join(', ')}: not invited again.`.replace(/^./, (c) => c.toUpperCase()));
  if (r.problems.length > 0) parts.push(`${r.problems.length} ${r.problems.length === 1 ? 'entry' : 'entries'} of the list invited nobody:`);
  return parts.join(' ');
}

/** Figures about fewer than five people are not shown (they could point at someone). */
export const privateCount = (n: number) => (n === 0 ? '0' : n < 5 ? 'fewer than 5' : String(n));
