import { addAgendaItem, toggleAgendaItem, viewAgenda } from '../app/sessions/agenda.ts';
import type { SessionDeps } from '../app/sessions/context.ts';
import { answerMissed, editFeedback, submitFeedback, viewFeedback } from '../app/sessions/feedback.ts';
import type { CardActor } from '../app/shared/actor.ts';
import { actionSchemas, agendaCard, feedbackCard, VERBS, type AdaptiveCard } from '../cards/index.ts';
import { defineVerb, type VerbRegistration } from './verbs.ts';

export interface SessionVerbDeps extends SessionDeps {
  /** After a click that changed the agenda or asked for another time: the card edits and the booking job go out now. */
  clicked(): void;
}

/** The agenda's and the feedback card's verbs. */
export function sessionVerbs(deps: SessionVerbDeps): VerbRegistration[] {
  const agenda = async (actor: CardActor, data: { sessionId: string }) => agendaCard(await viewAgenda(deps, actor, data));
  const feedback = async (actor: CardActor, data: { sessionId: string }) => feedbackCard(await viewFeedback(deps, actor, data));
  const notYours = 'Not your session';
  /** A click that changed something others see: the card edits (and a new search for times) go out now. */
  const thenKick =
    <A>(act: (actor: CardActor, data: A) => Promise<AdaptiveCard>) =>
    async (actor: CardActor, data: A) => {
      const card = await act(actor, data);
      deps.clicked();
      return card;
    };
  return [
    defineVerb({ verb: VERBS.refreshAgenda, data: actionSchemas[VERBS.refreshAgenda], refusedTitle: notYours, view: agenda }),
    defineVerb({
      verb: VERBS.addAgendaItem,
      data: actionSchemas[VERBS.addAgendaItem],
      refusedTitle: notYours,
      view: agenda,
      act: thenKick(async (actor, data: { sessionId: string; newItem: string }) => agendaCard(await addAgendaItem(deps, actor, data))),
    }),
    defineVerb({
      verb: VERBS.toggleAgendaItem,
      data: actionSchemas[VERBS.toggleAgendaItem],
      refusedTitle: notYours,
      view: agenda,
      act: thenKick(async (actor, data: { sessionId: string; itemId: string; done: boolean }) => agendaCard(await toggleAgendaItem(deps, actor, data))),
    }),
    defineVerb({ verb: VERBS.refreshFeedback, data: actionSchemas[VERBS.refreshFeedback], refusedTitle: notYours, view: feedback }),
    defineVerb({
      verb: VERBS.submitFeedback,
      data: actionSchemas[VERBS.submitFeedback],
      refusedTitle: notYours,
      view: feedback,
      act: async (actor, data) => feedbackCard(await submitFeedback(deps, actor, data)),
    }),
    defineVerb({
      verb: VERBS.editFeedback,
      data: actionSchemas[VERBS.editFeedback],
      refusedTitle: notYours,
      view: feedback,
      act: async (actor, data) => feedbackCard(await editFeedback(deps, actor, data)),
    }),
    defineVerb({
      verb: VERBS.missedFeedback,
      data: actionSchemas[VERBS.missedFeedback],
      refusedTitle: notYours,
      view: feedback,
      act: thenKick(async (actor, data: { sessionId: string; anotherTime: boolean }) => feedbackCard(await answerMissed(deps, actor, data))),
    }),
  ];
}
