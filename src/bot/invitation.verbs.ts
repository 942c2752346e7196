import { declineInvitation, viewInvitation, type InvitationDeps } from '../app/invitations/invitations.ts';
import { actionSchemas, VERBS } from '../cards/index.ts';
import { defineVerb, type VerbRegistration } from './verbs.ts';

/** The invitation card's verbs: "Not for me" and the automatic refresh. */
export function invitationVerbs(deps: InvitationDeps): VerbRegistration[] {
  const refusedTitle = 'Not your invitation';
  const view = (actor: Parameters<typeof viewInvitation>[1], data: { programId: string }) => viewInvitation(deps, actor, data.programId);
  return [
    defineVerb({ verb: VERBS.refreshInvitation, data: actionSchemas[VERBS.refreshInvitation], refusedTitle, view }),
    defineVerb({ verb: VERBS.declineInvitation, data: actionSchemas[VERBS.declineInvitation], refusedTitle, view, act: (actor, data) => declineInvitation(deps, actor, data.programId) }),
  ];
}
