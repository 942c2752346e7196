import { decideApproval, viewApproval, type ApprovalCardView } from '../app/approvals/approvals.ts';
import type { ApprovalSettings } from '../app/approvals/approval-messages.ts';
import type { Clock } from '../app/shared/clock.ts';
import type { Store } from '../app/store.ts';
import { actionSchemas, approvalCard, decisionNoteSchema, NOTE_MAX_LENGTH, VERBS, type NoteProblem } from '../cards/index.ts';
import { defineVerb, type VerbRegistration } from './verbs.ts';

export interface ApprovalVerbDeps {
  store: Store;
  clock: Clock;
  settings: ApprovalSettings;
  /** After a decision: its cards are in the outbox, to go out now. */
  decided(): void;
}

const render = ({ vm, view }: ApprovalCardView) => approvalCard(vm, view);

/** Why a manager's note cannot be kept as written, in words for the card; undefined when it can. */
function noteProblem(note: string): NoteProblem | undefined {
  const checked = decisionNoteSchema.safeParse(note);
  if (checked.success) return undefined;
  const length = note.trim().length;
  const message =
    length > NOTE_MAX_LENGTH
      ? `the note has ${length.toLocaleString('en-US')} characters and can have at most ${NOTE_MAX_LENGTH}: shorten it, then press Approve or Decline again`
      : `${checked.error.issues[0]!.message}: change it, then press Approve or Decline again`;
  return { note, message };
}

/** The approval card's verbs: Approve, Decline (with the note) and the automatic refresh. */
export function approvalVerbs(deps: ApprovalVerbDeps): VerbRegistration[] {
  const refusedTitle = 'Not yours to decide';
  const view = async (actor: Parameters<typeof viewApproval>[1], data: { enrollmentId: string }) => render(await viewApproval(deps, actor, data.enrollmentId));
  const decision = (decision: 'approve' | 'decline') => async (actor: Parameters<typeof viewApproval>[1], data: { enrollmentId: string; version: number; note?: string | undefined }) => {
    const problem = data.note === undefined ? undefined : noteProblem(data.note);
    if (problem) {
      // The decider gets their card back with the note as written and the reason; nothing is decided. Anyone else's click is refused as usual.
      const current = await viewApproval(deps, actor, data.enrollmentId);
      if (current.view === 'decider' && current.vm.state.kind === 'pending') return approvalCard(current.vm, current.view, problem);
    }
    const card = render(await decideApproval(deps, actor, data.enrollmentId, decision, data.version, problem ? undefined : data.note));
    deps.decided();
    return card;
  };
  return [
    defineVerb({ verb: VERBS.refreshApproval, data: actionSchemas[VERBS.refreshApproval], refusedTitle, view }),
    defineVerb({ verb: VERBS.approve, data: actionSchemas[VERBS.approve], refusedTitle, view, act: decision('approve') }),
    defineVerb({ verb: VERBS.decline, data: actionSchemas[VERBS.decline], refusedTitle, view, act: decision('decline') }),
  ];
}
