import { CARD_CONTENT_TYPE, type AdaptiveCard } from '../../cards/index.ts';
import type { PersonRef } from '../../cards/types.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';

/** A directory person as cards name them. */
export const personRef = (p: Pick<DirectoryPerson, 'id' | 'displayName' | 'jobTitle' | 'department'>): PersonRef => ({
  id: p.id,
  displayName: p.displayName,
  jobTitle: p.jobTitle,
  department: p.department,
});

/** A person no longer in the directory, as cards show them. */
export const unknownPerson = (id: string): PersonRef => ({ id, displayName: 'Someone who left', jobTitle: null, department: null });

/** A message with one Adaptive Card, as the Bot Connector takes it. */
export function cardActivity(card: AdaptiveCard, summary: string, text?: string): Record<string, unknown> {
  return { type: 'message', summary, ...(text ? { text } : {}), attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}
