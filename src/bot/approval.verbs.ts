import { decideApproval, viewApproval, type ApprovalCardView } from '../app/approvals/approvals.ts';
import type { ApprovalSettings } from '../app/approvals/approval-messages.ts';
import type { Clock } from '../app/shared/clock.ts';
import type { Store } from '../app/store.ts';
import { actionSchemas, approvalCard, VERBS } from '../cards/index.ts';
import { defineVerb, type VerbRegistration } from './verbs.ts';

export interface ApprovalVerbDeps {
  store: Store;
  clock: Clock;
  settings: ApprovalSettings;
  /** After a decision: its cards are in the outbox, to go out now. */
  decided(): void;
}

const render = ({ vm, view }: ApprovalCardView) => approvalCard(vm, view);

/** The approval card's verbs: Approve, Decline (with the note) and the automatic refresh. */
export function approvalVerbs(deps: ApprovalVerbDeps): VerbRegistration[] {
  const refusedTitle = 'Not yours to decide';
  const view = async (actor: Parameters<typeof viewApproval>[1], data: { enrollmentId: string }) => render(await viewApproval(deps, actor, data.enrollmentId));
  const decision = (decision: 'approve' | 'decline') => async (actor: Parameters<typeof viewApproval>[1], data: { enrollmentId: string; version: number; note?: string | undefined }) => {
    const card = render(await decideApproval(deps, actor, data.enrollmentId, decision, data.version, data.note));
    deps.decided();
    return card;
  };
  return [
    defineVerb({ verb: VERBS.refreshApproval, data: actionSchemas[VERBS.refreshApproval], refusedTitle, view }),
    defineVerb({ verb: VERBS.approve, data: actionSchemas[VERBS.approve], refusedTitle, view, act: decision('approve') }),
    defineVerb({ verb: VERBS.decline, data: actionSchemas[VERBS.decline], refusedTitle, view, act: decision('decline') }),
  ];
}
