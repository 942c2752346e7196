import { submitClosing, viewClosing, type ClosingDeps } from '../app/closing/closing.ts';
import type { CardActor } from '../app/shared/actor.ts';
import { actionSchemas, closingSurveyCard, VERBS } from '../cards/index.ts';
import { defineVerb, type VerbRegistration } from './verbs.ts';

export interface ClosingVerbDeps extends ClosingDeps {
  /** After an answer: the completion card (and a note of recognition) go out now. */
  answered(): void;
}

/** The closing survey's verbs: its refresh, and sending the answers. */
export function closingVerbs(deps: ClosingVerbDeps): VerbRegistration[] {
  const refusedTitle = 'Not your survey';
  const view = async (actor: CardActor, data: { programId: string; menteeId: string }) => closingSurveyCard(await viewClosing(deps, actor, data));
  return [
    defineVerb({ verb: VERBS.refreshClosing, data: actionSchemas[VERBS.refreshClosing], refusedTitle, view }),
    defineVerb({
      verb: VERBS.submitClosing,
      data: actionSchemas[VERBS.submitClosing],
      refusedTitle,
      view,
      act: async (actor, data) => {
        const card = closingSurveyCard(await submitClosing(deps, actor, data));
        deps.answered();
        return card;
      },
    }),
  ];
}
